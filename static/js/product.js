/* The sticky Add to cart on phones (templates/shop/includes/sticky_buy.html). At 48rem wide or less,
   once the product's own Add to cart form has scrolled up out of view, a bar with the product's name,
   price and an Add to cart button stays at the bottom of the screen; the page gets bottom padding (taller
   than the bar) while it shows, so the footer can always be scrolled clear of it. Without this script
   (or IntersectionObserver) the bar stays hidden. */
(function () {
  "use strict";
  var bar = document.querySelector("[data-sticky-buy]");
  var form = document.querySelector(".product-info .add-to-cart");
  if (!bar || !form || !("IntersectionObserver" in window) || !window.matchMedia) { return; }
  var phone = window.matchMedia("(max-width: 48rem)");
  var scrolledPast = false;

  function update() {
    var show = phone.matches && scrolledPast;
    bar.hidden = !show;
    document.body.classList.toggle("has-sticky-buy", show);
  }

  new IntersectionObserver(function (entries) {
    var entry = entries[entries.length - 1];
    scrolledPast = !entry.isIntersecting && entry.boundingClientRect.bottom < 0;
    update();
  }).observe(form);
  if (phone.addEventListener) { phone.addEventListener("change", update); }
})();
