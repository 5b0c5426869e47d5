#!/usr/bin/env bash
# Browser tests: builds the app if needed, serves dist/ on a free port and
# drives Debian's Chromium with playwright-core (tests/e2e/*.mjs).
# Prints "N passed, N failed"; exits non-zero on failure.
# Screenshots: tests/e2e/artifacts/.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --tests
scripts/build-web.sh
# The suites: the app's (run.mjs), hostile rendering (hostile.mjs, issue
# 6), offline/PWA and the iframe mode (offline.mjs, issue 5) and the
# <certscope-inspector> element (embed.mjs, issue 5). Each prints its own
# "N passed, N failed"; the last line totals them.
passed=0 failed=0 status=0
for suite in tests/e2e/run.mjs tests/e2e/hostile.mjs tests/e2e/offline.mjs tests/e2e/embed.mjs; do
  echo "--- $suite"
  log=$(mktemp)
  node "$suite" --dist dist "$@" 2>&1 | tee "$log" || status=1
  line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$log" | tail -n 1 || true)
  rm -f "$log"
  if [[ -z "$line" ]]; then
    echo "$suite printed no result line"
    failed=$((failed + 1)) status=1
    continue
  fi
  read -r p _ f _ <<<"$line"
  passed=$((passed + p)) failed=$((failed + f))
done
# The browser benchmark's smoke run (one run per page, each must give a
# verdict; about 6 s), where its peers are installed: it needs
# `npm ci` in bench/browser, which CI does not do.
if [[ -d bench/browser/node_modules ]]; then
  echo "--- bench/browser/run.mjs --smoke"
  node bench/browser/run.mjs --smoke --dist dist || status=1
else
  echo "--- bench/browser: skipped (no bench/browser/node_modules; npm ci there to include it)"
fi
echo
echo "$passed passed, $failed failed"
exit "$status"
