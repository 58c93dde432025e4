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

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-events][data-fragment]").forEach(live);
    tick();
    setInterval(tick, 30000);
  });
})();
