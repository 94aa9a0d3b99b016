//! kipp-app: the organiser's single-page app (yew).
//!
//! An officer opens one static page and runs the whole competition there:
//! import files (or open the built-in synthetic demo or a preset), edit the
//! competition, see the ranking of every stage with explanations, try other
//! weights, record panel decisions, verify a published result and export.
//! Nothing leaves the browser; the work is autosaved in `localStorage`.
//!
//! Data flow: files -> `kipp-formats` (parse, locate errors) -> engine model
//! -> `kipp-score` (prepare, rank) -> [`engine::RunView`] -> views and exports.

mod app;
mod browser;
mod demo;
mod engine;
mod fmt;
mod formats;
mod i18n;
mod import;
mod presets;
mod project;
mod views;

use wasm_bindgen::prelude::*;

/// Entry point: injects the stylesheet and mounts the app on `#app` (or the body).
#[wasm_bindgen(start)]
pub fn start() {
    browser::inject_css(include_str!("app.css"));
    browser::inject_icon();
    let doc = gloo::utils::document();
    match doc.get_element_by_id("app") {
        Some(el) => {
            yew::Renderer::<app::App>::with_root(el).render();
        }
        None => {
            yew::Renderer::<app::App>::new().render();
        }
    }
}
