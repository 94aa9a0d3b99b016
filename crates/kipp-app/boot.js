
// kipp-app boot (appended by `cargo xtask` to the wasm-bindgen glue): load
// the wasm that sits next to this script, checked against its SRI hash, and
// run the app.
__wbg_init({
  module_or_path: fetch(new URL("__KIPP_WASM__", import.meta.url), {
    integrity: "__KIPP_WASM_INTEGRITY__",
  }),
}).catch((e) => {
  console.error("kipp: WebAssembly gagal dimuat / failed to load", e);
  // The page's loading note (www/index.html) says so instead of waiting forever.
  const note = document.getElementById("kipp-loading");
  if (note) {
    note.setAttribute("role", "alert");
    note.textContent =
      "Aplikasi kipp gagal dimuat (" + (e && e.message ? e.message : e) + "). " +
      "Muat ulang halaman; bila tetap gagal, peramban ini mungkin tidak mendukung WebAssembly. / " +
      "The kipp app failed to load. Reload the page; if it still fails, this browser may not support WebAssembly.";
  }
});
// `import(url)` for the app (src/xlsx.rs: the XLSX module, loaded on first
// use); in this module, so the glue's import of `kippImport` finds it.
function kippImport(url) {
  return import(url);
}
