//! The certscope web app: collects input, hands it to `certscope::analyze`,
//! and renders the Report. No checking logic lives here (STYLE.md §6.4).

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
