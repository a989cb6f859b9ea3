"""Marking `as_stated` spans inside rendered article HTML.

A fact, event or quote can say where the article states it (`as_stated:
"130 people lost their lives"`). The fact sheet marks that text in the
article and links the fact to it. Matching happens on the *text* of the
rendered HTML, not its markup, so a span is found even when it crosses a
line break, an entity such as `&amp;` or a curly quote typed straight.
When a span crosses an element boundary (`<em>`), the mark is split so the
HTML stays well-formed.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

_TAG_OR_ENTITY = re.compile(r"<[^>]*>|&(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);")
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"})


@dataclass(frozen=True)
class Highlight:
    needle: str  # the as_stated text
    mark_id: str  # id of the first <mark>, the target of the fact's link
    css_class: str  # e.g. "span-fact"
    title: str  # tooltip: what the span supports


class TextView:
    """The visible text of an HTML fragment, with a map back into the HTML.

    Whitespace runs fold to one space and typographic quotes and dashes to
    plain ones, so a user's `as_stated` matches however the text was typed.
    """

    def __init__(self, fragment: str):
        self.fragment = fragment
        chars: list[str] = []
        starts: list[int] = []  # HTML offset where each visible character begins
        ends: list[int] = []  # HTML offset just past it
        self.linkable: list[bool] = []  # False inside links and headings, where a mention link would not belong
        self._depth = 0
        pos = 0
        for match in _TAG_OR_ENTITY.finditer(fragment):
            self._add_text(fragment, pos, match.start(), chars, starts, ends)
            token = match.group(0)
            if token.startswith("&"):
                self._add_char(html.unescape(token), match.start(), match.end(), chars, starts, ends)
            else:
                if re.match(r"</?(p|br|li|h\d|blockquote|div|tr|td|th)\b", token):
                    self._add_char(" ", match.start(), match.start(), chars, starts, ends)
                if re.match(r"<(a|h\d|code|pre)\b", token):
                    self._depth += 1
                elif re.match(r"</(a|h\d|code|pre)\b", token):
                    self._depth = max(0, self._depth - 1)
            pos = match.end()
        self._add_text(fragment, pos, len(fragment), chars, starts, ends)
        self.text = "".join(chars)
        self.starts = starts
        self.ends = ends

    def _add_text(self, fragment, start, end, chars, starts, ends):
        for offset in range(start, end):
            self._add_char(fragment[offset], offset, offset + 1, chars, starts, ends)

    def _add_char(self, char, start, end, chars, starts, ends):
        char = char.translate(_QUOTES)
        if char.isspace():
            if chars and chars[-1] == " ":
                return
            char = " "
        chars.append(char)
        starts.append(start)
        ends.append(end)
        self.linkable.append(self._depth == 0)

    def find(self, needle: str, start: int = 0) -> int:
        return self.text.find(normalise(needle), start)


def normalise(text: str) -> str:
    """How `as_stated` text is compared with the article: folded spaces, plain quotes."""
    return re.sub(r"\s+", " ", text.translate(_QUOTES)).strip()


def apply_highlights(fragment: str, highlights: list[Highlight]) -> tuple[str, list[Highlight], dict[str, str]]:
    """Mark each highlight's text in the fragment.

    Returns the new fragment, the highlights whose text is not there, and a
    map from the mark id of each found highlight to the id its link should
    use. A span inside another is nested inside its mark; a span that
    crosses another is not marked (crossing marks cannot nest) and links to
    the mark it crosses instead.
    """
    view = TextView(fragment)
    missing: list[Highlight] = []
    spans: list[tuple[int, int, Highlight]] = []
    for item in highlights:
        needle = normalise(item.needle)
        index = view.find(needle) if needle else -1
        if index < 0:
            missing.append(item)
            continue
        spans.append((index, index + len(needle), item))
    spans.sort(key=lambda s: (s[0], -s[1]))
    placed: list[tuple[int, int, str]] = []
    targets: dict[str, str] = {}
    inserts: list[tuple[tuple, str]] = []
    for start, end, item in spans:
        crossing = next((p for p in placed if p[0] < start < p[1] < end or (p[0], p[1]) == (start, end)), None)
        if crossing:
            targets[item.mark_id] = crossing[2]
            continue
        placed.append((start, end, item.mark_id))
        targets[item.mark_id] = item.mark_id
        inserts.extend(_mark_pieces(view, start, end, item))
    out = []
    pos = 0
    for (offset, *_), text in sorted(inserts, key=lambda i: i[0]):
        out.append(fragment[pos:offset])
        out.append(text)
        pos = offset
    out.append(fragment[pos:])
    return "".join(out), missing, targets


def _mark_pieces(view: TextView, start: int, end: int, item: Highlight) -> list[tuple[tuple, str]]:
    """Open and close tags for one span, split wherever the span crosses markup.

    Sort keys put closing tags before opening ones at the same place, an
    inner span's closing tag before its outer one's, and an outer span's
    opening tag before its inner one's, so nested marks stay well-formed.
    """
    pieces = []
    piece_start = start
    title = html.escape(item.title, quote=True)
    for i in range(start + 1, end + 1):
        if i == end or view.starts[i] != view.ends[i - 1]:
            html_start, html_end = view.starts[piece_start], view.ends[i - 1]
            if html_end > html_start:
                ident = f' id="{item.mark_id}"' if not pieces else ""
                pieces.append(((html_start, 1, -end, start), f'<mark class="span {item.css_class}"{ident} title="{title}">'))
                pieces.append(((html_end, 0, -start, -end), "</mark>"))
            piece_start = i
    return pieces


def link_mentions(fragment: str, targets: dict[str, str]) -> str:
    """Link every mention of a known name in the text to its page.

    `targets` maps a name (or alias) to a URL. Longer names win over the
    shorter names inside them ("Patricia Gallan" over "Gallan"); text already
    inside a link or heading is left alone, and a mention that crosses other
    markup is not linked, so the HTML stays well-formed.
    """
    names = sorted((n for n in targets if len(normalise(n)) > 1), key=len, reverse=True)
    if not names:
        return fragment
    view = TextView(fragment)
    pattern = re.compile(r"(?<![\w-])(" + "|".join(re.escape(normalise(n)) for n in names) + r")(?![\w-])")
    lookup = {normalise(n): targets[n] for n in names}
    inserts: list[tuple[int, int, str]] = []
    for match in pattern.finditer(view.text):
        start, end = match.span()
        if not all(view.linkable[start:end]):
            continue
        if any(view.starts[i] != view.ends[i - 1] for i in range(start + 1, end)):
            continue  # crosses markup
        href = html.escape(lookup[match.group(1)], quote=True)
        inserts.append((view.starts[start], 1, f'<a class="mention" href="{href}">'))
        inserts.append((view.ends[end - 1], 0, "</a>"))
    out = []
    pos = 0
    for offset, _, text in sorted(inserts):
        out.append(fragment[pos:offset])
        out.append(text)
        pos = offset
    out.append(fragment[pos:])
    return "".join(out)
