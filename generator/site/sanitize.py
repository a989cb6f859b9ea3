"""Raw HTML in article bodies, reduced to an allow-list (used when site.yaml says `allow_html: true`).

`sanitize_html` parses the fragment with the standard library's
`html.parser` and writes it out again from the parsed tokens. Only the
tags and attributes listed here survive; everything else is dropped:

* tags not on the list disappear but their text stays (as text); tags whose
  content is code or a separate document (`<script>`, `<style>`, `<iframe>`,
  `<svg>`, …) disappear with everything inside them;
* no event handler (`on*`), `style`, `id` or `name` attribute survives, so
  no script runs and the fragment cannot clobber the page's own elements;
* every URL attribute must pass `fields.url_problem` (http, https or
  relative) after the parser has decoded entities, so `jav&#x61;script:`,
  `java\\tscript:`, `JaVaScRiPt:`, `data:` and `vbscript:` are all refused;
* text and attribute values are escaped again on the way out, and every
  element opened is closed, so the result is well-formed and the browser
  reads exactly what was allowed.

Output is rebuilt from tokens, never patched with regular expressions, so a
construct the parser does not recognise ends up as escaped text.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from ..content.fields import url_problem

ALLOWED_TAGS = frozenset(
    "a abbr b blockquote br caption cite code dd del dfn div dl dt em figcaption figure h1 h2 h3 h4 h5 h6 hr i img "
    "ins kbd li mark ol p pre q s samp small span strong sub sup table tbody td tfoot th thead time tr u ul var".split()
)
# Elements whose content is not article text: dropped together with everything inside them.
DROPPED_WITH_CONTENT = frozenset(
    "applet audio canvas embed frame frameset head iframe math noembed noframes noscript object plaintext script "
    "select style svg template textarea title video xmp".split()
)
VOID_TAGS = frozenset("area base br col embed hr img input keygen link meta param source track wbr".split())
_GLOBAL_ATTRIBUTES = frozenset({"title", "lang", "dir"})
ALLOWED_ATTRIBUTES = {
    "a": frozenset({"href"}),
    "img": frozenset({"src", "alt", "width", "height"}),
    "blockquote": frozenset({"cite"}),
    "q": frozenset({"cite"}),
    "del": frozenset({"cite", "datetime"}),
    "ins": frozenset({"cite", "datetime"}),
    "time": frozenset({"datetime"}),
    "td": frozenset({"colspan", "rowspan"}),
    "th": frozenset({"colspan", "rowspan", "scope"}),
    "ol": frozenset({"start", "reversed"}),
    "code": frozenset({"class"}),  # markdown-it marks fenced code with class="language-…"
}
URL_ATTRIBUTES = frozenset({"href", "src", "cite"})
_CODE_CLASS = re.compile(r"language-[A-Za-z0-9_+#.-]{1,40}")
_NUMBER = re.compile(r"\d{1,4}")
_NUMERIC_ATTRIBUTES = frozenset({"width", "height", "colspan", "rowspan", "start"})


def sanitize_html(fragment: str) -> str:
    """The fragment with everything not on the allow-list removed; safe to put in a page as-is."""
    cleaner = _Cleaner()
    cleaner.feed(fragment)
    cleaner.close()
    return cleaner.result()


class _Cleaner(HTMLParser):
    """Re-serialises the allowed tokens of a fragment; see the module docstring for the rules."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.open: list[str] = []  # allowed elements written and not yet closed
        self.skipping: list[str] = []  # dropped-with-content elements we are inside

    # -- tokens -----------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.skipping:
            if tag in DROPPED_WITH_CONTENT and tag not in VOID_TAGS:
                self.skipping.append(tag)
            return
        if tag in DROPPED_WITH_CONTENT:
            if tag not in VOID_TAGS:
                self.skipping.append(tag)
            return
        if tag not in ALLOWED_TAGS:
            return
        kept = _attributes(tag, attrs)
        if tag == "img" and "src" not in dict(kept):
            return  # an image without a usable source shows nothing useful
        self.out.append(f"<{tag}{''.join(f' {name}={_quoted(value)}' for name, value in kept)}>")
        if tag not in VOID_TAGS:
            self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID_TAGS:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if self.skipping:
            if tag == self.skipping[-1]:
                self.skipping.pop()
            return
        if tag not in self.open:
            return  # a stray end tag could close the theme's own elements
        while self.open:
            current = self.open.pop()
            self.out.append(f"</{current}>")
            if current == tag:
                break

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.out.append(html.escape(data, quote=False))

    # Comments, doctypes, processing instructions and CDATA sections are dropped:
    # HTMLParser's default handlers for them do nothing.

    def result(self) -> str:
        tail = self.rawdata  # an unfinished construct at the very end ("<img src=x onerror=…") stays text
        if tail and not self.skipping:
            self.out.append(html.escape(tail, quote=False))
        self.rawdata = ""
        while self.open:
            self.out.append(f"</{self.open.pop()}>")
        return "".join(self.out)


def _attributes(tag: str, attrs: list[tuple[str, str | None]]) -> list[tuple[str, str]]:
    allowed = _GLOBAL_ATTRIBUTES | ALLOWED_ATTRIBUTES.get(tag, frozenset())
    kept: dict[str, str] = {}
    for name, value in attrs:
        if name not in allowed or name in kept:
            continue  # on*, style, id, … never pass; the first of two same-named attributes wins, as in browsers
        value = value or ""
        if name in URL_ATTRIBUTES and (not value.strip() or url_problem(value) is not None):
            continue
        if name == "class" and not _CODE_CLASS.fullmatch(value):
            continue
        if name in _NUMERIC_ATTRIBUTES and not _NUMBER.fullmatch(value):
            continue
        if name == "dir" and value not in ("ltr", "rtl", "auto"):
            continue
        kept[name] = value
    return list(kept.items())


def _quoted(value: str) -> str:
    return '"' + html.escape(value, quote=True) + '"'
