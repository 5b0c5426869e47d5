// Two builds of the page side by side, cold: navigation → the app running →
// the first verdict of a paste made as soon as the paste area exists (in
// the page shell when there is one). Fresh contexts, interleaved, no
// DevTools network domain (it keeps every response body, the wasm's too);
// times come from a MutationObserver in the page.
//
//   node bench/browser/cold-ab.mjs dist OTHER_DIST [--loads N (7)]
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { loadavg } from 'node:os';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(join(repo, 'tests', 'e2e', 'package.json'));
const { chromium } = require('playwright-core');
const { launchOptions } = await import('../../tests/e2e/harness.mjs');
const { serve } = await import('../../tests/e2e/serve.mjs');

const args = process.argv.slice(2);
const loads = args.includes('--loads') ? Number(args[args.indexOf('--loads') + 1]) : 7;
const names = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--loads');
const dists = names.map((d) => resolve(d));
if (dists.length === 0) {
  console.error('usage: node bench/browser/cold-ab.mjs DIST [DIST…] [--loads N]');
  process.exit(2);
}
// The RSA input of bench/browser/run.mjs, pasted without its anchor.
const { CASES, pemOf } = await import('./inputs.mjs');
const text = CASES[0].chain + pemOf(CASES[0].ocsp, 'OCSP RESPONSE');

const servers = await Promise.all(dists.map((d) => serve(d)));
const browser = await chromium.launch(launchOptions);
const load = loadavg()[0];
const runs = dists.map(() => []);
for (let i = 0; i < loads; i++) {
  for (const [k, server] of servers.entries()) {
    const context = await browser.newContext();
    await context.addInitScript(() => {
      const mo = new MutationObserver(() => {
        // The app's own view: #certscope's .app once no shell is shown.
        if (!window.__app && document.querySelector('#certscope > .app') && !document.querySelector('#certscope[data-state="shell"]')) window.__app = performance.now();
        if (!window.__verdict && document.querySelector('table.summary-table')) {
          window.__verdict = performance.now();
          mo.disconnect();
        }
      });
      mo.observe(document, { subtree: true, childList: true, attributes: true });
    });
    const page = await context.newPage();
    await page.goto(`http://127.0.0.1:${server.address().port}/`, { waitUntil: 'commit' });
    await page.waitForSelector('#paste');
    runs[k].push(await page.evaluate(async (text) => {
      const pasted = performance.now();
      const area = document.querySelector('#paste');
      area.value = text;
      area.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));
      while (!window.__verdict) await new Promise((r) => setTimeout(r, 2));
      return { pasted, app: window.__app, verdict: window.__verdict };
    }, text));
    await context.close();
  }
}
await browser.close();
for (const s of servers) s.close();
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)].toFixed(0);
console.log(`Chromium ${browser.version()}, ${loads} cold loads each, interleaved; load average ${load.toFixed(2)} at the start, ${loadavg()[0].toFixed(2)} at the end\n`);
console.log('| build | pasted at, median (ms) | app rendered, median (ms) | first verdict, median (ms) |');
console.log('|---|---|---|---|');
for (const [k, d] of dists.entries()) {
  const r = runs[k];
  console.log(`| ${names[k]} | ${median(r.map((x) => x.pasted))} | ${median(r.map((x) => x.app))} | ${median(r.map((x) => x.verdict))} |`);
}
