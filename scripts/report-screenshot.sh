#!/usr/bin/env bash
# Screenshot of an HTML report (tma evaluate/compare/agreement --out <dir> writes report.html) in headless Chromium,
# to check that the page and its embedded plots render offline. Needs Debian's chromium (apt-get install chromium).
#   scripts/report-screenshot.sh report/report.html report.png [width,height]
set -euo pipefail

if [[ $# -lt 2 ]]; then
  echo "usage: $0 <report.html> <out.png> [width,height (default 1280,2400)]" >&2
  exit 2
fi

html="$1"
out="$2"
size="${3:-1280,2400}"
if [[ ! -f "$html" ]]; then
  echo "$0: $html does not exist" >&2
  exit 2
fi

browser="$(command -v chromium || command -v chromium-browser || true)"
if [[ -z "$browser" ]]; then
  echo "$0: chromium is not installed (Debian: apt-get install -y chromium)" >&2
  exit 2
fi

profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
# No network features: the report must render from the file alone.
"$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$profile" --hide-scrollbars \
  --screenshot="$(realpath -m "$out")" --window-size="$size" \
  "file://$(realpath "$html")" 2>/dev/null
test -s "$out"
echo "wrote $out"
