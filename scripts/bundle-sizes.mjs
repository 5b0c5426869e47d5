// Prints the web app's bundle sizes (raw, gzip -9, brotli q11) as Markdown
// tables for docs/performance.md: every file in dist/ and what the
// standalone page loads ("Web app bundle"), then what a host page downloads
// for the <certscope-inspector> embed ("Embed bundle"). Run after a release
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
// the manifest, privacy.html, icons/) or other pages (embed*) or the
// <certscope-inspector> element (certscope-embed.*) use.
const loaded = files.filter((f) => !/\.wasm$|^(sw\.js|manifest\.webmanifest|privacy\.html)$|^embed|^certscope-embed\./.test(f));
// What a host page downloads for the embed, however many elements it has.
const EMBED = ['certscope-embed.js', 'certscope-boot.js', 'certscope-app.js', 'certscope-wasm.js', 'certscope-embed.css'];
console.log('| File | What | Raw KB | gzip KB | brotli KB | Loaded by the page |');
console.log('|---|---|---:|---:|---:|---|');
const what = (f) =>
  f.endsWith('.wasm') ? 'wasm (release, wasm-opt -Oz)'
  : f === 'certscope-wasm.js' ? 'the same wasm, xz + base64, and its decoder, in a JS module'
  : f === 'loader.js' ? 'JS: starts the app'
  : f === 'sw.js' ? 'JS: the service worker (offline)'
  : f === 'manifest.webmanifest' ? 'web app manifest'
  : f === 'certscope-boot.js' ? 'JS: unpacks and starts the wasm (app and embed)'
  : f === 'certscope-embed.js' ? 'JS: the <certscope-inspector> element'
  : f === 'certscope-embed.css' ? 'CSS: the embed\'s shadow-root stylesheet'
  : f.startsWith('embed-demo.') ? 'the embed demo article'
  : f === 'embed.html' || f === 'embed-frame.js' ? 'the iframe mode (embed.html?origin=…)'
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

function table(title, names) {
  console.log('');
  console.log(title);
  console.log('');
  console.log('| File | Raw KB | gzip KB | brotli KB |');
  console.log('|---|---:|---:|---:|');
  const sum = { raw: 0, gzip: 0, br: 0 };
  for (const f of names) {
    const m = measure(readFileSync(join(dist, f)));
    for (const k of Object.keys(sum)) sum[k] += m[k];
    console.log(`| \`${f}\` | ${kb(m.raw)} | ${kb(m.gzip)} | ${kb(m.br)} |`);
  }
  console.log(`| **total** | **${kb(sum.raw)}** | **${kb(sum.gzip)}** | **${kb(sum.br)}** |`);
}
table('Embed: what a host page downloads for `<certscope-inspector>` (any number of elements)', EMBED);
table('Iframe: what `embed.html` downloads (the host page itself downloads nothing)', ['embed.html', 'embed-frame.js', ...EMBED]);
