//! kipp-ranking: the `<kipp-ranking>` element, a published ranking
//! (docs/ranking.md) shown per stage, and with the `simulate` attribute a
//! what-if on the criterion weights through the engine's
//! [`kipp_score::rank_values`], clearly marked as not the official result.
//!
//! A separate bundle from `<kipp-nominees>`, so that the nominee view does
//! not pay for the engine. `crates/kipp-ranking/boot.js` defines the element
//! and calls [`mount`]; the file is parsed with `JSON.parse` and read with
//! serde-wasm-bindgen into the types of [`file`].
#![deny(missing_docs)]

mod app;
pub mod file;

use js_sys::{Promise, Reflect};
use kipp_ui::Lang;
use wasm_bindgen::prelude::*;

/// A mounted widget; the loader destroys it when the element leaves the page.
#[wasm_bindgen]
pub struct Mounted(yew::AppHandle<app::App>);

#[wasm_bindgen]
impl Mounted {
    /// Unmounts the yew app.
    pub fn destroy(self) {
        self.0.destroy();
    }
}

/// Panics on purpose: the tests check that a panic leaves a readable
/// message (and, in the app, the saved work as it was).
#[wasm_bindgen(js_name = panicForTests)]
pub fn panic_for_tests() {
    kipp_ui::crash::provoke();
}

/// Mounts the widget into `root` (inside the shadow root). `opts` holds
/// `lang` (resolved from the element or the page), `src` and `simulate`
/// (present or not); `data` is a promise of the file's text.
#[wasm_bindgen]
pub fn mount(root: web_sys::Element, opts: JsValue, data: Promise) -> Mounted {
    kipp_ui::crash::install("kipp-ranking");
    let attr = |name: &str| {
        Reflect::get(&opts, &JsValue::from_str(name))
            .ok()
            .and_then(|v| v.as_string())
    };
    let props = app::AppProps {
        lang: Lang::from_tag(&attr("lang").unwrap_or_default()),
        simulate: attr("simulate").is_some(),
        src: attr("src").unwrap_or_default().into(),
        data: app::Data(data),
    };
    Mounted(yew::Renderer::<app::App>::with_root_and_props(root, props).render())
}
