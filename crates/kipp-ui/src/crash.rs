//! Panics never leave a blank page. A panic (a bug: the code never panics
//! on input) aborts the wasm instance; before it does, the hook installed
//! here logs it, remembers it ([`panicked`]: the organiser app then writes
//! nothing more to storage, so the work saved before stays as it was) and
//! tells the page with a `kipp-panic` event on `window` (`detail`:
//! `{ module, message }`). The page's own JavaScript, which still runs,
//! shows a readable message: the app's boot script over the app, the
//! widgets' element (kipp-ui/js/common.js) in every instance of the module.

use std::sync::atomic::{AtomicBool, Ordering};

static PANICKED: AtomicBool = AtomicBool::new(false);

/// True once this module has panicked.
pub fn panicked() -> bool {
    PANICKED.load(Ordering::SeqCst)
}

/// Installs the hook for `module` (the bundle's name: `kipp-app`,
/// `kipp-nominees`, `kipp-ranking`). Installing again replaces it.
pub fn install(module: &'static str) {
    // Through yew: its renderer replaces any hook not set this way.
    yew::set_custom_panic_hook(Box::new(move |info| {
        let first = !PANICKED.swap(true, Ordering::SeqCst);
        // The console gets it as yew's own hook writes it (with the stack).
        console_error_panic_hook::hook(info);
        if first {
            announce(module, &info.to_string());
        }
    }));
}

fn announce(module: &str, message: &str) {
    let Some(w) = web_sys::window() else {
        return;
    };
    let detail = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&detail, &"module".into(), &module.into());
    let _ = js_sys::Reflect::set(&detail, &"message".into(), &message.into());
    let init = web_sys::CustomEventInit::new();
    init.set_detail(&detail);
    if let Ok(e) = web_sys::CustomEvent::new_with_event_init_dict("kipp-panic", &init) {
        let _ = w.dispatch_event(&e);
    }
}

/// Panics: for the tests that check what a panic leaves on the page (each
/// bundle exports it as `panicForTests`).
pub fn provoke() {
    panic!("panic provoked by a test (panicForTests)");
}
