// Two gaps of the admin's own markup that axe-core reports on the pages staff
// use daily (tests/portal/test_admin_axe_browser.py), at any width:
// - a tabular inline's first column holds each saved row's name (the
//   "original" cell) under a header Django leaves empty (empty-table-header):
//   the header gets the translated name this script tag carries, visually
//   hidden as the column is narrow; an empty "Delete?" header (rows that
//   cannot be deleted) is no header at all;
// - the two-list picker (filter_horizontal, SelectFilter2.js) names its
//   search icon with aria-label on a plain span, where ARIA forbids it
//   (aria-prohibited-attr): the icon becomes an image so its name is read.
(function () {
  "use strict";
  var header = document.currentScript && document.currentScript.dataset.originalHeader;

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".tabular thead tr").forEach(function (row) {
      var first = row.querySelector("th.original");
      if (header && first && !first.textContent.trim()) {
        var name = document.createElement("span");
        name.className = "visually-hidden";
        name.textContent = header;
        first.appendChild(name);
      }
      // The "Delete?" header is left empty where rows cannot be deleted (a
      // read-only record inline): that column holds nothing to name.
      var last = row.lastElementChild;
      if (last && last !== first && !last.textContent.trim()) {
        last.setAttribute("role", "none");
      }
    });
  });

  // SelectFilter2.js draws the picker on "load"; this listener, added after
  // it (this script is deferred, the form's media is not), runs after it.
  window.addEventListener("load", function () {
    document.querySelectorAll(".selector .help-tooltip[aria-label]:not([role])").forEach(
      function (icon) { icon.setAttribute("role", "img"); }
    );
  });
})();
