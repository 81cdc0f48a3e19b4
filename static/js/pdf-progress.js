// Polls a PDF the task worker is typesetting and offers the file once it is
// stored. The status line (role="status") changes only with the state, so a
// screen reader announces each step once; the seconds count beside it quietly.
(function () {
  "use strict";
  var box = document.querySelector("[data-pdf-progress]");
  if (!box || !window.fetch) { return; }
  var part = function (name) { return box.querySelector("[data-pdf-progress-" + name + "]"); };
  var poll = function () {
    fetch(box.getAttribute("data-status-url"), {headers: {Accept: "application/json"}, cache: "no-store"})
      .then(function (response) { return response.json(); })
      .then(function (status) {
        if (part("message").textContent !== status.message) { part("message").textContent = status.message; }
        part("detail").textContent = status.detail;
        var done = status.state === "ready" || status.state === "failed";
        part("bar").hidden = done;
        part("ready").hidden = status.state !== "ready";
        part("again").hidden = status.state === "ready";
        if (!done) { window.setTimeout(poll, 2000); }
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  };
  window.setTimeout(poll, 1000);
})();
