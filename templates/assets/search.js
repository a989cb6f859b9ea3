/* factsheet search: reads the sharded index under /search/ (built with the site) in the browser.
 *
 * It loads the small manifest, search/index.json, then for each query only the term shards of its
 * words (search/terms/<key>.json, the key made from a word's first two letters, see shardKey;
 * search/pairs/ for phrases), ranks every match, and fetches the document shards
 * (search/docs/<n>.json) of the results it shows. Shards are fetched once.
 *
 * Words match by their beginnings ("polic" finds "police"), every word must match, and words in
 * quotes must appear together as a phrase; so must characters of Chinese or Japanese typed together,
 * which are indexed one character a word. Case and diacritics do not matter ("soren" finds "Søren").
 * Results are ranked by how often and where the words appear (a title counts more than the text),
 * and each shows a snippet with the matches marked.
 * Everything from the index is inserted with textContent and DOM nodes, never as HTML.
 */
(function () {
  "use strict";

  // Han, Hiragana and Katakana are written without spaces: each character is a word (search.py's _CJK).
  var CJK = "\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u{20000}-\u{3134f}";
  var LETTER = "(?![" + CJK + "])[\\p{L}\\p{N}]";
  // A word: letters and digits with the marks that belong to them, or one CJK character.
  var WORD = new RegExp("[" + CJK + "]|" + LETTER + "(?:" + LETTER + "|\\p{M})*", "gu");
  var IS_CJK = new RegExp("^[" + CJK + "]$", "u");
  // The marks folding takes off (search.py's _DIACRITICS) and the letters it respells (_FOLD_LETTERS).
  var DIACRITICS = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f\u0591-\u05c7\u064b-\u065f\u0670]/g;
  var FOLD_LETTERS = { "ß": "ss", "ø": "o", "đ": "d", "ð": "d", "ł": "l", "æ": "ae", "œ": "oe",
                       "þ": "th", "ħ": "h", "ı": "i", "ς": "σ" };
  var FOLD_LETTER = new RegExp("[" + Object.keys(FOLD_LETTERS).join("") + "]", "g");
  var MAX_RESULTS = 50;
  var SCORE_SCALE = 10;  // search.py stores each score as an integer, SCORE_SCALE times the BM25 term weight
  var KINDS = { article: "Article", topic: "Topic", event: "Event", quote: "Quote",
                person: "Person", organisation: "Organisation", place: "Place", page: "Page" };

  // Must fold exactly as generator/site/search.py does: diacritics off, lower case, NFC, "ø" as "o".
  function fold(text) {
    return text.normalize("NFKD").replace(DIACRITICS, "").toLowerCase().normalize("NFC")
      .replace(FOLD_LETTER, function (c) { return FOLD_LETTERS[c]; });
  }

  function words(text) {
    return fold(text).match(WORD) || [];
  }

  // The words of a text in groups: a run of CJK characters with nothing between them is one group,
  // to be matched as a phrase ("北京" must find 北 next to 京); any other word is a group of its own.
  function wordGroups(text) {
    var groups = [], end = -1, match;
    var folded = fold(text);
    WORD.lastIndex = 0;
    while ((match = WORD.exec(folded)) !== null) {
      var joined = IS_CJK.test(match[0]) && match.index === end && groups.length &&
        IS_CJK.test(groups[groups.length - 1][0]);
      if (joined) groups[groups.length - 1].push(match[0]); else groups.push([match[0]]);
      end = match.index + match[0].length;
    }
    return groups;
  }

  // '"armed police" london' → {phrases: [["armed", "police"]], words: ["london"]}
  function parseQuery(query) {
    var phrases = [];
    var rest = query.replace(/["\u201c\u201d\u201e]([^"\u201c\u201d\u201e]*)["\u201c\u201d\u201e]?/g, function (_, inner) {
      var phrase = words(inner);
      if (phrase.length) phrases.push(phrase);
      return " ";
    });
    var free = [];
    wordGroups(rest).forEach(function (group) {
      if (group.length > 1) phrases.push(group); else free.push(group[0]);
    });
    return { phrases: phrases, words: free };
  }

  // The term shard a folded word lives in (search.py's shard_key): its first two characters when it
  // starts with a-z or 0-9 (any other second character as "_"), else "_" and three hex digits of the
  // code points: a one-character word's last twelve bits, or the last six bits of each of the first two.
  function shardKey(term) {
    var chars = Array.from(term);
    if (!chars.length || /^[a-z0-9]$/.test(chars[0])) {
      return chars.slice(0, 2).map(function (c) { return /^[a-z0-9]$/.test(c) ? c : "_"; }).join("");
    }
    var first = chars[0].codePointAt(0);
    var bucket = chars.length === 1 ? first % 4096 : (first % 64) * 64 + chars[1].codePointAt(0) % 64;
    return "_" + ("00" + bucket.toString(16)).slice(-3);
  }

  // The pair shard of two adjacent words (search.py's pair_key): "th-c" holds "the cat", "this car"...
  function pairKey(first, second) {
    return shardKey(first) + "-" + shardKey(second).charAt(0);
  }

  // Posting lists store each document number as the gap from the previous one.
  function decode(postings, step) {
    var numbers = [], scores = [], number = 0;
    for (var i = 0; i < postings.length; i += step) {
      number += postings[i];
      numbers.push(number);
      if (step === 2) scores.push(postings[i + 1]);
    }
    return { numbers: numbers, scores: scores };
  }

  // The sharded index: the manifest, and the shards fetched (once each) as queries need them.
  function Index(manifest, indexUrl) {
    this.manifest = manifest;
    this.indexUrl = indexUrl;
    this.keys = { terms: {}, pairs: {} };
    var self = this;
    manifest.terms.forEach(function (key) { self.keys.terms[key] = true; });
    Object.keys(manifest.pairs).forEach(function (first) {
      Array.from(manifest.pairs[first]).forEach(function (next) { self.keys.pairs[first + "-" + next] = true; });
    });
    this.loaded = {};
  }

  Index.prototype.load = function (path) {
    if (!this.loaded[path]) {
      this.loaded[path] = fetch(new URL(path, this.indexUrl).toString()).then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json();
      });
    }
    return this.loaded[path];
  };

  // A shard by its key (see shardKey and pairKey), or an empty one when the index has none by that key.
  Index.prototype.shard = function (folder, key) {
    return this.keys[folder][key] ? this.load(folder + "/" + key + ".json") : Promise.resolve({});
  };

  // doc number → score for one query word: the best of the indexed words it matches. A word of two
  // or more characters matches every word it begins; a single character matches only itself.
  function scores(terms, word, exactOnly, documents) {
    var result = {};
    var candidates = exactOnly || Array.from(word).length < 2 ? (terms[word] ? [word] : []) :
      Object.keys(terms).filter(function (term) { return term.lastIndexOf(word, 0) === 0; });
    candidates.forEach(function (term) {
      var postings = decode(terms[term], 2);
      var idf = Math.log(1 + documents / postings.numbers.length);
      var closeness = term === word ? 1 : 0.5 * word.length / term.length;
      postings.numbers.forEach(function (doc, i) {
        var score = idf * closeness * postings.scores[i] / SCORE_SCALE;
        if (!(doc in result) || result[doc] < score) result[doc] = score;
      });
    });
    return result;
  }

  // The documents that have every adjacent pair of the phrase, one after the other.
  function phraseDocs(pairShards, phrase) {
    var keep = null;
    for (var i = 0; i + 1 < phrase.length; i++) {
      var pair = phrase[i] + " " + phrase[i + 1];
      var found = {};
      decode(pairShards[i][pair] || [], 1).numbers.forEach(function (doc) {
        if (keep === null || keep[doc]) found[doc] = true;
      });
      keep = found;
    }
    return keep;
  }

  // Resolves to every match, best first, as {number, score}; documents are fetched later, for those shown.
  Index.prototype.search = function (query) {
    var parsed = parseQuery(query);
    var self = this, documents = this.manifest.documents;
    var wanted = parsed.words.map(function (w) { return { word: w, exact: false }; });
    parsed.phrases.forEach(function (phrase) {
      phrase.forEach(function (w) { wanted.push({ word: w, exact: true }); });
    });
    if (!wanted.length) return Promise.resolve([]);
    var termLoads = wanted.map(function (w) { return self.shard("terms", shardKey(w.word)); });
    var pairLoads = parsed.phrases.map(function (phrase) {
      return Promise.all(phrase.slice(0, -1).map(function (w, i) { return self.shard("pairs", pairKey(w, phrase[i + 1])); }));
    });
    return Promise.all([Promise.all(termLoads), Promise.all(pairLoads)]).then(function (loaded) {
      var total = null;
      wanted.forEach(function (w, i) {
        var found = scores(loaded[0][i], w.word, w.exact, documents), next = {};
        Object.keys(found).forEach(function (doc) {
          if (total === null || doc in total) next[doc] = (total === null ? 0 : total[doc]) + found[doc];
        });
        total = next;
      });
      parsed.phrases.forEach(function (phrase, i) {
        var keep = phraseDocs(loaded[1][i], phrase);
        if (keep === null) return;  // a one-word phrase: its word matched exactly, which is all it asks
        Object.keys(total).forEach(function (doc) { if (!keep[doc]) delete total[doc]; });
      });
      var results = Object.keys(total).map(function (key) { return { number: Number(key), score: total[key] }; });
      results.sort(function (a, b) { return b.score - a.score || a.number - b.number; });
      return results;
    });
  };

  // The documents of the given numbers, fetching only the document shards that hold them.
  Index.prototype.documents = function (numbers) {
    var firsts = this.manifest.docs, self = this;
    var shardOf = numbers.map(function (number) {
      var low = 0, high = firsts.length - 1;
      while (low < high) {
        var middle = (low + high + 1) >> 1;
        if (firsts[middle] <= number) low = middle; else high = middle - 1;
      }
      return low;
    });
    return Promise.all(shardOf.map(function (n) { return self.load("docs/" + n + ".json"); })).then(function (shards) {
      return numbers.map(function (number, i) { return shards[i][String(number - firsts[shardOf[i]])]; });
    });
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
    // a word starts and a phrase ends at a word's edge; CJK characters are words wherever they stand
    var edge = function (word, regex) { return IS_CJK.test(word) ? "" : regex; };
    var needles = parsed.phrases.map(function (phrase) {
      var source = edge(phrase[0], "(?<![\\p{L}\\p{N}])") + escapeRegExp(phrase[0]);
      for (var k = 1; k < phrase.length; k++) {
        var close = IS_CJK.test(phrase[k - 1]) && IS_CJK.test(phrase[k]);
        source += (close ? "" : "[^\\p{L}\\p{N}]+") + escapeRegExp(phrase[k]);
      }
      return source + edge(phrase[phrase.length - 1], "(?![\\p{L}\\p{N}])");
    }).concat(parsed.words.map(function (word) {
      return edge(word, "(?<![\\p{L}\\p{N}])") + escapeRegExp(word);
    }));
    if (!needles.length) return [];
    var pattern = new RegExp("(?:" + needles.join("|") + ")", "gu");
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

    // Shows the results of `query` once its shards have arrived; a newer query makes an older one's
    // results void, so typing fast never shows the answer to an earlier question.
    function show(query) {
      if (query === lastQuery) return;
      lastQuery = query;
      if (!query.trim()) { clear(); status.textContent = ""; return; }
      if (!index) { clear(); status.textContent = "Loading the search index…"; return; }
      var parsed = parseQuery(query);
      var total = 0;
      index.search(query)
        .then(function (results) {
          total = results.length;
          return index.documents(results.slice(0, MAX_RESULTS).map(function (r) { return r.number; }));
        })
        .then(function (docs) {
          if (query !== lastQuery) return;
          clear();
          docs.forEach(function (doc) { if (doc) list.appendChild(result(doc, parsed)); });
          var shown = Math.min(total, MAX_RESULTS);
          status.textContent = total === 0 ? "No results for “" + query.trim() + "”." :
            (total === 1 ? "1 result" : total + " results") + " for “" + query.trim() + "”" +
            (shown < total ? ", the first " + shown + " shown." : ".");
        })
        .catch(failed);
    }

    function clear() {
      while (list.firstChild) list.removeChild(list.firstChild);
    }

    function failed() {
      clear();
      status.textContent = "The search index could not be loaded. Browse the timeline, topics and tags instead.";
      if (fallback) fallback.hidden = false;
    }

    // One result: its kind, its linked title, its label, and a snippet of its excerpt.
    function result(doc, parsed) {
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
      return item;
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
    var indexUrl = new URL(form.getAttribute("data-index"), window.location.href);
    fetch(indexUrl.toString())
      .then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json();
      })
      .then(function (manifest) {
        index = new Index(manifest, indexUrl);
        form.setAttribute("data-ready", "");
        lastQuery = null;
        show(input.value);
      })
      .catch(failed);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUp);
  else setUp();
})();
