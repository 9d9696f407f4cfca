// The search page over the archive's search tiers (plugins/wire_search): Pagefind bundles, newest
// stories first, listed in pagefind/tiers.json. A query searches the tiers one after another,
// newest first, and shows its first results as soon as the tiers searched hold FIRST_STORIES
// stories: the newest matches when ordered by date; the best matches among the newest stories
// when ordered by relevance, the rest of the archive following in order of relevance ("Show
// more results"). Only the index chunks of the query's words and the fragments of the results
// shown are fetched; the filter data (thousands of people and organisations) only when the filter
// panel is opened. Query, order and filters live in the address (?q=…&sort=newest&country=…).
(function () {
  "use strict";
  var root = document.getElementById("search");
  if (!root) { return; }
  var PAGE = 10;
  var FIRST_STORIES = +root.getAttribute("data-first-stories") || 2000;
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
  var index = new URL(root.getAttribute("data-bundle"), document.baseURI);
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

  // The tiers, newest first. A tier's Pagefind instance starts (fetching its metadata) when it
  // is first needed; the newest one at once. The others start only once the first has its
  // WebAssembly running: instances started together would each instantiate it, and the last
  // one would pull the memory from under the others.
  var first = null;
  var tiers = Promise.all([
    import(index.href + "pagefind.js"),
    fetch(index.href + "tiers.json", { cache: "no-cache" }).then(function (r) { return r.json(); })
  ]).then(function (loaded) {
    var found = loaded[1].tiers.map(function (t) {
      return { stories: t.stories, path: new URL(t.path, index).pathname, pagefind: loaded[0], instance: null };
    });
    if (found.length) {
      var pf = start(found[0]);
      first = pf.preload("").then(function () { return pf; });
    }
    return found;
  });

  function start(tier) {
    if (!tier.instance) {
      tier.instance = tier.pagefind.createInstance({ basePath: tier.path, excerptLength: 30 });
    }
    return tier.instance;
  }

  function instance(tier) {
    return tier.instance ? Promise.resolve(tier.instance) : first.then(function () { return start(tier); });
  }

  var run = 0;          // the latest search; older ones stop when they see it changed
  var current = null;   // what the latest search found so far
  var filterData = null; // every filter value of the archive, once the panel was opened

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

  // A search: ``order`` grows as tiers finish and is always the beginning of the final order
  // (by date: each tier's results after the newer tiers'; by relevance: the first page, then,
  // once every tier is searched, the rest by score), so what is shown never moves.
  function search() {
    var mine = ++run;
    remember();
    var q = state.q.trim();
    list.textContent = "";
    more.hidden = true;
    if (!q) {
      current = null;
      status.textContent = "";
      return Promise.resolve();
    }
    var byDate = state.sort === "newest" || state.sort === "oldest";
    var options = { filters: activeFilters() };
    if (byDate) { options.sort = { date: state.sort === "newest" ? "desc" : "asc" }; }
    var found = current = { q: q, byDate: byDate, all: [], order: [], shown: 0, total: 0, counts: {}, done: false, waiting: [], filling: 0 };
    status.textContent = "Searching…";
    return tiers.then(function (all) {
      var sequence = state.sort === "oldest" ? all.slice().reverse() : all;
      var searched = 0;
      var firstShown = false;
      // the tiers of the first page are searched at once (their fetches overlap), the rest in turn
      var early = [];
      sequence.reduce(function (covered, tier) {
        if (covered < FIRST_STORIES) { early.push(find(tier)); }
        return covered + tier.stories;
      }, 0);
      function find(tier) {
        return instance(tier).then(function (pf) { return pf.search(q, options); });
      }
      return sequence.reduce(function (chain, tier, i) {
        return chain.then(function () {
          if (mine !== run) { return; }
          return (early[i] || find(tier)).then(function (res) {
            if (mine !== run || !res) { return; }
            searched += tier.stories;
            found.total += res.results.length;
            addCounts(found.counts, res.filters || {});
            if (byDate) {
              found.order = found.order.concat(res.results);
            } else {
              found.all = found.all.concat(res.results);
            }
            var last = i === sequence.length - 1;
            if (!firstShown && (searched >= FIRST_STORIES || last)) {
              firstShown = true;
              if (!byDate) { found.order = byScore(found.all).slice(0, PAGE); }
              showMore(false, found);
            }
            if (last) {
              found.done = true;
              if (!byDate) {
                var shown = new Set(found.order);
                found.order = found.order.concat(byScore(found.all.filter(function (r) { return !shown.has(r); })));
              }
              status.textContent = summary(found.total, q);
              if (filterData) { renderFilters(); }
            } else if (firstShown) {
              status.textContent = "Showing the newest matches; searching older stories…";
            }
            wake(found);
          });
        });
      }, Promise.resolve());
    }).catch(function (err) {
      if (mine === run) { status.textContent = "Search could not be loaded. Try reloading the page."; }
      if (window.console) { console.error(err); }
    });
  }

  function byScore(results) {
    return results.slice().sort(function (a, b) { return b.score - a.score; });
  }

  function addCounts(into, counts) {
    Object.keys(counts).forEach(function (key) {
      var target = into[key] = into[key] || {};
      Object.keys(counts[key]).forEach(function (v) { target[v] = (target[v] || 0) + counts[key][v]; });
    });
  }

  function wake(found) {
    var waiting = found.waiting;
    found.waiting = [];
    waiting.forEach(function (resolve) { resolve(); });
    updateMore(found);
    fillFirstPage(found);
  }

  // Resolves when the next page of results is known (or the search is over).
  // The first page shows what the newest tiers found, even fewer than ten (the page fills up
  // as older tiers add results); a later page waits until it is known in full.
  function nextPage(found) {
    var enough = found.shown === 0 ? found.order.length > 0 : found.order.length >= found.shown + PAGE;
    if (found.done || enough) { return Promise.resolve(); }
    return new Promise(function (resolve) { found.waiting.push(resolve); }).then(function () { return nextPage(found); });
  }

  function fillFirstPage(found) {
    if (found === current && found.filling === 0 && found.shown > 0 && found.shown < PAGE &&
        found.order.length > found.shown) {
      showMore(false, found, PAGE - found.shown);
    }
  }

  function updateMore(found) {
    if (found === current) { more.hidden = found.done && found.shown >= found.order.length; }
  }

  function summary(n, q) {
    var filtered = Object.keys(activeFilters()).length ? " with the filters chosen" : "";
    if (!n) { return "No stories match “" + q + "”" + filtered + "."; }
    return (n === 1 ? "1 story matches" : n.toLocaleString() + " stories match") + " “" + q + "”" + filtered + ".";
  }

  // The next ten results, each added as soon as it and the ones before it have arrived.
  function showMore(focus, found, count) {
    found = found || current;
    if (!found) { return Promise.resolve(); }
    more.hidden = true;
    found.filling += 1;
    return nextPage(found).then(function () {
      if (found !== current) { return; }
      var batch = found.order.slice(found.shown, found.shown + (count || PAGE));
      found.shown += batch.length;
      var pending = batch.map(function (r) { return r.data(); });
      var first = true;
      return pending.reduce(function (chain, data) {
        return chain.then(function () { return data; }).then(function (d) {
          if (found !== current) { return; }
          var item = resultItem(d);
          if (!item) { return; }
          list.appendChild(item);
          if (focus && first) { item.querySelector("a").focus(); }
          first = false;
        });
      }, Promise.resolve());
    }).then(function () {
      found.filling -= 1;
      updateMore(found);
      fillFirstPage(found);
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
    return tiers.then(function (all) {
      return Promise.all(all.map(function (t) { return instance(t).then(function (pf) { return pf.filters(); }); }));
    }).then(function (each) {
      var merged = {};
      each.forEach(function (counts) { addCounts(merged, counts || {}); });
      filterData = merged;
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
      var counts = current && current.done ? current.counts : {};
      var matching = state.q.trim() ? (counts[g.key] || {}) : all;
      var values = Object.keys(all).filter(function (v) {
        return (matching[v] || 0) > 0 || chosen.indexOf(v) >= 0;
      }).sort(function (a, b) {
        return (matching[b] || 0) - (matching[a] || 0) || a.localeCompare(b);
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
        var shown = needle ? values.filter(function (v) { return fold(v).indexOf(needle) >= 0; }) : values;
        var visible = shown.slice(0, needle ? 50 : SHORT_LIST);
        chosen.forEach(function (v) { if (visible.indexOf(v) < 0) { visible.unshift(v); } });
        ul.textContent = "";
        visible.forEach(function (v, i) { ul.appendChild(filterItem(g, v, matching[v] || 0, i)); });
        note.textContent = shown.length > visible.length
          ? "Showing " + visible.length + " of " + shown.length.toLocaleString() + (finder ? ": type to narrow." : ".")
          : (shown.length ? "" : "None found.");
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
