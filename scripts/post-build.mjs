// Trunk's post_build hook. Trunk runs the hooks of one stage concurrently,
// so the steps that depend on each other run here, in order: the precache
// list must hash the certscope-wasm.js that inline-wasm writes.
await import('./inline-wasm.mjs');
await import('./precache-sw.mjs');
