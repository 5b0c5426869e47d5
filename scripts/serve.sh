#!/usr/bin/env bash
# Builds the certscope web app and serves it on http://127.0.0.1:8080
# (PORT=… to change). First run installs the tools (scripts/setup.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="${PORT:-8080}"
scripts/setup.sh
scripts/build-web.sh
echo
echo "certscope is at http://127.0.0.1:$PORT/  (Ctrl-C to stop)"
echo
if command -v python3 >/dev/null 2>&1; then
  exec python3 -m http.server "$PORT" --bind 127.0.0.1 --directory dist
else
  exec node -e '
    const http = require("http"), fs = require("fs"), path = require("path");
    const root = path.resolve("dist"), port = Number(process.argv[1]);
    const types = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css", ".wasm": "application/wasm",
      ".webmanifest": "application/manifest+json", ".svg": "image/svg+xml", ".png": "image/png" };
    http.createServer((req, res) => {
      let p = path.normalize(path.join(root, decodeURIComponent(new URL(req.url, "http://x").pathname)));
      if (!p.startsWith(root)) { res.writeHead(403); return res.end(); }
      if (fs.existsSync(p) && fs.statSync(p).isDirectory()) p = path.join(p, "index.html");
      fs.readFile(p, (err, body) => {
        if (err) { res.writeHead(404); return res.end("not found"); }
        res.writeHead(200, { "content-type": types[path.extname(p)] || "application/octet-stream" });
        res.end(body);
      });
    }).listen(port, "127.0.0.1");' "$PORT"
fi
