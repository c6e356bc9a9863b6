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

  // The observer says when the form enters or leaves the screen; a jump from below it to past it (End, a
  // link to #reviews) crosses no edge, so a scroll while it is out of view checks which side it is on.
  var inView = true;
  var queued = false;
  function check() {
    queued = false;
    scrolledPast = !inView && form.getBoundingClientRect().bottom < 0;
    update();
  }
  new IntersectionObserver(function (entries) {
    inView = entries[entries.length - 1].isIntersecting;
    check();
  }).observe(form);
  window.addEventListener("scroll", function () {
    if (!inView && !queued) { queued = true; window.requestAnimationFrame(check); }
  }, { passive: true });
  if (phone.addEventListener) { phone.addEventListener("change", update); }
})();
