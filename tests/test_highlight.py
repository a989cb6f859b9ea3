"""Marking as_stated spans and linking mentions: the text never changes, the HTML stays well-formed."""

from __future__ import annotations

import html
import re
import sys
from html.parser import HTMLParser

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.site.body import render_body
from generator.site.highlight import _WHITESPACE, Highlight, _in_word, apply_highlights, link_mentions, normalise


class Tree(HTMLParser):
    """Checks nesting and collects (tag, attrs, text) of marks and links."""

    VOID = {"br", "img", "hr"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict]] = []
        self.closed: list[tuple[str, dict, str]] = []
        self.text: list[str] = []
        self.texts: list[list[str]] = []

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            self.stack.append((tag, dict(attrs)))
            self.texts.append([])

    def handle_endtag(self, tag):
        if tag in self.VOID:  # <br /> arrives as a start and an end tag
            return
        assert self.stack and self.stack[-1][0] == tag, f"</{tag}> closes {self.stack[-1:]}"
        opened, attrs = self.stack.pop()
        inner = "".join(self.texts.pop())
        if self.texts:
            self.texts[-1].append(inner)
        self.closed.append((opened, attrs, inner))

    def handle_data(self, data):
        self.text.append(data)
        if self.texts:
            self.texts[-1].append(data)


def parse(fragment: str) -> Tree:
    tree = Tree()
    tree.feed(fragment)
    tree.close()
    assert not tree.stack, f"unclosed: {tree.stack}"
    return tree


def visible(fragment: str) -> str:
    return "".join(parse(fragment).text)


def test_a_span_across_emphasis_is_split_and_both_pieces_marked():
    fragment = render_body("They *closed it 12 times* this winter.", "markdown")
    out, missing, targets = apply_highlights(fragment, [Highlight("closed it 12 times this", "m1", "span-fact", "t")])
    assert missing == [] and targets == {"m1": "m1"}
    marks = [(attrs.get("id"), text) for tag, attrs, text in parse(out).closed if tag == "mark"]
    assert marks == [("m1", "closed it 12 times"), (None, " this")]
    assert visible(out) == visible(fragment)


def test_a_nested_span_nests_and_a_crossing_span_borrows_the_outer_mark():
    fragment = "<p>on 13 November in which 130 people lost their lives in Paris</p>\n"
    spans = [
        Highlight("on 13 November in which 130 people lost their lives", "event", "span-event", "e"),
        Highlight("130 people lost their lives", "fact", "span-fact", "f"),
        Highlight("their lives in Paris", "cross", "span-fact", "c"),
    ]
    out, missing, targets = apply_highlights(fragment, spans)
    assert missing == []
    assert targets == {"event": "event", "fact": "fact", "cross": "event"}
    marks = {attrs["id"]: text for tag, attrs, text in parse(out).closed if tag == "mark"}
    assert marks == {"event": "on 13 November in which 130 people lost their lives", "fact": "130 people lost their lives"}


def test_typographic_quotes_and_line_breaks_still_match():
    fragment = render_body("\u201cWe\u2019re ready,\u201d she\nsaid.", "markdown")
    out, missing, _ = apply_highlights(fragment, [Highlight("\"We're ready,\" she said", "q", "span-quote", "t")])
    assert missing == []
    assert [text for tag, _, text in parse(out).closed if tag == "mark"] == ["\u201cWe\u2019re ready,\u201d she\nsaid"]


def test_text_not_in_the_article_is_reported_missing():
    fragment = "<p>In all 130 people lost their lives.</p>"
    out, missing, _ = apply_highlights(fragment, [Highlight("130 people died", "x", "c", "t")])
    assert out == fragment and [m.mark_id for m in missing] == ["x"]


def test_mentions_are_linked_outside_links_and_headings_only():
    fragment = '<h2>Gallan</h2><p>Patricia Gallan said <a href="/x">Gallan</a>; IS and is.</p>'
    out = link_mentions(fragment, {"Patricia Gallan": "/e/pg/", "Gallan": "/e/pg/", "IS": "/e/is/"})
    links = [(attrs["href"], text) for tag, attrs, text in parse(out).closed if tag == "a"]
    assert links == [("/e/pg/", "Patricia Gallan"), ("/x", "Gallan"), ("/e/is/", "IS")]
    assert visible(out) == visible(fragment)


words = st.text(alphabet="abc XY&<>\"'\u2019\n", min_size=0, max_size=40)


@settings(max_examples=300, deadline=None)
@given(body=st.lists(words, min_size=1, max_size=4), needles=st.lists(words, max_size=4))
def test_highlighting_keeps_the_text_and_the_html_well_formed(body, needles):
    fragment = render_body("\n\n".join(body), "markdown")
    highlights = [Highlight(n, f"m{i}", "span", "t") for i, n in enumerate(needles)]
    out, _, _ = apply_highlights(fragment, highlights)
    assert visible(out) == visible(fragment)
    linked = link_mentions(out, {n: f"/e/{i}/" for i, n in enumerate(needles) if n.strip()})
    assert visible(linked) == visible(fragment)


# -- the fast view against the obvious one --------------------------------------------------------------------
# highlight.TextView keeps its map to the HTML as segments, so that building it costs per tag rather than per
# character. The reference below is the straightforward per-character version it replaced; the properties
# require both to give the same output, byte for byte, on fragments made of the awkward parts: entities (known,
# unknown, whitespace, quotes), nested and block tags, runs of whitespace across tags, CRLF and tabs.

_QUOTE_TABLE = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"})


def reference_normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text.translate(_QUOTE_TABLE)).strip()


class ReferenceView:
    """One entry per visible character: its text, where it begins and ends in the HTML, whether it may be linked."""

    def __init__(self, fragment: str):
        self.chars: list[str] = []
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.linkable: list[bool] = []
        depth = 0
        pos = 0
        for match in re.finditer(r"<[^>]*>|&(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);", fragment):
            for offset in range(pos, match.start()):
                self.add(fragment[offset], offset, offset + 1, depth)
            token = match.group(0)
            if token.startswith("&"):
                self.add(html.unescape(token), match.start(), match.end(), depth)
            else:
                if re.match(r"</?(p|br|li|h\d|blockquote|div|tr|td|th)\b", token):
                    self.add(" ", match.start(), match.start(), depth)
                if re.match(r"<(a|h\d|code|pre)\b", token):
                    depth += 1
                elif re.match(r"</(a|h\d|code|pre)\b", token):
                    depth = max(0, depth - 1)
            pos = match.end()
        for offset in range(pos, len(fragment)):
            self.add(fragment[offset], offset, offset + 1, depth)
        self.text = "".join(self.chars)

    def add(self, char: str, start: int, end: int, depth: int) -> None:
        char = char.translate(_QUOTE_TABLE)
        if char.isspace():
            if self.chars and self.chars[-1] == " ":
                return
            char = " "
        self.chars.append(char)
        self.starts.append(start)
        self.ends.append(end)
        self.linkable.append(depth == 0)


def reference_apply_highlights(fragment: str, highlights: list[Highlight]):
    view = ReferenceView(fragment)
    missing, spans = [], []
    for item in highlights:
        needle = reference_normalise(item.needle)
        index = view.text.find(needle) if needle else -1
        if index < 0:
            missing.append(item)
        else:
            spans.append((index, index + len(needle), item))
    spans.sort(key=lambda s: (s[0], -s[1]))
    placed, targets, inserts = [], {}, []
    for start, end, item in spans:
        crossing = next((p for p in placed if p[0] < start < p[1] < end or (p[0], p[1]) == (start, end)), None)
        if crossing:
            targets[item.mark_id] = crossing[2]
            continue
        placed.append((start, end, item.mark_id))
        targets[item.mark_id] = item.mark_id
        pieces, piece_start, title = [], start, html.escape(item.title, quote=True)
        for i in range(start + 1, end + 1):
            if i == end or view.starts[i] != view.ends[i - 1]:
                html_start, html_end = view.starts[piece_start], view.ends[i - 1]
                if html_end > html_start:
                    ident = f' id="{item.mark_id}"' if not pieces else ""
                    tag = f'<mark class="span {item.css_class}"{ident} title="{title}">'
                    pieces.append(((html_start, 1, -end, start), tag))
                    pieces.append(((html_end, 0, -start, -end), "</mark>"))
                piece_start = i
        inserts.extend(pieces)
    return _splice(fragment, [(key[0], text) for key, text in sorted(inserts, key=lambda i: i[0])]), missing, targets


def reference_link_mentions(fragment: str, targets: dict[str, str]) -> str:
    names = sorted((n for n in targets if len(reference_normalise(n)) > 1), key=len, reverse=True)
    if not names:
        return fragment
    view = ReferenceView(fragment)
    pattern = re.compile(r"(?<![\w-])(" + "|".join(re.escape(reference_normalise(n)) for n in names) + r")(?![\w-])")
    lookup = {reference_normalise(n): targets[n] for n in names}
    inserts = []
    for match in pattern.finditer(view.text):
        start, end = match.span()
        if not all(view.linkable[start:end]) or any(view.starts[i] != view.ends[i - 1] for i in range(start + 1, end)):
            continue
        href = html.escape(lookup[match.group(1)], quote=True)
        inserts.append((view.starts[start], 1, f'<a class="mention" href="{href}">'))
        inserts.append((view.ends[end - 1], 0, "</a>"))
    return _splice(fragment, [(offset, text) for offset, _, text in sorted(inserts)])


def _splice(fragment: str, inserts: list[tuple[int, str]]) -> str:
    out, pos = [], 0
    for offset, text in inserts:
        out += [fragment[pos:offset], text]
        pos = offset
    return "".join(out) + fragment[pos:]


def outcome(function, *args):
    """The result, or the kind of exception: an unknown entity can make a span run past the view, which raises."""
    try:
        return "returned", function(*args)
    except IndexError:
        return "raised", "IndexError"


PARTS = [
    "<p>", "</p>", "<em>", "</em>", '<a href="/u">', "</a>", "<h2>", "</h2>", "<code>", "</code>", "<pre>", "</pre>",
    "<br>", "<br />", "<li>", "</li>", "<div class='x'>", "<!-- c -->", "<>", "<", ">", "&", "&amp;", "&#8217;",
    "&#x201C;", "&nbsp;", "&quot;", "&ldquo;", "&mdash;", "&#13;", "&#9;", "&ThickSpace;", "&foo;", "&ampx;",
    " ", "  ", "\n", "\r\n", "\t", " \n\t ", "\u00a0", "\u2019", "\u201c", "\u2014", "-", "_",
    "Gallan", "Patricia", "Patricia Gallan", "Pat", "ab", "a", "b", "é",
]
fragments = st.lists(st.sampled_from(PARTS), max_size=30).map("".join)
NEEDLE_PARTS = ["Gallan", "Patricia", "Patricia Gallan", "Pat", "ab", "a", "b", " ", "\n", "'", '"', "-", "&", "é"]
needles = st.lists(st.sampled_from(NEEDLE_PARTS), max_size=5).map("".join)


@settings(max_examples=1000, deadline=None)
@given(fragment=fragments, texts=st.lists(needles, max_size=6))
def test_the_fast_view_marks_and_links_exactly_as_the_per_character_one(fragment, texts):
    highlights = [Highlight(text, f"m{i}", "span-fact", f"t{i} <&>") for i, text in enumerate(texts)]
    marked = outcome(apply_highlights, fragment, highlights)
    assert marked == outcome(reference_apply_highlights, fragment, highlights)
    targets = {text: f"/e/{i}/?a&b" for i, text in enumerate(texts)}
    for html_in in [fragment] + ([marked[1][0]] if marked[0] == "returned" else []):
        assert outcome(link_mentions, html_in, targets) == outcome(reference_link_mentions, html_in, targets)


def test_at_one_place_the_longest_name_that_is_a_whole_word_there_is_linked():
    fragment = "<p>Patricia Gallan, Patricia Gallans and Pat-Gallan</p>"
    out = link_mentions(fragment, {"Patricia": "/e/p/", "Patricia Gallan": "/e/pg/", "Gallan": "/e/g/"})
    links = [(attrs["href"], text) for tag, attrs, text in parse(out).closed if tag == "a"]
    assert links == [("/e/pg/", "Patricia Gallan"), ("/e/p/", "Patricia")]


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab -'\"\u2018\u2019\u201c\u201d\u2013\u2014" + _WHITESPACE))))
def test_normalise_folds_whitespace_and_quotes_as_before(text):
    assert normalise(text) == reference_normalise(text)


def test_the_character_classes_written_out_are_the_ones_re_uses():
    every = [chr(c) for c in range(sys.maxunicode + 1)]
    assert {c for c in every if c.isspace()} == set(_WHITESPACE) | {" "}
    assert {c for c in every if re.match(r"\s", c)} == set(_WHITESPACE) | {" "}  # so str.split() folds what \s+ would
    assert {c for c in every if re.match(r"[\w-]", c)} == {c for c in every if _in_word(c, 0)}
