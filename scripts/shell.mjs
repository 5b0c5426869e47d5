// Trunk post_build step (run by scripts/post-build.mjs before the precache
// list is written, since it changes index.html): puts the page shell, the
// app's first view as plain HTML (www/shell.html, rendered from src/app.rs
// by tests/shell.rs, which keeps it from drifting), into the staged
// index.html in place of the "Loading certscope…" line. The page is then
// usable before the wasm arrives; www/loader.js hands what is done in the
// shell to the app. Plain markup: the CSP allows no inline script or style.
import { readFileSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error('shell: TRUNK_STAGING_DIR is not set (run through trunk)');
  process.exit(1);
}
const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
// The first line says where the file comes from; the markup is the rest
// (it has newlines of its own: the paste area's placeholder).
const file = readFileSync(join(repo, 'www', 'shell.html'), 'utf8');
const markup = file.slice(file.indexOf('\n') + 1).replace(/\n$/, '');
if (!markup.startsWith('<div class="app">') || !markup.endsWith('</div>') || /<script|<style|\sstyle=/i.test(markup)) {
  console.error('shell: www/shell.html holds no shell markup after its first line (CERTSCOPE_BLESS=1 cargo test --test shell writes it)');
  process.exit(1);
}
const PLACEHOLDER = '<p class="loading">Loading certscope…</p>';
const indexPath = join(dir, 'index.html');
const index = readFileSync(indexPath, 'utf8');
if (!index.includes(PLACEHOLDER)) {
  console.error(`shell: ${indexPath} lacks ${PLACEHOLDER}`);
  process.exit(1);
}
writeFileSync(indexPath, index.replace(PLACEHOLDER, () => markup));
