/*
 * Offline stand-in for Stripe.js, served by devstripe (development and tests; the dev and test
 * settings point STRIPE_JS_URL here instead of https://js.stripe.com/v3/).
 * It implements exactly the calls our checkout uses: Stripe(), stripe.elements(), elements.update(),
 * elements.create("payment"), element.mount(), element.on(), elements.submit(), stripe.confirmPayment().
 * Card details go to devstripe's endpoints (/_offline-stripe/...), which confirm the PaymentIntent on localstripe.
 */
(function () {
  "use strict";

  function field(id, label, attrs) {
    var wrap = document.createElement("div");
    wrap.className = "offline-stripe-field";
    var lab = document.createElement("label");
    lab.htmlFor = id;
    lab.textContent = label;
    var input = document.createElement("input");
    input.id = id;
    input.name = id;
    input.type = "text";
    Object.keys(attrs).forEach(function (k) { input.setAttribute(k, attrs[k]); });
    wrap.appendChild(lab);
    wrap.appendChild(input);
    return { wrap: wrap, input: input };
  }

  function PaymentElement() {
    this.handlers = {};
    this.inputs = null;
  }
  PaymentElement.prototype.mount = function (target) {
    var host = typeof target === "string" ? document.querySelector(target) : target;
    var box = document.createElement("div");
    box.className = "offline-stripe";
    var note = document.createElement("p");
    note.className = "offline-stripe-note";
    note.textContent = "Test mode (offline Stripe): use card 4242 4242 4242 4242, any future date, any CVC.";
    box.appendChild(note);
    var number = field("offline-card-number", "Card number", { autocomplete: "cc-number", inputmode: "numeric", placeholder: "1234 1234 1234 1234" });
    var exp = field("offline-card-exp", "Expiration date (MM / YY)", { autocomplete: "cc-exp", inputmode: "numeric", placeholder: "MM / YY" });
    var cvc = field("offline-card-cvc", "Security code (CVC)", { autocomplete: "cc-csc", inputmode: "numeric", placeholder: "CVC" });
    var zip = field("offline-card-zip", "Billing ZIP code", { autocomplete: "postal-code", inputmode: "numeric" });
    [number, exp, cvc, zip].forEach(function (f) { box.appendChild(f.wrap); });
    host.appendChild(box);
    this.inputs = { number: number.input, exp: exp.input, cvc: cvc.input, zip: zip.input };
    var self = this;
    Object.keys(this.inputs).forEach(function (k) {
      self.inputs[k].addEventListener("input", function () { self.emit("change", { complete: self.complete(), empty: false }); });
    });
    this.emit("ready", {});
  };
  PaymentElement.prototype.on = function (event, handler) {
    (this.handlers[event] = this.handlers[event] || []).push(handler);
    return this;
  };
  PaymentElement.prototype.emit = function (event, payload) {
    (this.handlers[event] || []).forEach(function (h) { h(payload); });
  };
  PaymentElement.prototype.values = function () {
    var i = this.inputs;
    return { number: i.number.value.replace(/\s+/g, ""), exp: i.exp.value, cvc: i.cvc.value.trim(), postal_code: i.zip.value.trim() };
  };
  PaymentElement.prototype.complete = function () {
    var v = this.values();
    return /^\d{12,19}$/.test(v.number) && /^\s*\d{1,2}\s*\/\s*\d{2,4}\s*$/.test(v.exp) && /^\d{3,4}$/.test(v.cvc);
  };

  function Elements(options) {
    this.options = options || {};
    this.element = null;
  }
  Elements.prototype.create = function (type) {
    if (type !== "payment") { throw new Error("The offline Stripe.js stand-in only provides the Payment Element."); }
    this.element = new PaymentElement();
    return this.element;
  };
  Elements.prototype.update = function (options) {
    Object.assign(this.options, options || {});
  };
  Elements.prototype.submit = function () {
    var el = this.element;
    if (!el || !el.inputs) { return Promise.resolve({ error: { type: "validation_error", message: "The card form is not ready." } }); }
    var v = el.values();
    if (!/^\d{12,19}$/.test(v.number)) { return Promise.resolve({ error: { type: "validation_error", message: "Your card number is incomplete." } }); }
    if (!/^\s*\d{1,2}\s*\/\s*\d{2,4}\s*$/.test(v.exp)) { return Promise.resolve({ error: { type: "validation_error", message: "Your card's expiration date is incomplete." } }); }
    if (!/^\d{3,4}$/.test(v.cvc)) { return Promise.resolve({ error: { type: "validation_error", message: "Your card's security code is incomplete." } }); }
    return Promise.resolve({});
  };

  function post(url, body) {
    return fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      credentials: "same-origin",
      body: JSON.stringify(body),
    }).then(function (r) { return r.json(); });
  }

  function challenge() {
    return new Promise(function (resolve) {
      var dialog = document.createElement("dialog");
      dialog.className = "offline-3ds";
      dialog.setAttribute("aria-labelledby", "offline-3ds-title");
      dialog.innerHTML =
        '<h2 id="offline-3ds-title">3-D Secure authentication (test)</h2>' +
        "<p>Your bank asks you to confirm this payment.</p>" +
        '<p><button type="button" data-3ds="complete">Complete authentication</button> ' +
        '<button type="button" class="button-secondary" data-3ds="fail">Fail authentication</button></p>';
      document.body.appendChild(dialog);
      dialog.addEventListener("click", function (e) {
        var choice = e.target.getAttribute && e.target.getAttribute("data-3ds");
        if (!choice) { return; }
        dialog.close();
        dialog.remove();
        resolve(choice === "complete");
      });
      dialog.addEventListener("cancel", function () { dialog.remove(); resolve(false); });
      dialog.showModal();
      dialog.querySelector("button").focus();
    });
  }

  function OfflineStripe(key) { this.key = key; }
  OfflineStripe.prototype.elements = function (options) { return new Elements(options); };
  OfflineStripe.prototype.confirmPayment = function (args) {
    var element = args.elements && args.elements.element;
    var returnUrl = (args.confirmParams || {}).return_url;
    var body = Object.assign({ client_secret: args.clientSecret, return_url: returnUrl }, element.values());
    return post("/_offline-stripe/confirm/", body)
      .then(function (answer) {
        if (answer.error) { return answer; }
        if (answer.paymentIntent.status !== "requires_action") { return answer; }
        return challenge().then(function (ok) {
          return post("/_offline-stripe/authenticate/", { client_secret: args.clientSecret, success: ok });
        });
      })
      .then(function (answer) {
        if (answer.error) { return { error: answer.error }; }
        var intent = answer.paymentIntent;
        if (args.redirect !== "if_required" && returnUrl) {
          window.location.assign(returnUrl + (returnUrl.indexOf("?") < 0 ? "?" : "&") + "payment_intent=" + encodeURIComponent(intent.id) + "&redirect_status=succeeded");
        }
        return { paymentIntent: intent };
      })
      .catch(function () { return { error: { type: "api_connection_error", message: "We could not reach the payment service. Please try again." } }; });
  };

  window.Stripe = function (key) { return new OfflineStripe(key); };
})();
