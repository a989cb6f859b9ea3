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
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

# A tag, with groups for the kinds that matter here: a block tag reads as a space between words, and a mention
# link does not belong inside a heading, a link or code.
_TAG = r"<(?:(/?)(?:(p|br|li|blockquote|div|tr|td|th)|(h\d)|(a|code|pre))\b)?[^>]*>"
_SLASH, _BLOCK, _HEADING, _NO_LINK = 1, 2, 3, 4
_ENTITY = r"&(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);"
# One scan of a fragment whose whitespace characters are all spaces (see _plain) finds everything that is not plain
# text: tags, entities and runs of spaces (which fold to one). Few fragments have a run, and not looking for one
# makes the scan a third faster.
_MARKUP = re.compile(f"{_TAG}|{_ENTITY}|  +")
_MARKUP_NO_RUNS = re.compile(f"{_TAG}|{_ENTITY}")
_QUOTES = {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"}
# Every character but " " that str.isspace() accepts (a test checks the list is complete).
_WHITESPACE = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
    "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)


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

    The text is a row of entries: a character of the HTML's text, the
    space a block tag or a run of whitespace stands for, or what an entity
    stands for (one character, unless the entity is unknown). Index i of
    `text` is entry i as long as every entry is one character.

    The map is kept as segments, not per entry, so a view costs a little
    per tag and nothing per character: a segment is either a stretch of
    text, whose k-th entry is the one HTML character at `html + k`, or a
    single entry `width` HTML characters long (an entity; 0 for the space of
    a block tag).
    """

    def __init__(self, fragment: str):
        self.fragment = fragment
        self._firsts: list[int] = []  # per segment: index of its first entry
        self._html: list[int] = []  # ... HTML offset where that entry begins
        self._widths: list[int] = []  # ... HTML length of each of its entries
        self._linkable: list[bool] = []  # ... False inside links and headings, where a mention link would not belong
        self._breaks: list[int] = []  # entries not beginning where the one before ends: markup or folded space between
        self._size = 0  # entries so far
        self._end = 0  # HTML offset where the last entry ends
        self._space = False  # the last entry is a space, so whitespace that follows folds into it
        self._pieces: list[str] = []
        plain = _plain(fragment)
        depth = 0
        pos = 0
        for match in (_MARKUP if "  " in plain else _MARKUP_NO_RUNS).finditer(plain):
            start, end = match.span()
            linkable = depth == 0
            if start > pos:
                self._add_text(plain, pos, start, linkable)
            kind = plain[start]
            if kind == "<":
                heading = match.start(_HEADING) >= 0
                if (heading or match.start(_BLOCK) >= 0) and not self._space:
                    self._add_entry(" ", start, start, linkable)
                if heading or match.start(_NO_LINK) >= 0:
                    depth = max(0, depth - 1) if match.group(_SLASH) else depth + 1
            elif kind == "&":
                char = _unescape(match.group())
                if not char.isspace():
                    self._add_entry(char, start, end, linkable)
                elif not self._space:
                    self._add_entry(" ", start, end, linkable)
            elif not self._space:  # a run of spaces: its first stands for all of it
                self._add_entry(" ", start, start + 1, linkable)
            pos = end
        if pos < len(plain):
            self._add_text(plain, pos, len(plain), depth == 0)
        self.text = "".join(self._pieces)
        del self._pieces

    def _add_text(self, plain: str, start: int, end: int, linkable: bool) -> None:
        """Text between two pieces of markup: no entity, no two spaces in a row; one entry per character."""
        if self._space and plain[start] == " ":  # folds into the space before
            start += 1
        if start < end:
            self._new_segment(start, 1, linkable)
            self._pieces.append(plain[start:end])
            self._size += end - start
            self._end = end
            self._space = plain[end - 1] == " "

    def _add_entry(self, char: str, start: int, end: int, linkable: bool) -> None:
        """One entry for the HTML from `start` to `end`."""
        self._new_segment(start, end - start, linkable)
        self._pieces.append(char)
        self._size += 1
        self._end = end
        self._space = char == " "

    def _new_segment(self, start: int, width: int, linkable: bool) -> None:
        if self._size and start != self._end:
            self._breaks.append(self._size)
        self._firsts.append(self._size)
        self._html.append(start)
        self._widths.append(width)
        self._linkable.append(linkable)

    def _segment_of(self, index: int) -> int:
        if not 0 <= index < self._size:
            raise IndexError(index)  # past the last entry: only if an unknown entity made an entry of more characters
        return bisect_right(self._firsts, index) - 1

    def start(self, index: int) -> int:
        """HTML offset where entry `index` begins."""
        segment = self._segment_of(index)
        return self._html[segment] + index - self._firsts[segment]

    def end(self, index: int) -> int:
        """HTML offset just past entry `index`."""
        segment = self._segment_of(index)
        return self._html[segment] + index - self._firsts[segment] + self._widths[segment]

    def breaks(self, start: int, end: int) -> list[int]:
        """The entries after `start` and before `end` that do not begin where the entry before them ends."""
        return self._breaks[bisect_right(self._breaks, start) : bisect_left(self._breaks, end)]

    def linkable(self, start: int, end: int) -> bool:
        """Whether the entries from `start` to `end` (or to the last entry) are all outside links and headings."""
        end = min(end, self._size)
        if start >= end:
            return True
        return all(self._linkable[self._segment_of(start) : self._segment_of(end - 1) + 1])

    def find(self, needle: str, start: int = 0) -> int:
        return self.text.find(normalise(needle), start)


def normalise(text: str) -> str:
    """How `as_stated` text is compared with the article: folded spaces, plain quotes."""
    return " ".join(_plain_quotes(text).split())  # split() splits at what `\s` matches


def _plain_quotes(text: str) -> str:
    if text.isascii():
        return text
    # str.replace rather than str.translate, which takes about 0.3 µs a character once a text is not ASCII
    for typographic, plain in _QUOTES.items():
        text = text.replace(typographic, plain)
    return text


def _plain(fragment: str) -> str:
    """The fragment with plain quotes and dashes and a space for every whitespace character: offsets stay the same."""
    fragment = _plain_quotes(fragment)
    for space in _WHITESPACE:
        fragment = fragment.replace(space, " ")
    return fragment


@lru_cache(maxsize=1024)
def _unescape(entity: str) -> str:
    """What an entity stands for, with plain quotes; an unknown one stands for itself, all in one entry."""
    return _plain_quotes(html.unescape(entity))


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
        index = view.text.find(needle) if needle else -1
        if index < 0:
            missing.append(item)
            continue
        spans.append((index, index + len(needle), item))
    spans.sort(key=lambda s: (s[0], -s[1]))
    placed: list[tuple[int, int, str]] = []  # marked spans that reach past the current span's start, in order
    targets: dict[str, str] = {}
    inserts: list[tuple[tuple, str]] = []
    for start, end, item in spans:
        placed = [p for p in placed if p[1] > start]  # spans come by start: one ending before this crosses none after
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
    title = html.escape(item.title, quote=True)
    bounds = [start, *view.breaks(start, end), end]
    for piece_start, piece_end in zip(bounds, bounds[1:]):
        html_start, html_end = view.start(piece_start), view.end(piece_end - 1)
        if html_end > html_start:  # a piece that is only a block tag's space has nothing to mark
            ident = f' id="{item.mark_id}"' if not pieces else ""
            pieces.append(((html_start, 1, -end, start), f'<mark class="span {item.css_class}"{ident} title="{title}">'))
            pieces.append(((html_end, 0, -start, -end), "</mark>"))
    return pieces


def link_mentions(fragment: str, targets: dict[str, str]) -> str:
    """Link every mention of a known name in the text to its page.

    `targets` maps a name (or alias) to a URL. Longer names win over the
    shorter names inside them ("Patricia Gallan" over "Gallan"); text already
    inside a link or heading is left alone, and a mention that crosses other
    markup is not linked, so the HTML stays well-formed.
    """
    plain_names = {name: normalise(name) for name in targets}
    names = sorted((n for n in targets if len(plain_names[n]) > 1), key=len, reverse=True)
    if not names:
        return fragment
    view = TextView(fragment)
    lookup = {plain_names[n]: targets[n] for n in names}
    inserts: list[tuple[int, int, str]] = []
    for start, end, name in _mentions(view.text, [plain_names[n] for n in names]):
        if not view.linkable(start, end) or view.breaks(start, end):
            continue  # inside a link or heading, or crosses markup
        href = html.escape(lookup[name], quote=True)
        inserts.append((view.start(start), 1, f'<a class="mention" href="{href}">'))
        inserts.append((view.end(end - 1), 0, "</a>"))
    out = []
    pos = 0
    for offset, _, text in sorted(inserts):
        out.append(fragment[pos:offset])
        out.append(text)
        pos = offset
    out.append(fragment[pos:])
    return "".join(out)


def _mentions(text: str, names: list[str]) -> Iterator[tuple[int, int, str]]:
    """Each whole-word occurrence of a name, from the left, none overlapping; the first name that fits wins a place.

    Finds what `re.finditer(r"(?<![\\w-])(name|name|...)(?![\\w-])", text)`
    finds, without compiling a pattern for every article (which costs more
    than the search).
    """
    fits: dict[int, str] = {}  # start -> the first name in `names` that is a whole word there
    for name in names:
        at = text.find(name)
        while at >= 0:
            if at not in fits and not _in_word(text, at - 1) and not _in_word(text, at + len(name)):
                fits[at] = name
            at = text.find(name, at + 1)
    end = 0
    for start in sorted(fits):
        if start >= end:
            end = start + len(fits[start])
            yield start, end, fits[start]


def _in_word(text: str, index: int) -> bool:
    """Whether text[index] exists and is a character of a word (`\\w`) or a hyphen."""
    if not 0 <= index < len(text):
        return False
    char = text[index]
    return char.isalnum() or char in "_-"
