// Starts the one certscope wasm instance of a page; shared by the
// standalone app (loader.js) and the <certscope-inspector> element
// (certscope-embed.js), which import it from the same URL, so the browser's
// module map evaluates it once and every element shares the instance.
//
// The wasm arrives gzipped inside a JS module (certscope-wasm.js, written at
// build time by scripts/inline-wasm.mjs), because `connect-src 'none'`
// refuses the fetch() that would otherwise load it; DecompressionStream
// inflates it locally, without any request. Instantiating needs only
// `script-src 'wasm-unsafe-eval'`.
import init, * as certscope from './certscope-app.js';
import wasmGzipBase64 from './certscope-wasm.js';

async function wasmBytes() {
  const bin = atob(wasmGzipBase64);
  const gz = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) gz[i] = bin.charCodeAt(i);
  const stream = new Blob([gz]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** Resolves to the wasm-bindgen exports (mount_inspector, …) once the wasm runs. */
export const ready = wasmBytes()
  .then((bytes) => init({ module_or_path: bytes }))
  .then(() => certscope);
