/* Checkout: the Payment Element, placing the order on our server, then stripe.confirmPayment. */
(function () {
  "use strict";
  var form = document.getElementById("checkout-form");
  if (!form) { return; }
  var summary = document.getElementById("error-summary");

  // On a phone the order summary (above the form) starts folded to its total line.
  var details = document.getElementById("order-summary");
  if (details && window.matchMedia("(max-width: 600px)").matches) { details.open = false; }

  // A link in the error summary puts the shopper in the field, its label in view.
  summary.addEventListener("click", function (event) {
    var link = event.target.closest("a[href^='#']");
    if (!link) { return; }
    var target = document.getElementById(link.getAttribute("href").slice(1));
    if (!target) { return; }
    event.preventDefault();
    var label = target.labels && target.labels[0];
    (label || target).scrollIntoView({ block: "center" });
    target.focus({ preventScroll: true });
  });
  if (!summary.hidden) { summary.focus(); }

  function clearFieldErrors() {
    form.querySelectorAll(".field-error").forEach(function (el) { el.remove(); });
    form.querySelectorAll("[aria-invalid]:not(#payment-element *)").forEach(function (el) {
      el.removeAttribute("aria-invalid");
      el.removeAttribute("aria-describedby");
    });
    summary.hidden = true;
  }

  // The same summary and per-field messages the server renders without JavaScript: `errors` maps a
  // field name to its messages; `card` is the card form's own message, if any.
  function showFieldErrors(errors, card) {
    clearFieldErrors();
    var list = document.getElementById("error-summary-list");
    list.textContent = "";
    function item(text, targetId) {
      var li = document.createElement("li");
      if (targetId) {
        var a = document.createElement("a");
        a.href = "#" + targetId;
        a.textContent = text;
        li.appendChild(a);
      } else {
        li.textContent = text;
      }
      list.appendChild(li);
    }
    Object.keys(errors).forEach(function (name) {
      var text = errors[name].join(" ");
      var inputs = name === "shipping_method" ? form.querySelectorAll("input[name=shipping_method]") : form.querySelectorAll("#id_" + name + ":not([type=hidden])");
      if (!inputs.length) { item(text, null); return; }
      var message = document.createElement("p");
      message.className = "field-error";
      message.id = "id_" + name + "_errors";
      message.textContent = text;
      inputs.forEach(function (input) {
        input.setAttribute("aria-invalid", "true");
        input.setAttribute("aria-describedby", message.id);
      });
      var last = inputs[inputs.length - 1];
      (name === "shipping_method" ? last.closest("fieldset") : last.parentNode).appendChild(message);
      item(text, inputs[0].id);
    });
    if (card) {
      var cardInput = document.querySelector("#payment-element [aria-invalid=true]");
      item(card, cardInput ? cardInput.id : "payment-element");
    }
    summary.hidden = false;
    summary.focus();
  }

  if (!window.Stripe) { return; }
  var button = document.getElementById("pay-button");
  var alertBox = document.getElementById("checkout-alert");
  var stripe = window.Stripe(form.dataset.publishableKey);
  var elements = stripe.elements({ mode: "payment", amount: selectedTotal(), currency: form.dataset.currency, paymentMethodTypes: ["card"] });
  var paymentElement = elements.create("payment");
  paymentElement.mount("#payment-element");
  var placed = null;

  function showError(message) {
    summary.hidden = true;
    alertBox.textContent = message;
    alertBox.hidden = false;
    alertBox.focus();
  }

  function selectedTotal() {
    var choice = form.querySelector("input[name=shipping_method]:checked");
    return choice ? parseInt(choice.dataset.total, 10) : parseInt(form.dataset.amount, 10);
  }

  form.addEventListener("change", function (event) {
    if (event.target.name !== "shipping_method") { return; }
    var total = selectedTotal();
    elements.update({ amount: total });
    form.ownerDocument.querySelectorAll("[data-order-total]").forEach(function (out) {
      out.textContent = event.target.dataset.totalDisplay;
    });
  });

  function localTime(iso) {
    var when = new Date(iso);
    return String(when.getHours()).padStart(2, "0") + ":" + String(when.getMinutes()).padStart(2, "0");
  }

  function lockDetails(order) {
    form.querySelectorAll("#details input, #details select, #shipping input").forEach(function (el) {
      if (el.type === "radio" || el.tagName === "SELECT") { el.disabled = true; } else { el.readOnly = true; }
    });
    form.classList.add("checkout-locked");
    var note = document.getElementById("order-reserved");
    var back = document.createElement("a");
    back.href = form.dataset.cartUrl;
    back.textContent = "go back to the cart";
    note.textContent = "Order " + order.order + " is reserved for you. Your items are held for you until " +
      localTime(order.held_until) + " (" + order.hold_minutes + " minutes). To change your details or cart, ";
    note.appendChild(back);
    note.appendChild(document.createTextNode("."));
    note.hidden = false;
  }

  function FieldErrors(errors, card) { this.errors = errors; this.card = card; }

  // The card is incomplete: ask the server about the details too (nothing is placed), so the
  // shopper hears of everything to fix at once.
  function checkDetails(cardMessage) {
    if (placed) { return Promise.reject(new FieldErrors({}, cardMessage)); }
    var body = new FormData(form);
    body.append("check_only", "1");
    return fetch(form.action, { method: "POST", body: body, headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        var errors = Object.assign({}, data.errors || {});
        delete errors.__all__;
        throw new FieldErrors(errors, cardMessage);
      });
  }

  function placeOrder() {
    if (placed) { return Promise.resolve(placed); }
    return fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    }).then(function (response) {
      return response.json().then(function (data) {
        if (!response.ok) {
          var errors = Object.assign({}, data.errors || {});
          var general = (errors.__all__ || []).join(" ");
          delete errors.__all__;
          if (Object.keys(errors).length) { throw new FieldErrors(errors, null); }
          throw new Error(general || "Please check your details.");
        }
        clearFieldErrors();
        placed = data;
        lockDetails(data);
        return data;
      });
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    alertBox.hidden = true;
    button.disabled = true;
    button.setAttribute("aria-busy", "true");
    elements.submit()
      .then(function (result) {
        if (result.error) { return checkDetails(result.error.message); }
        return placeOrder();
      })
      .then(function (order) {
        return stripe.confirmPayment({
          elements: elements,
          clientSecret: order.client_secret,
          confirmParams: { return_url: order.return_url },
          redirect: "if_required",
        }).then(function (result) {
          if (result.error) { throw new Error(result.error.message); }
          window.location.assign(order.return_url + "?payment_intent=" + encodeURIComponent(result.paymentIntent.id));
        });
      })
      .catch(function (error) {
        if (error instanceof FieldErrors) {
          showFieldErrors(error.errors, error.card);
        } else {
          showError(error.message || "The payment did not go through. Please try again.");
        }
        button.disabled = false;
        button.removeAttribute("aria-busy");
      });
  });
})();
