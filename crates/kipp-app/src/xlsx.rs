//! The XLSX module (`kipp-xlsx`, named by `<meta name="kipp-xlsx">`):
//! reading and writing `.xlsx` files, kept out of the app's first download
//! and imported on first use. Once loaded it stays in memory, so imports
//! and exports of workbooks keep working offline.

use std::cell::RefCell;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen]
extern "C" {
    /// `import(url)`, defined in the app's boot (crates/kipp-app/boot.js).
    #[wasm_bindgen(catch, js_name = kippImport)]
    fn kipp_import(url: &str) -> Result<js_sys::Promise, JsValue>;
}

thread_local! {
    /// The module's namespace once loaded.
    static MODULE: RefCell<Option<JsValue>> = const { RefCell::new(None) };
}

/// True when `bytes` are an `.xlsx` file (a ZIP archive) that the module
/// must read first.
pub fn needs_module(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}

/// True once the module is loaded.
pub fn loaded() -> bool {
    MODULE.with(|m| m.borrow().is_some())
}

fn why(e: &JsValue) -> String {
    e.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "unknown error".into())
}

/// The module's absolute URL, from `<meta name="kipp-xlsx">`.
fn url() -> Result<String, String> {
    let doc = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let meta = doc
        .query_selector("meta[name=kipp-xlsx]")
        .ok()
        .flatten()
        .and_then(|m| m.get_attribute("content"))
        .filter(|c| !c.is_empty())
        .ok_or("no <meta name=kipp-xlsx> on the page")?;
    let base = doc.base_uri().ok().flatten().unwrap_or_default();
    web_sys::Url::new_with_base(&meta, &base)
        .map(|u| u.href())
        .map_err(|_| format!("bad module address {meta}"))
}

/// The loaded module (imported and its wasm started on the first call).
pub async fn module() -> Result<JsValue, String> {
    if let Some(m) = MODULE.with(|m| m.borrow().clone()) {
        return Ok(m);
    }
    let url = url()?;
    // The browser's message names the address mostly; else it is added.
    let at = |e: JsValue| {
        let w = why(&e);
        if w.contains(&url) {
            w
        } else {
            format!("{url}: {w}")
        }
    };
    let ns = JsFuture::from(kipp_import(&url).map_err(at)?)
        .await
        .map_err(at)?;
    let ready = js_sys::Reflect::get(&ns, &JsValue::from_str("ready"))
        .ok()
        .and_then(|r| r.dyn_into::<js_sys::Promise>().ok())
        .ok_or_else(|| format!("{url}: not the XLSX module"))?;
    JsFuture::from(ready).await.map_err(at)?;
    MODULE.with(|m| *m.borrow_mut() = Some(ns.clone()));
    Ok(ns)
}

fn call(m: &JsValue, f: &str, arg: &JsValue) -> Result<Vec<u8>, String> {
    let func = js_sys::Reflect::get(m, &JsValue::from_str(f))
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .ok_or_else(|| format!("the XLSX module has no {f}"))?;
    let out = func.call1(&JsValue::NULL, arg).map_err(|e| why(&e))?;
    out.dyn_into::<js_sys::Uint8Array>()
        .map(|a| a.to_vec())
        .map_err(|_| format!("{f}: not bytes"))
}

/// An `.xlsx` file read by the module: the neutral workbook's bytes
/// (`kipp_formats::Workbook::to_bytes`), which the session's readers take
/// in place of the file.
pub fn read(m: &JsValue, bytes: &[u8]) -> Result<Vec<u8>, String> {
    call(m, "readWorkbook", &js_sys::Uint8Array::from(bytes).into())
}

/// A workbook spec written by the module as `.xlsx` bytes.
pub fn write<S: serde::Serialize>(m: &JsValue, spec: &S) -> Result<Vec<u8>, String> {
    let json = serde_json::to_string(spec).map_err(|e| e.to_string())?;
    call(m, "writeWorkbook", &JsValue::from_str(&json))
}
