// Prints the web app's bundle sizes (raw, gzip -9, brotli q11) as a Markdown
// table, for docs/performance.md ("Web app bundle"). Run after a release
// build: node scripts/bundle-sizes.mjs [dist]
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';

const dist = process.argv[2] || 'dist';
const kb = (n) => (n / 1024).toFixed(1);
const measure = (bytes) => ({
  raw: bytes.length,
  gzip: gzipSync(bytes, { level: 9 }).length,
  br: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
});
const files = readdirSync(dist, { withFileTypes: true })
  .filter((e) => e.isFile() && !e.name.startsWith('.'))
  .map((e) => e.name)
  .sort();
// What the app's page loads: not the stand-alone .wasm (it travels inside
// certscope-wasm.js), nor what only the service worker precaches (sw.js,
// the manifest, privacy.html, icons/) or other pages (embed*) use.
const loaded = files.filter((f) => !/\.wasm$|^(sw\.js|manifest\.webmanifest|privacy\.html)$|^embed/.test(f));
console.log('| File | What | Raw KB | gzip KB | brotli KB | Loaded by the page |');
console.log('|---|---|---:|---:|---:|---|');
const what = (f) =>
  f.endsWith('.wasm') ? 'wasm (release, wasm-opt -Oz)'
  : f === 'certscope-wasm.js' ? 'the same wasm, gzipped + base64 in a JS module'
  : f === 'loader.js' ? 'JS: starts the app'
  : f === 'sw.js' ? 'JS: the service worker (offline)'
  : f === 'manifest.webmanifest' ? 'web app manifest'
  : f.endsWith('.js') ? 'JS: wasm-bindgen glue'
  : f.endsWith('.css') ? 'CSS' : f.endsWith('.html') ? 'HTML' : '';
const total = { raw: 0, gzip: 0, br: 0 };
for (const f of files) {
  const m = measure(readFileSync(join(dist, f)));
  const isLoaded = loaded.includes(f);
  if (isLoaded) for (const k of Object.keys(total)) total[k] += m[k];
  console.log(`| \`${f}\` | ${what(f)} | ${kb(m.raw)} | ${kb(m.gzip)} | ${kb(m.br)} | ${isLoaded ? 'yes' : 'no'} |`);
}
console.log(`| **total loaded** | | **${kb(total.raw)}** | **${kb(total.gzip)}** | **${kb(total.br)}** | |`);
