// Shows the guidance on anonymous reports only when the citizen chooses anonymity,
// prints the receipt and copies its code. Without JavaScript the guidance simply stays visible.
(function () {
  "use strict";
  var box = document.getElementById("id_is_anonymous");
  var guidance = document.getElementById("anonymous-guidance");
  if (box && guidance) {
    var contact = ["id_name", "id_phone", "id_email", "id_address"];
    var sync = function () {
      guidance.hidden = !box.checked;
      contact.forEach(function (id) {
        var field = document.getElementById(id);
        if (field) { field.disabled = box.checked; }
      });
    };
    box.addEventListener("change", sync);
    sync();
  }
  // The receipt's copy button: the code goes to the clipboard, and a status
  // line says so to screen readers too.
  document.querySelectorAll("[data-copy]").forEach(function (button) {
    var source = document.getElementById(button.getAttribute("data-copy"));
    var status = button.parentNode.querySelector("[data-copy-status]");
    if (!source || !navigator.clipboard) { button.hidden = true; return; }
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(source.textContent.trim()).then(function () {
        if (status) { status.textContent = button.getAttribute("data-copied"); }
      });
    });
  });
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
  });
})();
