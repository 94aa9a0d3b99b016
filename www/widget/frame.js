// widget/frame.html: one <kipp-nominees> or <kipp-ranking> from the query
// string, and its height sent to the parent page.
//
// - Only known attributes pass, each checked (no HTML from the URL).
// - `src` must be http(s) (relative to this page when not absolute).
// - The height goes to one origin: `?origin=` when given, else the
//   referrer's; never `*`. WordPress embeds (oEmbed) get WordPress's own
//   message ({message: "height", value, secret}) when the frame URL carries
//   `#?secret=…`, which WordPress adds.

const NOMINEE_ATTRS = {
  layout: /^(cards|list|table)$/,
  limit: /^[1-9][0-9]{0,3}$/,
  region: /^[^<>"]{1,80}$/,
  year: /^(19|20)[0-9]{2}$/,
  level: /^[a-z-]{1,20}$/,
  category: /^[a-z0-9-]{1,40}$/,
  "heading-level": /^[2-6]$/,
};

const params = new URLSearchParams(location.search);
const bundles = JSON.parse(document.getElementById("kipp-frame-bundles").textContent);
const main = document.getElementById("kipp-frame");

function fail(text) {
  const p = document.createElement("p");
  p.className = "frame-error";
  p.setAttribute("role", "alert");
  p.textContent = text;
  main.replaceChildren(p);
}

function parentOrigin() {
  const given = params.get("origin");
  const candidate = given || document.referrer;
  if (!candidate) return null;
  try {
    const u = new URL(candidate);
    return u.protocol === "http:" || u.protocol === "https:" ? u.origin : null;
  } catch {
    return null;
  }
}

function wpSecret() {
  const m = /[#&?]secret=([A-Za-z0-9]{1,20})/.exec(location.hash);
  return m ? m[1] : null;
}

const origin = parentOrigin();
const secret = wpSecret();
let last = 0;

function sendHeight() {
  const h = Math.ceil(document.documentElement.getBoundingClientRect().height);
  if (h === last || window.parent === window) return;
  last = h;
  if (origin) {
    window.parent.postMessage({ type: "kipp-frame-height", height: h, frame: params.get("id") || "" }, origin);
  }
  if (secret) {
    // WordPress's sandboxed embeds check the secret, not the origin (the
    // sandbox gives this frame an opaque origin).
    window.parent.postMessage({ message: "height", value: h, secret }, "*");
  }
}

const kind = params.get("kind") === "ranking" ? "ranking" : "nominees";
const lang = params.get("lang") === "en" ? "en" : "id";
document.documentElement.lang = lang;
const srcText = (params.get("src") || "").trim();
let src = null;
try {
  const u = new URL(srcText, location.href);
  if (srcText && (u.protocol === "http:" || u.protocol === "https:")) src = u.href;
} catch {
  src = null;
}

if (!src) {
  fail(lang === "en"
    ? "This frame needs ?src= with the address of a kipp data file."
    : "Bingkai ini memerlukan ?src= berisi alamat berkas data kipp.");
} else {
  const el = document.createElement(kind === "ranking" ? "kipp-ranking" : "kipp-nominees");
  el.setAttribute("src", src);
  el.setAttribute("lang", lang);
  if (kind === "nominees") {
    for (const [name, ok] of Object.entries(NOMINEE_ATTRS)) {
      const v = params.get(name);
      if (v !== null && ok.test(v)) el.setAttribute(name, v);
    }
  } else if (params.get("simulate") === "1") {
    el.setAttribute("simulate", "");
  }
  main.replaceChildren(el);
  const script = document.createElement("script");
  script.type = "module";
  script.src = bundles[kind];
  script.integrity = bundles[`${kind}_integrity`];
  script.crossOrigin = "anonymous";
  document.head.append(script);
}

new ResizeObserver(sendHeight).observe(document.documentElement);
window.addEventListener("load", sendHeight);
sendHeight();
