// Pagefind's UI, with the query from the header search box (?q=) filled in.
window.addEventListener("DOMContentLoaded", function () {
  var ui = new PagefindUI({ element: "#search", showSubResults: false, showImages: false, resetStyles: false });
  var q = new URLSearchParams(window.location.search).get("q");
  if (q) { ui.triggerSearch(q); }
});
