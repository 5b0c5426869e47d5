#!/usr/bin/env bash
# Builds the web app into dist/ (release: opt-level "z", LTO, wasm-opt -Oz).
# Skips the build when dist/ is newer than every source it is made from,
# unless --force. Used by scripts/serve.sh and scripts/e2e.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
export PATH="$HOME/.cargo/bin:$ROOT/.tools/node_modules/.bin:$PATH"
# Trunk must not download tools or check for updates: setup.sh installed them.
export TRUNK_SKIP_VERSION_CHECK=true

if [ "${1:-}" != "--force" ] && [ -f dist/index.html ] && [ -f dist/certscope-wasm.js ]; then
  newer=$(find src crates vendor www index.html Trunk.toml Cargo.toml Cargo.lock scripts/inline-wasm.mjs scripts/precache-sw.mjs scripts/post-build.mjs scripts/embed-css.mjs scripts/shell.mjs \
    -newer dist/certscope-wasm.js -type f -print -quit 2>/dev/null || true)
  if [ -z "$newer" ]; then
    echo "build-web: dist/ is up to date"
    exit 0
  fi
fi
# Trunk passes --offline to cargo, and a fresh machine's cargo cache lacks
# the wasm-only crates (getrandom 0.2, gloo) that native builds never fetch.
cargo fetch --target wasm32-unknown-unknown
echo "build-web: trunk build --release (a few minutes on a cold cache)"
trunk build --release --offline
