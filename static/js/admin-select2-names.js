// The admin's autocomplete boxes (select2) draw their own combobox, text and
// search inputs beside the hidden <select>, with no name a screen reader can
// read (axe: aria-input-field-name, label). Each gets the label of the field
// it stands for. Runs after django/contrib/admin's autocomplete.js has built
// the boxes: on page load and for each inline row added.
(function () {
  "use strict";
  var $ = window.django && window.django.jQuery;
  if (!$ || !$.fn.select2) { return; }

  function fieldLabel(select) {
    var label = select.id && document.querySelector('label[for="' + select.id + '"]');
    if (label) { return label.textContent.replace(/[:：]\s*$/, "").trim(); }
    // A tabular inline's cell has no label: its select carries the column's
    // name as aria-label (portal.lib.admin_inputs.NamedCells).
    return select.getAttribute("aria-label") || "";
  }

  function name(select) {
    var box = $(select).data("select2");
    var text = fieldLabel(select);
    if (!box || !text) { return; }
    var parts = ".select2-selection, .select2-selection__rendered, .select2-search__field";
    box.$container.find(parts).attr("aria-label", text);
    box.$dropdown.find(".select2-search__field").attr("aria-label", text);
    if (!select.dataset.named) {
      select.dataset.named = "1";
      // Open, the combobox points at its list with aria-owns only; ARIA 1.2
      // asks for aria-controls.
      $(select).on("select2:open", function () {
        var combobox = box.$container.find("[aria-owns]");
        combobox.attr("aria-controls", combobox.attr("aria-owns"));
        box.$dropdown.find(".select2-search__field").attr("aria-label", text);
      });
      $(select).on("select2:close", function () {
        box.$container.find("[aria-controls]").removeAttr("aria-controls");
      });
      // "Searching…" and "No results" come as role=alert inside the list box,
      // which may hold options only: they become disabled options.
      new MutationObserver(function () {
        box.$dropdown.find("[role=alert]").attr({ role: "option", "aria-disabled": "true" });
      }).observe(box.$dropdown[0], { childList: true, subtree: true });
    }
  }

  function nameAll(root) {
    $(root).find("select.admin-autocomplete").not("[name*=__prefix__]").each(function () {
      name(this);
    });
  }

  $(function () { nameAll(document); });
  document.addEventListener("formset:added", function (event) { nameAll(event.target); });
})();
