//! The certscope web app: collects input, hands it to `certscope::analyze`,
//! and renders the Report. No checking logic lives here (STYLE.md §6.4).

#![forbid(unsafe_code)]

pub mod app;
pub mod browser;
pub mod components;
pub mod embed;
pub mod examples;
pub mod permalink;
pub mod state;
pub mod types;

/// Mounts the standalone app into `#certscope`. Called only by the
/// standalone page's loader (www/loader.js), never by the wasm's start
/// function: a host page that loads the wasm for `<certscope-inspector>`
/// elements (src/embed.rs, `mount_inspector`) may have its own
/// `id="certscope"`, and the app would take it over and rewrite the page's
/// URL fragment.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn start_app() {
    let target = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("certscope"));
    if let Some(element) = target {
        yew::Renderer::<app::App>::with_root(element).render();
    }
}

#[cfg(not(target_arch = "wasm32"))]
pub fn start_app() {
    eprintln!("certscope-app runs in a browser: build it with `trunk build --release` (see scripts/serve.sh).");
}
