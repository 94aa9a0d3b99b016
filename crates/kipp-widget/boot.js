
// <kipp-nominees> boot. `cargo xtask` appends this to the wasm-bindgen glue,
// so `__wbg_init` and `mount` are the glue's, and fills in the wasm file name,
// its SRI hash and the stylesheet (crates/kipp-widget/style.css).
//
// - The element is defined once, even when this script is loaded twice.
// - Each element gets an open shadow root with the stylesheet adopted: host
//   CSS cannot reach in, ours cannot leak out; no inline style is needed.
// - Nothing starts before the element is near the viewport
//   (IntersectionObserver); then the nominee file is fetched while the wasm,
//   found next to this script, is compiled once for every instance.
// - When the page blocks WebAssembly (CSP without 'wasm-unsafe-eval'), a
//   readable message and a plain link to the data are shown, as text.
const KIPP_NOMINEES_CSS = __KIPP_CSS__;
const KIPP_NOMINEES_TEXT = {
  id: {
    blocked:
      "Daftar nominasi tidak dapat ditampilkan: browser atau situs ini memblokir WebAssembly, atau berkasnya gagal dimuat.",
    link: "Buka data nominasi (JSON)",
    loading: "Memuat…",
  },
  en: {
    blocked:
      "The nominee list cannot be shown: this browser or site blocks WebAssembly, or its file failed to load.",
    link: "Open the nominee data (JSON)",
    loading: "Loading…",
  },
};
let kippNomineesWasm = null;
let kippNomineesSheet = null;

function kippNomineesInit() {
  kippNomineesWasm ??= __wbg_init({
    module_or_path: fetch(new URL("__KIPP_WASM__", import.meta.url), {
      integrity: "__KIPP_WASM_INTEGRITY__",
    }),
  });
  return kippNomineesWasm;
}

function kippNomineesStyle(root) {
  try {
    if (!kippNomineesSheet) {
      kippNomineesSheet = new CSSStyleSheet();
      kippNomineesSheet.replaceSync(KIPP_NOMINEES_CSS);
    }
    root.adoptedStyleSheets = [kippNomineesSheet];
    return null;
  } catch {
    // Browsers without constructable stylesheets: a <style> element, kept
    // first in the shadow root.
    const style = document.createElement("style");
    style.textContent = KIPP_NOMINEES_CSS;
    root.append(style);
    return style;
  }
}


/** The URL of `src` when it is http(s), else null. */
function kippNomineesHref(src) {
  try {
    const u = new URL(src, document.baseURI);
    return u.protocol === "http:" || u.protocol === "https:" ? u.href : null;
  } catch {
    return null;
  }
}

const KIPP_NOMINEES_ATTRS = ["region", "year", "level", "category", "layout", "limit", "heading-level"];

class KippNominees extends HTMLElement {
  static observedAttributes = ["src", "lang", ...KIPP_NOMINEES_ATTRS];

  connectedCallback() {
    if (!this.shadowRoot) {
      this._style = kippNomineesStyle(this.attachShadow({ mode: "open" }));
    }
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

  _lang() {
    return this.closest("[lang]")?.getAttribute("lang") || "";
  }

  async _start() {
    const gen = (this._gen = (this._gen || 0) + 1);
    this.setAttribute("data-kipp-scheme", kippScheme(this));
    this._starting = true;
    const src = (this.getAttribute("src") || "").trim();
    const href = src ? kippNomineesHref(src) : null;
    let data;
    if (src) {
      data = href
        ? fetch(href).catch(async (e) => {
            throw new Error(kippWhyText(await kippWhy(href, null, e), kippLangOf(this), href));
          }).then((r) => {
            if (!r.ok) throw new Error(`HTTP ${r.status}: ${href}`);
            return r.text();
          })
        : Promise.reject(new Error(`src is not an http(s) URL: ${src}`));
    } else {
      const inline = this.querySelector(':scope > script[type="application/json"]');
      data = Promise.resolve(inline ? inline.textContent : null);
    }
    data.catch(() => {}); // reported by the widget itself
    const text = KIPP_NOMINEES_TEXT[kippLangOf(this)];
    const waiting = document.createElement("p");
    waiting.setAttribute("role", "status");
    waiting.className = "notice notice-loading";
    waiting.textContent = text.loading;
    this._show(waiting);
    try {
      await kippNomineesInit();
    } catch (e) {
      const wasmUrl = new URL("__KIPP_WASM__", import.meta.url).href;
      const why = kippWhyText(await kippWhy(wasmUrl, "__KIPP_WASM_INTEGRITY__", e), kippLangOf(this), wasmUrl);
      if (gen !== this._gen) return;
      this._starting = false;
      console.error(`kipp-nominees: ${why}`, e);
      this._blocked(text, href, why);
      return;
    }
    if (gen !== this._gen || !this.isConnected) return;
    const opts = { lang: this._lang(), src, base: href || document.baseURI };
    for (const name of KIPP_NOMINEES_ATTRS) {
      const v = this.getAttribute(name);
      if (v !== null) opts[name] = v;
    }
    const el = document.createElement("div");
    this._show(el);
    this._starting = false;
    try {
      this._app = mount(el, opts, data);
    } catch (e) {
      console.error("kipp-nominees: failed to start", e);
      this._blocked(text, href);
    }
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

if (!customElements.get("kipp-nominees")) {
  customElements.define("kipp-nominees", KippNominees);
}
