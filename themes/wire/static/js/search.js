// The search page over the archive's one Pagefind bundle (plugins/wire_search merges the index
// parts into it). The index starts loading as soon as this script runs; a query fetches only
// the index chunks of its words and the fragments of the ten results it shows ("Show more
// results" fetches ten more); the filter data (thousands of people and organisations) is
// fetched only when the filter panel is opened. Query, order and filters live in the address
// (?q=…&sort=newest&country=…), so a search can be reloaded and shared.
(function () {
  "use strict";
  var root = document.getElementById("search");
  if (!root) { return; }
  var PAGE = 10;
  var SHORT_LIST = 12;
  var GROUPS = [
    { key: "country", title: "Country", find: "Find a country" },
    { key: "person", title: "Person", find: "Find a person" },
    { key: "organisation", title: "Organisation", find: "Find an organisation" },
    { key: "topic", title: "Topic", find: "Find a topic" }
  ];
  var form = document.querySelector(".search-form");
  var input = document.getElementById("search-q");
  var order = document.getElementById("search-sort");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var more = document.getElementById("search-more");
  var panel = document.getElementById("search-filters");
  var groupsBox = document.getElementById("search-filter-groups");
  var bundle = new URL(root.getAttribute("data-bundle"), document.baseURI);
  var dates = new Intl.DateTimeFormat(document.documentElement.lang || "en", {
    weekday: "long", day: "2-digit", month: "long", year: "numeric", timeZone: "UTC"
  });

  var params = new URLSearchParams(window.location.search);
  var state = { q: params.get("q") || "", sort: params.get("sort") || "", filters: {} };
  GROUPS.forEach(function (g) {
    var values = params.getAll(g.key).filter(Boolean);
    if (values.length) { state.filters[g.key] = values; }
  });
  input.value = state.q;
  order.value = ["newest", "oldest"].indexOf(state.sort) >= 0 ? state.sort : "";

  var pagefind = import(bundle.href + "pagefind.js").then(function (pf) {
    return pf.options({ basePath: bundle.pathname, excerptLength: 30 }).then(function () {
      pf.init();
      return pf;
    });
  });

  var run = 0;          // the latest search; older ones stop when they see it changed
  var results = [];     // Pagefind's results of the latest search
  var shown = 0;
  var filterData = null; // every filter value of the archive, once the panel was opened
  var counts = {};      // filter value counts among the latest results

  function activeFilters() {
    var out = {};
    Object.keys(state.filters).forEach(function (key) {
      if (state.filters[key].length) { out[key] = { any: state.filters[key] }; }
    });
    return out;
  }

  function remember() {
    var p = new URLSearchParams();
    if (state.q) { p.set("q", state.q); }
    if (state.sort) { p.set("sort", state.sort); }
    GROUPS.forEach(function (g) {
      (state.filters[g.key] || []).forEach(function (v) { p.append(g.key, v); });
    });
    var query = p.toString();
    window.history.replaceState(null, "", window.location.pathname + (query ? "?" + query : ""));
  }

  function search() {
    var mine = ++run;
    remember();
    var q = state.q.trim();
    if (!q) {
      results = []; shown = 0;
      list.textContent = "";
      more.hidden = true;
      status.textContent = "";
      return Promise.resolve();
    }
    status.textContent = "Searching…";
    var options = { filters: activeFilters() };
    if (state.sort === "newest") { options.sort = { date: "desc" }; }
    if (state.sort === "oldest") { options.sort = { date: "asc" }; }
    return pagefind.then(function (pf) {
      return pf.search(q, options);
    }).then(function (found) {
      if (mine !== run || !found) { return; }
      results = found.results;
      shown = 0;
      counts = found.filters || {};
      list.textContent = "";
      status.textContent = summary(results.length, q);
      if (filterData) { renderFilters(); }
      return showMore(false, mine);
    }).catch(function (err) {
      if (mine === run) { status.textContent = "Search could not be loaded. Try reloading the page."; }
      if (window.console) { console.error(err); }
    });
  }

  function summary(n, q) {
    var filtered = Object.keys(activeFilters()).length ? " with the filters chosen" : "";
    if (!n) { return "No stories match “" + q + "”" + filtered + "."; }
    return (n === 1 ? "1 story matches" : n.toLocaleString() + " stories match") + " “" + q + "”" + filtered + ".";
  }

  // The next ten results, each added as soon as it and the ones before it have arrived.
  function showMore(focus, mine) {
    mine = mine || run;
    var batch = results.slice(shown, shown + PAGE);
    shown += batch.length;
    more.hidden = true;
    var pending = batch.map(function (r) { return r.data(); });
    var first = true;
    return pending.reduce(function (chain, data) {
      return chain.then(function () { return data; }).then(function (d) {
        if (mine !== run) { return; }
        var item = resultItem(d);
        if (!item) { return; }
        list.appendChild(item);
        if (focus && first) { item.querySelector("a").focus(); }
        first = false;
      });
    }, Promise.resolve()).then(function () {
      if (mine === run) { more.hidden = shown >= results.length; }
    });
  }

  function resultItem(d) {
    var url = String(d.url || "");
    if (url.charAt(0) !== "/" || url.charAt(1) === "/") { return null; } // only pages of this site
    var li = document.createElement("li");
    li.className = "search-result";
    var h = document.createElement("h2");
    h.className = "search-result-title";
    var a = document.createElement("a");
    a.className = "search-result-link";
    a.href = url;
    a.textContent = (d.meta && d.meta.title) || url;
    h.appendChild(a);
    li.appendChild(h);
    var day = d.meta && /^(\d{4})(\d{2})(\d{2})$/.exec(d.meta.date || "");
    if (day) {
      var meta = document.createElement("p");
      meta.className = "search-result-meta";
      var time = document.createElement("time");
      time.dateTime = day[1] + "-" + day[2] + "-" + day[3];
      time.textContent = dayText(new Date(Date.UTC(+day[1], +day[2] - 1, +day[3])));
      meta.appendChild(time);
      li.appendChild(meta);
    }
    var p = document.createElement("p");
    p.className = "search-result-excerpt";
    appendExcerpt(p, d.excerpt || "");
    li.appendChild(p);
    return li;
  }

  // As the story pages write dates: "Monday 10 August 2026".
  function dayText(date) {
    var parts = {};
    dates.formatToParts(date).forEach(function (p) { parts[p.type] = p.value; });
    return [parts.weekday, parts.day, parts.month, parts.year].join(" ");
  }

  // Pagefind's excerpt is the page text with < and > escaped and the matches in <mark>:
  // built here as text nodes and <mark> elements, never parsed as HTML.
  function appendExcerpt(el, html) {
    html.split(/(<mark>|<\/mark>)/).reduce(function (inMark, piece) {
      if (piece === "<mark>") { return true; }
      if (piece === "</mark>") { return false; }
      if (piece) {
        var text = document.createTextNode(piece.replace(/&lt;/g, "<").replace(/&gt;/g, ">"));
        if (inMark) {
          var m = document.createElement("mark");
          m.appendChild(text);
          el.appendChild(m);
        } else {
          el.appendChild(text);
        }
      }
      return inMark;
    }, false);
  }

  // --- filters: fetched when the panel is first opened --------------------------------------

  function openFilters() {
    if (filterData) { return Promise.resolve(); }
    return pagefind.then(function (pf) { return pf.filters(); }).then(function (all) {
      filterData = all || {};
      return state.q.trim() ? search() : renderFilters();
    }).catch(function (err) {
      groupsBox.textContent = "The filters could not be loaded.";
      if (window.console) { console.error(err); }
    });
  }

  function renderFilters() {
    var focused = document.activeElement;
    var refocus = focused && focused.getAttribute && focused.getAttribute("data-filter");
    var refocusValue = refocus && focused.value;
    groupsBox.textContent = "";
    GROUPS.forEach(function (g) {
      var all = filterData[g.key];
      if (!all) { return; }
      var box = document.createElement("fieldset");
      box.className = "search-filter";
      var legend = document.createElement("legend");
      legend.textContent = g.title;
      box.appendChild(legend);
      var chosen = state.filters[g.key] || [];
      var current = state.q.trim() ? (counts[g.key] || {}) : all;
      var values = Object.keys(all).filter(function (v) {
        return (current[v] || 0) > 0 || chosen.indexOf(v) >= 0;
      }).sort(function (a, b) {
        return (current[b] || 0) - (current[a] || 0) || a.localeCompare(b);
      });
      var finder = null;
      if (values.length > SHORT_LIST) {
        finder = document.createElement("input");
        finder.type = "search";
        finder.className = "search-filter-find";
        finder.setAttribute("aria-label", g.find);
        finder.placeholder = g.find;
        box.appendChild(finder);
      }
      var ul = document.createElement("ul");
      box.appendChild(ul);
      var note = document.createElement("p");
      note.className = "search-note";
      box.appendChild(note);
      var fill = function () {
        var needle = finder ? fold(finder.value) : "";
        var matching = needle ? values.filter(function (v) { return fold(v).indexOf(needle) >= 0; }) : values;
        var visible = matching.slice(0, needle ? 50 : SHORT_LIST);
        chosen.forEach(function (v) { if (visible.indexOf(v) < 0) { visible.unshift(v); } });
        ul.textContent = "";
        visible.forEach(function (v, i) { ul.appendChild(filterItem(g, v, current[v] || 0, i)); });
        note.textContent = matching.length > visible.length
          ? "Showing " + visible.length + " of " + matching.length.toLocaleString() + (finder ? ": type to narrow." : ".")
          : (matching.length ? "" : "None found.");
      };
      if (finder) { finder.addEventListener("input", fill); }
      fill();
      groupsBox.appendChild(box);
    });
    if (refocus) {
      var again = groupsBox.querySelectorAll("input[data-filter='" + refocus + "']");
      for (var i = 0; i < again.length; i++) {
        if (again[i].value === refocusValue) { again[i].focus(); break; }
      }
    }
  }

  function filterItem(g, value, count, i) {
    var li = document.createElement("li");
    var box = document.createElement("input");
    box.type = "checkbox";
    box.id = g.key + "-" + (value.replace(/[^\p{L}\p{N}]+/gu, "-") || i);
    box.value = value;
    box.setAttribute("data-filter", g.key);
    box.checked = (state.filters[g.key] || []).indexOf(value) >= 0;
    box.addEventListener("change", function () {
      var set = (state.filters[g.key] || []).filter(function (v) { return v !== value; });
      if (box.checked) { set.push(value); }
      state.filters[g.key] = set;
      search();
    });
    var label = document.createElement("label");
    label.htmlFor = box.id;
    label.appendChild(document.createTextNode(value + " "));
    var n = document.createElement("span");
    n.className = "count";
    n.textContent = "(" + count.toLocaleString() + ")";
    label.appendChild(n);
    li.appendChild(box);
    li.appendChild(label);
    return li;
  }

  function fold(s) {
    return s.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
  }

  // --- wiring -----------------------------------------------------------------------------

  var typing = null;
  input.addEventListener("input", function () {
    clearTimeout(typing);
    typing = setTimeout(function () { state.q = input.value; search(); }, 300);
  });
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    clearTimeout(typing);
    state.q = input.value;
    search();
  });
  order.addEventListener("change", function () { state.sort = order.value; search(); });
  more.addEventListener("click", function () { showMore(true); });
  panel.hidden = false;
  panel.addEventListener("toggle", function () { if (panel.open) { openFilters(); } });
  if (Object.keys(activeFilters()).length) { panel.open = true; }
  if (state.q.trim()) { search(); }
})();
