/* The Health claims panel re-scans the edit form as the editor types (500 ms after the last key),
 * without saving: it posts the form as it stands to the panel's scan URL (CSRF token included) and
 * shows the findings it gets back. Its links scroll to the block or field holding a claim and focus it. */
(function () {
  "use strict";
  var DELAY_MS = 500;

  function editable(container) {
    return container.querySelector('[contenteditable="true"], textarea, input:not([type="hidden"]), select');
  }

  function reveal(target) {
    // A field on another tab (the promote tab's search description): open that tab first.
    var tabPanel = target.closest('[role="tabpanel"]');
    if (tabPanel && tabPanel.hidden) {
      var tab = document.querySelector('[role="tab"][aria-controls="' + tabPanel.id + '"]');
      if (tab) tab.click();
    }
    // A collapsed block: expand it.
    var toggle = target.querySelector('[aria-expanded="false"][aria-controls]');
    if (toggle && target.querySelector("#" + CSS.escape(toggle.getAttribute("aria-controls")))?.hidden) toggle.click();
    target.scrollIntoView({ block: "center" });
    var input = editable(target) || target;
    if (input.focus) input.focus({ preventScroll: true });
  }

  function setUp(panel) {
    var form = panel.closest("form");
    var url = panel.dataset.claimsScanUrl;
    var findings = panel.querySelector("[data-claims-findings]");
    var status = panel.querySelector("[data-claims-status]");
    if (!form || !url || !findings) return;
    var timer = null;
    var latest = 0;
    var running = null;

    function scan() {
      var sequence = ++latest;
      if (running) running.abort();
      running = new AbortController();
      panel.setAttribute("aria-busy", "true");
      fetch(url, {
        method: "POST",
        body: new FormData(form),
        credentials: "same-origin",
        headers: { "X-Requested-With": "XMLHttpRequest", Accept: "application/json" },
        signal: running.signal,
      })
        .then(function (response) {
          if (!response.ok) throw new Error("status " + response.status);
          return response.json();
        })
        .then(function (data) {
          if (sequence !== latest) return;
          findings.innerHTML = data.html;
          status.textContent =
            "Checked as you typed: " + data.count + " claim" + (data.count === 1 ? "" : "s") +
            (data.blocking ? ", " + data.blocking + " blocking publishing." : ", none blocking publishing.") +
            " Nothing is saved.";
        })
        .catch(function (error) {
          if (error.name === "AbortError" || sequence !== latest) return;
          status.textContent = "Could not check the draft just now (" + error.message + "); saving still checks it.";
        })
        .finally(function () {
          if (sequence === latest) {
            panel.removeAttribute("aria-busy");
            running = null;
          }
        });
    }

    function changed(event) {
      if (panel.contains(event.target)) return;
      clearTimeout(timer);
      timer = setTimeout(scan, DELAY_MS);
    }

    form.addEventListener("input", changed);
    form.addEventListener("change", changed);

    panel.addEventListener("click", function (event) {
      var link = event.target.closest("[data-claims-goto-block], [data-claims-goto-field]");
      if (!link) return;
      var target = null;
      if (link.dataset.claimsGotoBlock) {
        target = form.querySelector('[data-contentpath="' + CSS.escape(link.dataset.claimsGotoBlock) + '"]');
      } else {
        var field = document.getElementById("id_" + link.dataset.claimsGotoField);
        target = field && (field.closest("[data-field-wrapper], .w-field__wrapper, .w-field") || field);
      }
      if (!target) return;
      event.preventDefault();
      reveal(target);
    });
  }

  function start() {
    document.querySelectorAll("[data-claims-panel]").forEach(setUp);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
