#!/usr/bin/env bash
# Browser tests: builds the app if needed, serves dist/ on a free port and
# drives Debian's Chromium with playwright-core (tests/e2e/run.mjs).
# Prints "N passed, N failed"; exits non-zero on failure.
# Screenshots: tests/e2e/artifacts/.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --tests
scripts/build-web.sh
exec node tests/e2e/run.mjs --dist dist "$@"
