//! Small browser helpers: downloads through a Blob and an object URL,
//! `localStorage`, the clock, the stylesheet and the URL hash.

use wasm_bindgen::JsCast;

/// Adds `css` to the document head once.
pub fn inject_css(css: &str) {
    let doc = gloo::utils::document();
    if doc.get_element_by_id("kipp-app-css").is_some() {
        return;
    }
    if let Ok(el) = doc.create_element("style") {
        el.set_id("kipp-app-css");
        el.set_text_content(Some(css));
        if let Some(head) = doc.head() {
            let _ = head.append_child(&el);
        }
    }
}

/// Adds a small inline icon so the browser does not ask for `/favicon.ico`.
pub fn inject_icon() {
    let doc = gloo::utils::document();
    if doc
        .query_selector("link[rel~=icon]")
        .ok()
        .flatten()
        .is_some()
    {
        return;
    }
    if let Ok(el) = doc.create_element("link") {
        let _ = el.set_attribute("rel", "icon");
        let _ = el.set_attribute(
            "href",
            "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'%3E%3Crect width='16' height='16' rx='3' fill='%230b5cad'/%3E%3Ctext x='8' y='12.5' font-size='12' text-anchor='middle' fill='white' font-family='sans-serif'%3Ek%3C/text%3E%3C/svg%3E",
        );
        if let Some(head) = doc.head() {
            let _ = head.append_child(&el);
        }
    }
}

/// Offers `bytes` as a file named `name` to the user. Returns false when the
/// browser refused.
pub fn download(name: &str, mime: &str, bytes: &[u8]) -> bool {
    let arr = js_sys::Uint8Array::from(bytes);
    let parts = js_sys::Array::new();
    parts.push(&arr.buffer());
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_buffer_source_sequence_and_options(&parts, &opts) else {
        return false;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return false;
    };
    let doc = gloo::utils::document();
    let ok = match doc
        .create_element("a")
        .ok()
        .and_then(|e| e.dyn_into::<web_sys::HtmlAnchorElement>().ok())
    {
        Some(a) => {
            a.set_href(&url);
            a.set_download(name);
            a.set_hidden(true);
            if let Some(body) = doc.body() {
                let _ = body.append_child(&a);
                a.click();
                let _ = body.remove_child(&a);
            }
            true
        }
        None => false,
    };
    // Revoke later: some browsers start the download asynchronously.
    let url2 = url.clone();
    gloo::timers::callback::Timeout::new(10_000, move || {
        let _ = web_sys::Url::revoke_object_url(&url2);
    })
    .forget();
    ok
}

/// Outcome of writing to `localStorage`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StoreError {
    /// Quota exceeded.
    Full,
    /// No storage (private mode, disabled).
    Unavailable,
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten())
}

/// Writes `value` under `key`.
pub fn store(key: &str, value: &str) -> Result<(), StoreError> {
    let s = storage().ok_or(StoreError::Unavailable)?;
    // Any failure of setItem on an existing storage is the quota
    // (QuotaExceededError; older engines name it differently).
    s.set_item(key, value).map_err(|_| StoreError::Full)
}

/// Reads `key`.
pub fn load(key: &str) -> Option<String> {
    storage().and_then(|s| s.get_item(key).ok().flatten())
}

/// Now, ISO 8601 in the officer's zone with its offset
/// (`2026-12-01T21:05:00+07:00`).
pub fn now_iso() -> String {
    let d = js_sys::Date::new_0();
    let off = -(d.get_timezone_offset() as i64); // minutes east of UTC
    let (sign, a) = if off < 0 { ('-', -off) } else { ('+', off) };
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}{sign}{:02}:{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date(),
        d.get_hours(),
        d.get_minutes(),
        d.get_seconds(),
        a / 60,
        a % 60
    )
}

/// A fresh project id (time and randomness, URL-safe).
pub fn new_id() -> String {
    let t = js_sys::Date::now() as u64;
    let r = (js_sys::Math::random() * 1e9) as u64;
    format!("p{t:x}{r:x}")
}

/// Removes `key` from `localStorage`.
pub fn remove(key: &str) {
    if let Some(s) = storage() {
        let _ = s.remove_item(key);
    }
}

/// Ctrl+Z / Ctrl+Y / Ctrl+Shift+Z as undo and redo, except while typing in
/// a text field (where the field's own undo applies).
pub fn undo_key(e: &web_sys::KeyboardEvent) -> Option<kipp_session::store::Action> {
    use kipp_session::store::Action;
    if !(e.ctrl_key() || e.meta_key()) || e.alt_key() {
        return None;
    }
    let typing = gloo::utils::document()
        .active_element()
        .map(|el| {
            let tag = el.tag_name().to_ascii_lowercase();
            tag == "textarea"
                || (tag == "input"
                    && !matches!(
                        el.get_attribute("type").as_deref(),
                        Some("range" | "checkbox" | "radio" | "button" | "file")
                    ))
        })
        .unwrap_or(false);
    if typing {
        return None;
    }
    match e.key().to_ascii_lowercase().as_str() {
        "z" if e.shift_key() => Some(Action::Redo),
        "z" => Some(Action::Undo),
        "y" => Some(Action::Redo),
        _ => None,
    }
}

/// Focuses the element with `id` and scrolls it to the top of the view
/// (it may sit far above or below where the user clicked).
pub fn focus_into_view(id: &str) {
    if let Some(el) = gloo::utils::document()
        .get_element_by_id(id)
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let opts = web_sys::FocusOptions::new();
        opts.set_prevent_scroll(true);
        let _ = el.focus_with_options(&opts);
        let so = web_sys::ScrollIntoViewOptions::new();
        so.set_block(web_sys::ScrollLogicalPosition::Start);
        el.scroll_into_view_with_scroll_into_view_options(&so);
    }
}

/// The report on screen (`article.report`) as a standalone HTML document
/// with its stylesheet, for Word or LibreOffice Writer.
pub fn report_html(css: &str) -> Option<String> {
    let doc = gloo::utils::document();
    let el = doc.query_selector("article.report").ok().flatten()?;
    let lang = doc
        .document_element()
        .and_then(|e| e.get_attribute("lang"))
        .unwrap_or_else(|| "id".into());
    let title = doc
        .query_selector("article.report .report-title")
        .ok()
        .flatten()
        .and_then(|t| t.text_content())
        .unwrap_or_default();
    Some(format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\"><head><meta charset=\"utf-8\"><title>{}</title><style>{css}</style></head><body>{}</body></html>\n",
        escape(&title),
        el.outer_html()
    ))
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The URL hash without `#`.
pub fn hash() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .map(|h| h.trim_start_matches('#').to_string())
        .unwrap_or_default()
}

/// Sets the URL hash without scrolling (replaceState would lose history;
/// a plain hash change is fine for tabs).
pub fn set_hash(h: &str) {
    if let Some(w) = web_sys::window() {
        let _ = w.location().set_hash(h);
    }
}

/// Sets `<html lang>`.
pub fn set_doc_lang(tag: &str) {
    if let Some(el) = gloo::utils::document().document_element() {
        let _ = el.set_attribute("lang", tag);
    }
}

/// Sets the document title.
pub fn set_title(t: &str) {
    gloo::utils::document().set_title(t);
}

/// True when the page was opened with `?demo` (always start on the demo).
pub fn wants_demo() -> bool {
    web_sys::window()
        .and_then(|w| w.location().search().ok())
        .map(|q| {
            q.trim_start_matches('?')
                .split('&')
                .any(|kv| kv == "demo" || kv.starts_with("demo="))
        })
        .unwrap_or(false)
}
