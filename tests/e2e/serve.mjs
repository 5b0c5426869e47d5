// The static server every browser suite uses: dist/ on 127.0.0.1, a free
// port, no caching, nothing outside the root. Each call is one more origin
// (another port), which offline.mjs uses for its iframe tests.
//
//   const server = await serve(root, { files: { '/parent.html': html } });
//   server.origin        // "http://127.0.0.1:PORT"
//   server.files.set('/sw.js', { body, type })   // served instead of the file
//   await server.stop()  // closes open connections too (a "network cut")

import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webmanifest': 'application/manifest+json',
};

export function serve(root, { files = {} } = {}) {
  const extra = new Map(Object.entries(files));
  const server = createServer(async (req, res) => {
    try {
      const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
      if (extra.has(path)) {
        const { body, type } = extra.get(path);
        res.writeHead(200, { 'content-type': type || TYPES[extname(path)] || 'text/plain', 'cache-control': 'no-store' });
        res.end(body);
        return;
      }
      let file = normalize(join(root, path));
      if (!file.startsWith(root)) throw new Error('outside root');
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] || 'application/octet-stream', 'cache-control': 'no-store' });
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
    }
  });
  server.files = extra;
  server.stop = () =>
    new Promise((ok) => {
      server.close(() => ok());
      server.closeAllConnections();
    });
  return new Promise((ok) =>
    server.listen(0, '127.0.0.1', () => {
      server.origin = `http://127.0.0.1:${server.address().port}`;
      ok(server);
    }),
  );
}
