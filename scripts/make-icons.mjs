// Renders www/icons/icon.svg to the PNG icons the web app manifest lists
// (192 and 512 px), with Debian's Chromium. Run once when the SVG changes;
// the PNGs are committed: node scripts/make-icons.mjs
// Then, when Python's Pillow is there, each is reduced to a 24-colour
// palette (a flat icon: ~4x smaller, no visible change).
import { spawnSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'tests', 'e2e', 'package.json'));
const { chromium } = require('playwright-core');
const svg = await readFile(join(root, 'www', 'icons', 'icon.svg'), 'utf8');
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--headless', '--no-sandbox'] });
for (const size of [192, 512]) {
  const page = await browser.newPage({ viewport: { width: size, height: size } });
  await page.setContent(`<style>html,body{margin:0;background:transparent}svg{display:block;width:${size}px;height:${size}px}</style>${svg}`);
  const png = await page.screenshot({ omitBackground: true });
  const out = join(root, 'www', 'icons', `icon-${size}.png`);
  await writeFile(out, png);
  const quantize = spawnSync('python3', ['-c', `from PIL import Image
im = Image.open(${JSON.stringify(out)}).convert('RGBA')
im.quantize(colors=24, method=Image.Quantize.FASTOCTREE).save(${JSON.stringify(out)}, optimize=True)`]);
  const bytes = (await readFile(out)).length;
  console.log(`icon-${size}.png: ${bytes} bytes${quantize.status === 0 ? ' (24-colour palette)' : ' (Pillow missing: not reduced)'}`);
  await page.close();
}
await browser.close();
