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

/// Mounts the standalone app into `#certscope`, and only there: a page
/// without it (a host page that loaded the wasm for `<certscope-inspector>`
/// elements, see src/embed.rs) gets no stray app.
#[cfg(target_arch = "wasm32")]
pub fn start() {
    let target = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("certscope"));
    if let Some(element) = target {
        yew::Renderer::<app::App>::with_root(element).render();
    }
}

#[cfg(not(target_arch = "wasm32"))]
pub fn start() {
    eprintln!("certscope-app runs in a browser: build it with `trunk build --release` (see scripts/serve.sh).");
}
