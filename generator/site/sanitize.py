"""Raw HTML in article bodies, reduced to an allow-list (used when site.yaml says `allow_html: true`).

`sanitize_html` hands the fragment to nh3, the Python binding of ammonia
(a Rust sanitiser built on html5ever, the HTML5 parser of the Servo
browser engine). It parses the fragment exactly as a browser would, then
writes out only what the allow-list below lets through:

* tags not on the list disappear but their text stays (as text); tags whose
  content is code or a separate document (`<script>`, `<style>`, `<iframe>`,
  `<svg>`, …) disappear with everything inside them;
* no event handler (`on*`), `style`, `id` or `name` attribute survives, so
  no script runs and the fragment cannot clobber the page's own elements;
  comments go too;
* every URL attribute must pass `fields.url_problem` (http, https or
  relative) after the parser has decoded entities, so `jav&#x61;script:`,
  `java\\tscript:`, `JaVaScRiPt:`, `data:` and `vbscript:` are all refused,
  and ammonia's own scheme check (http and https) must agree;
* text and attribute values are escaped again on the way out, and every
  element opened is closed, so the result is well-formed and the browser
  reads exactly what was allowed. No `rel` is added to links: they open in
  the same tab, so there is no opener to protect.

Because the fragment is parsed as HTML5 is, the output is the tree a browser
builds: `<table><tr>` comes out as `<table><tbody><tr>`, and an unfinished
tag at the very end (`<img src=x onerror=…`) is dropped, as browsers drop it.
"""

from __future__ import annotations

import re
from functools import lru_cache

import nh3

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
    # A carriage return that reached the text through `&#13;` is written back as a reference:
    # a raw one would read as a line feed, since parsers turn every CR into LF.
    cleaned = _cleaner().clean(fragment).replace("\r", "&#13;")
    # The parser takes a U+FEFF at the very start for a byte-order mark and drops it; in a
    # fragment it is text, and keeping it makes cleaning the cleaned text change nothing.
    return "\ufeff" + cleaned if fragment.startswith("\ufeff") else cleaned


@lru_cache(maxsize=1)
def _cleaner() -> nh3.Cleaner:
    """The allow-list as an nh3 cleaner (built once: building it costs more than a clean)."""
    return nh3.Cleaner(
        tags=set(ALLOWED_TAGS),
        clean_content_tags=set(DROPPED_WITH_CONTENT),
        attributes={"*": set(_GLOBAL_ATTRIBUTES), **{tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()}},
        attribute_filter=_attribute,
        strip_comments=True,
        link_rel=None,
        url_schemes={"http", "https"},
    )


def _attribute(tag: str, name: str, value: str) -> str | None:
    """An allowed attribute's value as kept, or None to drop it (the value arrives entity-decoded)."""
    if name in URL_ATTRIBUTES and (not value.strip() or url_problem(value) is not None):
        return None
    if name == "class" and not _CODE_CLASS.fullmatch(value):
        return None
    if name in _NUMERIC_ATTRIBUTES and not _NUMBER.fullmatch(value):
        return None
    if name == "dir" and value not in ("ltr", "rtl", "auto"):
        return None
    return value
