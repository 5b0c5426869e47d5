// The machine code one analysis runs, natively: how many distinct 64-byte lines of code the
// second `analyze` of each bench/browser input executes (examples/footprint.rs under callgrind,
// --dump-instr=yes), by crate. A line of code that is not in the CPU's caches when the analysis
// reaches it costs a fetch from further out; the page's first analysis after a pause pays for
// each (docs/performance.md, "Why the page's stopwatch says more"). Built as the page's core is
// (the release profile) but for the host, on the wasm build's 32-bit limbs
// (`certscope-arith/limb32`): V8's code for the wasm is laid out differently and is larger, so
// read the shares, not the kilobytes.
//
//   node bench/core/footprint.mjs          # needs valgrind
// Not part of scripts/test.sh: it is a measurement.

import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const { CASES, pemOf } = await import('../browser/inputs.mjs');

execFileSync('cargo', ['build', '--release', '-p', 'certscope-bench-core', '--features', 'certscope-arith/limb32', '--example', 'footprint'], { cwd: repo, stdio: 'inherit' });
const exe = join(repo, 'target', 'release', 'examples', 'footprint');

/**
 * The 64-byte lines each function executed, from a callgrind profile written with
 * --dump-instr=yes: a cost line starts with its instruction's address, absolute (0x…),
 * relative to the line before (+n, -n) or the same (*). Call lines' costs sit at the call
 * instruction, which ran too.
 */
function linesByFunction(profile) {
  const names = new Map();
  const lines = new Map();
  let fn = null;
  let last = 0n;
  for (const l of profile.split('\n')) {
    const named = /^c?fn=\((\d+)\)(?: (.*))?$/.exec(l);
    if (named) {
      if (named[2] !== undefined) names.set(named[1], named[2]);
      if (l.startsWith('fn=')) fn = names.get(named[1]);
      continue;
    }
    const at = /^(0x[0-9a-f]+|[+-]\d+|\*)(?:\s|$)/.exec(l);
    if (!at || fn === null) continue;
    const t = at[1];
    last = t.startsWith('0x') ? BigInt(t) : t === '*' ? last : last + BigInt(t);
    if (!lines.has(fn)) lines.set(fn, new Set());
    lines.get(fn).add(last >> 6n);
  }
  return lines;
}

// A function counts under the first of these its name matches, so that a decoder `der`
// derives for an x509-cert type is counted as der's, as twiggy counts it. A crate's name counts
// where a path starts (`der::…`, `<der::…`, `<T as der::…`), not inside one
// (`certscope::input::der::…` is certscope's).
const crate = (names) => new RegExp(`(?:^|[<\\s(&])(?:${names})::`);
const GROUPS = [
  ['signature arithmetic (certscope-arith)', crate('certscope_arith')],
  ['hashes (sha1, sha2, digest)', crate('sha1|sha2|digest')],
  ['decoders (der, x509-cert, x509-ocsp, spki, const-oid)', crate('der|x509_cert|x509_ocsp|spki|const_oid')],
  ['certscope: input', crate('certscope::input')],
  ['certscope: chain', crate('certscope::chain')],
  ['certscope: OCSP', crate('certscope::ocsp')],
  ['certscope: byte ranges, ASN.1 trees', crate('certscope::(?:ranges|asn1)')],
  ['certscope: the rest (x509, report, findings, …)', crate('certscope|certscope_bench_core')],
  ['standard library, allocator, hash maps', /(?:^|[<\s(&])(?:core|alloc|std|hashbrown)::|__rust|malloc|free|mem(?:cpy|move|set|cmp)/],
];

const dir = await mkdtemp(join(tmpdir(), 'certscope-footprint-'));
try {
  const rows = [];
  for (const [i, c] of CASES.entries()) {
    const [paste, anchors, out] = ['paste', 'anchors', 'callgrind'].map((f) => join(dir, `${i}.${f}`));
    await writeFile(paste, c.chain + pemOf(c.ocsp, 'OCSP RESPONSE'));
    await writeFile(anchors, c.root);
    execFileSync('valgrind', ['--tool=callgrind', '--dump-instr=yes', '--collect-atstart=no', "--toggle-collect=*footprint::measured*", `--callgrind-out-file=${out}`, exe, paste, anchors, String(Math.floor(Date.parse(c.at) / 1000))], { stdio: 'ignore' });
    const byFn = linesByFunction(await readFile(out, 'utf8'));
    const all = new Set();
    const groups = new Map(GROUPS.map(([name]) => [name, new Set()]));
    groups.set('other', new Set());
    for (const [fn, set] of byFn) {
      const group = GROUPS.find(([, re]) => re.test(fn))?.[0] ?? 'other';
      for (const line of set) {
        all.add(line);
        groups.get(group).add(line);
      }
    }
    rows.push({ name: c.name, all: all.size, groups });
  }
  const kb = (n) => ((n * 64) / 1024).toFixed(1);
  console.log('\ndistinct 64-byte lines of machine code one analysis runs (native, 32-bit limbs): lines (KB)\n');
  console.log(`| | ${rows.map((r) => r.name).join(' | ')} |`);
  console.log(`|---|${rows.map(() => '---:').join('|')}|`);
  console.log(`| **all** | ${rows.map((r) => `**${r.all} (${kb(r.all)})**`).join(' | ')} |`);
  for (const name of [...GROUPS.map(([n]) => n), 'other']) {
    console.log(`| ${name} | ${rows.map((r) => `${r.groups.get(name).size} (${kb(r.groups.get(name).size)})`).join(' | ')} |`);
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}
