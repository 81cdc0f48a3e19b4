// A tabular inline wider than the screen scrolls inside its own box (Django's
// div.wrapper). Each box is marked with the sides where more columns wait
// (more-left, more-right), which static/css/admin.css fades out: on a phone,
// where scroll bars stay hidden until touched, that is the cue to scroll.
// Marked again on every scroll and whenever the box or its table changes
// size (a row added, the phone turned). A box that scrolls also becomes a
// named, focusable region, so it scrolls from the keyboard.
(function () {
  "use strict";

  function mark(box) {
    var hidden = box.scrollWidth - box.clientWidth;
    box.classList.toggle("more-left", box.scrollLeft > 1);
    box.classList.toggle("more-right", box.scrollLeft < hidden - 1);
    // A box that scrolls is reached with the keyboard too, named by its
    // inline's heading: a read-only table may hold nothing else to focus
    // (WCAG 2.1.1; axe's scrollable-region-focusable).
    if (hidden > 1) {
      box.setAttribute("tabindex", "0");
      box.setAttribute("role", "region");
      var heading = box.parentElement.querySelector(".inline-heading[id]");
      if (heading) {
        box.setAttribute("aria-labelledby", heading.id);
      }
    } else if (box.getAttribute("role") === "region") {
      box.removeAttribute("tabindex");
      box.removeAttribute("role");
      box.removeAttribute("aria-labelledby");
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".inline-related.tabular div.wrapper").forEach(function (box) {
      var resized = new ResizeObserver(function () { mark(box); });
      resized.observe(box);
      if (box.firstElementChild) {
        resized.observe(box.firstElementChild);
      }
      box.addEventListener("scroll", function () { mark(box); }, { passive: true });
      mark(box);
    });
  });
})();
