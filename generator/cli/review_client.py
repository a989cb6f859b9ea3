"""The review panel's script, added by `factsheet serve` to article pages (never to built files).

It reads the article's file from `data-article-path`, asks the server for
the article's unchecked items and lists them in a panel, each with Accept,
Edit and Reject. Keys: `j`/`k` move between items, `a`/`e`/`r` act, `u`
undoes the last change, Escape closes the edit form. Every request carries
the server's token (`__TOKEN__` is replaced when served). After a change
the file is rewritten, serve rebuilds, and the reload script reloads the
page; the selected position survives the reload in sessionStorage.
Everything shown is set as text, never as HTML.
"""

SCRIPT = r"""
(function () {
  "use strict";
  var TOKEN = __TOKEN__, BASE = __BASE__;
  var host = document.querySelector("article[data-article-path]");
  if (!host || !window.fetch || !document.body) return;
  var article = host.getAttribute("data-article-path");
  var memory = "factsheet-review:" + article;
  var KINDS = {event: "Event", fact: "Key number", quote: "Quote", person: "Person"};
  var LABELS = {date: "Date", text: "Headline", label: "Label", value: "Value", unit: "Unit",
                speaker: "Speaker", name: "Name", role: "Role", org: "Organisation"};
  var state = {items: [], done: [], editable: {}, undo: false, selected: 0, busy: false, editing: null};
  var panel, heading, status, list, doneHeading, doneList, undoButton;

  try { state.selected = parseInt(sessionStorage.getItem(memory) || "0", 10) || 0; } catch (e) { /* private mode */ }

  function make(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) { node.setAttribute(name, attrs[name]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function request(method, path, body) {
    var init = {method: method, credentials: "same-origin", headers: {"X-Factsheet-Token": TOKEN}};
    if (body !== undefined) {
      init.headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    return fetch(BASE + path, init).then(function (response) {
      return response.json().then(function (data) { data.status = response.status; return data; });
    });
  }

  function summary(item) {
    var f = item.fields;
    if (item.kind === "event") return (f.date || "") + ": " + (f.text || "");
    if (item.kind === "fact") return (f.label || "") + ": " + (f.value || "") + (f.unit ? " " + f.unit : "");
    if (item.kind === "quote") return (f.speaker || "Unattributed") + ": \u201c" + (f.text || "") + "\u201d";
    return [f.name, f.role, f.org].filter(Boolean).join(", ");
  }

  function say(text) { status.textContent = text; }

  function build() {
    var style = make("style", {}, [
      ".factsheet-review{position:fixed;top:1rem;right:1rem;width:min(26rem,92vw);max-height:calc(100vh - 2rem);",
      "overflow:auto;z-index:2147483646;background:#fff;color:#111;border:2px solid #1a4d8f;border-radius:.4rem;",
      "padding:.75rem;font:14px/1.4 system-ui,sans-serif;box-shadow:0 .5rem 2rem rgba(0,0,0,.3)}",
      ".factsheet-review h2{font-size:1.05rem;margin:0 0 .4rem}.factsheet-review h3{font-size:.95rem;margin:.8rem 0 .3rem}",
      ".factsheet-review ol,.factsheet-review ul{margin:0;padding:0;list-style:none}",
      ".factsheet-review li{border:1px solid #ccc;border-radius:.3rem;padding:.4rem;margin:0 0 .4rem}",
      ".factsheet-review li.is-selected{border:2px solid #1a4d8f;background:#eef4fc}",
      ".factsheet-review li:focus{outline:3px solid #b35c00;outline-offset:1px}",
      ".factsheet-review .fr-kind{font-weight:700}.factsheet-review .fr-from{color:#444;margin:.2rem 0}",
      ".factsheet-review button{font:inherit;margin:.2rem .3rem 0 0;padding:.15rem .5rem}",
      ".factsheet-review label{display:block;font-weight:600;margin-top:.3rem}",
      ".factsheet-review input{font:inherit;width:100%;box-sizing:border-box}",
      ".factsheet-review .fr-error{color:#b00020;display:block}",
      ".factsheet-review kbd{border:1px solid #999;border-radius:.2rem;padding:0 .2rem}",
      ".fr-target{outline:3px solid #1a4d8f;outline-offset:2px}",
      // the page moves over rather than hide under the panel; a narrow screen gets it at the bottom
      "@media (min-width:60rem){html.fr-reviewing body{padding-right:28rem}}",
      "@media (max-width:59.99rem){.factsheet-review{top:auto;bottom:0;right:0;left:0;width:auto;max-height:45vh;",
      "border-radius:0}html.fr-reviewing body{padding-bottom:46vh}}"
    ].join(""));
    panel = make("aside", {"class": "factsheet-review", "aria-labelledby": "fr-title"});
    heading = make("h2", {id: "fr-title"}, "Review");
    var help = make("p", {"class": "fr-help"});
    help.append("Keys: ", make("kbd", {}, "j"), " / ", make("kbd", {}, "k"), " next / previous, ",
                make("kbd", {}, "a"), " accept, ", make("kbd", {}, "e"), " edit, ", make("kbd", {}, "r"),
                " reject, ", make("kbd", {}, "u"), " undo. ");
    var queue = make("a", {href: BASE}, "Every unchecked item");
    help.append(queue);
    status = make("p", {"class": "fr-status", role: "status", "aria-live": "polite"});
    list = make("ol", {"class": "fr-items", "aria-label": "Unchecked items"});
    doneHeading = make("h3", {id: "fr-done-title"}, "Checked in this session");
    doneList = make("ul", {"class": "fr-done", "aria-labelledby": "fr-done-title"});
    undoButton = make("button", {type: "button"}, "Undo last change");
    undoButton.addEventListener("click", undo);
    panel.append(heading, help, status, list, doneHeading, doneList, undoButton);
    document.head.appendChild(style);
    document.body.appendChild(panel);
    document.documentElement.classList.add("fr-reviewing");
  }

  function render(focus) {
    heading.textContent = "Review: " + state.items.length + " unchecked";
    list.replaceChildren();
    state.selected = Math.max(0, Math.min(state.selected, state.items.length - 1));
    state.items.forEach(function (item, index) {
      var li = make("li", {tabindex: "-1", "data-key": item.key});
      var what = make("p", {id: "fr-item-" + index});
      what.append(make("span", {"class": "fr-kind"}, KINDS[item.kind] + ": "), summary(item));
      li.append(what);
      if (item.sentence) li.append(make("p", {"class": "fr-from"}, "From the text: " + item.sentence));
      [["Accept", "accept"], ["Edit", "edit"], ["Reject", "reject"]].forEach(function (pair) {
        var button = make("button", {type: "button", "aria-describedby": "fr-item-" + index}, pair[0]);
        button.addEventListener("click", function () { state.selected = index; remember(); run(pair[1]); });
        li.append(button);
      });
      list.append(li);
    });
    doneList.replaceChildren();
    state.done.forEach(function (change) {
      doneList.append(make("li", {}, change.action.charAt(0).toUpperCase() + change.action.slice(1) + ": " +
                                      KINDS[change.kind] + ": " + change.summary));
    });
    doneHeading.hidden = doneList.hidden = state.done.length === 0;
    undoButton.disabled = !state.undo;
    if (!state.items.length) say(state.done.length ? "Every item of this article is checked." : "Nothing to review.");
    select(focus);
  }

  function remember() {
    try { sessionStorage.setItem(memory, String(state.selected)); } catch (e) { /* private mode */ }
  }

  function select(focus) {
    var nodes = list.children;
    document.querySelectorAll(".fr-target").forEach(function (n) { n.classList.remove("fr-target"); });
    for (var i = 0; i < nodes.length; i++) {
      var on = i === state.selected;
      nodes[i].classList.toggle("is-selected", on);
      if (on) nodes[i].setAttribute("aria-current", "true"); else nodes[i].removeAttribute("aria-current");
    }
    var li = nodes[state.selected];
    if (!li) return;
    var target = document.querySelector('[data-item-key="' + li.getAttribute("data-key") + '"]') || eventEntry(current());
    if (target) target.classList.add("fr-target");
    if (focus) li.focus();
    remember();
  }

  // Timeline entries are drawn by a shared macro that carries no item keys: find an event by its words.
  function eventEntry(item) {
    if (!item || item.kind !== "event") return null;
    var entries = document.querySelectorAll(".timeline-entry.is-extracted");
    for (var i = 0; i < entries.length; i++) {
      var text = entries[i].querySelector(".timeline-text");
      if (text && text.textContent.trim().indexOf(item.fields.text) === 0) return entries[i];
    }
    return null;
  }

  function load(focus) {
    return request("GET", "/items?article=" + encodeURIComponent(article)).then(function (data) {
      if (data.status !== 200) { say(data.error || "The review tools are not available."); return; }
      state.items = data.items; state.done = data.done; state.editable = data.editable; state.undo = data.undo;
      render(focus);
    });
  }

  function current() { return state.items[state.selected]; }

  function run(action) {
    if (action === "edit") { openEdit(); return; }
    var item = current();
    if (item) send(action, item, undefined);
  }

  function send(action, item, fields) {
    if (state.busy) return;
    state.busy = true;
    say("Saving\u2026");
    request("POST", "/act", {action: action, article: article, key: item.key, fields: fields}).then(function (data) {
      state.busy = false;
      if (data.ok) {
        state.editing = null;
        say(data.change.action.charAt(0).toUpperCase() + data.change.action.slice(1) + ": " + data.change.summary +
            ". The page rebuilds.");
        return load(true);
      }
      if (state.editing && data.fields && Object.keys(data.fields).length) { showErrors(data.fields); }
      say("Not saved: " + data.error);
    }, function () { state.busy = false; say("Not saved: the server did not answer."); });
  }

  function undo() {
    if (state.busy) return;
    state.busy = true;
    request("POST", "/undo", {}).then(function (data) {
      state.busy = false;
      say(data.ok ? "Undone: " + data.undone.summary + ". The page rebuilds." : "Nothing undone: " + data.error);
      if (data.ok) return load(true);
    }, function () { state.busy = false; say("Nothing undone: the server did not answer."); });
  }

  function openEdit() {
    var item = current();
    var li = list.children[state.selected];
    if (!item || !li || li.querySelector("form")) return;
    var form = make("form", {"class": "fr-form", novalidate: ""});
    var names = state.editable[item.kind] || [];
    names.forEach(function (name) {
      var id = "fr-field-" + name;
      var label = make("label", {"for": id}, item.kind === "quote" && name === "text" ? "Words" : LABELS[name]);
      var input = make("input", {id: id, name: name, type: "text", "aria-describedby": id + "-error"});
      input.value = item.fields[name] || "";
      form.append(label, input, make("span", {id: id + "-error", "class": "fr-error"}));
    });
    var save = make("button", {type: "submit"}, "Save");
    var cancel = make("button", {type: "button"}, "Cancel");
    cancel.addEventListener("click", closeEdit);
    form.append(save, cancel);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var values = {};
      names.forEach(function (name) { values[name] = form.elements[name].value; });
      send("edit", item, values);
    });
    form.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { event.preventDefault(); closeEdit(); }
    });
    state.editing = form;
    li.append(form);
    if (form.elements[0]) form.elements[0].focus();
  }

  function closeEdit() {
    if (state.editing) { state.editing.remove(); state.editing = null; }
    select(true);
  }

  function showErrors(fields) {
    var first = null;
    Array.prototype.forEach.call(state.editing.querySelectorAll("input"), function (input) {
      var message = fields[input.name] || "";
      document.getElementById(input.id + "-error").textContent = message;
      if (message) { input.setAttribute("aria-invalid", "true"); first = first || input; }
      else input.removeAttribute("aria-invalid");
    });
    if (first) first.focus();
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || state.editing) return;
    var t = event.target;
    if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
    var key = event.key;
    if (key === "j" || key === "k") {
      state.selected += key === "j" ? 1 : -1;
      state.selected = Math.max(0, Math.min(state.selected, state.items.length - 1));
      select(true);
    } else if (key === "a") { run("accept"); }
    else if (key === "e") { run("edit"); }
    else if (key === "r") { run("reject"); }
    else if (key === "u") { undo(); }
    else return;
    event.preventDefault();
  });

  var reviewing = false;  // after a reload in the middle of a review, the selected item takes the focus back
  try { reviewing = sessionStorage.getItem(memory) !== null; } catch (e) { /* private mode */ }
  build();
  load(reviewing);
})();
"""
