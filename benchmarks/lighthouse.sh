#!/usr/bin/env bash
# Lighthouse's four scores (performance, accessibility, best practices, SEO) for the
# front page and the lead story of a running site, with its mobile and desktop settings,
# in Debian's Chromium. A measurement for benchmarks/README.md, not a test.
#
#   make demo                      # in one terminal (or any running site: BASE=...)
#   benchmarks/lighthouse.sh       # in another; needs Node.js and npm
#
# Lighthouse is installed from npm into a temporary folder (12.2.3: the newest release
# that runs on Node.js 20).
set -euo pipefail
BASE=${BASE:-http://127.0.0.1:8000}
VERSION=${LIGHTHOUSE_VERSION:-12.2.3}
CHROME_PATH=${CHROME_PATH:-$(command -v chromium || command -v chromium-browser)}
export CHROME_PATH
TOOLS=$(mktemp -d)
OUT=$(mktemp -d)
trap 'rm -rf "$TOOLS" "$OUT"' EXIT

npm install --prefix "$TOOLS" --no-audit --no-fund --silent -E "lighthouse@$VERSION" >/dev/null
LIGHTHOUSE="$TOOLS/node_modules/.bin/lighthouse"
STORY=${STORY:-$(curl -fsS "$BASE/" | python3 -c 'import re, sys
found = re.search(r"card--lead.*?card__headline\"><a href=\"([^\"]+)\"", sys.stdin.read(), re.S)
print(found.group(1) if found else "")')}
if [ -z "$STORY" ]; then
  echo "No lead story found on $BASE/: set STORY=/section/slug/" >&2
  exit 1
fi

FLAGS="--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run \
--disable-background-networking --disable-component-update --disable-sync"

echo "Lighthouse $VERSION, $(uname -m), $(nproc) cores, $("$CHROME_PATH" --version), $(date -u +%F)"
printf '| page | form factor | performance | accessibility | best practices | SEO |\n'
printf '| --- | --- | --- | --- | --- | --- |\n'
for path in / "$STORY"; do
  for form in mobile desktop; do
    preset=()
    [ "$form" = desktop ] && preset=(--preset=desktop)
    report="$OUT/report.json"
    "$LIGHTHOUSE" "$BASE$path" "${preset[@]}" --quiet --output=json --output-path="$report" \
      --chrome-flags="$FLAGS" --only-categories=performance,accessibility,best-practices,seo
    python3 - "$report" "$path" "$form" <<'EOF'
import json, sys
report = json.load(open(sys.argv[1]))
scores = [round(report["categories"][c]["score"] * 100)
          for c in ("performance", "accessibility", "best-practices", "seo")]
print(f"| {sys.argv[2]} | {sys.argv[3]} | " + " | ".join(map(str, scores)) + " |")
failed = [a["title"] for a in report["audits"].values()
          if a.get("score") is not None and a["score"] < 0.9
          and a.get("scoreDisplayMode") in ("binary", "numeric")]
if failed:
    print("  below 0.9: " + "; ".join(failed[:8]), file=sys.stderr)
EOF
  done
done
