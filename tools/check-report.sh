#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
#
# check-report.sh: renders the simulator's report.html (spec/sim.md §5.6) in headless Chromium and
# fails unless the page loads without a script or console error, every chart it lists is in the
# rendered DOM, and its own check (no text outside a chart) wrote data-check="ok".
#
#   tools/check-report.sh                        # a small compare run in a temporary directory
#   tools/check-report.sh --screenshot docs/report.png
#
# Installs Debian's chromium when it is missing (as .ci/run installs its tools). Runs ./gridveil,
# which builds the simulator first if it is out of date.
set -euo pipefail
cd "$(dirname "$0")/.."

screenshot=""
if [[ "${1:-}" == "--screenshot" ]]; then
  screenshot="$(realpath -m "${2:?--screenshot needs a file}")"
fi

if ! command -v chromium >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  SUDO=""
  if [ "$(id -u)" != "0" ] && command -v sudo >/dev/null 2>&1; then SUDO="sudo -n"; fi
  echo "check-report: installing chromium"
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends chromium
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
out="$work/report"

./gridveil compare --meters 20 --rounds 12 --faults drop=0.01,fail=0.02 --out "$out" >"$work/gridveil.log" 2>&1 \
  || { cat "$work/gridveil.log"; echo "check-report: the simulator failed"; exit 1; }
page="$out/report.html"
[[ -f "$page" ]] || { echo "check-report: no report.html in $out"; exit 1; }

# The chart ids the page says it holds (the body's data-charts), as written.
charts="$(sed -n 's/.*<body [^>]*data-charts="\([^"]*\)".*/\1/p' "$page")"
count="$(wc -w <<<"$charts")"
[[ "$count" -ge 7 ]] || { echo "check-report: expected at least 7 charts (5 aggregate, 2 distortion), page lists $count"; exit 1; }

chrome=(chromium --headless --no-sandbox --disable-gpu --no-first-run --disable-extensions
  --user-data-dir="$work/profile" --enable-logging=stderr --v=0 --virtual-time-budget=5000)
"${chrome[@]}" --dump-dom "file://$page" >"$work/dom.html" 2>"$work/chromium.log" \
  || { cat "$work/chromium.log"; echo "check-report: chromium failed"; exit 1; }

fail=0
# The page logs nothing to the console: any console message (an uncaught error, a refused load) fails.
if grep -E "Uncaught|:CONSOLE[(:]|Refused to|net::ERR_" "$work/chromium.log"; then
  echo "check-report: the page reported errors or console messages (above)"
  fail=1
fi
for id in $charts; do
  if ! grep -q "<svg [^>]*id=\"$id\" class=\"chart\"" "$work/dom.html"; then
    echo "check-report: chart $id is not in the rendered DOM"
    fail=1
  fi
done
check="$(sed -n 's/.*<body [^>]*data-check="\([^"]*\)".*/\1/p' "$work/dom.html")"
if [[ "$check" != "ok" ]]; then
  echo "check-report: the page's own check says: ${check:-nothing (its script did not run)}"
  fail=1
fi
[[ "$fail" == 0 ]] || exit 1

if [[ -n "$screenshot" ]]; then
  mkdir -p "$(dirname "$screenshot")"
  "${chrome[@]}" --hide-scrollbars --window-size=1400,2600 --screenshot="$screenshot" "file://$page" \
    >/dev/null 2>&1 || { echo "check-report: the screenshot failed"; exit 1; }
  echo "check-report: screenshot in $screenshot"
fi
echo "check-report: report.html renders in Chromium with its $count charts and no error"
