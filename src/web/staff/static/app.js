// frontdesk staff pages: live updates and deadline countdowns. No build step, no library.
//
// An element with data-events (a server-sent events URL) and data-fragment (its HTML)
// re-reads the fragment whenever the stream says something changed, and when the stream
// (re)connects, so nothing is missed across a dropped connection. The stream carries no
// case content; the fragment is read with the session like any page.
(function () {
  "use strict";

  function countdown(ms) {
    var late = ms < 0;
    var m = Math.floor(Math.abs(ms) / 60000);
    var h = Math.floor(m / 60);
    var text = (h > 0 ? h + "時間" : "") + (m % 60) + "分";
    return late ? "超過 " + text : "残り " + text;
  }

  function tick() {
    var now = Date.now();
    document.querySelectorAll("[data-deadline]").forEach(function (el) {
      var left = Number(el.getAttribute("data-deadline")) - now;
      el.textContent = countdown(left);
      el.classList.toggle("overdue", left < 0);
      el.classList.toggle("soon", left >= 0 && left < 3600000);
    });
  }

  function live(el) {
    var busy = false;
    var again = false;
    function refresh() {
      if (busy) { again = true; return; }
      busy = true;
      fetch(el.getAttribute("data-fragment"), { credentials: "same-origin", headers: { "X-Frontdesk-Live": "1" } })
        .then(function (r) {
          if (r.status === 401) { window.location.href = "/staff/login?next=" + encodeURIComponent(location.pathname); return null; }
          return r.ok ? r.text() : null;
        })
        .then(function (html) {
          if (html !== null) { el.innerHTML = html; tick(); el.setAttribute("data-refreshed", String(Date.now())); }
        })
        .catch(function () {})
        .then(function () {
          busy = false;
          if (again) { again = false; refresh(); }
        });
    }
    var source = new EventSource(el.getAttribute("data-events"));
    source.addEventListener("change", refresh);
    source.addEventListener("open", function () {
      el.setAttribute("data-live", "connected");
      refresh();
    });
    source.addEventListener("error", function () { el.setAttribute("data-live", "reconnecting"); });
  }

  // The phrasebook form (data-phrasebook: its preview URL). Shows only the chosen phrase's
  // slot inputs (the others are disabled, so not sent), filters the list by the search (the
  // phrase's Japanese and its situation), and asks the server for the preview as staff type:
  // the exact text the resident will get, in their language, beside its Japanese. 送る is
  // offered once the preview is good. Without this script the form still works: 確認する opens
  // the same preview as a page with a 送る button.
  function phrasebook(form) {
    var url = form.getAttribute("data-phrasebook");
    var search = form.querySelector("#phrase-search");
    var box = form.querySelector("#phrase-preview");
    var send = form.querySelector("#send-phrase");
    var seq = 0;
    var timer = null;
    search.parentNode.hidden = false;
    form.querySelector("#preview-phrase").hidden = true;
    send.hidden = false;

    function chosen() { return form.querySelector("input[name=template]:checked"); }

    function slots() {
      var c = chosen();
      var wanted = c ? c.getAttribute("data-slots").split(" ") : [];
      form.querySelectorAll("[data-slot]").forEach(function (el) {
        var on = wanted.indexOf(el.getAttribute("data-slot")) >= 0;
        el.hidden = !on;
        el.querySelectorAll("input, select").forEach(function (i) { i.disabled = !on; });
      });
    }

    function filter() {
      var words = search.value.trim().split(/\s+/).filter(Boolean);
      form.querySelectorAll(".phrase-group").forEach(function (g) {
        var any = false;
        g.querySelectorAll("label.phrase").forEach(function (l) {
          var text = l.getAttribute("data-search");
          var hit = words.every(function (w) { return text.indexOf(w) >= 0; });
          l.hidden = !hit;
          any = any || hit;
        });
        g.hidden = !any;
      });
    }

    function show(p) {
      box.hidden = false;
      form.querySelector("#preview-error").textContent = p.error || "";
      form.querySelector("#preview-text").textContent = p.text || "";
      var ja = form.querySelector("#preview-ja");
      if (ja) { ja.textContent = p.ja || ""; }
      form.querySelectorAll("[data-slot]").forEach(function (el) {
        el.classList.toggle("invalid", el.getAttribute("data-slot") === p.slot);
      });
      send.disabled = !!p.error;
    }

    function preview() {
      send.disabled = true;
      if (!chosen()) { box.hidden = true; return; }
      var mine = ++seq;
      fetch(url, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Accept": "application/json" },
        body: new URLSearchParams(new FormData(form))
      })
        .then(function (r) { return r.json(); })
        .then(function (p) { if (mine === seq) { show(p); } })
        .catch(function () {});
    }

    function soon() {
      clearTimeout(timer);
      timer = setTimeout(preview, 200);
    }

    function edited(e) {
      if (e.target === search) { return; }
      if (e.target.name === "template") { slots(); preview(); } else { soon(); }
    }

    search.addEventListener("input", filter);
    search.addEventListener("keydown", function (e) { if (e.key === "Enter") { e.preventDefault(); } });
    form.addEventListener("input", edited);
    form.addEventListener("change", edited);
    slots();
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form[data-phrasebook]").forEach(phrasebook);
    document.querySelectorAll("[data-events][data-fragment]").forEach(live);
    tick();
    setInterval(tick, 30000);
  });
})();
