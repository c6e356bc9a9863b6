/* The product gallery (templates/shop/includes/product_gallery.html). Without this script each thumbnail
   is a link to its picture's full-size file. With it, a thumbnail is a button that shows its picture as the
   main one: click, Enter or Space; Left and Right (Home, End) move between the thumbnails. The selected
   thumbnail carries aria-current, "View full size" follows the picture shown, and a polite live region
   says which picture is shown and what it shows (its alt text). */
(function () {
  "use strict";
  document.querySelectorAll("[data-gallery]").forEach(function (gallery) {
    var slides = Array.prototype.slice.call(gallery.querySelectorAll(".gallery-slide"));
    var thumbs = Array.prototype.slice.call(gallery.querySelectorAll(".gallery-thumb"));
    var full = gallery.querySelector("[data-gallery-full]");
    var fullName = gallery.querySelector("[data-gallery-full-name]");
    var status = gallery.querySelector("[data-gallery-status]");
    if (thumbs.length < 2) { return; }

    function show(index, announce) {
      slides.forEach(function (slide, n) { slide.hidden = n !== index; });
      thumbs.forEach(function (thumb, n) {
        if (n === index) { thumb.setAttribute("aria-current", "true"); } else { thumb.removeAttribute("aria-current"); }
      });
      var slide = slides[index];
      if (full) { full.href = slide.getAttribute("data-full"); }
      if (fullName) { fullName.textContent = ": " + slide.getAttribute("data-alt"); }
      if (announce && status) {
        status.textContent = "Showing image " + (index + 1) + " of " + slides.length + ": " + slide.getAttribute("data-alt");
      }
    }

    thumbs.forEach(function (thumb, index) {
      thumb.setAttribute("role", "button");
      thumb.addEventListener("click", function (event) {
        event.preventDefault();
        show(index, true);
      });
      thumb.addEventListener("keydown", function (event) {
        var to = null;
        if (event.key === " " || event.key === "Spacebar") {
          event.preventDefault();
          show(index, true);
          return;
        }
        if (event.key === "ArrowRight" || event.key === "ArrowDown") { to = (index + 1) % thumbs.length; }
        else if (event.key === "ArrowLeft" || event.key === "ArrowUp") { to = (index - 1 + thumbs.length) % thumbs.length; }
        else if (event.key === "Home") { to = 0; }
        else if (event.key === "End") { to = thumbs.length - 1; }
        if (to !== null) {
          event.preventDefault();
          thumbs[to].focus();
        }
      });
    });
    gallery.setAttribute("data-live", "");
  });
})();
