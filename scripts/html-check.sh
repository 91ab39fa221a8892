#!/bin/sh
# Renders HTML reports in headless Chromium: a screenshot (1400×2000) of each page to look at,
# and the page after its script has run, to check that the script ran without error.
# Usage: scripts/html-check.sh PAGE.html ...   (screenshots in $HTML_CHECK_OUT, default .build/html-check)
set -eu
out=${HTML_CHECK_OUT:-.build/html-check}
browser=""
for name in chromium chromium-browser google-chrome; do
  if command -v "$name" >/dev/null 2>&1; then browser=$name; break; fi
done
if [ -z "$browser" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing chromium"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >/dev/null
    browser=chromium
  else
    echo "html-check: Chromium is missing (apt-get install chromium)" >&2
    exit 1
  fi
fi
flags="--headless --disable-gpu --no-first-run --hide-scrollbars --mute-audio"
# Chromium refuses its sandbox when run as root.
if [ "$(id -u)" = 0 ]; then flags="$flags --no-sandbox"; fi
mkdir -p "$out"
status=0
for page in "$@"; do
  name=$(printf '%s' "$page" | sed 's/\.html$//; s/[^A-Za-z0-9_-]/-/g')
  url="file://$(realpath "$page")"
  png="$out/$name.png"
  rm -f "$png"
  timeout 120 "$browser" $flags --window-size=1400,2000 --screenshot="$png" "$url" >/dev/null 2>&1 || true
  timeout 120 "$browser" $flags --virtual-time-budget=3000 --dump-dom "$url" >"$out/$name.dom.html" 2>/dev/null || true
  size=$(wc -c <"$png" 2>/dev/null || echo 0)
  if [ "$size" -lt 20000 ]; then
    echo "FAIL $page: no screenshot, or an empty one ($size bytes)"; status=1; continue
  fi
  if ! grep -q '<html lang="nb" class="js">' "$out/$name.dom.html"; then
    echo "FAIL $page: the page's script did not run"; status=1; continue
  fi
  echo "ok   $page → $png ($size bytes; script ran)"
done
exit $status
