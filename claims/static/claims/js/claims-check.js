/* Content checks for the Wagtail userbar and Checks panel: a claim must point at its disclaimer, and (in a
   preview, where claims.preview marks them) no claim may be one the publish check refuses. */
(function () {
  "use strict";
  function register() {
    var userbar = window.wagtail && window.wagtail.userbar;
    if (!userbar || !userbar.registerCheck) { return false; }
    userbar.registerCheck("check-claim-disclaimer", function (node) {
      var id = node.getAttribute("aria-describedby");
      var note = id && node.ownerDocument.getElementById(id);
      return Boolean(note && note.hasAttribute("data-disclaimer") && note.textContent.trim());
    });
    userbar.registerCheck("check-claim-publishable", function (node) {
      return !node.getAttribute("data-claim-problem");
    });
    return true;
  }
  if (!register()) { document.addEventListener("DOMContentLoaded", register); }
})();
