// Shared by the widgets' boots: `cargo xtask` puts this file before each
// widget's boot.js (crates/kipp-widget, crates/kipp-ranking), in the same
// module, so there is one copy of it in the repository.
//
// When the widget's WebAssembly or its data file cannot be loaded, the box
// and the console say why: offline, network (or wrong address), CORS (a CDN
// without Access-Control-Allow-Origin), integrity (a file replaced, or an
// old snippet's hash), an HTTP status, the page's Content-Security-Policy,
// or a file that is not what it should be.
const KIPP_WHY_TEXT = {
  id: {
    offline: "Perangkat tidak tersambung ke internet.",
    network: "Berkas {file} tidak dapat diunduh dari {host}: alamatnya salah atau servernya tidak terjangkau.",
    cors: "Server {host} tidak mengizinkan halaman ini memuat {file} (CORS: server perlu mengirim header Access-Control-Allow-Origin).",
    integrity: "Berkas {file} tidak cocok dengan hash SRI pada kode sematan (berkas diganti atau rusak; salin kode sematan yang baru).",
    http: "Server {host} menjawab HTTP {status} untuk {file}.",
    csp: "Content-Security-Policy situs ini memblokir WebAssembly (script-src perlu 'wasm-unsafe-eval').",
    format: "Berkas {file} rusak atau bukan berkas yang diharapkan.",
  },
  en: {
    offline: "This device is offline.",
    network: "{file} could not be downloaded from {host}: the address is wrong or the server cannot be reached.",
    cors: "The server {host} does not allow this page to load {file} (CORS: it must send an Access-Control-Allow-Origin header).",
    integrity: "{file} does not match the SRI hash of the embed code (the file was replaced or damaged; copy the new embed code).",
    http: "The server {host} answered HTTP {status} for {file}.",
    csp: "This site's Content-Security-Policy blocks WebAssembly (script-src needs 'wasm-unsafe-eval').",
    format: "{file} is damaged or not the expected file.",
  },
};

// Why loading `url` (with `integrity`, if any) failed with `error`:
// `{reason, status}`. Asks the server again to tell the cases apart.
async function kippWhy(url, integrity, error) {
  const msg = String((error && error.message) || error || "");
  if (/Content.Security.Policy|wasm-unsafe-eval|unsafe-eval/i.test(msg)) return { reason: "csp" };
  if (typeof WebAssembly === "object" && error instanceof WebAssembly.CompileError) return { reason: "format" };
  if (error instanceof SyntaxError) return { reason: "format" };
  const http = /^HTTP (\d{3})/.exec(msg);
  if (http) return { reason: "http", status: http[1] };
  if (typeof navigator === "object" && navigator.onLine === false) return { reason: "offline" };
  try {
    const r = await fetch(url, { cache: "no-store" });
    if (!r.ok) return { reason: "http", status: String(r.status) };
    return { reason: integrity ? "integrity" : "format" };
  } catch {
    try {
      await fetch(url, { mode: "no-cors", cache: "no-store" });
      return { reason: "cors" };
    } catch {
      return { reason: "network" };
    }
  }
}

// The sentence for `why` in `lang` ("id" or "en"), about `url`.
function kippWhyText(why, lang, url) {
  const t = KIPP_WHY_TEXT[lang === "en" ? "en" : "id"];
  let host = "";
  let file = url;
  try {
    const u = new URL(url, document.baseURI);
    host = u.host;
    file = u.pathname.split("/").pop() || u.href;
  } catch {
    host = "";
  }
  return (t[why.reason] || t.network)
    .replace("{host}", host)
    .replace("{file}", file)
    .replace("{status}", why.status || "");
}

// "en" when the element's (or the page's) language is English, else "id":
// kipp_lang::Lang::from_tag's rule (the primary subtag is "en").
function kippLangOf(el) {
  const tag = (el.closest("[lang]")?.getAttribute("lang") || "").trim();
  return tag.split(/[-_]/)[0].toLowerCase() === "en" ? "en" : "id";
}

// "dark" or "light": the element's `theme` attribute when it says so, else
// from the first opaque background up the page (relative luminance below
// 0.2 is dark). The widgets' stylesheets pick their default colours by it.
function kippScheme(el) {
  const forced = (el.getAttribute("theme") || "").trim().toLowerCase();
  if (forced === "dark" || forced === "light") return forced;
  const lin = (x) => {
    const v = x / 255;
    return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
  };
  for (let n = el; n && n.nodeType === 1; n = n.parentElement) {
    const m = /rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?/.exec(getComputedStyle(n).backgroundColor);
    if (m && (m[4] === undefined || parseFloat(m[4]) > 0.5)) {
      const y = 0.2126 * lin(+m[1]) + 0.7152 * lin(+m[2]) + 0.0722 * lin(+m[3]);
      return y < 0.2 ? "dark" : "light";
    }
  }
  return "light";
}
