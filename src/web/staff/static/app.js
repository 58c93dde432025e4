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

  // Shows only the elements of `form` whose `attr` is one of `wanted`; the inputs of the
  // others are disabled, so not sent.
  function only(form, attr, wanted) {
    form.querySelectorAll("[" + attr + "]").forEach(function (el) {
      var on = wanted.indexOf(el.getAttribute(attr)) >= 0;
      el.hidden = !on;
      el.querySelectorAll("input, select").forEach(function (i) { i.disabled = !on; });
    });
  }

  // Marks the element of `form` whose `attr` names the refused slot (none if `slot` is empty).
  function mark(form, attr, slot) {
    form.querySelectorAll("[" + attr + "]").forEach(function (el) {
      el.classList.toggle("invalid", el.getAttribute(attr) === slot);
    });
  }

  // Asks the server (`url`, JSON) for the preview of `form` as it is filled, written by the
  // code that sends it, and hands the latest answer to `show`. `send` is enabled only while
  // the last preview has no error. `now` asks at once, `soon` after typing pauses.
  function previewer(form, url, send, show) {
    var seq = 0;
    var timer = null;
    function now() {
      send.disabled = true;
      var mine = ++seq;
      fetch(url, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Accept": "application/json" },
        body: new URLSearchParams(new FormData(form))
      })
        .then(function (r) { return r.json(); })
        .then(function (p) { if (mine === seq) { show(p); send.disabled = !!p.error; } })
        .catch(function () {});
    }
    function soon() {
      clearTimeout(timer);
      timer = setTimeout(now, 200);
    }
    return { now: now, soon: soon };
  }

  // The phrasebook form (data-phrasebook: its preview URL). Shows only the chosen phrase's
  // slot inputs, filters the list by the search (the phrase's Japanese and its situation),
  // and asks the server for the preview as staff type: the exact text the resident will get,
  // in their language, beside its Japanese. 送る is offered once the preview is good. Without
  // this script the form still works: 確認する opens the same preview as a page with a 送る.
  function phrasebook(form) {
    var search = form.querySelector("#phrase-search");
    var box = form.querySelector("#phrase-preview");
    var send = form.querySelector("#send-phrase");
    search.parentNode.hidden = false;
    form.querySelector("#preview-phrase").hidden = true;
    send.hidden = false;

    function chosen() { return form.querySelector("input[name=template]:checked"); }

    function slots() {
      var c = chosen();
      only(form, "data-slot", c ? c.getAttribute("data-slots").split(" ") : []);
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
      mark(form, "data-slot", p.slot);
    }

    var ask = previewer(form, form.getAttribute("data-phrasebook"), send, show);

    function preview() {
      if (!chosen()) { send.disabled = true; box.hidden = true; return; }
      ask.now();
    }

    function edited(e) {
      if (e.target === search) { return; }
      if (e.target.name === "template") { slots(); preview(); } else { ask.soon(); }
    }

    search.addEventListener("input", filter);
    search.addEventListener("keydown", function (e) { if (e.key === "Enter") { e.preventDefault(); } });
    form.addEventListener("input", edited);
    form.addEventListener("change", edited);
    slots();
  }

  // The 「質問を送る」 form (data-ask-preview: its preview URL). Shows only the inputs the
  // chosen phrase uses (its slots, then the dates and times or the places its answers offer;
  // none for yes or no), and previews the question as staff fill it: the message in the
  // resident's language with its buttons drawn as buttons, beside its Japanese. 送る is
  // enabled only while the preview is good. Without this script: 確認する opens the preview
  // as a page with a 送る, and 質問を送る sends at once.
  function askForm(form) {
    var select = form.querySelector("#ask-template");
    var box = form.querySelector("#ask-preview");
    var send = form.querySelector("#send-question");
    form.querySelector("#preview-question").hidden = true;

    function inputs() {
      var o = select.options[select.selectedIndex];
      var slots = o ? o.getAttribute("data-slots").split(" ").filter(Boolean) : [];
      only(form, "data-ask-slot", slots);
      only(form, "data-ask-kind", (o ? [o.getAttribute("data-kind")] : []).concat(slots.length ? ["slots"] : []));
    }

    function show(q) {
      box.hidden = false;
      form.querySelector("#ask-preview-error").textContent = q.error || "";
      form.querySelector("#ask-preview-text").textContent = q.text || "";
      var buttons = form.querySelector("#ask-preview-buttons");
      buttons.textContent = "";
      (q.buttons || []).forEach(function (label) {
        var b = document.createElement("span");
        b.className = "button";
        b.textContent = label;
        buttons.appendChild(b);
      });
      var ja = form.querySelector("#ask-preview-ja");
      if (ja) { ja.textContent = q.ja || ""; }
      mark(form, "data-ask-slot", q.slot);
    }

    var ask = previewer(form, form.getAttribute("data-ask-preview"), send, show);

    function edited(e) {
      if (e.target === select) { inputs(); ask.now(); } else { ask.soon(); }
    }

    form.addEventListener("input", edited);
    form.addEventListener("change", edited);
    inputs();
    ask.now();
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form[data-phrasebook]").forEach(phrasebook);
    document.querySelectorAll("form[data-ask-preview]").forEach(askForm);
    document.querySelectorAll("[data-events][data-fragment]").forEach(live);
    tick();
    setInterval(tick, 30000);
  });
})();
