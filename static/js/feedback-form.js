// Shows the guidance on anonymous reports only when the citizen chooses anonymity,
// and prints the receipt. Without JavaScript the guidance simply stays visible.
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
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
  });
})();
