/*
 * Offline stand-in for Stripe.js, served by devstripe (development and tests; the dev and test
 * settings point STRIPE_JS_URL here instead of https://js.stripe.com/v3/).
 * It implements exactly the calls our checkout uses: Stripe(), stripe.elements(), elements.update(),
 * elements.create("payment"), element.mount(), element.on(), elements.submit(), stripe.confirmPayment().
 * Card details go to devstripe's endpoints (/_offline-stripe/...), which confirm the PaymentIntent on localstripe.
 *
 * The element looks and behaves like Stripe's Payment Element (card tab): one card row (number with a
 * brand icon, "MM / YY" expiry, CVC), then Country and ZIP; the number is spaced as it is typed
 * (4-4-4-4, Amex 4-6-5), "1230", "12/30" and "1 / 30" become "12 / 30" / "01 / 30"; each field's error
 * (Stripe's wording) shows under it on blur or submit, tied with aria-describedby and aria-invalid.
 * Its inputs have no name, so card details are never posted with the checkout form (Stripe's sit in an
 * iframe). Its stylesheet, stripe-offline.css beside this file, is added by this script: offline only.
 */
(function () {
  "use strict";

  var SCRIPT = document.currentScript;
  var CSS_URL = SCRIPT && SCRIPT.src ? SCRIPT.src.replace(/\.js(\?.*)?$/, ".css$1") : "";
  var SVG_NS = "http://www.w3.org/2000/svg";

  var COUNTRIES = [
    ["US", "United States"], ["CA", "Canada"], ["MX", "Mexico"], ["GB", "United Kingdom"], ["IE", "Ireland"],
    ["DE", "Germany"], ["FR", "France"], ["ES", "Spain"], ["IT", "Italy"], ["NL", "Netherlands"],
    ["AU", "Australia"], ["NZ", "New Zealand"], ["JP", "Japan"],
  ];

  var MESSAGES = {
    numberIncomplete: "Your card number is incomplete.",
    numberInvalid: "Your card number is invalid.",
    expIncomplete: "Your card's expiration date is incomplete.",
    expPast: "Your card's expiration date is in the past.",
    expYearPast: "Your card's expiration year is in the past.",
    expMonthInvalid: "Your card's expiration month is invalid.",
    expYearInvalid: "Your card's expiration year is invalid.",
    cvcIncomplete: "Your card's security code is incomplete.",
    zipIncomplete: "Your ZIP is incomplete.",
    zipInvalid: "Your ZIP is invalid.",
  };

  // Card brands, from the number's first digits.

  function brandOf(digits) {
    if (/^3[47]/.test(digits)) { return "amex"; }
    if (/^4/.test(digits)) { return "visa"; }
    if (/^(5[1-5]|222[1-9]|22[3-9]\d|2[3-6]\d\d|27[01]\d|2720)/.test(digits)) { return "mastercard"; }
    return "unknown";
  }
  function numberLength(brand) { return brand === "amex" ? 15 : 16; }
  function cvcLength(brand) { return brand === "amex" ? 4 : 3; }
  var BRAND_NAMES = { visa: "Visa", mastercard: "Mastercard", amex: "American Express", unknown: "" };

  function luhn(digits) {
    var sum = 0;
    for (var i = 0; i < digits.length; i++) {
      var d = parseInt(digits.charAt(digits.length - 1 - i), 10);
      if (i % 2 === 1) { d *= 2; if (d > 9) { d -= 9; } }
      sum += d;
    }
    return sum % 10 === 0;
  }

  function svg(name, attrs, parent) {
    var node = document.createElementNS(SVG_NS, name);
    Object.keys(attrs).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (parent) { parent.appendChild(node); }
    return node;
  }

  function svgText(parent, text, attrs) {
    var node = svg("text", Object.assign({ x: "16", y: "13.5", "text-anchor": "middle", "font-family": "Arial, Helvetica, sans-serif", "font-weight": "700" }, attrs), parent);
    node.textContent = text;
    return node;
  }

  // A 32 x 20 brand mark drawn with DOM APIs (no remote or inline-markup image).
  function brandIcon(brand) {
    var root = svg("svg", { viewBox: "0 0 32 20", width: "32", height: "20", focusable: "false", "class": "offline-stripe-brand-icon" });
    if (brand === "visa") {
      svg("rect", { width: "32", height: "20", rx: "3", fill: "#1a1f71" }, root);
      svgText(root, "VISA", { fill: "#fff", "font-size": "9", "font-style": "italic" });
    } else if (brand === "mastercard") {
      svg("rect", { width: "32", height: "20", rx: "3", fill: "#252525" }, root);
      svg("circle", { cx: "12.5", cy: "10", r: "6", fill: "#eb001b" }, root);
      svg("circle", { cx: "19.5", cy: "10", r: "6", fill: "#f79e1b" }, root);
      svg("path", { d: "M16 5.3a6 6 0 0 1 0 9.4a6 6 0 0 1 0-9.4z", fill: "#ff5f00" }, root);
    } else if (brand === "amex") {
      svg("rect", { width: "32", height: "20", rx: "3", fill: "#2e77bc" }, root);
      svgText(root, "AMEX", { fill: "#fff", "font-size": "8" });
    } else {
      // Any other card: an outline card that takes the text colour (light and dark mode).
      svg("rect", { x: "1", y: "1", width: "30", height: "18", rx: "3", fill: "none", stroke: "currentColor", "stroke-width": "1.5" }, root);
      svg("rect", { x: "1", y: "5", width: "30", height: "3", fill: "currentColor" }, root);
      svg("rect", { x: "5", y: "12", width: "9", height: "2", fill: "currentColor" }, root);
    }
    return root;
  }

  // Formatting as the shopper types.

  function digitsOf(text) { return String(text).replace(/\D/g, ""); }

  function formatNumber(raw, brand) {
    var digits = digitsOf(raw).slice(0, numberLength(brand));
    var groups = brand === "amex" ? [4, 6, 5] : [4, 4, 4, 4];
    var parts = [];
    var at = 0;
    for (var i = 0; i < groups.length && at < digits.length; i++) {
      parts.push(digits.slice(at, at + groups[i]));
      at += groups[i];
    }
    return parts.join(" ");
  }

  // "1230", "12/30", "12 / 30", "1/30", "1 / 30", "12/2030" -> "12 / 30" or "01 / 30". While typing,
  // a complete month gets its " / " at once ("2" -> "02 / ", "13" -> "01 / 3"); while deleting, not.
  function formatExp(raw, deleting) {
    var month, year;
    var slash = raw.indexOf("/");
    if (slash >= 0) {
      month = digitsOf(raw.slice(0, slash));
      year = digitsOf(raw.slice(slash + 1));
      if (month.length > 2) { year = month.slice(2) + year; month = month.slice(0, 2); }
      if (month === "0" || month === "") { return month; }
      if (month.length === 1) { month = "0" + month; }
      if (year.length === 4 && year.slice(0, 2) === "20") { year = year.slice(2); }
    } else {
      var digits = digitsOf(raw);
      if (/^[2-9]/.test(digits)) { digits = "0" + digits; }
      if (/^1[3-9]/.test(digits)) { digits = "01" + digits.slice(1); }
      if (/^00/.test(digits)) { digits = "0" + digits.slice(2); }
      month = digits.slice(0, 2);
      year = digits.slice(2);
      if (year.length > 2 && year.slice(0, 2) === "20" && year.length === 4) { year = year.slice(2); }
      if (month.length < 2) { return month; }
    }
    year = year.slice(0, 2);
    if (!year && deleting) { return month; }
    return month + " / " + year;
  }

  // Put the caret back after the same number of digits once a value is reformatted.
  function caretAfterDigits(text, count) {
    if (count <= 0) { return 0; }
    var seen = 0;
    for (var i = 0; i < text.length; i++) {
      if (/\d/.test(text.charAt(i))) { seen += 1; if (seen === count) { return i + 1; } }
    }
    return text.length;
  }

  // Building the form.

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text) { node.textContent = text; }
    return node;
  }

  function field(id, label, className, control) {
    var wrap = el("div", "offline-stripe-field " + className);
    var lab = el("label", "", label);
    lab.htmlFor = id;
    control.id = id;
    var error = el("p", "offline-stripe-error");
    error.id = id + "-error";
    error.hidden = true;
    wrap.appendChild(lab);
    wrap.appendChild(control);
    wrap.appendChild(error);
    return { wrap: wrap, input: control, error: error, label: lab };
  }

  function textInput(attrs) {
    var input = el("input", "offline-stripe-input");
    input.type = "text";
    Object.keys(attrs).forEach(function (k) { input.setAttribute(k, attrs[k]); });
    input.setAttribute("spellcheck", "false");
    input.setAttribute("autocorrect", "off");
    input.setAttribute("autocapitalize", "off");
    return input;
  }

  function loadStylesheet(done) {
    if (!CSS_URL) { done(); return; }
    var existing = document.querySelector("link[data-offline-stripe]");
    if (existing && existing.sheet) { done(); return; }
    var link = existing || document.createElement("link");
    link.addEventListener("load", done);
    link.addEventListener("error", done);
    if (!existing) {
      link.rel = "stylesheet";
      link.href = CSS_URL;
      link.setAttribute("data-offline-stripe", "");
      document.head.appendChild(link);
    }
  }

  // Asked for as soon as this script runs (the checkout page loads it before checkout.js mounts the element).
  var stylesheet = document.head ? new Promise(loadStylesheet) : Promise.resolve();

  function PaymentElement() {
    this.handlers = {};
    this.inputs = null;
    this.fields = null;
    this.brand = "unknown";
  }

  PaymentElement.prototype.mount = function (target) {
    var self = this;
    var host = typeof target === "string" ? document.querySelector(target) : target;
    var box = el("div", "offline-stripe");
    box.appendChild(el("p", "offline-stripe-note", "Test mode (offline Stripe): use card 4242 4242 4242 4242, any future date, any CVC."));

    var numberInput = textInput({ autocomplete: "cc-number", inputmode: "numeric", placeholder: "1234 1234 1234 1234" });
    var number = field("offline-card-number", "Card number", "offline-stripe-number", numberInput);
    var brandBox = el("span", "offline-stripe-brand");
    var numberWrap = el("div", "offline-stripe-number-wrap");
    number.wrap.insertBefore(numberWrap, numberInput);
    numberWrap.appendChild(numberInput);
    numberWrap.appendChild(brandBox);
    this.brandBox = brandBox;

    var exp = field("offline-card-exp", "Expiration date", "offline-stripe-exp",
      textInput({ autocomplete: "cc-exp", inputmode: "numeric", placeholder: "MM / YY" }));
    var cvc = field("offline-card-cvc", "Security code", "offline-stripe-cvc",
      textInput({ autocomplete: "cc-csc", inputmode: "numeric", placeholder: "CVC" }));

    var select = el("select", "offline-stripe-select");
    select.setAttribute("autocomplete", "country");
    COUNTRIES.forEach(function (c) {
      var option = el("option", "", c[1]);
      option.value = c[0];
      select.appendChild(option);
    });
    select.value = "US";
    var country = field("offline-card-country", "Country", "offline-stripe-country", select);
    var zip = field("offline-card-zip", "ZIP", "offline-stripe-zip",
      textInput({ autocomplete: "postal-code", inputmode: "numeric", placeholder: "12345" }));

    var cardRow = el("div", "offline-stripe-row offline-stripe-card");
    [number, exp, cvc].forEach(function (f) { cardRow.appendChild(f.wrap); });
    var billingRow = el("div", "offline-stripe-row offline-stripe-billing");
    [country, zip].forEach(function (f) { billingRow.appendChild(f.wrap); });
    box.appendChild(cardRow);
    box.appendChild(billingRow);
    host.appendChild(box);

    this.fields = { number: number, exp: exp, cvc: cvc, country: country, zip: zip };
    this.inputs = { number: number.input, exp: exp.input, cvc: cvc.input, country: select, zip: zip.input };
    this.showBrand();

    ["number", "exp", "cvc", "zip"].forEach(function (name) {
      var input = self.inputs[name];
      var previous = input.value;
      input.addEventListener("input", function (event) {
        self.reformat(name, previous, event.inputType || "");
        previous = input.value;
        self.onTyping(name);
      });
      input.addEventListener("blur", function () { self.onBlur(name); });
    });
    select.addEventListener("change", function () {
      zip.wrap.hidden = select.value !== "US";
      if (zip.wrap.hidden) { self.showError("zip", ""); }
      self.changed();
    });

    // Shown at once (a shopper may start typing before the stylesheet is in: the site's own input
    // styles apply meanwhile); "ready" once it is styled, as Stripe's element is ready once drawn.
    stylesheet.then(function () { self.emit("ready", { elementType: "payment" }); });
  };

  PaymentElement.prototype.on = function (event, handler) {
    (this.handlers[event] = this.handlers[event] || []).push(handler);
    return this;
  };
  PaymentElement.prototype.emit = function (event, payload) {
    (this.handlers[event] || []).forEach(function (h) { h(payload); });
  };
  PaymentElement.prototype.focus = function () { if (this.inputs) { this.inputs.number.focus(); } };

  PaymentElement.prototype.showBrand = function () {
    var brand = brandOf(digitsOf(this.inputs.number.value));
    if (brand === this.brand && this.brandBox.firstChild) { return; }
    this.brand = brand;
    var icon = brandIcon(brand);
    this.brandBox.textContent = "";
    this.brandBox.setAttribute("data-brand", brand);
    if (brand === "unknown") {
      icon.setAttribute("aria-hidden", "true");
    } else {
      icon.setAttribute("role", "img");
      icon.setAttribute("aria-label", BRAND_NAMES[brand]);
    }
    this.brandBox.appendChild(icon);
  };

  PaymentElement.prototype.reformat = function (name, previous, inputType) {
    var input = this.inputs[name];
    var raw = input.value;
    var deleting = inputType.indexOf("delete") === 0;
    var caret = input.selectionStart === null ? raw.length : input.selectionStart;
    var atEnd = caret >= raw.length;
    var digitsBefore = digitsOf(raw.slice(0, caret)).length;
    var out;
    if (name === "number") {
      // Backspace over a group's space deletes the digit before it, as Stripe's field does.
      if (deleting && digitsOf(raw) === digitsOf(previous) && raw.length < previous.length && digitsBefore > 0) {
        var digits = digitsOf(raw);
        raw = digits.slice(0, digitsBefore - 1) + digits.slice(digitsBefore);
        digitsBefore -= 1;
        atEnd = digitsBefore >= raw.length;
      }
      out = formatNumber(raw, brandOf(digitsOf(raw)));
    } else if (name === "exp") {
      out = formatExp(raw, deleting);
    } else if (name === "cvc") {
      out = digitsOf(raw).slice(0, cvcLength(this.brand));
    } else {
      out = raw.replace(/[^\d-]/g, "").slice(0, 10);
    }
    if (out !== input.value) {
      input.value = out;
      if (!atEnd && document.activeElement === input) {
        var at = caretAfterDigits(out, digitsBefore);
        input.setSelectionRange(at, at);
      }
    }
    if (name === "number") {
      this.showBrand();
      // A CVC typed for an Amex is one digit too long for another card.
      var cvc = this.inputs.cvc;
      if (cvc.value.length > cvcLength(this.brand)) { cvc.value = cvc.value.slice(0, cvcLength(this.brand)); }
    }
  };

  // What is wrong with a field: {state: "empty" | "incomplete" | "invalid" | "complete", message}.
  PaymentElement.prototype.check = function (name) {
    var value = this.inputs[name].value;
    var digits = digitsOf(value);
    function result(state, message) { return { state: state, message: message || "" }; }
    if (name === "number") {
      if (!digits) { return result("empty", MESSAGES.numberIncomplete); }
      if (digits.length < numberLength(this.brand)) { return result("incomplete", MESSAGES.numberIncomplete); }
      return luhn(digits) ? result("complete") : result("invalid", MESSAGES.numberInvalid);
    }
    if (name === "exp") {
      if (!digits) { return result("empty", MESSAGES.expIncomplete); }
      var parts = value.split("/");
      var month = parseInt(digitsOf(parts[0]), 10);
      var yearDigits = digitsOf(parts[1] || "");
      if (parts.length < 2 || digitsOf(parts[0]).length < 2) { return result("incomplete", MESSAGES.expIncomplete); }
      if (!(month >= 1 && month <= 12)) { return result("invalid", MESSAGES.expMonthInvalid); }
      var now = new Date();
      var thisYear = now.getFullYear() % 100;
      if (yearDigits.length === 1) {
        // "12 / 1" can only be 2010-2019: Stripe says so before the second digit.
        var decade = parseInt(yearDigits, 10) * 10;
        return decade + 9 < thisYear ? result("invalid", MESSAGES.expYearPast) : result("incomplete", MESSAGES.expIncomplete);
      }
      if (yearDigits.length < 2) { return result("incomplete", MESSAGES.expIncomplete); }
      var year = parseInt(yearDigits, 10);
      if (year < thisYear || (year === thisYear && month < now.getMonth() + 1)) { return result("invalid", MESSAGES.expPast); }
      if (year > thisYear + 50) { return result("invalid", MESSAGES.expYearInvalid); }
      return result("complete");
    }
    if (name === "cvc") {
      if (!digits) { return result("empty", MESSAGES.cvcIncomplete); }
      return digits.length < cvcLength(this.brand) ? result("incomplete", MESSAGES.cvcIncomplete) : result("complete");
    }
    if (name === "zip") {
      if (this.inputs.country.value !== "US") { return result("complete"); }
      if (!value) { return result("empty", MESSAGES.zipIncomplete); }
      if (/^\d{5}(-\d{4})?$/.test(value)) { return result("complete"); }
      return /^\d{0,4}$|^\d{5}-\d{0,3}$/.test(value) ? result("incomplete", MESSAGES.zipIncomplete) : result("invalid", MESSAGES.zipInvalid);
    }
    return result("complete");
  };

  PaymentElement.prototype.showError = function (name, message) {
    var f = this.fields[name];
    f.error.textContent = message;
    f.error.hidden = !message;
    if (message) {
      f.input.setAttribute("aria-invalid", "true");
      f.input.setAttribute("aria-describedby", f.error.id);
    } else {
      f.input.removeAttribute("aria-invalid");
      f.input.removeAttribute("aria-describedby");
    }
  };

  // While typing, only a value that can no longer be right is reported (a complete number that fails
  // its check digit, a date in the past); an unfinished one waits for blur or submit.
  PaymentElement.prototype.onTyping = function (name) {
    var found = this.check(name);
    this.showError(name, found.state === "invalid" ? found.message : "");
    if (name === "number" && this.inputs.cvc.value) {
      var cvc = this.check("cvc");
      if (cvc.state === "complete" || this.fields.cvc.error.hidden) { this.showError("cvc", ""); }
      else { this.showError("cvc", cvc.message); }
    }
    this.changed();
  };

  PaymentElement.prototype.onBlur = function (name) {
    var found = this.check(name);
    this.showError(name, found.state === "incomplete" || found.state === "invalid" ? found.message : "");
  };

  PaymentElement.prototype.changed = function () {
    this.emit("change", { elementType: "payment", complete: this.complete(), empty: this.empty(), collapsed: false, value: { type: "card" } });
  };

  PaymentElement.prototype.names = function () {
    return this.inputs.country.value === "US" ? ["number", "exp", "cvc", "zip"] : ["number", "exp", "cvc"];
  };

  PaymentElement.prototype.empty = function () {
    var self = this;
    return ["number", "exp", "cvc", "zip"].every(function (name) { return !self.inputs[name].value; });
  };

  PaymentElement.prototype.complete = function () {
    var self = this;
    return this.names().every(function (name) { return self.check(name).state === "complete"; });
  };

  // On submit every field says what is wrong with it; the first message is the answer.
  PaymentElement.prototype.validate = function () {
    var self = this;
    var first = "";
    this.names().forEach(function (name) {
      var found = self.check(name);
      var message = found.state === "complete" ? "" : found.message;
      self.showError(name, message);
      if (message && !first) { first = message; }
    });
    return first;
  };

  PaymentElement.prototype.values = function () {
    var i = this.inputs;
    var us = i.country.value === "US";
    return { number: digitsOf(i.number.value), exp: i.exp.value, cvc: i.cvc.value.trim(), postal_code: us ? i.zip.value.trim() : "" };
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
    var message = el.validate();
    if (message) { return Promise.resolve({ error: { type: "validation_error", message: message } }); }
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
