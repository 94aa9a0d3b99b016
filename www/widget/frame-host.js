// For the page that embeds widget/frame.html in an iframe: fits each such
// iframe to its content. Only messages from the frame's own window and
// origin are read, and only a number between 50 and 20000 pixels is used.
//
//   <iframe class="kipp-frame" src="https://HOST/PATH/widget/frame.html?src=…&origin=https://your.site"
//           title="Nominasi KIPP" style="width:100%;border:0" height="600" loading="lazy"></iframe>
//   <script src="https://HOST/PATH/widget/frame-host.js" defer></script>
(function () {
  "use strict";
  function frames() {
    return Array.prototype.slice.call(document.querySelectorAll("iframe.kipp-frame"));
  }
  window.addEventListener("message", function (e) {
    var d = e.data;
    if (!d || d.type !== "kipp-frame-height" || typeof d.height !== "number") return;
    frames().forEach(function (f) {
      if (f.contentWindow !== e.source) return;
      var expected;
      try {
        expected = new URL(f.src, document.baseURI).origin;
      } catch (err) {
        return;
      }
      if (e.origin !== expected) return;
      var h = Math.round(d.height);
      if (h >= 50 && h <= 20000) f.style.height = h + "px";
    });
  });
})();
