/* The order page checks until Stripe has confirmed the payment, then reloads. */
(function () {
  "use strict";
  document.querySelectorAll("time[data-local-time]").forEach(function (el) {
    var when = new Date(el.getAttribute("datetime"));
    el.textContent = String(when.getHours()).padStart(2, "0") + ":" + String(when.getMinutes()).padStart(2, "0");
  });
  var box = document.querySelector("[data-order-status-url]");
  if (!box) { return; }
  var url = box.dataset.orderStatusUrl;
  var tries = 0;
  function check() {
    tries += 1;
    fetch(url + (tries % 5 === 0 ? "?sync=1" : ""), { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { return r.json(); })
      .then(function (data) {
        if (data.paid || !data.waiting) { window.location.reload(); return; }
        if (tries < 150) { window.setTimeout(check, 2000); }
      })
      .catch(function () { if (tries < 150) { window.setTimeout(check, 4000); } });
  }
  window.setTimeout(check, 1500);
})();
