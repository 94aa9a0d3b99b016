
// kipp-app boot (appended by `cargo xtask` to the wasm-bindgen glue): load
// the wasm that sits next to this script, checked against its SRI hash, and
// run the app.

// A panic (a bug) stops the app's wasm (kipp-ui/src/crash.rs); the page says
// so over the app, which stays readable, and nothing more is saved.
addEventListener("kipp-panic", (e) => {
  if (e.detail?.module !== "kipp-app" || document.getElementById("kipp-crash")) return;
  const box = document.createElement("div");
  box.id = "kipp-crash";
  box.setAttribute("role", "alert");
  box.style.cssText =
    "position:fixed;inset:0 0 auto 0;z-index:2147483647;background:#fff4f4;color:#1b1f24;" +
    "border-bottom:3px solid #b3261e;padding:1rem;font:1rem/1.5 system-ui,sans-serif";
  const say = (text, lang) => {
    const p = document.createElement("p");
    p.style.margin = "0 0 .5rem";
    if (lang) p.lang = lang;
    p.textContent = text;
    box.append(p);
  };
  say("kipp berhenti karena kesalahan di aplikasi. Pekerjaan yang sudah tersimpan aman dan tidak diubah lagi; muat ulang halaman untuk melanjutkan.");
  say("kipp stopped because of an error in the app. The work saved so far is safe and is not changed any more; reload the page to go on.", "en");
  const why = document.createElement("p");
  why.style.cssText = "margin:0 0 .5rem;font-family:monospace;font-size:.85rem;overflow-wrap:anywhere";
  why.textContent = String(e.detail.message || "");
  box.append(why);
  const again = document.createElement("a");
  again.href = location.href;
  again.textContent = "Muat ulang / Reload";
  again.style.color = "#0b57d0";
  box.append(again);
  document.body.prepend(box);
  again.focus();
});
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
