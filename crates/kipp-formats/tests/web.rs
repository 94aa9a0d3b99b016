//! Issue 16's regression cases of the readers (tests/hardening.rs) in
//! headless Chromium, where the app runs them: `cargo xtask test` runs this
//! file with wasm-bindgen-test-runner. Natively it is empty (hardening.rs
//! runs there on its own).
#![cfg(target_arch = "wasm32")]

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

#[path = "hardening.rs"]
mod hardening;
