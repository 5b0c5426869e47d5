#!/usr/bin/env bash
# The one test command: formatting, lints, the native tests (core, CLI, the
# app's state and server-side render tests), then the browser tests.
# Fails on the first failure. Run it from anywhere: scripts/test.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PATH="$HOME/.cargo/bin:$PATH"

step() { printf '\n==> %s\n' "$*"; }

step "cargo fmt --check"
cargo fmt --all -- --check

step "cargo clippy --workspace --all-targets -- -D warnings"
cargo clippy --workspace --all-targets -- -D warnings

step "cargo test --workspace"
cargo test --workspace

if [[ -f scripts/e2e.sh ]]; then
    # The browser tests need trunk, wasm-bindgen, Chromium and the npm
    # packages; setup.sh installs whatever is missing (.ci/run has run it).
    if [[ -z "${CERTSCOPE_SETUP_DONE:-}" && -f scripts/setup.sh ]]; then
        step "scripts/setup.sh"
        bash scripts/setup.sh
    fi
    step "scripts/e2e.sh (browser tests)"
    bash scripts/e2e.sh
else
    step "browser tests"
    echo "NOTICE: scripts/e2e.sh does not exist yet, so the browser tests were NOT run."
fi

step "all tests passed"
