// How long Chromium takes to show a text in a bare <textarea>, by size and
// line count: the measurement behind the page's threshold for texts it
// holds as a chip instead (src/state.rs, TEXTAREA_MAX_BYTES and
// TEXTAREA_MAX_LINES; docs/robustness.md, "In the page"). Not a test: it
// prints the time from setting `value` to the second frame after it.
//
//   node tests/e2e/textarea-timing.mjs
import { chromium } from 'playwright-core';
import { launchOptions } from './harness.mjs';

const browser = await chromium.launch(launchOptions);
const page = await browser.newPage();
await page.setContent('<textarea id="t" rows="10" cols="80"></textarea>');
const pemLine = 'MIIGJzCCBQ+gAwIBAgIRAN4Z3+Wy2sDH8KHfKGU6CtIwDQYJKoZIhvcNAQELBQAw\n';
const KIB = 1024;
const cases = [
  ...[64, 256, 512, 1024].map((k) => [`PEM lines (65 bytes), ${k} KiB`, 'pem', k * KIB]),
  ...[64, 256, 512, 1024].map((k) => [`one line, ${k} KiB`, 'one', k * KIB]),
  ...[4096, 16384, 65536, 262144].map((n) => [`${n} newlines`, 'nl', n]),
];
for (const [name, kind, n] of cases) {
  const ms = await page.evaluate(async ([kind, n, pemLine]) => {
    const t = document.getElementById('t');
    t.value = '';
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    const text = kind === 'pem' ? pemLine.repeat(Math.ceil(n / pemLine.length)).slice(0, n) : kind === 'nl' ? '\n'.repeat(n) : 'A'.repeat(n);
    const t0 = performance.now();
    t.value = text;
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    return performance.now() - t0;
  }, [kind, n, pemLine]);
  console.log(`${name}: ${Math.round(ms)} ms`);
}
await browser.close();
