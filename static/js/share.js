// The share box's "copy link" button: shown only where the clipboard works,
// and a status line tells screen readers the link was copied.
(function () {
  document.querySelectorAll("[data-share-copy]").forEach(function (button) {
    if (!navigator.clipboard) { return; }
    var status = button.parentNode.querySelector("[data-share-status]");
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(button.getAttribute("data-share-copy")).then(function () {
        status.textContent = button.getAttribute("data-copied");
      });
    });
  });
})();
