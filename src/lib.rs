//! The certscope web app: collects input, hands it to `certscope::analyze`,
//! and renders the Report. No checking logic lives here (STYLE.md §6.4).

#![forbid(unsafe_code)]

pub mod app;
pub mod browser;
pub mod components;
pub mod examples;
pub mod permalink;
pub mod state;

/// Mounts the app. Looks for `#certscope` first so a page can choose where
/// it goes (and an embed can mount into its own element); falls back to `<body>`.
#[cfg(target_arch = "wasm32")]
pub fn start() {
    let target = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("certscope"));
    match target {
        Some(element) => {
            yew::Renderer::<app::App>::with_root(element).render();
        }
        None => {
            yew::Renderer::<app::App>::new().render();
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
pub fn start() {
    eprintln!("certscope-app runs in a browser: build it with `trunk build --release` (see scripts/serve.sh).");
}
