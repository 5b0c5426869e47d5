// Starts the one certscope wasm instance of a page; shared by the
// standalone app (loader.js) and the <certscope-inspector> element
// (certscope-embed.js), which import it from the same URL, so the browser's
// module map evaluates it once and every element shares the instance.
//
// The wasm arrives compressed inside a JS module (certscope-wasm.js,
// written at build time by scripts/inline-wasm.mjs: xz, and its decoder,
// or gzip), because `connect-src 'none'` refuses the fetch() that would
// otherwise load it; the module unpacks it locally, without any request, into
// a Response that the browser compiles as it streams (instantiateStreaming).
// Instantiating needs only `script-src 'wasm-unsafe-eval'`.
import init, * as certscope from './certscope-app.js';
import { wasmResponse } from './certscope-wasm.js';

/** Resolves to the wasm-bindgen exports (mount_inspector, …) once the wasm runs. */
export const ready = init({ module_or_path: wasmResponse() }).then(() => certscope);
