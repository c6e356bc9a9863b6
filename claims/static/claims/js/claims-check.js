/* Content check for the Wagtail userbar and Checks panel: a claim must point at its disclaimer. */
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
    return true;
  }
  if (!register()) { document.addEventListener("DOMContentLoaded", register); }
})();
