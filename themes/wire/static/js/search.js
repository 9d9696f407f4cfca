// Pagefind's UI over every part of the index (the newest part first; the others merged in),
// with the query from the header search box (?q=) filled in.
window.addEventListener("DOMContentLoaded", function () {
  var element = document.getElementById("search");
  var bundles = (element.getAttribute("data-bundles") || "").split(" ").filter(Boolean).map(function (b) {
    return new URL(b, document.baseURI).href;
  });
  if (!bundles.length) { return; }
  var ui = new PagefindUI({
    element: "#search",
    bundlePath: bundles[0],
    mergeIndex: bundles.slice(1).map(function (b) { return { bundlePath: b }; }),
    showSubResults: false,
    showImages: false,
    resetStyles: false
  });
  var q = new URLSearchParams(window.location.search).get("q");
  if (q) { ui.triggerSearch(q); }
});
