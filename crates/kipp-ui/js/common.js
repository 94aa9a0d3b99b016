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
    size: "Berkas {file} terlalu besar untuk ditampilkan: lebih dari {mb} MB (berkas nominasi dan peringkat biasanya kurang dari 1 MB).",
  },
  en: {
    offline: "This device is offline.",
    network: "{file} could not be downloaded from {host}: the address is wrong or the server cannot be reached.",
    cors: "The server {host} does not allow this page to load {file} (CORS: it must send an Access-Control-Allow-Origin header).",
    integrity: "{file} does not match the SRI hash of the embed code (the file was replaced or damaged; copy the new embed code).",
    http: "The server {host} answered HTTP {status} for {file}.",
    csp: "This site's Content-Security-Policy blocks WebAssembly (script-src needs 'wasm-unsafe-eval').",
    format: "{file} is damaged or not the expected file.",
    size: "{file} is too large to show: more than {mb} MB (nominee and ranking files are usually under 1 MB).",
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
    .replace("{status}", why.status || "")
    .replace("{mb}", String(KIPP_MAX_DATA >> 20));
}

// The largest data file a widget reads, in characters (16 MiB; a national
// ranking file is about 3 MB, a regency's nominee file a few KB). Larger is
// refused before it is parsed, with the reason.
const KIPP_MAX_DATA = 16 << 20;

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

/** The URL of `src` when it is http(s), else null. */
function kippHref(src) {
  try {
    const u = new URL(src, document.baseURI);
    return u.protocol === "http:" || u.protocol === "https:" ? u.href : null;
  } catch {
    return null;
  }
}

// The one custom element of both widgets (<kipp-nominees>, <kipp-ranking>):
// each boot.js calls this with its own glue (`init`, `mount`), stylesheet,
// words, wasm address and attributes.
//
// - Defined once, even when the script is loaded twice.
// - An open shadow root with the stylesheet adopted (a <style> element where
//   constructable stylesheets are missing): host CSS cannot reach in, ours
//   cannot leak out, no inline style attribute is needed.
// - Nothing starts before the element is near the viewport
//   (IntersectionObserver); then the data file (`src`, or an inline
//   <script type="application/json"> child) is fetched while the wasm is
//   compiled once for every instance of the page.
// - A changed attribute restarts the widget; removing the element stops it.
// - A failed load shows a readable message, the reason (kippWhy) and a plain
//   link to the data, as text; the console names the reason too.
function kippDefine(tag, spec) {
  if (customElements.get(tag)) return;
  let wasm = null;
  let sheet = null;
  const compile = () => {
    wasm ??= spec.init({ module_or_path: fetch(spec.wasmUrl, { integrity: spec.integrity }) });
    return wasm;
  };
  // A panic stops the module: every instance shows a message (src/crash.rs).
  const instances = new Set();
  addEventListener("kipp-panic", (e) => {
    if (e.detail?.module !== tag) return;
    for (const el of instances) el._crashed(e.detail.message);
  });
  const adopt = (root) => {
    try {
      if (!sheet) {
        sheet = new CSSStyleSheet();
        sheet.replaceSync(spec.css);
      }
      root.adoptedStyleSheets = [sheet];
      return null;
    } catch {
      const style = document.createElement("style");
      style.textContent = spec.css;
      root.append(style);
      return style;
    }
  };

  class KippElement extends HTMLElement {
    static observedAttributes = ["src", "lang", ...spec.attrs];

    connectedCallback() {
      instances.add(this);
      if (!this.shadowRoot) this._style = adopt(this.attachShadow({ mode: "open" }));
      if (this._app || this._io || this._starting) return;
      if (typeof IntersectionObserver !== "function") {
        this._start();
        return;
      }
      this._io = new IntersectionObserver(
        (entries) => {
          if (entries.some((e) => e.isIntersecting)) {
            this._io?.disconnect();
            this._io = null;
            this._start();
          }
        },
        { rootMargin: "200px" },
      );
      this._io.observe(this);
    }

    disconnectedCallback() {
      instances.delete(this);
      this._io?.disconnect();
      this._io = null;
      this._stop();
    }

    attributeChangedCallback(_name, old, value) {
      if (old !== value && (this._app || this._starting)) {
        this._stop();
        this._start();
      }
    }

    _stop() {
      this._gen = (this._gen || 0) + 1;
      this._starting = false;
      const app = this._app;
      this._app = null;
      if (app) app.destroy();
    }

    _show(node) {
      if (this._style) this.shadowRoot.replaceChildren(this._style, node);
      else this.shadowRoot.replaceChildren(node);
    }

    async _start() {
      const gen = (this._gen = (this._gen || 0) + 1);
      this.setAttribute("data-kipp-scheme", kippScheme(this));
      this._starting = true;
      const lang = kippLangOf(this);
      const text = spec.text[lang];
      const src = (this.getAttribute("src") || "").trim();
      const href = src ? kippHref(src) : null;
      this._href = href;
      let data;
      if (href) {
        data = fetch(href)
          .catch(async (e) => {
            throw new Error(kippWhyText(await kippWhy(href, null, e), lang, href));
          })
          .then((r) => {
            if (!r.ok) throw new Error(`HTTP ${r.status}: ${href}`);
            // The declared length first (of the bytes sent: compressed is
            // smaller), then the text itself.
            if (Number(r.headers.get("content-length")) > KIPP_MAX_DATA) {
              throw new Error(kippWhyText({ reason: "size" }, lang, href));
            }
            return r.text();
          })
          .then((t) => {
            if (t.length > KIPP_MAX_DATA) throw new Error(kippWhyText({ reason: "size" }, lang, href));
            return t;
          });
      } else if (src) {
        data = Promise.reject(new Error(`src is not an http(s) URL: ${src}`));
      } else {
        const inline = this.querySelector(':scope > script[type="application/json"]');
        const t = inline ? inline.textContent : null;
        data =
          t && t.length > KIPP_MAX_DATA
            ? Promise.reject(new Error(kippWhyText({ reason: "size" }, lang, "JSON")))
            : Promise.resolve(t);
      }
      data.catch(() => {}); // reported by the widget itself
      const waiting = document.createElement("p");
      waiting.setAttribute("role", "status");
      waiting.className = "notice notice-loading";
      waiting.textContent = text.loading;
      this._show(waiting);
      try {
        await compile();
      } catch (e) {
        const url = new URL(spec.wasmUrl, document.baseURI).href;
        const why = kippWhyText(await kippWhy(url, spec.integrity, e), lang, url);
        if (gen !== this._gen) return;
        this._starting = false;
        console.error(`${tag}: ${why}`, e);
        this._blocked(text, href, why);
        return;
      }
      if (gen !== this._gen || !this.isConnected) return;
      const tagLang = this.closest("[lang]")?.getAttribute("lang") || "";
      const opts = { lang: tagLang, src, base: href || document.baseURI };
      for (const name of spec.attrs) {
        const v = this.getAttribute(name);
        if (v !== null) opts[name] = v;
      }
      const el = document.createElement("div");
      this._show(el);
      this._starting = false;
      try {
        this._app = spec.mount(el, opts, data);
      } catch (e) {
        console.error(`${tag}: failed to start`, e);
        this._blocked(text, href);
      }
    }

    _crashed(message) {
      // The wasm instance is gone: nothing of it can be called (not even
      // destroy); a restart would reuse it. The message stays until reload.
      this._app = null;
      this._gen = (this._gen || 0) + 1;
      this._starting = false;
      const text = spec.text[kippLangOf(this)];
      this._blocked({ ...text, blocked: text.crashed }, this._href, message);
    }

    _blocked(text, href, why) {
      const box = document.createElement("div");
      box.className = "notice notice-error";
      box.setAttribute("role", "alert");
      const p = document.createElement("p");
      p.textContent = text.blocked;
      box.append(p);
      if (why) {
        const reason = document.createElement("p");
        reason.className = "why";
        reason.textContent = why;
        box.append(reason);
      }
      if (href) {
        const p2 = document.createElement("p");
        const a = document.createElement("a");
        a.href = href;
        a.textContent = text.link;
        p2.append(a);
        box.append(p2);
      }
      this._show(box);
    }
  }

  // Named after its tag (kipp-nominees: KippNominees) for the console.
  const name = tag.replace(/(^|-)([a-z])/g, (_m, _d, c) => c.toUpperCase());
  Object.defineProperty(KippElement, "name", { value: name });
  customElements.define(tag, KippElement);
}
