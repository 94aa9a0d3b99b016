
// <kipp-ranking> boot. `cargo xtask` appends this to the wasm-bindgen glue,
// so `__wbg_init` and `mount` are the glue's, and fills in the wasm file name,
// its SRI hash and the stylesheet (crates/kipp-ranking/style.css).
// Same contract as <kipp-nominees> (crates/kipp-widget/boot.js): defined once,
// open shadow root with an adopted stylesheet, lazy start, and a readable
// message with a plain link when the page blocks WebAssembly.
const KIPP_RANKING_CSS = __KIPP_CSS__;
const KIPP_RANKING_TEXT = {
  id: {
    blocked:
      "Hasil peringkat tidak dapat ditampilkan: browser atau situs ini memblokir WebAssembly, atau berkasnya gagal dimuat.",
    link: "Buka data peringkat (JSON)",
    loading: "Memuat…",
  },
  en: {
    blocked:
      "The ranking cannot be shown: this browser or site blocks WebAssembly, or its file failed to load.",
    link: "Open the ranking data (JSON)",
    loading: "Loading…",
  },
};
let kippRankingWasm = null;
let kippRankingSheet = null;

function kippRankingInit() {
  kippRankingWasm ??= __wbg_init({
    module_or_path: fetch(new URL("__KIPP_WASM__", import.meta.url), {
      integrity: "__KIPP_WASM_INTEGRITY__",
    }),
  });
  return kippRankingWasm;
}

class KippRanking extends HTMLElement {
  static observedAttributes = ["src", "lang", "simulate"];

  connectedCallback() {
    if (!this.shadowRoot) {
      const root = this.attachShadow({ mode: "open" });
      try {
        kippRankingSheet ??= new CSSStyleSheet();
        if (!kippRankingSheet.cssRules.length) kippRankingSheet.replaceSync(KIPP_RANKING_CSS);
        root.adoptedStyleSheets = [kippRankingSheet];
      } catch {
        this._style = document.createElement("style");
        this._style.textContent = KIPP_RANKING_CSS;
      }
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

  async _start() {
    const gen = (this._gen = (this._gen || 0) + 1);
    this.setAttribute("data-kipp-scheme", kippScheme(this));
    this._starting = true;
    const lang = this.closest("[lang]")?.getAttribute("lang") || "";
    const text = KIPP_RANKING_TEXT[kippLangOf(this)];
    const src = (this.getAttribute("src") || "").trim();
    let href = null;
    try {
      const u = new URL(src, document.baseURI);
      if (src && (u.protocol === "http:" || u.protocol === "https:")) href = u.href;
    } catch {
      href = null;
    }
    const data = href
      ? fetch(href).catch(async (e) => {
            throw new Error(kippWhyText(await kippWhy(href, null, e), kippLangOf(this), href));
          }).then((r) => {
          if (!r.ok) throw new Error(`HTTP ${r.status}: ${href}`);
          return r.text();
        })
      : src
        ? Promise.reject(new Error(`src is not an http(s) URL: ${src}`))
        : Promise.resolve(null);
    data.catch(() => {}); // reported by the widget itself
    const waiting = document.createElement("p");
    waiting.setAttribute("role", "status");
    waiting.className = "notice notice-loading";
    waiting.textContent = text.loading;
    this._show(waiting);
    try {
      await kippRankingInit();
    } catch (e) {
      const wasmUrl = new URL("__KIPP_WASM__", import.meta.url).href;
      const why = kippWhyText(await kippWhy(wasmUrl, "__KIPP_WASM_INTEGRITY__", e), kippLangOf(this), wasmUrl);
      if (gen !== this._gen) return;
      this._starting = false;
      console.error(`kipp-ranking: ${why}`, e);
      this._blocked(text, href, why);
      return;
    }
    if (gen !== this._gen || !this.isConnected) return;
    const opts = { lang, src };
    if (this.hasAttribute("simulate")) opts.simulate = "";
    const el = document.createElement("div");
    this._show(el);
    this._starting = false;
    try {
      this._app = mount(el, opts, data);
    } catch (e) {
      console.error("kipp-ranking: failed to start", e);
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

if (!customElements.get("kipp-ranking")) {
  customElements.define("kipp-ranking", KippRanking);
}
