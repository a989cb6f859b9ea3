/* factsheet: small enhancements. Every page works without this script. */
(function () {
  "use strict";

  // Timeline filter: narrows the site-wide timeline by topic, tag or entity in place.
  // The plain list with year anchors stays usable without JavaScript.
  function setUpTimelineFilter() {
    var slot = document.getElementById("timeline-filter-slot");
    if (!slot) return;
    var entries = Array.prototype.slice.call(document.querySelectorAll(".timeline-entry[data-topics]"));
    if (!entries.length) return;
    var facets = { topics: {}, tags: {}, entities: {} };
    entries.forEach(function (entry) {
      Object.keys(facets).forEach(function (facet) {
        (entry.getAttribute("data-" + facet) || "").split(" ").forEach(function (value) {
          if (value) facets[facet][value] = true;
        });
      });
    });
    var labels = { topics: "Topic", tags: "Tag", entities: "Person or organisation" };
    var allNames = {};
    var namesElement = document.getElementById("timeline-facets");
    try { allNames = JSON.parse(namesElement ? namesElement.textContent : "{}"); } catch (error) { allNames = {}; }
    var form = document.createElement("form");
    form.className = "timeline-filter";
    form.setAttribute("role", "search");
    form.setAttribute("aria-label", "Filter the timeline");
    var selects = {};
    Object.keys(facets).forEach(function (facet) {
      var names = allNames[facet] || {};
      var values = Object.keys(facets[facet]).sort(function (a, b) {
        return (names[a] || a).localeCompare(names[b] || b);
      });
      if (!values.length) return;
      var label = document.createElement("label");
      label.textContent = labels[facet];
      var select = document.createElement("select");
      select.name = facet;
      var any = document.createElement("option");
      any.value = "";
      any.textContent = "Any";
      select.appendChild(any);
      values.forEach(function (value) {
        var option = document.createElement("option");
        option.value = value;
        option.textContent = names[value] || value;
        select.appendChild(option);
      });
      label.appendChild(select);
      form.appendChild(label);
      selects[facet] = select;
    });
    var status = document.createElement("p");
    status.className = "meta timeline-filter-status";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    // A plain button rather than type=reset: it clears and re-filters in one step, with no timer.
    var reset = document.createElement("button");
    reset.type = "button";
    reset.textContent = "Show all";
    form.appendChild(reset);
    slot.appendChild(form);
    slot.appendChild(status);

    function apply() {
      var shown = 0;
      entries.forEach(function (entry) {
        var ok = Object.keys(selects).every(function (facet) {
          var wanted = selects[facet].value;
          return !wanted || (" " + entry.getAttribute("data-" + facet) + " ").indexOf(" " + wanted + " ") >= 0;
        });
        entry.hidden = !ok;
        if (ok) shown += 1;
      });
      document.querySelectorAll(".timeline-year, .timeline-month").forEach(function (section) {
        section.hidden = !section.querySelector(".timeline-entry:not([hidden])");
      });
      status.textContent = shown + " of " + entries.length + " events shown";
    }

    // Keep the choice in the address, so a filtered timeline can be shared or bookmarked.
    function remember() {
      if (!window.history.replaceState) return;
      var query = new URLSearchParams();
      Object.keys(selects).forEach(function (facet) {
        if (selects[facet].value) query.set(facet, selects[facet].value);
      });
      var search = query.toString();
      window.history.replaceState(null, "", window.location.pathname + (search ? "?" + search : "") + window.location.hash);
    }

    form.addEventListener("change", function () { apply(); remember(); });
    reset.addEventListener("click", function () {
      Object.keys(selects).forEach(function (facet) { selects[facet].value = ""; });
      apply();
      remember();
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
    var params = new URLSearchParams(window.location.search);
    Object.keys(selects).forEach(function (facet) {
      var wanted = params.get(facet);
      if (!wanted) return;
      selects[facet].value = wanted;
      // A value the menu does not offer leaves it blank: fall back to "Any" rather than hide everything.
      if (selects[facet].value !== wanted) selects[facet].value = "";
    });
    apply();
  }

  document.addEventListener("DOMContentLoaded", setUpTimelineFilter);
})();
