// Highlights nested inside a linked one cannot be links themselves (anchors may not nest in
// HTML), so they carry data-href and are followed from here.
"use strict";
document.addEventListener("click", (event) => {
  const target = event.target instanceof Element ? event.target.closest("[data-href]") : null;
  if (target) {
    event.preventDefault();
    window.location.assign(target.getAttribute("data-href"));
  }
});
