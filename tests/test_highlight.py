"""Marking as_stated spans and linking mentions: the text never changes, the HTML stays well-formed."""

from __future__ import annotations

from html.parser import HTMLParser

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.body import render_body
from generator.highlight import Highlight, apply_highlights, link_mentions


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
