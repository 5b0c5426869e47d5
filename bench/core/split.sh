#!/usr/bin/env bash
# How small a first module could be if the wasm were split by what runs: the
# core alone (bench/core/src/lib.rs), built and optimised as run.mjs builds it,
# instrumented by Binaryen's wasm-split, run once on each of bench/browser's
# three inputs in Node, then split into the functions those runs called
# (primary) and the rest (secondary). Prints each module's code and data
# sections, raw and xz-compressed as scripts/inline-wasm.mjs compresses the
# page's wasm.
#
#   bench/core/split.sh
#
# npm's binaryen has no wasm-split, so Debian's package is unpacked into
# .tools/binaryen-deb/ (apt-get download; nothing is installed). Not part of
# scripts/test.sh: it is a size measurement (docs/performance.md, "Bytes").
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

DEB="$ROOT/.tools/binaryen-deb"
if [ ! -x "$DEB/usr/bin/wasm-split" ]; then
  (cd "$WORK" && apt-get download -q binaryen >/dev/null)
  mkdir -p "$DEB"
  dpkg -x "$WORK"/binaryen_*.deb "$DEB"
fi
split() { LD_LIBRARY_PATH="$DEB/usr/lib/x86_64-linux-gnu" "$DEB/usr/bin/wasm-split" -all "$@"; }
WASM_OPT="$ROOT/.tools/node_modules/.bin/wasm-opt"
read -r -a PARAMS <<<"$(sed -n 's/.*data-wasm-opt-params="\([^"]*\)".*/\1/p' index.html)"

cargo build --release --target wasm32-unknown-unknown -p certscope-bench-core
"$WASM_OPT" -Oz "${PARAMS[@]}" target/wasm32-unknown-unknown/release/certscope_bench_core.wasm -o "$WORK/core.wasm"
split --instrument "$WORK/core.wasm" -o "$WORK/instrumented.wasm"

# One analysis of each input, as run.mjs makes them, then the profile of
# which functions ran.
node --input-type=module - "$WORK/instrumented.wasm" "$WORK/profile" <<'EOF'
import { readFile, writeFile } from 'node:fs/promises';
const { CASES, pemOf } = await import(`${process.cwd()}/bench/browser/inputs.mjs`);
const [file, out] = process.argv.slice(2);
const x = (await WebAssembly.instantiate(await readFile(file), {})).instance.exports;
const enc = new TextEncoder();
for (const c of CASES) {
  const paste = enc.encode(c.chain + pemOf(c.ocsp, 'OCSP RESPONSE'));
  const root = enc.encode(c.root);
  const ptr = x.bench_buffer(paste.length + root.length);
  new Uint8Array(x.memory.buffer, ptr, paste.length).set(paste);
  new Uint8Array(x.memory.buffer, ptr + paste.length, root.length).set(root);
  const len = x.bench_analyze(paste.length, root.length, BigInt(Math.floor(Date.parse(c.at) / 1000)));
  const summary = new TextDecoder().decode(new Uint8Array(x.memory.buffer, x.bench_summary(), len));
  if (!/Trusted: Yes/.test(summary)) throw new Error(`${c.name}: not trusted\n${summary}`);
}
const ptr = x.bench_buffer(1 << 20);
const n = x.__write_profile(ptr, 1 << 20);
await writeFile(out, new Uint8Array(x.memory.buffer, ptr, n));
EOF

split --split --profile="$WORK/profile" "$WORK/core.wasm" -o1 "$WORK/primary.wasm" -o2 "$WORK/secondary.wasm"
for m in core primary secondary; do
  "$WASM_OPT" -all -Oz "${PARAMS[@]}" "$WORK/$m.wasm" -o "$WORK/$m.opt.wasm"
done

python3 - "$WORK" <<'EOF'
import lzma, sys
work = sys.argv[1]
xz = lambda b: len(lzma.compress(b, format=lzma.FORMAT_XZ, check=lzma.CHECK_CRC32,
    filters=[{'id': lzma.FILTER_LZMA2, 'preset': 9 | lzma.PRESET_EXTREME, 'pb': 0, 'lc': 4}]))
def sections(b):
    out, i = {}, 8
    while i < len(b):
        sid, i = b[i], i + 1
        n = shift = 0
        while True:
            byte, i = b[i], i + 1
            n |= (byte & 0x7f) << shift
            shift += 7
            if byte < 0x80:
                break
        out[sid] = out.get(sid, b'') + b[i:i + n]
        i += n
    return out
kb = lambda n: f'{n / 1024:.1f}'
print('| module | whole: raw KB | whole: xz KB | code: raw KB | code: xz KB | data: raw KB | data: xz KB |')
print('|---|---:|---:|---:|---:|---:|---:|')
for m, what in [('core', 'the core, unsplit'), ('primary', 'primary: what the three inputs ran'), ('secondary', 'secondary: the rest')]:
    b = open(f'{work}/{m}.opt.wasm', 'rb').read()
    s = sections(b)
    code, data = s.get(10, b''), s.get(11, b'')
    print(f'| {what} | {kb(len(b))} | {kb(xz(b))} | {kb(len(code))} | {kb(xz(code))} | {kb(len(data))} | {kb(xz(data))} |')
EOF
