// certscope's page side by side with PKI.js and @peculiar/x509, in one
// headless Chromium, on the same inputs (issue 15).
//
//   (cd bench/browser && npm ci) && scripts/build-web.sh && node bench/browser/run.mjs
//   node bench/browser/run.mjs --smoke      # 1 run each, asserts every page gave a verdict
//   options: --runs N (30) --warm N (1) --idle MS (0) --cold N (5) --dist DIR (dist) --no-3g
//            --first N (0): the input of the cold loads and the settled first check, by
//            its place in the list below (0 RSA, 1 EC P-256, 2 EC P-384 root)
//
// Inputs (crates/certscope/tests/data/, sources in SOURCES.md there):
//   RSA: ocsp/ND1_Cert_EE.pem (secure.comodo.com) + ND1_Issuer_ICA.pem + the
//        COMODO CA cross certificate from ND1_Issuer_ICA-Cross.pem, the
//        AddTrust root (ND1_Cross_Root.pem) as the anchor, and ND1.der
//        ("good", signed by the issuer), at 2012-10-12T00:00:00Z.
//   EC:  staple/good.pem (P-256 leaf) + inter.pem (P-256), root.pem (P-256)
//        as the anchor, and good.ocsp.der ("good"), at staple/asof.txt.
//   EC with a P-384 root: p384root/leaf.pem + inter.pem (P-256, signed by the
//        root with ecdsa-with-SHA384), root.pem (P-384) as the anchor, and
//        good.ocsp.der, at p384root/asof.txt.
//
// What it measures (performance.now() inside the page):
//   - peers: window.check() (chain + OCSP, to a verdict object);
//   - certscope embed: <certscope-inspector>.inspect(text) → summary table in
//     its shadow DOM (the wasm exports no bare analyze);
//   - certscope app: a paste into the textarea → summary table on screen
//     (an `input` event of inputType insertFromPaste, as a paste fires), and
//     analyze alone, as the page's own stopwatch around analyze() reports
//     it ("checked in 1.7 ms": performance.now(), 0.1 ms steps), and the
//     paste → the whole report (every certificate card's body: a report
//     that appears paints its verdict first, the cards' bodies a frame later);
//   - cold load: navigation → textarea usable (peers: their script loaded;
//     certscope: the page shell's textarea, plain HTML, before the wasm),
//     → checker running (peers: the same moment; certscope: the wasm took
//     over, www/loader.js's `certscope-app` mark), and → first verdict of a
//     paste made as soon as the textarea is usable, on loopback and under
//     DevTools' "Fast 3G"; bytes: gzip transfer size of every response up to
//     the first verdict.
// Not part of scripts/test.sh: it is a benchmark and needs `npm ci` here.

import { build } from 'esbuild';
import { createServer } from 'node:http';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { join, normalize, resolve, dirname, extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cpus, loadavg } from 'node:os';
import { createRequire } from 'node:module';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..', '..');
const require = createRequire(join(repo, 'tests', 'e2e', 'package.json'));
const { chromium } = require('playwright-core');

const args = process.argv.slice(2);
const opt = (name, dflt) => (args.includes(name) ? args[args.indexOf(name) + 1] : dflt);
const smoke = args.includes('--smoke');
const RUNS = smoke ? 1 : Number(opt('--runs', 30));
// Untimed runs before the timed ones, and an idle gap (ms) before each timed one: the same for every engine.
const WARM = smoke ? 1 : Number(opt('--warm', 1));
const IDLE = smoke ? 0 : Number(opt('--idle', 0));
const COLD = smoke ? 1 : Number(opt('--cold', 5));
const SLOW = !smoke && !args.includes('--no-3g');
const dist = resolve(opt('--dist', join(repo, 'dist')));
// The input of the cold loads and the settled first check: an index into CASES (0, RSA).
const FIRST = Number(opt('--first', 0));
const out = join(here, 'out');

// ---- inputs --------------------------------------------------------------------------

const { CASES, pemOf } = await import('./inputs.mjs');

// ---- pages ---------------------------------------------------------------------------

const peerHtml = (title, script) => `<!doctype html><meta charset="utf-8"><title>${title}</title>
<textarea id="paste" rows="10" cols="80" disabled></textarea><p id="verdict"></p>
<script type="module" src="${script}"></script>`;

async function buildPeers() {
  await mkdir(out, { recursive: true });
  for (const name of ['pkijs', 'peculiar']) {
    await build({ entryPoints: [join(here, `${name}.js`)], bundle: true, minify: true, format: 'esm', target: 'es2022', outfile: join(out, `${name}.bundle.js`), logLevel: 'warning' });
    await writeFile(join(out, `${name}.html`), peerHtml(name, `${name}.bundle.js`));
  }
  await writeFile(join(out, 'embed.html'), `<!doctype html><meta charset="utf-8"><title>certscope embed</title>
<script type="module" src="/certscope-embed.js"></script>
<certscope-inspector id="bench" example="none"></certscope-inspector>`);
}

// ---- a gzip server: dist/ at /, the bench pages at /bench/ -------------------------------

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm', '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png', '.webmanifest': 'application/manifest+json' };
const gzCache = new Map();
function serve() {
  const server = createServer(async (req, res) => {
    try {
      let path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
      const root = path.startsWith('/bench/') ? out : dist;
      if (root === out) path = path.slice('/bench'.length);
      let file = normalize(join(root, path));
      if (!file.startsWith(root)) throw new Error('outside root');
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      if (!gzCache.has(file)) gzCache.set(file, gzipSync(await readFile(file), { level: 9 }));
      res.writeHead(200, { 'content-type': TYPES[extname(file)] || 'application/octet-stream', 'content-encoding': 'gzip', 'cache-control': 'no-store' });
      res.end(gzCache.get(file));
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok({ origin: `http://127.0.0.1:${server.address().port}`, stop: () => server.close() })));
}

// ---- measuring ------------------------------------------------------------------------

const launchArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];
const median = (xs) => quantile(xs, 0.5);
function quantile(xs, q) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
}
const ms = (x) => (x === undefined ? '–' : x < 10 ? x.toFixed(2) : x.toFixed(1));
const failures = [];
const check = (cond, message) => {
  if (!cond) failures.push(message);
};

/** The peers' check() on each case, RUNS times after WARM warm-ups. */
async function timePeer(page, name, c) {
  return page.evaluate(async ({ c, runs, warm, idle }) => {
    const input = { chain: c.chain, root: c.root, ocsp: new Uint8Array(c.ocsp).buffer, at: c.at };
    const first = await window.check(input);
    for (let i = 1; i < warm; i++) await window.check(input);
    const times = [];
    for (let i = 0; i < runs; i++) {
      if (idle) await new Promise((ok) => setTimeout(ok, idle));
      const t0 = performance.now();
      await window.check(input);
      times.push(performance.now() - t0);
    }
    document.querySelector('#verdict').textContent = first.verdict;
    return { times, ok: first.ok, verdict: first.verdict };
  }, { c: { ...c, ocsp: [...c.ocsp] }, runs: RUNS, warm: WARM, idle: IDLE });
}

// In the page: resolves with performance.now() when `ready()` holds, checked on every DOM change.
const WAIT = `(root, ready) => new Promise((ok) => {
  if (ready()) return ok(performance.now());
  const mo = new MutationObserver(() => { if (ready()) { mo.disconnect(); ok(performance.now()); } });
  mo.observe(root, { subtree: true, childList: true, characterData: true, attributes: true });
})`;

// In certscope's page: every certificate card has its body (the first report's come a frame after its verdict).
const WHOLE = `(root) => () => [...root.querySelectorAll('article.cert-card')].every((card) => card.querySelector('dl.fields'))`;

// In certscope's page: what its own stopwatch around analyze() last said ("checked in 1.7 ms", 0.1 ms steps).
const ANALYZED = `() => Number(/checked in ([\\d.]+) ms/.exec(document.querySelector('p.elapsed')?.textContent ?? '')?.[1])`;

/** certscope's embed: inspect(text) → summary table in the shadow DOM. */
async function timeEmbed(page, c) {
  return page.evaluate(async ({ c, runs, warm, idle, WAIT }) => {
    const wait = eval(WAIT);
    const el = document.querySelector('#bench');
    el.setAttribute('as-of', c.at);
    const shadow = el.shadowRoot;
    const summary = () => shadow.querySelector('table.summary-table');
    const once = async () => {
      el.inspect('');
      await wait(shadow, () => !summary());
      if (idle) await new Promise((ok) => setTimeout(ok, idle));
      const t0 = performance.now();
      el.inspect(c.paste);
      return (await wait(shadow, summary)) - t0;
    };
    const first = await once();
    for (let i = 1; i < warm; i++) await once();
    const times = [];
    for (let i = 0; i < runs; i++) times.push(await once());
    return { times, first, ok: !!summary(), verdict: summary()?.textContent.replace(/\s+/g, ' ').slice(0, 600) };
  }, { c, runs: RUNS, warm: WARM, idle: IDLE, WAIT });
}

/** certscope's app: a paste → summary table on screen (the root in the anchors field). */
async function timeApp(page, c) {
  await page.fill('#as-of', c.at.slice(0, 19));
  await page.dispatchEvent('#as-of', 'change');
  await page.evaluate((root) => {
    document.querySelector('details.anchors').open = true;
    const a = document.querySelector('#anchors');
    a.value = root;
    a.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));
  }, c.root);
  return page.evaluate(async ({ c, runs, warm, idle, WAIT, ANALYZED, WHOLE }) => {
    const wait = eval(WAIT);
    const area = document.querySelector('#paste');
    const summary = () => document.querySelector('table.summary-table');
    const paste = (value) => {
      area.value = value;
      area.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));
    };
    const analyzed = eval(ANALYZED);
    const whole = eval(WHOLE)(document);
    const once = async () => {
      paste('');
      await wait(document.body, () => !summary());
      if (idle) await new Promise((ok) => setTimeout(ok, idle));
      const t0 = performance.now();
      paste(c.paste);
      const verdict = (await wait(document.body, summary)) - t0;
      return [verdict, (await wait(document.body, whole)) - t0];
    };
    const first = await once();
    for (let i = 1; i < warm; i++) await once();
    const times = [];
    const wholes = [];
    const analyze = [];
    for (let i = 0; i < runs; i++) {
      const [verdict, all] = await once();
      times.push(verdict);
      wholes.push(all);
      analyze.push(analyzed());
    }
    return { times, wholes, analyze, first, ok: !!summary(), verdict: summary()?.textContent.replace(/\s+/g, ' ').slice(0, 600) };
  }, { c: { at: c.at, paste: c.chain + pemOfOcsp(c) }, runs: RUNS, warm: WARM, idle: IDLE, WAIT, ANALYZED, WHOLE });
}
const pemOfOcsp = (c) => pemOf(c.ocsp, 'OCSP RESPONSE');

const FAST_3G = { offline: false, latency: 562.5, downloadThroughput: (1.6 * 1024 * 1024 * 0.9) / 8, uploadThroughput: (750 * 1024 * 0.9) / 8 };

/**
 * A cold load in a fresh context (fresh profile, empty cache): navigation →
 * textarea usable, → first verdict on the RSA case; gzip bytes received up to it.
 */
async function coldLoad(browser, origin, page_, slow) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  if (slow) await cdp.send('Network.emulateNetworkConditions', FAST_3G);
  let bytes = 0;
  cdp.on('Network.loadingFinished', (e) => (bytes += e.encodedDataLength));
  await page.goto(origin + page_.url, { waitUntil: 'commit' });
  const usable = await page.evaluate(`new Promise((ok) => { const poll = () => { const t = document.querySelector(${JSON.stringify(page_.textarea)}); if (t && !t.disabled && (${page_.ready})) ok(performance.now()); else requestAnimationFrame(poll); }; poll(); })`);
  const c = CASES[FIRST];
  let verdict;
  if (page_.kind === 'peer') {
    verdict = await page.evaluate(async (c) => {
      await window.check({ chain: c.chain, root: c.root, ocsp: new Uint8Array(c.ocsp).buffer, at: c.at });
      return performance.now();
    }, { ...c, ocsp: [...c.ocsp] });
  } else if (page_.kind === 'app') {
    verdict = await page.evaluate(async ({ text, WAIT }) => {
      const area = document.querySelector('#paste');
      area.value = text;
      area.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));
      return eval(WAIT)(document.body, () => document.querySelector('table.summary-table'));
    }, { text: c.paste, WAIT });
  } else {
    verdict = await page.evaluate(async ({ text, WAIT }) => {
      const el = document.querySelector('#bench');
      el.inspect(text);
      return eval(WAIT)(el.shadowRoot, () => el.shadowRoot.querySelector('table.summary-table'));
    }, { text: c.paste, WAIT });
  }
  // certscope's shell is usable before the checker runs: when the wasm took over.
  const running = page_.kind === 'app' ? await page.evaluate(() => performance.getEntriesByName('certscope-app')[0]?.startTime) : usable;
  check(typeof running === 'number', `${page_.name}: no certscope-app mark`);
  await new Promise((r) => setTimeout(r, 50)); // let loadingFinished events land
  await context.close();
  return { usable, running, verdict, bytes };
}

/**
 * The first check in a fresh tab once the page has settled: loaded, the
 * checker running, then a second of idle (a person reads the page before
 * pasting), then the RSA case → verdict. For certscope also what analyze()
 * alone took, by the page's own stopwatch.
 */
async function settledFirstCheck(browser, origin, page_) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(origin + page_.url);
  if (page_.kind === 'app') await page.waitForSelector('#certscope[data-state="app"]');
  else await page.waitForFunction(page_.ready);
  await page.waitForTimeout(1000);
  const c = CASES[FIRST];
  let r;
  if (page_.kind === 'peer') {
    r = await page.evaluate(async (c) => {
      const t0 = performance.now();
      await window.check({ chain: c.chain, root: c.root, ocsp: new Uint8Array(c.ocsp).buffer, at: c.at });
      return { check: performance.now() - t0 };
    }, { ...c, ocsp: [...c.ocsp] });
  } else {
    r = await page.evaluate(async ({ text, WAIT, ANALYZED, WHOLE }) => {
      const area = document.querySelector('#paste');
      const t0 = performance.now();
      area.value = text;
      area.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));
      const t1 = await eval(WAIT)(document.body, () => document.querySelector('table.summary-table'));
      const analyze = eval(ANALYZED)();
      const t2 = await eval(WAIT)(document.body, eval(WHOLE)(document));
      return { check: t1 - t0, whole: t2 - t0, analyze };
    }, { text: c.paste, WAIT, ANALYZED, WHOLE });
  }
  await context.close();
  return r;
}

// ---- main --------------------------------------------------------------------------------

await stat(join(dist, 'index.html')).catch(() => {
  console.error(`no ${dist}/index.html: run scripts/build-web.sh first`);
  process.exit(2);
});
await buildPeers();
const server = await serve();
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: launchArgs });
const version = browser.version();
const load = loadavg()[0];
const results = {}; // results[case][engine] = times

try {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
  for (const [engine, url] of [['PKI.js', '/bench/pkijs.html'], ['@peculiar/x509', '/bench/peculiar.html']]) {
    await page.goto(server.origin + url);
    await page.waitForFunction(() => typeof window.check === 'function');
    for (const c of CASES) {
      const r = await timePeer(page, engine, c);
      check(r.ok, `${engine} ${c.name}: no good verdict (${r.verdict})`);
      (results[c.name] ??= {})[engine] = r.times;
      if (smoke) console.log(`${engine} · ${c.name}: ${r.verdict}`);
    }
  }
  await page.goto(server.origin + '/bench/embed.html');
  await page.waitForFunction(() => document.querySelector('#bench')?.shadowRoot?.querySelector('#paste'));
  for (const c of CASES) {
    const r = await timeEmbed(page, c);
    // The embed takes no anchors: the root is pasted, so "untrusted root"; the OCSP check is the same.
    check(r.ok && /OCSP Status\s*Good — signed by the issuer/.test(r.verdict), `certscope embed ${c.name}: no good OCSP verdict (${r.verdict})`);
    results[c.name]['certscope inspect()'] = r.times;
    if (smoke) console.log(`certscope embed · ${c.name}: ${r.verdict}`);
  }
  await page.goto(server.origin + '/');
  await page.waitForSelector('#certscope[data-state="app"] #paste'); // the app, not its shell
  for (const c of CASES) {
    const r = await timeApp(page, c);
    check(r.ok && /Trusted\s*Yes — chains to/.test(r.verdict) && /OCSP Status\s*Good — signed by the issuer/.test(r.verdict), `certscope app ${c.name}: not a trusted chain with a good OCSP response (${r.verdict})`);
    results[c.name]['certscope paste'] = r.times;
    results[c.name]['certscope paste → whole report'] = r.wholes;
    check(r.analyze.every(Number.isFinite), `certscope app ${c.name}: no "checked in … ms" on the page`);
    results[c.name]['certscope analyze'] = r.analyze;
    if (smoke) console.log(`certscope app · ${c.name}: ${r.verdict}`);
  }
  await context.close();

  const PAGES = [
    { name: 'certscope app', url: '/', kind: 'app', textarea: '#paste', ready: 'true' },
    { name: 'PKI.js', url: '/bench/pkijs.html', kind: 'peer', textarea: '#paste', ready: "typeof window.check === 'function'" },
    { name: '@peculiar/x509', url: '/bench/peculiar.html', kind: 'peer', textarea: '#paste', ready: "typeof window.check === 'function'" },
  ];
  const cold = {};
  for (const p of PAGES) {
    for (const slow of SLOW ? [false, true] : [false]) {
      const runs = [];
      for (let i = 0; i < (slow ? Math.min(COLD, 3) : COLD); i++) runs.push(await coldLoad(browser, server.origin, p, slow));
      cold[`${p.name}${slow ? ' (Fast 3G)' : ''}`] = runs;
    }
  }

  const settled = {};
  for (const p of PAGES) {
    const runs = [];
    for (let i = 0; i < COLD; i++) runs.push(await settledFirstCheck(browser, server.origin, p));
    settled[p.name] = runs;
  }

  // ---- report ----
  console.log(`\nChromium ${version}, ${cpus().length} cores, load average ${load.toFixed(2)} at start, ${loadavg()[0].toFixed(2)} at end; ${RUNS} runs each, after ${WARM} warm-up${WARM === 1 ? '' : 's'}${IDLE ? `, each after ${IDLE} ms idle` : ''}.\n`);
  const engines = ['certscope analyze', 'certscope paste', 'certscope paste → whole report', 'certscope inspect()', 'PKI.js', '@peculiar/x509'];
  console.log('| input | ' + engines.map((e) => `${e} median / p90 (ms)`).join(' | ') + ' | PKI.js ÷ certscope (analyze / paste) | @peculiar/x509 ÷ certscope (analyze / paste) |');
  console.log('|---|' + engines.map(() => '---').join('|') + '|---|---|');
  for (const c of CASES) {
    const r = results[c.name];
    const ratio = (peer) => ['certscope analyze', 'certscope paste'].map((cs) => `${(median(r[peer]) / median(r[cs])).toFixed(2)}×`).join(' / ');
    const cells = engines.map((e) => `${ms(median(r[e]))} / ${ms(quantile(r[e], 0.9))}`);
    console.log(`| ${c.name} | ${cells.join(' | ')} | ${ratio('PKI.js')} | ${ratio('@peculiar/x509')} |`);
  }
  console.log('\n(ratios: the peer\'s median over certscope\'s, analyze and paste; above 1 means certscope is faster)\n');
  console.log('| page | gzip bytes to the first verdict | cold load → textarea usable, median (ms) | cold load → checker running, median (ms) | cold load → first verdict, median (ms) | first check in the fresh tab (running → verdict), median (ms) |');
  console.log('|---|---|---|---|---|---|');
  for (const [name, runs] of Object.entries(cold)) {
    const cells = [runs.map((r) => r.usable), runs.map((r) => r.running), runs.map((r) => r.verdict), runs.map((r) => r.verdict - Math.max(r.usable, r.running))].map((xs) => ms(median(xs)));
    console.log(`| ${name} | ${(median(runs.map((r) => r.bytes)) / 1024).toFixed(1)} KB | ${cells.join(' | ')} |`);
  }
  console.log('\n| page | first check in a fresh tab, settled (1 s idle after start): paste → verdict, median / max (ms) | of which analyze, median (ms) | paste → whole report, median (ms) |');
  console.log('|---|---|---|---|');
  for (const [name, runs] of Object.entries(settled)) {
    const checks = runs.map((r) => r.check);
    const analyze = runs.map((r) => r.analyze).filter(Number.isFinite);
    const whole = runs.map((r) => r.whole).filter(Number.isFinite);
    console.log(`| ${name} (loopback) | ${ms(median(checks))} / ${ms(Math.max(...checks))} | ${analyze.length ? ms(median(analyze)) : '–'} | ${whole.length ? ms(median(whole)) : '–'} |`);
  }
} finally {
  await browser.close();
  server.stop();
}
if (failures.length) {
  console.error(`\nFAILED:\n${failures.join('\n')}`);
  process.exit(1);
}
if (smoke) console.log('\nsmoke: every page gave a verdict');
