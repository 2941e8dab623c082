#!/usr/bin/env bash
# The viral-story benchmark, in one run with the harness in ../shared/bench (see its README):
# requests/s for the flagship story from
#   static    nginx serving a 39 KB article file (the machine's ceiling)
#   wagtail   a minimal bare Wagtail page under gunicorn (the baseline)
#   varnish   newsdesk through the reference Varnish (deploy/varnish/newsdesk.vcl): cached
#   pages     newsdesk's own page cache under gunicorn, no proxy
#   gunicorn  newsdesk straight from gunicorn with the page cache off: uncached, assembled
#             from kept fragments (core/fragments.py); section and home likewise
#   whole     the same with fragments off too: every part of the page made each time
#   granian   the uncached story served by granian, to choose the WSGI server (GRANIAN=1)
# then, with the page cache off, the latency of a story page, a section page and the home
# page in newsrooms of 1,000 and 100,000 stories (one connection, so it is latency alone).
# Everything listens on loopback only and stops when the script ends.
# Usage: benchmarks/scale.sh      (env: BENCH=path/to/shared/bench, ROUNDS=3; SKIP_RATES=1 or
#        SKIP_ROOMS=1 to run one half)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BENCH="${BENCH:-$ROOT/../shared/bench}"
[[ -d "$BENCH" ]] || { echo "The benchmark harness is not at $BENCH; set BENCH." >&2; exit 2; }
need=()
command -v wrk >/dev/null || need+=(wrk)
command -v varnishd >/dev/null || need+=(varnish)
if ((${#need[@]})); then apt-get update -qq && apt-get install -y -qq "${need[@]}" >/dev/null; fi

cd "$ROOT"
make -s install
.venv/bin/pip install -q -e '.[bench]'
export DJANGO_SETTINGS_MODULE=newsdesk.settings.dev
STATE="${ANCHOR_DIR:-/tmp/bench}/newsdesk-scale"
mkdir -p "$STATE"
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT

wait_for() {
  for _ in $(seq 120); do curl -sf -o /dev/null "$1" && return 0; sleep 0.5; done
  echo "$1 did not answer" >&2
  return 1
}

# serve NAME DATA_DIR PORT PAGE_CACHE [SERVER] [FRAGMENTS]: the site on 127.0.0.1:PORT,
# 2 workers
serve() {
  local name=$1 data=$2 port=$3 cache=$4 server=${5:-gunicorn} fragments=${6:-true}
  local env=(env NEWSDESK_DATA_DIR="$data" NEWSDESK_PAGE_CACHE="$cache"
    NEWSDESK_FRAGMENTS="$fragments" NEWSDESK_ALLOWED_HOSTS=127.0.0.1,localhost)
  if [[ $server == granian ]]; then
    "${env[@]}" .venv/bin/granian --interface wsgi --workers 2 --host 127.0.0.1 \
      --port "$port" --log-level warning newsdesk.wsgi:application \
      >"$STATE/$name.log" 2>&1 &
  else
    "${env[@]}" .venv/bin/gunicorn newsdesk.wsgi:application --workers 2 \
      --bind "127.0.0.1:$port" --log-level warning >"$STATE/$name.log" 2>&1 &
  fi
  PIDS+=($!)
}

# The demo site, flagship story included.
DEMO="$ROOT/var/bench"
NEWSDESK_DATA_DIR="$DEMO" .venv/bin/newsdesk migrate --no-input -v0
NEWSDESK_DATA_DIR="$DEMO" .venv/bin/newsdesk collectstatic --no-input -v0
NEWSDESK_DATA_DIR="$DEMO" .venv/bin/newsdesk load_demo --host 127.0.0.1 --port 8093 >/dev/null
rm -rf "$DEMO/cache"
STORY=/world/putin-modi-december-4-talks/

serve pages "$DEMO" 8093 true
serve gunicorn "$DEMO" 8094 false
serve granian "$DEMO" 8095 false granian
serve whole "$DEMO" 8096 false gunicorn false
sed 's/\.port = "8000";/.port = "8093";/' deploy/varnish/newsdesk.vcl >"$STATE/newsdesk.vcl"
chmod 755 "$STATE"; chmod 644 "$STATE/newsdesk.vcl"
varnishd -F -n "$STATE/varnish" -a 127.0.0.1:6091 -f "$STATE/newsdesk.vcl" -s malloc,256m \
  >"$STATE/varnish.log" 2>&1 &
PIDS+=($!)
for port in 8093 8094 8095 8096 6091; do wait_for "http://127.0.0.1:$port$STORY"; done

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -m)," \
  "$(.venv/bin/python --version), SQLite, $(date -u +%F)"
if [[ -z "${SKIP_RATES:-}" ]]; then
  "$BENCH/setup-nginx-static.sh"
  "$BENCH/setup-wagtail.sh"
  systems=(
    static=http://127.0.0.1:8081/transport/riverside-tram-line-to-reopen-in-2028/
    wagtail=http://127.0.0.1:8083/riverside-tram-line-to-reopen-in-2028/
    varnish="http://127.0.0.1:6091$STORY"
    pages="http://127.0.0.1:8093$STORY"
    gunicorn="http://127.0.0.1:8094$STORY"
    section="http://127.0.0.1:8094/world/"
    home="http://127.0.0.1:8094/"
    whole="http://127.0.0.1:8096$STORY"
  )
  [[ -n "${GRANIAN:-}" ]] && systems+=(granian="http://127.0.0.1:8095$STORY")
  "$BENCH/run-all.sh" "${systems[@]}"
  "$BENCH/setup-nginx-static.sh" stop || true
  "$BENCH/setup-wagtail.sh" stop || true
fi

# Latency against the size of the newsroom, page cache off.
[[ -n "${SKIP_ROOMS:-}" ]] && exit 0
for stories in 1000 100000; do
  data="$ROOT/var/bench-$stories"
  NEWSDESK_DATA_DIR="$data" .venv/bin/python -c "
import sys; sys.path.insert(0, 'benchmarks')
import bigroom; bigroom.build($stories)"
  port=$((8100 + ${#stories}))
  serve "rooms-$stories" "$data" "$port" false
  wait_for "http://127.0.0.1:$port$STORY"
  for page in "$STORY" /world/ /; do
    THREADS=1 CONNS=1 DURATION=10s WARMUP=3s "$BENCH/measure.sh" \
      "http://127.0.0.1:$port$page" "stories-$stories$page" | cut -f1-4
  done
done
