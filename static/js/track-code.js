// A link from the receipt's QR code or a mail carries the tracking code after
// "#" (never sent to the server, so never in its logs): fill the field with it
// and take it out of the address bar and the browser's history.
(function () {
  "use strict";
  var match = /^#code=([^&]{1,40})/.exec(window.location.hash);
  var field = document.getElementById("id_code");
  if (!match || !field) { return; }
  try {
    field.value = decodeURIComponent(match[1]);
  } catch (error) {
    return; // a mangled link: the citizen types the code
  }
  window.history.replaceState(null, "", window.location.pathname + window.location.search);
})();
