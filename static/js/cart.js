/* The cart without reloads: a quantity applies as soon as it changes, Remove removes at once. Each form
   is posted as it is (CSRF token included) asking for JSON; the server answers with the cart's new HTML,
   the item count and a message, written into the page. Without this script the forms post and the page
   reloads, with an Update button per line. */
(function () {
  "use strict";
  var cart = document.querySelector("[data-cart]");
  if (!cart || !window.fetch) { return; }
  var contents = cart.querySelector("[data-cart-contents]");
  var status = cart.querySelector("[data-cart-status]");
  var latest = 0;
  var pending = {};  // product id -> the form's data last sent, so one change is sent once
  cart.setAttribute("data-live", "");

  function say(text, ok) {
    document.querySelectorAll("body > .messages").forEach(function (old) { old.remove(); });
    var p = document.createElement("p");
    p.className = "message " + (ok ? "message-success" : "message-error");
    p.textContent = text;
    status.replaceChildren(p);
  }

  function setCount(count) {
    document.querySelectorAll("[data-cart-count]").forEach(function (el) {
      el.textContent = String(count);
      var label = el.nextElementSibling;
      if (label && label.classList.contains("visually-hidden")) { label.textContent = count === 1 ? " item" : " items"; }
    });
  }

  function render(html) {
    var active = document.activeElement;
    var focusId = active && contents.contains(active) ? (active.id || "cart-heading") : null;
    contents.innerHTML = html;
    if (focusId) {
      var target = document.getElementById(focusId) || document.getElementById("cart-heading");
      target.focus();
    }
  }

  function send(form) {
    var data = new FormData(form);
    var key = data.get("product") + ":" + (data.get("remove") ? "remove" : data.get("quantity"));
    if (pending[data.get("product")] === key) { return; }
    pending[data.get("product")] = key;
    var mine = ++latest;
    form.setAttribute("aria-busy", "true");
    fetch(form.action, { method: "POST", body: data, credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        return response.json().catch(function () { throw new Error("bad answer"); });
      })
      .then(function (answer) {
        delete pending[data.get("product")];
        if (mine !== latest) { return; }  // a later change is on its way; its answer will show
        render(answer.html);
        setCount(answer.count);
        say(answer.message, answer.ok);
      })
      .catch(function () {
        delete pending[data.get("product")];
        form.removeAttribute("aria-busy");
        say("We could not update your cart. Please check your connection and try again.", false);
      });
  }

  cart.addEventListener("submit", function (event) {
    var form = event.target.closest("[data-cart-form]");
    if (!form) { return; }
    event.preventDefault();
    send(form);
  });

  cart.addEventListener("change", function (event) {
    var input = event.target;
    if (!input.matches("[data-cart-quantity]") || input.value === input.defaultValue) { return; }  // back to what the cart holds
    var form = input.form;
    if (form.checkValidity()) { form.requestSubmit(); } else { form.reportValidity(); }
  });
})();
