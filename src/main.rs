#![forbid(unsafe_code)]

/// In the browser this is wasm-bindgen's start function, which runs on
/// every page that loads the wasm, host pages of `<certscope-inspector>`
/// included: so it does nothing there. The standalone page's own loader
/// (www/loader.js) calls the exported `start_app()` instead.
fn main() {
    #[cfg(not(target_arch = "wasm32"))]
    certscope_app::start_app();
}
