#![forbid(unsafe_code)]

// Linked by name, since `main` uses nothing of it in the browser: the
// library's #[wasm_bindgen] exports (src/api.rs: start_app, mount_inspector) are what
// the loaders call, and a crate never named is not linked at all.
extern crate certscope_app as _;

/// In the browser this is wasm-bindgen's start function, which runs on
/// every page that loads the wasm, host pages of `<certscope-inspector>`
/// included: so it does nothing there. The standalone page's own loader
/// (www/loader.js) calls the exported `start_app()` instead.
fn main() {
    #[cfg(not(target_arch = "wasm32"))]
    certscope_app::api::start_app();
}
