/* factsheet search: reads /search/index.json (built with the site) and searches it in the browser.
 *
 * Words match by their beginnings ("polic" finds "police"), every word must match, and words in
 * quotes must appear together as a phrase. Results are ranked by how often and where the words
 * appear (a title counts more than the text), and each shows a snippet with the matches marked.
 * Everything from the index is inserted with textContent and DOM nodes, never as HTML.
 */
(function () {
  "use strict";

  var WORD = /[\p{L}\p{N}]+/gu;
  var MAX_RESULTS = 50;
  var KINDS = { article: "Article", topic: "Topic", event: "Event", quote: "Quote",
                person: "Person", organisation: "Organisation", place: "Place" };

  // Must fold exactly as generator/search.py does: accents off, lower case.
  function fold(text) {
    return text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
  }

  function words(text) {
    return fold(text).match(WORD) || [];
  }

  // '"armed police" london' → {phrases: [["armed", "police"]], words: ["london"]}
  function parseQuery(query) {
    var phrases = [];
    var rest = query.replace(/["\u201c\u201d\u201e]([^"\u201c\u201d\u201e]*)["\u201c\u201d\u201e]?/g, function (_, inner) {
      var phrase = words(inner);
      if (phrase.length) phrases.push(phrase);
      return " ";
    });
    return { phrases: phrases, words: words(rest) };
  }

  function Index(data) {
    this.docs = data.docs;
    this.terms = data.terms;
    this.keys = Object.keys(data.terms).sort();
    var total = 0;
    this.docs.forEach(function (doc) { total += doc.n; });
    this.averageLength = this.docs.length ? total / this.docs.length : 1;
  }

  // Every indexed word starting with `prefix`, found by binary search in the sorted word list.
  Index.prototype.startingWith = function (prefix) {
    var low = 0, high = this.keys.length;
    while (low < high) {
      var middle = (low + high) >> 1;
      if (this.keys[middle] < prefix) low = middle + 1; else high = middle;
    }
    var found = [];
    for (var i = low; i < this.keys.length && this.keys[i].lastIndexOf(prefix, 0) === 0; i++) found.push(this.keys[i]);
    return found;
  };

  // doc number → score for one query word: the best of the indexed words it matches.
  Index.prototype.scores = function (word, exactOnly) {
    var self = this, result = {};
    var candidates = exactOnly ? (this.terms[word] ? [word] : []) : this.startingWith(word);
    candidates.forEach(function (term) {
      var postings = self.terms[term];
      var documentCount = postings.length / 2;
      var idf = Math.log(1 + self.docs.length / documentCount);
      var closeness = term === word ? 1 : 0.5 * word.length / term.length;
      for (var i = 0; i < postings.length; i += 2) {
        var doc = postings[i], weight = postings[i + 1];
        var lengthNorm = 0.25 + 0.75 * self.docs[doc].n / self.averageLength;
        var score = idf * closeness * (weight * 2.2) / (weight + 1.2 * lengthNorm);
        if (!(doc in result) || result[doc] < score) result[doc] = score;
      }
    });
    return result;
  };

  Index.prototype.search = function (query) {
    var parsed = parseQuery(query);
    var self = this;
    var required = parsed.words.map(function (w) { return self.scores(w, false); });
    parsed.phrases.forEach(function (phrase) {
      phrase.forEach(function (w) { required.push(self.scores(w, true)); });
    });
    if (!required.length) return [];
    var total = null;
    required.forEach(function (scores) {
      var next = {};
      Object.keys(scores).forEach(function (doc) {
        if (total === null || doc in total) next[doc] = (total === null ? 0 : total[doc]) + scores[doc];
      });
      total = next;
    });
    var results = [];
    Object.keys(total).forEach(function (key) {
      var doc = self.docs[Number(key)];
      if (parsed.phrases.length) {
        var all = " " + words(doc.t + " " + doc.x).join(" ") + " ";
        var every = parsed.phrases.every(function (phrase) { return all.indexOf(" " + phrase.join(" ") + " ") >= 0; });
        if (!every) return;
      }
      results.push({ doc: doc, order: Number(key), score: total[key] });
    });
    results.sort(function (a, b) { return b.score - a.score || a.order - b.order; });
    return results;
  };

  function escapeRegExp(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }

  // Where the query matches in `text`, as [start, end) ranges of the original (unfolded) text.
  function matchRanges(text, parsed) {
    var folded = "", origin = [], originEnd = [];
    for (var i = 0; i < text.length;) {
      var code = text.codePointAt(i), size = code > 0xffff ? 2 : 1;
      var piece = fold(String.fromCodePoint(code));
      for (var j = 0; j < piece.length; j++) { folded += piece[j]; origin.push(i); originEnd.push(i + size); }
      i += size;
    }
    var needles = parsed.phrases.map(function (phrase) {
      return phrase.map(escapeRegExp).join("[^\\p{L}\\p{N}]+") + "(?![\\p{L}\\p{N}])";
    }).concat(parsed.words.map(escapeRegExp));
    if (!needles.length) return [];
    var pattern = new RegExp("(?<![\\p{L}\\p{N}])(?:" + needles.join("|") + ")", "gu");
    var ranges = [], match;
    while ((match = pattern.exec(folded)) !== null) {
      if (!match[0].length) { pattern.lastIndex += 1; continue; }
      ranges.push([origin[match.index], originEnd[match.index + match[0].length - 1]]);
    }
    return ranges;
  }

  // A window of the text around the first match, with every match in it wrapped in <mark>.
  function snippet(text, parsed) {
    var fragment = document.createDocumentFragment();
    var ranges = matchRanges(text, parsed);
    // the window opens at the first exact phrase when there is one, else at the first word
    var phrases = parsed.phrases.length ? matchRanges(text, { phrases: parsed.phrases, words: [] }) : [];
    var first = phrases.length ? phrases[0] : ranges[0];
    var start = 0, end = Math.min(text.length, 220);
    if (first) {
      start = Math.max(0, first[0] - 70);
      if (start > 0) start = text.indexOf(" ", start) + 1 || start;
      end = Math.min(text.length, start + 220);
    }
    if (end < text.length) {
      var space = text.lastIndexOf(" ", end);
      if (space > start) end = space;
    }
    var at = start;
    if (start > 0) fragment.appendChild(document.createTextNode("… "));
    ranges.forEach(function (range) {
      if (range[0] < at || range[1] > end) return;
      fragment.appendChild(document.createTextNode(text.slice(at, range[0])));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(range[0], range[1]);
      fragment.appendChild(mark);
      at = range[1];
    });
    fragment.appendChild(document.createTextNode(text.slice(at, end) + (end < text.length ? " …" : "")));
    return fragment;
  }

  function setUp() {
    var form = document.getElementById("search-form");
    if (!form) return;
    var input = document.getElementById("search-input");
    var status = document.getElementById("search-status");
    var list = document.getElementById("search-results");
    var base = form.getAttribute("data-base") || "/";
    var index = null, pending = null, lastQuery = null;

    form.hidden = false;
    var fallback = document.getElementById("search-nojs");
    if (fallback) fallback.hidden = true;

    function show(query) {
      if (query === lastQuery) return;
      lastQuery = query;
      while (list.firstChild) list.removeChild(list.firstChild);
      if (!query.trim()) { status.textContent = ""; return; }
      if (!index) { status.textContent = "Loading the search index…"; return; }
      var parsed = parseQuery(query);
      var results = index.search(query);
      results.slice(0, MAX_RESULTS).forEach(function (result) {
        var doc = result.doc;
        var item = document.createElement("li");
        item.className = "search-result";
        var heading = document.createElement("p");
        heading.className = "search-result-title";
        var kind = document.createElement("span");
        kind.className = "badge";
        kind.textContent = KINDS[doc.k] || doc.k;
        var link = document.createElement("a");
        link.href = base + doc.u;
        link.appendChild(marked(doc.t, parsed));
        heading.appendChild(kind);
        heading.appendChild(document.createTextNode(" "));
        heading.appendChild(link);
        if (doc.d) {
          var when = document.createElement("span");
          when.className = "meta";
          when.textContent = " · " + doc.d;
          heading.appendChild(when);
        }
        item.appendChild(heading);
        if (doc.x) {
          var text = document.createElement("p");
          text.className = "search-snippet";
          text.appendChild(snippet(doc.x, parsed));
          item.appendChild(text);
        }
        list.appendChild(item);
      });
      var shown = Math.min(results.length, MAX_RESULTS);
      status.textContent = results.length === 0 ? "No results for “" + query.trim() + "”." :
        (results.length === 1 ? "1 result" : results.length + " results") + " for “" + query.trim() + "”" +
        (shown < results.length ? ", the first " + shown + " shown." : ".");
    }

    // The title with its matches marked, whole (titles are short).
    function marked(text, parsed) {
      var fragment = document.createDocumentFragment(), at = 0;
      matchRanges(text, parsed).forEach(function (range) {
        if (range[0] < at) return;
        fragment.appendChild(document.createTextNode(text.slice(at, range[0])));
        var mark = document.createElement("mark");
        mark.textContent = text.slice(range[0], range[1]);
        fragment.appendChild(mark);
        at = range[1];
      });
      fragment.appendChild(document.createTextNode(text.slice(at)));
      return fragment;
    }

    function remember(query) {
      var url = new URL(window.location.href);
      if (query.trim()) url.searchParams.set("q", query); else url.searchParams.delete("q");
      window.history.replaceState(null, "", url.toString());
    }

    input.addEventListener("input", function () {
      window.clearTimeout(pending);
      pending = window.setTimeout(function () { show(input.value); remember(input.value); }, 120);
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      window.clearTimeout(pending);
      show(input.value);
      remember(input.value);
    });

    // Arrow keys move between the search box and the result links; Escape goes back to the box.
    function links() { return Array.prototype.slice.call(list.querySelectorAll("a")); }
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown" && links().length) { event.preventDefault(); links()[0].focus(); }
    });
    list.addEventListener("keydown", function (event) {
      var all = links(), at = all.indexOf(document.activeElement);
      if (at < 0) return;
      if (event.key === "ArrowDown" && at + 1 < all.length) { event.preventDefault(); all[at + 1].focus(); }
      else if (event.key === "ArrowUp") { event.preventDefault(); (at > 0 ? all[at - 1] : input).focus(); }
      else if (event.key === "Escape") { event.preventDefault(); input.focus(); }
    });

    var initial = new URLSearchParams(window.location.search).get("q") || "";
    if (initial) input.value = initial;
    fetch(form.getAttribute("data-index"))
      .then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json();
      })
      .then(function (data) {
        index = new Index(data);
        form.setAttribute("data-ready", "");
        lastQuery = null;
        show(input.value);
      })
      .catch(function () {
        status.textContent = "The search index could not be loaded. Browse the timeline, topics and tags instead.";
        if (fallback) fallback.hidden = false;
      });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUp);
  else setUp();
})();
