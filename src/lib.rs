//! The certscope web app: collects input, hands it to `certscope::analyze`,
//! and renders the Report. No checking logic lives here (STYLE.md §6.4).
//!
//! Modules, each depending only on those above it (a test below keeps it so):
//!
//! - `types`: plain values every module shares (files as read, the room
//!   left under the core's limits, the Report handle the panels get).
//! - `examples`, `permalink`: the built-in examples; inputs in a URL fragment.
//! - `state`: the reducer (`AppState`, `Action`), the only call to
//!   `analyze`; it reads no clock, the caller hands it the time.
//! - `browser`: the clock, files, the clipboard, downloads, the URL fragment.
//! - `controller`: what the app is configured to do (`Config`, the embed's
//!   `Attribute`s) and the `Controller` a host page drives it with.
//! - `components`: the panels; `report_view` renders a Report,
//!   `input_panel` reports one `InputEvent`.
//! - `app`: `<App>`, the page shell: the reducer, the clock, the layout.
//! - `api`: what JavaScript calls (wasm-bindgen), joining `app` and `controller`.

#![forbid(unsafe_code)]

pub mod api;
pub mod app;
pub mod browser;
pub mod components;
pub mod controller;
pub mod examples;
pub mod permalink;
pub mod state;
pub mod types;

#[cfg(test)]
mod layout {
    /// Each module's source and the modules it must not name: the ones
    /// below it in the list above, so that no two import each other.
    const RULES: &[(&str, &str, &[&str])] = &[
        ("types", include_str!("types.rs"), &["crate::"]),
        ("state", include_str!("state.rs"), &["crate::browser", "crate::controller", "crate::app", "crate::api"]),
        ("browser", include_str!("browser.rs"), &["crate::state", "crate::controller", "crate::app", "crate::api"]),
        ("controller", include_str!("controller.rs"), &["crate::browser", "crate::app", "crate::api"]),
        ("app", include_str!("app.rs"), &["crate::api"]),
    ];

    #[test]
    fn modules_depend_one_way() {
        for (module, source, forbidden) in RULES {
            for name in *forbidden {
                assert!(!source.contains(name), "src/{module}.rs names {name}");
            }
        }
    }
}
