// "Was this helpful?": post the vote and ask for JSON; show the new count, disable the button and say
// thanks without a reload. Without this script the form posts and the page comes back with a message.
(function () {
  "use strict";
  document.querySelectorAll("form[data-helpful]").forEach(function (form) {
    var button = form.querySelector("button[type=submit]");
    var count = form.querySelector("[data-helpful-count]");
    var message = form.querySelector("[data-helpful-message]");
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (button.disabled) return;
      button.disabled = true;
      fetch(form.action, {
        method: "POST",
        body: new FormData(form),
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      })
        .then(function (response) {
          return response.json().catch(function () {
            return { ok: false, message: "Your vote could not be sent. Please try again later." };
          });
        })
        .then(function (data) {
          if (data.ok) {
            count.textContent = String(data.count);
            button.setAttribute("aria-pressed", "true");
          } else {
            button.disabled = false;
          }
          message.textContent = data.message || "";
        })
        .catch(function () {
          button.disabled = false;
          message.textContent = "Your vote could not be sent. Please check your connection and try again.";
        });
    });
  });
})();
