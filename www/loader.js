// Starts certscope. An external module, because the page's CSP allows no
// inline script. The wasm arrives gzipped inside a JS module
// (certscope-wasm.js, written at build time by scripts/inline-wasm.mjs),
// because `connect-src 'none'` refuses the fetch() that would otherwise load
// it; DecompressionStream inflates it locally, without any request.
import init from './certscope-app.js';
import wasmGzipBase64 from './certscope-wasm.js';

async function wasmBytes() {
  const bin = atob(wasmGzipBase64);
  const gz = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) gz[i] = bin.charCodeAt(i);
  const stream = new Blob([gz]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

const loading = document.querySelector('#certscope .loading');
try {
  await init({ module_or_path: await wasmBytes() });
  if (loading) loading.remove();
} catch (err) {
  if (loading) loading.textContent = 'certscope could not start: ' + err;
  throw err;
}

// Offline: the service worker (www/sw.js) precaches the app's own files so
// the installed app starts with the network off. Only over http(s): a copy
// opened from file: has no worker and works as before. Registered after the
// app started, so it never delays the first report.
if ('serviceWorker' in navigator && /^https?:$/.test(location.protocol)) {
  navigator.serviceWorker.register('./sw.js').catch((err) => console.warn('certscope: offline mode unavailable:', err));
}
