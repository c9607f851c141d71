/* Small improvements on top of server-rendered pages: highlight cited lines from
   the URL fragment (#L14-L42), "/" focuses search, and client-side search/ask in
   the static export. Everything works without it. */
(function () {
  "use strict";

  function highlightFromHash() {
    var m = /^#L(\d+)(?:-L(\d+))?$/.exec(location.hash);
    if (!m || !document.querySelector(".lines")) return;
    var a = +m[1], b = +(m[2] || m[1]);
    document.querySelectorAll(".line.hl").forEach(function (el) { el.classList.remove("hl"); });
    for (var n = a; n <= b; n++) {
      var el = document.getElementById("L" + n);
      if (el) el.classList.add("hl");
    }
    var first = document.getElementById("L" + a);
    if (first) first.scrollIntoView({ block: "center" });
  }
  window.addEventListener("hashchange", highlightFromHash);
  highlightFromHash();

  document.addEventListener("keydown", function (e) {
    var t = e.target;
    if (e.key === "/" && !(t instanceof HTMLInputElement || t instanceof HTMLTextAreaElement || t instanceof HTMLSelectElement)) {
      var q = document.getElementById("q-top");
      if (q) { e.preventDefault(); q.focus(); q.select(); }
    }
  });

  /* A copy button on every code block (runbook commands first of all). */
  function copyText(text, done) {
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, function () { fallbackCopy(text, done); });
    } else fallbackCopy(text, done);
  }
  function fallbackCopy(text, done) {
    var ta = document.createElement("textarea");
    ta.value = text; ta.setAttribute("readonly", ""); ta.style.position = "fixed"; ta.style.opacity = "0";
    document.body.appendChild(ta); ta.select();
    try { document.execCommand("copy"); done(); } catch (e) { /* nothing to do: the text stays selectable */ }
    ta.remove();
  }
  document.querySelectorAll(".body .code").forEach(function (box) {
    var code = box.querySelector("pre code");
    if (!code) return;
    var btn = document.createElement("button");
    btn.type = "button";
    btn.className = "copy";
    btn.textContent = "Copy";
    btn.setAttribute("aria-label", "Copy this code");
    btn.addEventListener("click", function () {
      copyText(code.textContent, function () {
        btn.textContent = "Copied";
        setTimeout(function () { btn.textContent = "Copy"; }, 2000);
      });
    });
    box.insertBefore(btn, box.firstChild);
  });

  document.querySelectorAll(".more-cites").forEach(function (extra) {
    var n = extra.querySelectorAll("a.chip").length;
    var btn = document.createElement("button");
    btn.type = "button";
    btn.className = "more-btn";
    btn.textContent = "+" + n;
    btn.setAttribute("aria-label", "show " + n + " more citations");
    btn.setAttribute("aria-expanded", "false");
    btn.addEventListener("click", function () {
      extra.classList.remove("folded");
      btn.remove();
    });
    extra.classList.add("folded");
    extra.parentNode.insertBefore(btn, extra);
  });

  var index = window.LOREBOOK_INDEX;
  if (!index) return;
  /* Static export: answer search and ask from the prebuilt index. */
  var WORD = /[\p{L}\p{N}_]+/gu;
  var STOP = new Set("a an the is are was were what which who whom when where why how do does did of in on to for and or with by from about it its this that these those we our be been at as can could should would".split(" "));
  function words(s, dropStop) {
    var w = (s.toLowerCase().match(WORD) || []);
    return dropStop ? w.filter(function (x) { return !STOP.has(x); }) : w;
  }
  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    for (var k in attrs || {}) e.setAttribute(k, attrs[k]);
    if (text != null) e.textContent = text;
    return e;
  }
  function search(q) {
    var ws = words(q, false);
    if (!ws.length) return [];
    var out = [];
    index.pages.forEach(function (p) {
      var hay = (p.title + " " + p.summary + " " + p.text).toLowerCase();
      if (!ws.every(function (w) { return hay.indexOf(w) >= 0; })) return;
      var score = ws.reduce(function (s, w) { return s + (p.title.toLowerCase().indexOf(w) >= 0 ? 3 : 0) + (p.summary.toLowerCase().indexOf(w) >= 0 ? 1 : 0); }, 0);
      out.push({ p: p, score: score - (p.type === "source" ? 0.5 : 0) });
    });
    out.sort(function (x, y) { return y.score - x.score || x.p.title.localeCompare(y.p.title); });
    return out.slice(0, 20).map(function (x) { return x.p; });
  }
  function ask(q) {
    var ws = words(q, true);
    if (!ws.length) return [];
    var scored = [];
    index.passages.forEach(function (b) {
      var t = b.text.toLowerCase();
      var s = ws.reduce(function (n, w) { return n + (t.indexOf(w) >= 0 ? 1 : 0); }, 0);
      if (s) scored.push({ b: b, s: s });
    });
    scored.sort(function (x, y) { return y.s - x.s; });
    return scored.slice(0, 3).map(function (x) { return x.b; });
  }
  function plain(md) { return md.replace(/\[([^\]]*)\]\([^)]*\)/g, "$1").replace(/[*_`]/g, ""); }

  var params = new URLSearchParams(location.search);
  var q = params.get("q") || "";
  var isAsk = location.hash === "#ask";
  var results = document.querySelector("[data-static-search]");
  if (!results || !q) return;
  document.getElementById(isAsk ? "ask-main" : "q-main").value = q;
  var list = results.querySelector(".hits");
  var h = results.querySelector("h2");
  if (isAsk) {
    var passages = ask(q);
    var sec = el("section", { "class": "answer", "aria-live": "polite" });
    sec.appendChild(el("h2", { id: "answer-h" }, "Answer"));
    if (!passages.length) sec.appendChild(el("p", { "class": "muted" }, "The wiki has nothing that answers \u201c" + q + "\u201d."));
    else {
      sec.appendChild(el("p", { "class": "answer-text" }, plain(passages[0].text)));
      var ol = el("ol", { "class": "passages" });
      passages.forEach(function (b) {
        var li = el("li");
        var p = index.pages[b.page];
        li.appendChild(el("a", { href: p.url }, p.title));
        li.appendChild(document.createTextNode(": " + plain(b.text) + " "));
        b.cites.forEach(function (c) {
          var a = el("a", { "class": "chip", href: c[0], title: "Source: " + c[1] }, c[1]);
          li.appendChild(a); li.appendChild(document.createTextNode(" "));
        });
        ol.appendChild(li);
      });
      sec.appendChild(ol);
    }
    results.parentNode.insertBefore(sec, results);
    return;
  }
  var hits = search(q);
  h.classList.remove("sr");
  h.textContent = hits.length + " result" + (hits.length === 1 ? "" : "s") + " for \u201c" + q + "\u201d";
  hits.forEach(function (p) {
    var li = el("li");
    li.appendChild(el("a", { href: p.url }, p.title));
    li.appendChild(document.createTextNode(" "));
    li.appendChild(el("span", { "class": "badge type type-" + p.type }, p.label));
    if (p.summary) li.appendChild(el("p", null, p.summary));
    list.appendChild(li);
  });
})();
