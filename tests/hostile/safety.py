"""What every built site must be, whatever its input: no live markup, no unsafe links, files that parse.

`site_problems(out)` reads a whole output folder and returns a list of
problems (empty when the site is safe). The HTML checks parse each page
with `html.parser`, the way a browser tokenises it, so a payload that
escaped into markup shows up as an element or attribute, not as text:

* the only scripts are the theme's own: `assets/*.js` files and JSON blocks
  (`application/ld+json`, `application/json`) whose whole content parses
  as JSON, so a `</script>` inside a string cannot have ended one early;
* no `on*` attribute, no `srcdoc`, no `style` element, no frame, object,
  embed, base, svg or math element, no `<meta http-equiv>`; the one svg
  allowed is the theme's overview strip above a timeline, and in it only the
  shapes, text and in-page links the theme draws;
* every URL attribute is http, https or relative (`fields.url_problem`);
  the theme's empty favicon `data:,` is the one known exception.

Feeds and sitemaps must parse as XML, the JSON exports as JSON, and no CSV
cell may start with a character a spreadsheet reads as a formula.
"""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ElementTree
from html.parser import HTMLParser
from pathlib import Path

from generator.content.fields import url_problem

URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "cite", "poster", "data", "background", "xlink:href",
                            "srcset", "ping", "longdesc", "manifest", "codebase", "lowsrc", "dynsrc"})
FORBIDDEN_TAGS = frozenset({"iframe", "frame", "frameset", "object", "embed", "applet", "base", "svg", "math", "style",
                            "template", "portal", "fencedframe"})
JSON_SCRIPT_TYPES = frozenset({"application/ld+json", "application/json"})
# the theme's overview strip (templates/_macros.html): what it may hold, and its links go to the page itself
STRIP_CLASS = "overview-strip"
STRIP_TAGS = frozenset({"line", "rect", "title", "path", "a", "circle", "text"})
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class PageScan(HTMLParser):
    """One page's elements as the browser sees them: scripts, attributes, and visible text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.text: list[str] = []
        self.scripts: list[tuple[dict, str]] = []  # (attributes, content)
        self._script: dict | None = None
        self._script_text: list[str] = []
        self._in_strip = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "svg" and attributes.get("class") == STRIP_CLASS and not self._in_strip:
            self._in_strip = True
        elif self._in_strip:
            if tag not in STRIP_TAGS:
                self.problems.append(f"<{tag}> element in the overview strip")
            if tag == "a" and not (attributes.get("href") or "").startswith("#"):
                self.problems.append(f"<a href={attributes.get('href')!r}> in the overview strip")
        elif tag in FORBIDDEN_TAGS:
            self.problems.append(f"<{tag}> element")
        if tag == "meta" and "http-equiv" in attributes:
            self.problems.append(f"<meta http-equiv={attributes['http-equiv']!r}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=…> event handler")
            elif name == "srcdoc":
                self.problems.append(f"<{tag} srcdoc>")
            elif name in URL_ATTRIBUTES and value is not None:
                if tag == "link" and attributes.get("rel") == "icon" and value == "data:,":
                    continue  # the theme's empty favicon
                if url_problem(value):
                    self.problems.append(f"<{tag} {name}={value!r}>: {url_problem(value)}")
        if tag == "script":
            self._script, self._script_text = attributes, []

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag == "script":
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if tag == "svg":
            self._in_strip = False
        if tag == "script" and self._script is not None:
            self.scripts.append((self._script, "".join(self._script_text)))
            self._script = None

    def handle_data(self, data):
        if self._script is not None:
            self._script_text.append(data)
        else:
            self.text.append(data)

    def visible_text(self) -> str:
        return " ".join("".join(self.text).split())


def scan_page(html_text: str) -> PageScan:
    scan = PageScan()
    scan.feed(html_text)
    scan.close()
    for attributes, content in scan.scripts:
        kind = attributes.get("type")
        if kind in JSON_SCRIPT_TYPES:
            try:
                json.loads(content)
            except ValueError as error:
                scan.problems.append(f"a {kind} script that is not JSON (was it ended early?): {error}")
        elif "src" in attributes and content == "" and _theme_script(attributes["src"] or ""):
            continue
        else:
            scan.problems.append(f"a script that is not the theme's: {attributes} {content[:60]!r}")
    return scan


def _theme_script(src: str) -> bool:
    path = src.split("?", 1)[0]
    return "/assets/" in path and path.endswith(".js") and url_problem(path) is None and "//" not in path


def json_ld(html_text: str) -> list:
    """The page's JSON-LD blocks, parsed."""
    return [json.loads(content) for attributes, content in scan_page(html_text).scripts
            if attributes.get("type") == "application/ld+json"]


def site_problems(out: Path) -> list[str]:
    """Every way the site in `out` is unsafe or broken; empty when it is fine."""
    problems: list[str] = []
    real_out = out.resolve()
    for path in sorted(out.rglob("*")):
        rel = path.relative_to(out).as_posix()
        if path.is_symlink() or real_out not in path.resolve().parents:
            problems.append(f"{rel}: outside the output folder or a link")
            continue
        if not path.is_file():
            continue
        data = path.read_bytes()
        if path.suffix == ".html":
            problems += [f"{rel}: {p}" for p in scan_page(data.decode("utf-8")).problems]
        elif path.suffix == ".xml":
            try:
                ElementTree.fromstring(data)
            except ElementTree.ParseError as error:
                problems.append(f"{rel}: not well-formed XML: {error}")
        elif path.suffix == ".json":
            try:
                json.loads(data)
            except ValueError as error:
                problems.append(f"{rel}: not JSON: {error}")
        elif path.suffix == ".csv":
            for row in csv.reader(io.StringIO(data.decode("utf-8"))):
                problems += [f"{rel}: formula cell {cell!r}" for cell in row if cell.startswith(FORMULA_START)]
    return problems
