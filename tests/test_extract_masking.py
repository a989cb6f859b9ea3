"""What the Markdown parser says is not prose gives no facts: code, HTML blocks, link destinations.

`sentences.mask` blanks it (same offsets, spaces instead) where markdown-it-py
finds code blocks, HTML blocks, reference definitions and link destinations,
so the extractors never see it; a plain-text body keeps its indented lines.
These run the real date tagger.
"""

from __future__ import annotations

import datetime

import pytest

from generator.extract import extract
from generator.extract.sentences import mask, prepare

DCT = datetime.date(2015, 12, 2)
SENTENCE = "The council approved the new flood barrier on 13 November 2015."


def events(text: str, markdown: bool = True) -> list[str]:
    return [e.value for e in extract(text, DCT, kinds=frozenset({"dates"}), markdown=markdown).events]


def test_the_date_in_a_paragraph_is_an_event():
    assert events(f"Intro line.\n\n{SENTENCE}\n") == ["2015-11-13"]


@pytest.mark.parametrize("body", [
    f"Intro line.\n\n    {SENTENCE}\n",                        # indented code block
    f"Intro line.\n\n```\n{SENTENCE}\n```\n",                  # fenced code block
    f"Intro line.\n\n~~~text\n{SENTENCE}\n~~~\n",              # fenced with tildes and an info string
    f"- A list item.\n\n      {SENTENCE}\n",                   # indented code inside a list item
    f"> Quoted.\n>\n>     {SENTENCE}\n",                        # indented code inside a block quote
    f'<div class="embed">\n{SENTENCE}\n</div>\n',               # an HTML block (an embedded post)
    f"<!--\n{SENTENCE}\n-->\n",                                 # a comment
    f'See [the vote][1].\n\n[1]: https://example.com/ "{SENTENCE}"\n',  # a reference definition
    f'See [the vote](https://example.com/ "{SENTENCE}").\n',  # a link title
])
def test_a_date_in_code_html_or_a_link_destination_is_no_event(body):
    assert events(body) == []


def test_a_plain_text_body_keeps_its_indented_paragraphs():
    assert events(f"Intro line.\n\n    {SENTENCE}\n", markdown=False) == ["2015-11-13"]


def test_masking_keeps_every_offset_and_the_link_text():
    text = ("Intro [the *vote*](https://example.com/a_(b) \"title\") and `code`.\n\n    indented\n\n"
            "```\nfenced\n```\n\n[1]: https://example.com/\n\n| a | [b](c) |\n|---|---|\n")
    masked, _ = mask(text)
    assert len(masked) == len(text)
    assert [i for i, c in enumerate(text) if c == "\n"] == [i for i, c in enumerate(masked) if c == "\n"]
    assert "the" in masked and "vote" in masked
    for gone in ("https", "example", "title", "code", "indented", "fenced", "](c)"):
        assert gone not in masked, gone
    assert masked.split("\n")[0].split() == ["Intro", "the", "vote", "and", "."]


def test_prose_around_code_keeps_its_sentences():
    doc = prepare(f"{SENTENCE}\n\n    x = 1\n\nAfter the code.\n")
    assert [doc.clean(*s) for s in doc.sentences] == [SENTENCE, "After the code."]
