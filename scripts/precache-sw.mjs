// Trunk post_build step (run by scripts/post-build.mjs after inline-wasm):
// writes the service worker's precache list and cache version into the
// staged sw.js. The list is every file the build produced, so nobody keeps
// it by hand; VERSION is a hash of their names and bytes, so a build that
// changes any byte installs a new cache and the worker deletes the old one.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error('precache-sw: TRUNK_STAGING_DIR is not set (run through trunk)');
  process.exit(1);
}
// Not precached: the worker itself (the browser fetches and compares it on
// its own), the stand-alone .wasm (the page never requests it: it travels
// inside certscope-wasm.js), the embed's demo article (a sample host page,
// not part of the app) and precompressed copies a server may keep.
const SKIP = [/^sw\.js$/, /\.wasm$/, /^embed-demo\./, /\.(gz|br|map)$/, /(^|\/)\./];

function walk(d) {
  return readdirSync(d, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(d, e.name)) : [relative(dir, join(d, e.name)).split(sep).join('/')],
  );
}
const files = walk(dir)
  .filter((f) => !SKIP.some((re) => re.test(f)))
  .sort();
const hash = createHash('sha256');
for (const f of files) hash.update(`${f}\0`).update(readFileSync(join(dir, f))).update('\0');
const version = hash.digest('hex').slice(0, 16);
// "./" too: the start URL and a bare directory link are the same page as index.html.
const assets = files.includes('index.html') ? ['./', ...files] : files;

const swPath = join(dir, 'sw.js');
let sw;
try {
  sw = readFileSync(swPath, 'utf8');
} catch {
  console.error(`precache-sw: no sw.js in ${dir} (index.html copies www/sw.js)`);
  process.exit(1);
}
const VERSION_LINE = /^const VERSION = .*;$/m;
const ASSETS_LINE = /^const ASSETS = .*;$/m;
if (!VERSION_LINE.test(sw) || !ASSETS_LINE.test(sw)) {
  console.error('precache-sw: sw.js lacks the `const VERSION = …;` and `const ASSETS = …;` lines to fill in');
  process.exit(1);
}
const out = sw
  .replace(VERSION_LINE, () => `const VERSION = ${JSON.stringify(version)};`)
  .replace(ASSETS_LINE, () => `const ASSETS = ${JSON.stringify(assets)};`);
writeFileSync(swPath, out);
console.log(`precache-sw: ${assets.length} files, cache version ${version}`);
