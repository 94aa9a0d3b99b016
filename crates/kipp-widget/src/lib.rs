//! kipp-widget: the `<kipp-nominees>` element for regency websites.
//!
//! The hand-written module `www/widget/kipp-widget.js` defines the custom
//! element, attaches an open shadow root, waits until the element is
//! scrolled into view, starts fetching the nominee file, initialises this
//! wasm and calls [`mount`]. Everything shown is built by yew as DOM nodes
//! and text (never HTML), styled by `kipp-widget.css` inside the shadow root.
//!
//! Data flow: text -> `JSON.parse` -> [`data::Value`] -> [`data::validate`]
//! (every problem located) -> the view. Validation and filtering are plain
//! Rust in [`data`], tested natively.
#![deny(missing_docs)]

mod app;
pub mod data;
mod js;
pub mod summary;
mod summary_view;

use std::rc::Rc;

use js_sys::{Promise, Reflect};
use kipp_ui::Lang;
use wasm_bindgen::prelude::*;

/// Panics on purpose: the tests check that a panic leaves a readable
/// message (and, in the app, the saved work as it was).
#[wasm_bindgen(js_name = panicForTests)]
pub fn panic_for_tests() {
    kipp_ui::crash::provoke();
}

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

/// True when `root` is inside the page's first `<kipp-nominees>`.
fn first_on_page(root: &web_sys::Element) -> bool {
    use wasm_bindgen::JsCast;
    let host = root
        .get_root_node()
        .dyn_into::<web_sys::ShadowRoot>()
        .ok()
        .map(|s| s.host());
    let first = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector("kipp-nominees").ok().flatten());
    matches!((host, first), (Some(h), Some(f)) if h == f)
}

/// Mounts the widget into `root` (an element inside the shadow root).
///
/// `opts` holds the element's attributes as strings (`lang` already
/// resolved from the element or the page, `layout`, `region`, `year`,
/// `level`, `category`, `limit`, `src`) and `base`, the absolute URL that
/// relative links and images of the file resolve against. `data` is a
/// promise of the file's text (or `null` when there is no source); it
/// rejects with an `Error` when the file could not be fetched.
#[wasm_bindgen]
pub fn mount(root: web_sys::Element, opts: JsValue, data: Promise) -> Mounted {
    kipp_ui::crash::install("kipp-nominees");
    let attr = |name: &str| {
        Reflect::get(&opts, &JsValue::from_str(name))
            .ok()
            .and_then(|v| v.as_string())
    };
    let lang = Lang::from_tag(&attr("lang").unwrap_or_default());
    let (mut config, bad) = data::Config::read(attr);
    config.shared_links = first_on_page(&root);
    for name in bad {
        let value = attr(name).unwrap_or_default();
        web_sys::console::warn_1(
            &format!("kipp-nominees: attribute {name}=\"{value}\" not understood; ignored").into(),
        );
    }
    let props = app::AppProps {
        lang,
        config: Rc::new(config),
        base: attr("base").unwrap_or_default().into(),
        src: attr("src").unwrap_or_default().into(),
        data: app::Data(data),
    };
    Mounted(yew::Renderer::<app::App>::with_root_and_props(root, props).render())
}
