#!/usr/bin/env bash
# Installs what building and testing certscope needs. Idempotent: each step
# checks first and does nothing when the tool is already there.
#
#   scripts/setup.sh           Rust + wasm target, Trunk, wasm-bindgen, wasm-opt, zopfli,
#                              xz and xz-decompress
#   scripts/setup.sh --tests   also Chromium, nginx and apache2 (Debian packages)
#                              and playwright-core
#
# Tools go to ~/.cargo/bin (cargo install) and ./.tools (npm); nothing else
# is downloaded at build time (Trunk runs --offline).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

TRUNK_VERSION=0.21.14          # 0.22 needs Rust 1.96
BINARYEN_VERSION=132.0.0       # wasm-opt version_132 (Trunk.toml [tools])
XZ_DECOMPRESS_VERSION=0.2.3    # the browser's xz decoder for the inlined wasm
WITH_TESTS=0
for arg in "$@"; do
  case "$arg" in
    --tests|--e2e) WITH_TESTS=1 ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "setup.sh: unknown argument $arg" >&2; exit 2 ;;
  esac
done

say() { printf 'setup: %s\n' "$*"; }
have() { command -v "$1" >/dev/null 2>&1; }
export PATH="$HOME/.cargo/bin:$ROOT/.tools/node_modules/.bin:$PATH"

sudo_cmd() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif have sudo; then sudo "$@"; else
    echo "setup: need root to run: $*" >&2; return 1; fi
}
apt_install() {
  have apt-get || { echo "setup: please install $* with your package manager" >&2; return 1; }
  sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive sudo_cmd apt-get install -y -qq "$@"
}

# 1. Rust and the wasm target.
if ! have cargo; then
  say "installing Rust (rustup)"
  have curl || apt_install curl ca-certificates
  curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal
fi
if have rustup && ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi
if ! have cc; then
  say "installing a C toolchain (needed by cargo install)"
  apt_install build-essential pkg-config
fi

# 2. Trunk (pinned: the version this project is built and tested with).
if ! trunk --version 2>/dev/null | grep -q "trunk $TRUNK_VERSION"; then
  say "installing trunk $TRUNK_VERSION (a few minutes)"
  cargo install --locked trunk --version "$TRUNK_VERSION"
fi

# 3. wasm-bindgen CLI: must equal the wasm-bindgen crate in Cargo.lock.
BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if ! wasm-bindgen --version 2>/dev/null | grep -q " $BINDGEN_VERSION\$"; then
  say "installing wasm-bindgen-cli $BINDGEN_VERSION (a few minutes)"
  cargo install wasm-bindgen-cli --version "$BINDGEN_VERSION"
fi
if ! grep -q "wasm_bindgen = \"$BINDGEN_VERSION\"" Trunk.toml; then
  echo "setup: Trunk.toml [tools] wasm_bindgen must be \"$BINDGEN_VERSION\" (from Cargo.lock)" >&2
  exit 1
fi

# 4. Node (runs wasm-opt from npm, the build hook and the browser tests).
if ! have node || ! have npm; then
  say "installing Node.js"
  apt_install nodejs npm
fi

# 5. wasm-opt from npm's binaryen (Debian's is too old for Rust's wasm features).
if ! "$ROOT/.tools/node_modules/.bin/wasm-opt" --version 2>/dev/null | grep -q "version_${BINARYEN_VERSION%%.*}"; then
  say "installing binaryen $BINARYEN_VERSION into .tools/"
  mkdir -p "$ROOT/.tools"
  npm install --silent --no-audit --no-fund --prefix "$ROOT/.tools" "binaryen@$BINARYEN_VERSION"
fi

# 5b. zopfli: gzips the inlined wasm ~5 % smaller than zlib (scripts/inline-wasm.mjs).
# Optional: without it the build falls back to zlib -9.
if ! have zopfli; then
  say "installing zopfli (smaller gzip of the inlined wasm)"
  apt_install zopfli || say "zopfli not installed: the wasm module will be ~30 KB bigger"
fi

# 5c. xz, and xz-decompress (xz-embedded in wasm) for the browser: the inlined
# wasm ships xz-compressed, ~17 % smaller than zopfli's gzip
# (scripts/inline-wasm.mjs). Optional: without them the build ships gzip.
if ! have xz; then
  say "installing xz-utils (smaller inlined wasm)"
  apt_install xz-utils || say "xz not installed: the wasm module will be ~110 KB bigger"
fi
if ! grep -qs "\"version\": \"$XZ_DECOMPRESS_VERSION\"" "$ROOT/.tools/node_modules/xz-decompress/package.json"; then
  say "installing xz-decompress $XZ_DECOMPRESS_VERSION into .tools/"
  mkdir -p "$ROOT/.tools"
  npm install --silent --no-audit --no-fund --prefix "$ROOT/.tools" "xz-decompress@$XZ_DECOMPRESS_VERSION" ||
    say "xz-decompress not installed: the wasm module will be ~110 KB bigger"
fi

# 6. Browser tests: Debian's Chromium (no downloaded browsers) + playwright-core.
if [ "$WITH_TESTS" = 1 ]; then
  if ! have chromium; then
    say "installing chromium and chromium-driver"
    apt_install chromium chromium-driver
  fi
  # The stapling lab (tests/lab/run.sh): Debian's nginx and Apache httpd
  # (mod_ssl ships in apache2). The lab runs its own instances on loopback
  # with configs of its own; it never touches the packaged services.
  if [ ! -x /usr/sbin/nginx ] || [ ! -x /usr/sbin/apache2 ]; then
    say "installing nginx and apache2 for the stapling lab"
    apt_install nginx apache2
  fi
  if [ ! -d "$ROOT/tests/e2e/node_modules/playwright-core" ]; then
    say "installing playwright-core for tests/e2e"
    (cd "$ROOT/tests/e2e" && if [ -f package-lock.json ]; then npm ci --silent --no-audit --no-fund; else npm install --silent --no-audit --no-fund; fi)
  fi
fi

say "ready (trunk $(trunk --version | awk '{print $2}'), wasm-bindgen $BINDGEN_VERSION, $("$ROOT/.tools/node_modules/.bin/wasm-opt" --version))"
