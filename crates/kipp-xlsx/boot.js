
// kipp-xlsx boot. `cargo xtask` appends this to the wasm-bindgen glue with
// the wasm file name and its SRI hash filled in. A library the organiser
// app imports on first use of an .xlsx file (its URL is the page's
// <meta name="kipp-xlsx">); wait for `ready`, then call
// `readWorkbook(bytes)` / `writeWorkbook(specJson)`.
export const ready = __wbg_init({
  module_or_path: fetch(new URL("__KIPP_WASM__", import.meta.url), {
    integrity: "__KIPP_WASM_INTEGRITY__",
  }),
});
