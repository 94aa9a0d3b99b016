//! kipp-app: the organiser's single-page app (yew).
//!
//! An officer opens one static page and runs the whole competition there:
//! import files (or open the built-in synthetic demo or a preset), edit the
//! competition, see the ranking of every stage with explanations, try other
//! weights, record panel decisions, verify a published result and export.
//! Nothing leaves the browser; every change is saved at once in IndexedDB.
//!
//! All state and rules live in `kipp-session` (a store with one reduce
//! function, tested natively); this crate renders the store's screens and
//! carries out the effects reduce returns (storage, downloads, focus).

mod app;
mod browser;
mod demo;
mod fmt;
mod i18n;
mod storage;
mod views;
mod worker;
mod xlsx;

use wasm_bindgen::prelude::*;

/// Panics on purpose: the tests check that a panic leaves a readable
/// message (and, in the app, the saved work as it was).
#[wasm_bindgen(js_name = panicForTests)]
pub fn panic_for_tests() {
    kipp_ui::crash::provoke();
}

/// Entry point: injects the stylesheet and mounts the app on `#app` (or the body).
#[wasm_bindgen(start)]
pub fn start() {
    kipp_ui::crash::install("kipp-app");
    browser::inject_css(concat!(include_str!("app.css"), include_str!("report.css")));
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
