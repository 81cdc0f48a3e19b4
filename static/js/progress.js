// Polls work the task worker is doing (a PDF being typeset, a scan being
// read) and shows the result once it is there: the PDF's link, or the page
// again when it has more to show (data-reload-when-ready). The status line
// (role="status") changes only with the state, so a screen reader announces
// each step once; the count beside it changes quietly.
(function () {
  "use strict";
  var box = document.querySelector("[data-progress]");
  if (!box || !window.fetch) { return; }
  var part = function (name) { return box.querySelector("[data-progress-" + name + "]"); };
  var show = function (name, visible) { var el = part(name); if (el) { el.hidden = !visible; } };
  var poll = function () {
    fetch(box.getAttribute("data-status-url"), {headers: {Accept: "application/json"}, cache: "no-store"})
      .then(function (response) { return response.json(); })
      .then(function (status) {
        if (status.state === "ready" && box.hasAttribute("data-reload-when-ready")) {
          window.location.reload();
          return;
        }
        if (part("message").textContent !== status.message) { part("message").textContent = status.message; }
        part("detail").textContent = status.detail;
        var done = status.state === "ready" || status.state === "failed";
        show("bar", !done);
        var bar = part("bar");
        if (bar && status.total) { bar.max = status.total; bar.value = status.done; }
        show("ready", status.state === "ready");
        show("again", status.state !== "ready");
        show("failed", status.state === "failed");  // where the page offers what to do instead
        if (!done) { window.setTimeout(poll, 2000); }
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  };
  window.setTimeout(poll, 1000);
})();
