// Trunk's post_build hook. Trunk runs the hooks of one stage concurrently,
// so the steps that depend on each other run here, in order: the precache
// list must hash the certscope-wasm.js that inline-wasm writes, the
// certscope-embed.css that embed-css writes and the index.html that shell
// fills in.
await import('./inline-wasm.mjs');
await import('./embed-css.mjs');
await import('./shell.mjs');
await import('./precache-sw.mjs');
