#!/usr/bin/env bash
# Requests per second for the flagship story page, measured in one run against nginx serving
# a static article (the machine's ceiling) and a bare Wagtail page (the baseline), with the
# harness in ../shared/bench (see its README). Everything listens on loopback only.
# Usage: benchmarks/article_page.sh        (env: BENCH=path/to/shared/bench, ROUNDS=3)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BENCH="${BENCH:-$ROOT/../shared/bench}"
[[ -d "$BENCH" ]] || { echo "The benchmark harness is not at $BENCH; set BENCH." >&2; exit 2; }
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }

export NEWSDESK_DATA_DIR="${NEWSDESK_DATA_DIR:-$ROOT/var/bench}"
export DJANGO_SETTINGS_MODULE=newsdesk.settings.dev
PORT=8090
cd "$ROOT"
make -s install
.venv/bin/newsdesk migrate --no-input -v0
.venv/bin/newsdesk collectstatic --no-input -v0
.venv/bin/newsdesk load_demo --host 127.0.0.1 --port "$PORT" >/dev/null
.venv/bin/gunicorn newsdesk.wsgi:application --workers 2 --bind "127.0.0.1:$PORT" \
  --daemon --pid "$NEWSDESK_DATA_DIR/gunicorn.pid" --log-level warning
trap 'kill "$(cat "$NEWSDESK_DATA_DIR/gunicorn.pid")" 2>/dev/null || true' EXIT
for _ in $(seq 60); do curl -sf -o /dev/null "http://127.0.0.1:$PORT/" && break; sleep 0.5; done

"$BENCH/setup-nginx-static.sh"
"$BENCH/setup-wagtail.sh"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -m), $(date -u +%F)"
"$BENCH/run-all.sh" \
  static=http://127.0.0.1:8081/transport/riverside-tram-line-to-reopen-in-2028/ \
  wagtail=http://127.0.0.1:8083/riverside-tram-line-to-reopen-in-2028/ \
  newsdesk="http://127.0.0.1:$PORT/world/putin-modi-december-4-talks/"
