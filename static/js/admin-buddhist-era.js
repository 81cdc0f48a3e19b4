// The admin's calendar, its "Today" link and the month it opens on speak the
// Buddhist Era, as officers type dates and as the server reads them
// (portal/lib/admin_dates.py): a year of 2400 or later is Buddhist Era.
// Loaded after the admin's core.js, calendar.js and DateTimeShortcuts.js.
(function () {
  "use strict";
  if (!/^th\b/.test(document.documentElement.lang || "")) { return; }
  var OFFSET = 543;
  var BE_YEAR = /(^|\D)(2[4-9]\d\d)(?!\d)/;
  var GREGORIAN_YEAR = /(^|\D)(1[89]\d\d|2[0-3]\d\d)(?!\d)/g;

  // Writing a date (calendar click, "Today"): the year in the Buddhist Era.
  var strftime = Date.prototype.strftime;
  Date.prototype.strftime = function (format) {
    var date = this;
    return format.split("%Y").map(function (part) {
      return strftime.call(date, part);
    }).join(String(date.getFullYear() + OFFSET));
  };

  // Reading the box to open the calendar on its month: the Gregorian day is
  // found before the date is built, so 29/02/2567 stays the 29th.
  var strptime = String.prototype.strptime;
  String.prototype.strptime = function (format) {
    var text = String(this).replace(BE_YEAR, function (match, before, year) {
      return before + (Number(year) - OFFSET);
    });
    return strptime.call(text, format);
  };

  function beYears(text) {
    return text.replace(GREGORIAN_YEAR, function (match, before, year) {
      return before + (Number(year) + OFFSET);
    });
  }

  // The month's caption ("พฤศจิกายน 2569"), the days' and the shortcuts'
  // spoken names, and the previous/next buttons' names.
  if (window.CalendarNamespace) {
    var formatDate = window.CalendarNamespace.formatDate;
    window.CalendarNamespace.formatDate = function (day, month, year) {
      return formatDate.call(this, day, month, Number(year) + OFFSET);
    };
    var draw = window.CalendarNamespace.draw;
    window.CalendarNamespace.draw = function (month, year, divId) {
      draw.apply(this, arguments);
      var caption = document.querySelector("#" + divId + " caption");
      if (caption) { caption.textContent = beYears(caption.textContent); }
    };
  }
  if (window.DateTimeShortcuts) {
    var label = window.DateTimeShortcuts.updateNavAriaLabels;
    window.DateTimeShortcuts.updateNavAriaLabels = function (num) {
      label.apply(this, arguments);
      var box = document.getElementById(window.DateTimeShortcuts.calendarDivName1 + num);
      if (!box) { return; }
      box.querySelectorAll(".calendarnav-previous, .calendarnav-next").forEach(function (link) {
        link.setAttribute("aria-label", beYears(link.getAttribute("aria-label") || ""));
      });
    };
  }
})();
