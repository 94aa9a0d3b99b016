
// <kipp-ranking> boot. `cargo xtask` appends this to the wasm-bindgen glue
// (so `__wbg_init` and `mount` are the glue's), puts the widgets' shared
// element (crates/kipp-ui/js/common.js, `kippDefine`) before it, and fills in
// the wasm file name, its SRI hash and the stylesheet (style.css).
kippDefine("kipp-ranking", {
  css: __KIPP_CSS__,
  wasmUrl: new URL("__KIPP_WASM__", import.meta.url),
  integrity: "__KIPP_WASM_INTEGRITY__",
  init: __wbg_init,
  mount,
  attrs: ["simulate"],
  text: {
    id: {
      blocked:
        "Hasil peringkat tidak dapat ditampilkan: browser atau situs ini memblokir WebAssembly, atau berkasnya gagal dimuat.",
      crashed: "Hasil peringkat berhenti karena kesalahan di kipp. Muat ulang halaman untuk mencoba lagi.",
      link: "Buka data peringkat (JSON)",
      loading: "Memuat…",
    },
    en: {
      blocked:
        "The ranking cannot be shown: this browser or site blocks WebAssembly, or its file failed to load.",
      crashed: "The ranking stopped because of an error in kipp. Reload the page to try again.",
      link: "Open the ranking data (JSON)",
      loading: "Loading…",
    },
  },
});
