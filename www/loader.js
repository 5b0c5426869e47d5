// Starts certscope. An external module, because the page's CSP allows no
// inline script; the wasm arrives inside a JS module (certscope-wasm.js,
// written at build time by scripts/inline-wasm.mjs) because `connect-src
// 'none'` refuses the fetch() that would otherwise load it.
import init from './certscope-app.js';
import wasmBase64 from './certscope-wasm.js';

function decode(b64) {
  const bin = atob(b64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

const loading = document.querySelector('#certscope .loading');
try {
  await init({ module_or_path: decode(wasmBase64) });
  if (loading) loading.remove();
} catch (err) {
  if (loading) loading.textContent = 'certscope could not start: ' + err;
  throw err;
}
