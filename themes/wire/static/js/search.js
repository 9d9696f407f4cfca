// Pagefind's UI over every part of the index (the newest part first; the others merged in),
// with the query from the header search box (?q=) filled in.
//
// The parts are merged and every filter loaded *before* the UI runs its first search. Pagefind's
// UI fills its filter panel from the first search that returns any filter counts, and its own
// full filter list is used only while the panel is empty: when a search finished while some
// filter files were still on their way, the panel lacked those filters (say, Country) until the
// reader typed another query. The UI imports the same pagefind.js module, so it finds the parts
// merged and the filters loaded.
window.addEventListener("DOMContentLoaded", async function () {
  var element = document.getElementById("search");
  var bundles = (element.getAttribute("data-bundles") || "").split(" ").filter(Boolean).map(function (b) {
    return new URL(b, document.baseURI).href;
  });
  if (!bundles.length) { return; }
  var excerptLength = 30;  // Pagefind UI's own default, set here before the index is opened
  var pagefind = await import(bundles[0] + "pagefind.js");
  await pagefind.options({ excerptLength: excerptLength });
  for (var i = 1; i < bundles.length; i++) {
    await pagefind.mergeIndex(bundles[i]);
  }
  await pagefind.filters();
  var ui = new PagefindUI({
    element: "#search",
    bundlePath: bundles[0],
    excerptLength: excerptLength,
    showSubResults: false,
    showImages: false,
    resetStyles: false
  });
  var q = new URLSearchParams(window.location.search).get("q");
  if (q) { ui.triggerSearch(q); }
});
