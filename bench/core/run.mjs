// certscope's core alone in Chromium's V8: `analyze` of bench/browser's two inputs, as
// the app calls it, from a wasm module that holds the core and nothing of
// the page (bench/core/src/lib.rs), built as the page's wasm is built: the
// release profile, then wasm-opt -Oz with index.html's flags.
//
//   node bench/core/run.mjs                       # builds, 1,000 runs per input
//   node bench/core/run.mjs --ab OTHER.wasm       # A/B: this build against another
//   options: --runs N (1000) --wasm FILE (time FILE, build nothing)
//            --pairs N (5) --block N (400): an A/B alternates blocks of N runs
//            of each build, N pairs of them, and prints each block's median
//            --save FILE: keep the optimised module (the B of a later A/B;
//            bench/core/*.wasm is ignored by git)
//   node bench/core/run.mjs --in-app              # this module inside the app's page (dist/, so
//            scripts/build-web.sh first): after each paste, once right after the report is
//            on screen, once after 300 ms idle, ten in a row and once after emptying the CPU's
//            caches (as --cold does), beside the page's own stopwatch (--rounds N (40) per input)
//   node bench/core/run.mjs --cold [--ab OTHER.wasm] # one analysis at a time, the CPU's caches
//            emptied before each (a 16 MB array written through, --evict MB), as after a
//            pause in the page; the inputs, and with --ab the two builds, take turns sample
//            by sample (--samples N (300) per input and build); the mean of the fastest 95%
//            and the median (ms; means, since each time is in 0.1 ms steps)
//   node bench/core/run.mjs --ecdsa               # one ECDSA verification, P-256 and P-384:
//            certscope's arithmetic against the RustCrypto p256/p384 crates in one
//            module (bench/core/src/ecdsa.rs; --blocks N (5) of --block N runs each)
//
// What is timed (but for --cold and --in-app), in a blank page of the headless Chromium the
// other benchmarks use: performance.now() around 10 bench_analyze calls in a row,
// divided by 10 (Chromium gives the time in 0.1 ms steps to a page that is
// not cross-origin isolated); the inputs are copied into the module before
// each series. Medians, p10 and p90 are of those means. The page's own stopwatch times
// the same call between renders; bench/browser measures that, and
// docs/performance.md says why the two differ.
// Not part of scripts/test.sh: it is a benchmark.

import { execFileSync } from 'node:child_process';
import { copyFile, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..', '..');
const args = process.argv.slice(2);
const opt = (name, dflt) => (args.includes(name) ? args[args.indexOf(name) + 1] : dflt);
const RUNS = Number(opt('--runs', 1000));
const PAIRS = Number(opt('--pairs', 5));
const BLOCK = Number(opt('--block', 400));
const { CASES, pemOf } = await import('../browser/inputs.mjs');

/**
 * The core's module, built and optimised as the page's wasm is; with `features`, into a file of
 * its own (`name`), so that the module the A/B keeps is not replaced.
 */
async function build(features = [], name = 'certscope_bench_core') {
  const target = join(repo, 'target');
  const cargoArgs = ['build', '--release', '--target', 'wasm32-unknown-unknown', '-p', 'certscope-bench-core'];
  execFileSync('cargo', [...cargoArgs, ...features.flatMap((f) => ['--features', f])], { cwd: repo, stdio: 'inherit' });
  const html = await readFile(join(repo, 'index.html'), 'utf8');
  const params = /data-wasm-opt-params="([^"]*)"/.exec(html)?.[1].split(/\s+/).filter(Boolean) ?? [];
  const out = join(target, `${name}.opt.wasm`);
  const wasmOpt = join(repo, '.tools', 'node_modules', '.bin', 'wasm-opt');
  execFileSync(wasmOpt, ['-Oz', ...params, join(target, 'wasm32-unknown-unknown', 'release', 'certscope_bench_core.wasm'), '-o', out], { stdio: 'inherit' });
  return out;
}

/**
 * In a blank page of headless Chromium (the flags of bench/browser): one instance of each module
 * with the inputs copied in, then `plan` (an array of [module, case, runs, keep]) run in order;
 * returns each step's timings (performance.now() around bench_analyze) where `keep` is set.
 */
async function inChromium(files, plan) {
  const browser = await launch();
  try {
    const page = await (await browser.newContext()).newPage();
    const modules = await Promise.all(files.map(async (f) => (await readFile(f)).toString('base64')));
    const cases = CASES.map((c) => ({ name: c.name, paste: c.chain + pemOf(c.ocsp, 'OCSP RESPONSE'), root: c.root, at: Math.floor(Date.parse(c.at) / 1000) }));
    const r = await page.evaluate(async ({ modules, cases, plan }) => {
      const enc = new TextEncoder();
      const dec = new TextDecoder();
      const runners = await Promise.all(modules.map(async (b64) => {
        const bytes = Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0));
        const x = (await WebAssembly.instantiate(bytes, {})).instance.exports;
        return cases.map((c) => {
          // As bench/browser pastes into the app: the chain and the response; the root in the anchors field.
          const paste = enc.encode(c.paste);
          const root = enc.encode(c.root);
          return (n) => {
            const ptr = x.bench_buffer(paste.length + root.length);
            new Uint8Array(x.memory.buffer, ptr, paste.length).set(paste);
            new Uint8Array(x.memory.buffer, ptr + paste.length, root.length).set(root);
            const times = [];
            let len = 0;
            // Chromium gives performance.now() in 0.1 ms steps here (no cross-origin isolation):
            // each sample is the mean of a batch of 10 runs, so 10 µs steps.
            for (let i = 0; i < n; i += 10) {
              const t0 = performance.now();
              for (let k = 0; k < 10; k++) len = x.bench_analyze(paste.length, root.length, BigInt(c.at));
              times.push((performance.now() - t0) / 10);
            }
            return { times, summary: dec.decode(new Uint8Array(x.memory.buffer, x.bench_summary(), len)) };
          };
        });
      }));
      return plan.map(([m, c, n]) => runners[m][c](n));
    }, { modules, cases, plan });
    for (const { summary } of r) expectTrustedAndGood(summary);
    return { version: browser.version(), times: r.map((x, i) => (plan[i][3] ? x.times : null)) };
  } finally {
    await browser.close();
  }
}

/** Throws unless a summary says what every input gives: a trusted chain, a good OCSP response. */
function expectTrustedAndGood(summary) {
  if (!/Trusted: Yes — chains to/.test(summary) || !/OCSP Status: Good — signed by the issuer/.test(summary)) {
    throw new Error(`not a trusted chain with a good OCSP response:\n${summary}`);
  }
}

/** The headless Chromium of bench/browser. */
async function launch() {
  const require = createRequire(join(repo, 'tests', 'e2e', 'package.json'));
  const { chromium } = require('playwright-core');
  return chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'] });
}

/**
 * `bench_ecdsa` in a blank page: for each curve, `blocks` alternating blocks of `block`
 * verifications by each engine (0 certscope, 1 RustCrypto), after a warm-up of each; the time of
 * each block divided by `block`. Throws unless every verification accepted the signature.
 */
async function ecdsaInChromium(file, blocks, block) {
  const browser = await launch();
  try {
    const page = await (await browser.newContext()).newPage();
    const b64 = (await readFile(file)).toString('base64');
    const r = await page.evaluate(async ({ b64, blocks, block }) => {
      const bytes = Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0));
      const x = (await WebAssembly.instantiate(bytes, {})).instance.exports;
      const out = [];
      for (const curve of [0, 1]) {
        const times = [[], []];
        let accepted = 0;
        for (const engine of [0, 1]) accepted += x.bench_ecdsa(engine, curve, 20);
        for (let b = 0; b < blocks; b++) {
          for (const engine of [0, 1]) {
            const t0 = performance.now();
            accepted += x.bench_ecdsa(engine, curve, block);
            times[engine].push(((performance.now() - t0) / block) * 1000);
          }
        }
        out.push({ times, accepted, expected: 40 + 2 * blocks * block });
      }
      return out;
    }, { b64, blocks, block });
    for (const { accepted, expected } of r) {
      if (accepted !== expected) throw new Error(`${expected - accepted} of ${expected} verifications failed`);
    }
    return { version: browser.version(), times: r.map((x) => x.times) };
  } finally {
    await browser.close();
  }
}

const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
};
const ms = (x) => x.toFixed(3);

if (args.includes('--ecdsa')) {
  const file = opt('--wasm') ?? (await build(['rustcrypto'], 'certscope_bench_ecdsa'));
  const blocks = Number(opt('--blocks', 5));
  const block = Number(opt('--block', 200));
  const { version, times } = await ecdsaInChromium(file, blocks, block);
  console.log(`\nECDSA verification in Chromium ${version}, one module; ${blocks} blocks of ${block} per engine, µs per verification\n`);
  console.log('| curve | certscope (blocks) | RustCrypto (blocks) | RustCrypto ÷ certscope (medians) |');
  console.log('|---|---|---|---:|');
  ['P-256', 'P-384'].forEach((name, i) => {
    const [ours, theirs] = times[i];
    const us = (xs) => xs.map((t) => t.toFixed(1)).join(', ');
    console.log(`| ${name} | ${us(ours)} | ${us(theirs)} | ${(quantile(theirs, 0.5) / quantile(ours, 0.5)).toFixed(2)}× |`);
  });
  process.exit(0);
}

/**
 * Cold analyses in a blank page: `samples` rounds; in each, for each input and each module in
 * turn, a write through `evictMb` MB (which pushes the analysis's code and data out of the CPU's
 * caches, as whatever runs between two checks in the page does), then one `bench_analyze`, timed.
 * Returns per input, per module, the times (ms, in Chromium's 0.1 ms steps: read means); throws
 * unless every module found each input's chain trusted and its response good.
 */
async function coldInChromium(files, samples, evictMb) {
  const browser = await launch();
  try {
    const page = await (await browser.newContext()).newPage();
    const modules = await Promise.all(files.map(async (f) => (await readFile(f)).toString('base64')));
    const cases = CASES.map((c) => ({ paste: c.chain + pemOf(c.ocsp, 'OCSP RESPONSE'), root: c.root, at: Math.floor(Date.parse(c.at) / 1000) }));
    const r = await page.evaluate(async ({ modules, cases, samples, evictMb }) => {
      const enc = new TextEncoder();
      const xs = await Promise.all(modules.map(async (b64) => (await WebAssembly.instantiate(Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0)), {})).instance.exports));
      const big = new Float64Array((evictMb << 20) / 8);
      let sink = 0;
      // One write per 64-byte line.
      const evict = () => { for (let j = 0; j < big.length; j += 8) { big[j] += 1; sink += big[j]; } };
      const inputs = cases.map((c) => ({ p: enc.encode(c.paste), r: enc.encode(c.root), at: BigInt(c.at) }));
      const load = (x, { p, r }) => {
        const ptr = x.bench_buffer(p.length + r.length);
        new Uint8Array(x.memory.buffer, ptr, p.length).set(p);
        new Uint8Array(x.memory.buffer, ptr + p.length, r.length).set(r);
      };
      const once = (x, input) => {
        load(x, input);
        evict();
        const t0 = performance.now();
        x.bench_analyze(input.p.length, input.r.length, input.at);
        return performance.now() - t0;
      };
      // Warm: every function compiled and optimised, as in the page after its warm-up; and what
      // each module says of each input, for the caller to check.
      const dec = new TextDecoder();
      const summaries = [];
      for (const x of xs) {
        for (const input of inputs) {
          load(x, input);
          let len = 0;
          for (let i = 0; i < 300; i++) len = x.bench_analyze(input.p.length, input.r.length, input.at);
          summaries.push(dec.decode(new Uint8Array(x.memory.buffer, x.bench_summary(), len)));
        }
      }
      // Inputs and modules take turns, so that a slow spell of the machine falls on all alike;
      // the modules in the opposite order every other round (A B, B A), so that neither is
      // always the one that runs right after the other.
      const out = inputs.map(() => xs.map(() => []));
      for (let i = 0; i < samples; i++) {
        const order = i % 2 ? [...xs.keys()].reverse() : [...xs.keys()];
        inputs.forEach((input, c) => order.forEach((m) => out[c][m].push(once(xs[m], input))));
      }
      return { out, summaries, sink };
    }, { modules, cases, samples, evictMb });
    for (const summary of r.summaries) expectTrustedAndGood(summary);
    return r.out;
  } finally {
    await browser.close();
  }
}

/**
 * The module in the app's page: dist/ served from loopback, each input pasted as bench/browser
 * pastes it (the root in the anchors field). First `rounds` pastes timed by the page's own
 * stopwatch ("checked in … ms"); then, after each of `rounds` more, `bench_analyze` once right
 * after the report is on screen, once after 300 ms of idle, ten times in a row, and once after
 * 32 MB written through (the CPU's caches emptied, as --cold does). Medians per
 * input, in ms.
 */
async function inApp(file, rounds) {
  // The browser suites' static server.
  const { serve } = await import('../../tests/e2e/serve.mjs');
  const server = await serve(join(repo, 'dist'));
  const browser = await launch();
  try {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${server.origin}/`);
    await page.waitForSelector('#certscope[data-state="app"] #paste');
    // Past the page's own warm-up (www/loader.js runs it once idle after start).
    await page.waitForTimeout(3000);
    const b64 = (await readFile(file)).toString('base64');
    const out = [];
    for (const c of CASES) {
      await page.fill('#as-of', c.at.slice(0, 19));
      await page.dispatchEvent('#as-of', 'change');
      out.push(await page.evaluate(async ({ b64, paste, root, at, rounds }) => {
        const x = (await WebAssembly.instantiate(Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0)), {})).instance.exports;
        const enc = new TextEncoder();
        const [p, r] = [enc.encode(paste), enc.encode(root)];
        const ptr = x.bench_buffer(p.length + r.length);
        new Uint8Array(x.memory.buffer, ptr, p.length).set(p);
        new Uint8Array(x.memory.buffer, ptr + p.length, r.length).set(r);
        const core = () => {
          const t0 = performance.now();
          x.bench_analyze(p.length, r.length, BigInt(at));
          return performance.now() - t0;
        };
        const area = document.querySelector('#paste');
        const summary = () => document.querySelector('table.summary-table');
        const until = (f) => new Promise((ok) => { const t = () => (f() ? ok() : setTimeout(t, 1)); t(); });
        // What a paste fires: the value, then an `input` event of inputType insertFromPaste.
        const type = (field, value) => {
          field.value = value;
          field.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));
        };
        const pasteAndWait = async (value) => {
          type(area, '');
          await until(() => !summary());
          type(area, value);
          await until(summary);
        };
        document.querySelector('details.anchors').open = true;
        type(document.querySelector('#anchors'), root);
        const rows = { page: [], afterRender: [], afterIdle: [], inARow: [], afterEvict: [] };
        // As --cold empties the CPU's caches: 32 MB written through, one write per 64-byte line.
        const big = new Float64Array((32 << 20) / 8);
        const evict = () => { for (let j = 0; j < big.length; j += 8) big[j] += 1; };
        // The page alone first, as bench/browser times it: the two modules' code would
        // otherwise take turns in the caches.
        for (let i = 0; i < rounds; i++) {
          await pasteAndWait(paste);
          rows.page.push(Number(/checked in ([\d.]+) ms/.exec(document.querySelector('p.elapsed')?.textContent ?? '')?.[1]));
        }
        for (let i = 0; i < 300; i++) core();
        for (let i = 0; i < rounds; i++) {
          await pasteAndWait(paste);
          rows.afterRender.push(core());
          await new Promise((ok) => setTimeout(ok, 300));
          rows.afterIdle.push(core());
          let sum = 0;
          for (let k = 0; k < 10; k++) sum += core();
          rows.inARow.push(sum / 10);
          evict();
          rows.afterEvict.push(core());
        }
        return rows;
      }, { b64, paste: c.chain + pemOf(c.ocsp, 'OCSP RESPONSE'), root: c.root, at: Math.floor(Date.parse(c.at) / 1000), rounds }));
    }
    return { version: browser.version(), out };
  } finally {
    await browser.close();
    await server.stop();
  }
}

if (args.includes('--cold')) {
  const file = opt('--wasm') ?? (await build());
  const files = opt('--ab') ? [file, opt('--ab')] : [file];
  const samples = Number(opt('--samples', 300));
  const evictMb = Number(opt('--evict', 16));
  const out = await coldInChromium(files, samples, evictMb);
  // The mean of the fastest 95%: a sample now and then takes a garbage collection's time.
  const mean = (t) => {
    const kept = [...t].sort((a, b) => a - b).slice(0, Math.ceil(t.length * 0.95));
    return kept.reduce((a, b) => a + b, 0) / kept.length;
  };
  console.log(`\ncold analyses: ${evictMb} MB written through before each; ${samples} per input and build${files.length > 1 ? ', the builds alternating' : ''}; ms\n`);
  console.log(`| input | ${files.map((f) => `${f.split('/').pop()}: trimmed mean (median)`).join(' | ')} |`);
  console.log(`|---|${files.map(() => '---:').join('|')}|`);
  CASES.forEach((c, i) => console.log(`| ${c.name} | ${out[i].map((t) => `${ms(mean(t))} (${quantile(t, 0.5).toFixed(1)})`).join(' | ')} |`));
  process.exit(0);
}

if (args.includes('--in-app')) {
  const file = opt('--wasm') ?? (await build());
  const rounds = Number(opt('--rounds', 40));
  const { version, out } = await inApp(file, rounds);
  console.log(`\nthe core's module inside the app's page, Chromium ${version}; ${rounds} rounds per input, medians (ms)\n`);
  console.log("| input | page's stopwatch | module, right after a render | module, after 300 ms idle | module, ten in a row | module, right after 32 MB written through |");
  console.log('|---|---:|---:|---:|---:|---:|');
  CASES.forEach((c, i) => {
    const r = out[i];
    console.log(`| ${c.name} | ${[r.page, r.afterRender, r.afterIdle, r.inARow, r.afterEvict].map((t) => quantile(t, 0.5).toFixed(2)).join(' | ')} |`);
  });
  process.exit(0);
}

const file = opt('--wasm') ?? (await build());
if (opt('--save')) await copyFile(file, opt('--save'));
const size = (await readFile(file)).length;
const other = opt('--ab');
const WARM = 50;
if (!other) {
  const plan = CASES.flatMap((_, c) => [[0, c, WARM, false], [0, c, RUNS, true]]);
  const { version, times } = await inChromium([file], plan);
  console.log(`\ncore alone in Chromium ${version}, ${(size / 1024).toFixed(1)} KB of wasm; ${RUNS} runs (means of 10) after ${WARM} warm-ups\n`);
  console.log('| input | median (ms) | p10 | p90 |');
  console.log('|---|---:|---:|---:|');
  CASES.forEach((c, i) => {
    const t = times[2 * i + 1];
    console.log(`| ${c.name} | ${ms(quantile(t, 0.5))} | ${ms(quantile(t, 0.1))} | ${ms(quantile(t, 0.9))} |`);
  });
} else {
  const plan = CASES.flatMap((_, c) => [[0, c, WARM, false], [1, c, WARM, false], ...Array.from({ length: PAIRS }, () => [[0, c, BLOCK, true], [1, c, BLOCK, true]]).flat()]);
  const { version, times } = await inChromium([file, other], plan);
  console.log(`\nA/B in one Chromium ${version} page: A = ${file}, B = ${other}; ${PAIRS} pairs of ${BLOCK} runs, each block's median (ms)\n`);
  console.log('| input | A | B |');
  console.log('|---|---|---|');
  const per = 2 + 2 * PAIRS;
  CASES.forEach((c, i) => {
    const blocks = times.slice(i * per + 2, (i + 1) * per);
    const a = blocks.filter((_, k) => k % 2 === 0).map((t) => quantile(t, 0.5));
    const b = blocks.filter((_, k) => k % 2 === 1).map((t) => quantile(t, 0.5));
    console.log(`| ${c.name} | ${a.map(ms).join(', ')} | ${b.map(ms).join(', ')} |`);
  });
}
