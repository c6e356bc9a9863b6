/* Checkout: the Payment Element, placing the order on our server, then stripe.confirmPayment. */
(function () {
  "use strict";
  var form = document.getElementById("checkout-form");
  if (!form || !window.Stripe) { return; }
  var button = document.getElementById("pay-button");
  var alertBox = document.getElementById("checkout-alert");
  var stripe = window.Stripe(form.dataset.publishableKey);
  var elements = stripe.elements({ mode: "payment", amount: selectedTotal(), currency: form.dataset.currency, paymentMethodTypes: ["card"] });
  var paymentElement = elements.create("payment");
  paymentElement.mount("#payment-element");
  var placed = null;

  function showError(message) {
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
    var out = document.getElementById("order-total");
    if (out) { out.textContent = event.target.dataset.totalDisplay; }
  });

  function localTime(iso) {
    var when = new Date(iso);
    return String(when.getHours()).padStart(2, "0") + ":" + String(when.getMinutes()).padStart(2, "0");
  }

  function lockDetails(order) {
    form.querySelectorAll("#details input, #details select, #shipping input").forEach(function (el) {
      if (el.type === "radio") { el.disabled = true; } else { el.readOnly = true; }
    });
    var note = document.getElementById("order-reserved");
    note.textContent = "Order " + order.order + " is reserved for you. Your items are held for you until " +
      localTime(order.held_until) + " (" + order.hold_minutes + " minutes). To change your details or cart, go back to the cart.";
    note.hidden = false;
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
          var errors = data.errors || {};
          var messages = [];
          Object.keys(errors).forEach(function (key) {
            var label = form.querySelector("label[for=id_" + key + "]");
            messages.push((label ? label.textContent.trim() + ": " : "") + errors[key].join(" "));
          });
          throw new Error(messages.join(" ") || "Please check your details.");
        }
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
        if (result.error) { throw new Error(result.error.message); }
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
        showError(error.message || "The payment did not go through. Please try again.");
        button.disabled = false;
        button.removeAttribute("aria-busy");
      });
  });
})();
