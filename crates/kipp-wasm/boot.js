
// kipp-wasm boot. `cargo xtask` appends this to the wasm-bindgen glue (so
// `__wbg_init` is the glue's) with the wasm file name and its SRI hash filled
// in. This bundle is a library, not a page component: nothing runs on import
// but the loading of the wasm found next to this script, checked against its
// hash. Wait for `ready` before calling anything:
//
//   import { ready, Session } from "./pkg/kipp-wasm.<hash>.js";
//   await ready;
//
// It works the same in a module Web Worker (www/bench/worker.js).
export const ready = __wbg_init({
  module_or_path: fetch(new URL("__KIPP_WASM__", import.meta.url), {
    integrity: "__KIPP_WASM_INTEGRITY__",
  }),
});
