"""append_to_front_matter: new items go in, nothing the user wrote changes."""

from __future__ import annotations

import difflib
import re

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.extract.writeback import MARKER, append_to_front_matter

ITEMS = {
    "events": [{"date": "2015-11-13", "text": "Attacks in Paris: 130 killed", "as_stated": "13 November"}],
    "facts": [{"label": "people killed", "value": "130", "unit": "people",
               "as_stated": "130 people lost their lives"}],
    "quotes": [{"speaker": "Patricia Gallan", "text": "There has never been a shoot-to-kill policy.",
                "via": "The Guardian"}],
    "people": [{"name": "Patricia Gallan", "role": "Assistant Commissioner", "org": None}],
}
# What each item looks like after a YAML round trip (empty values are not written).
WRITTEN = {k: [{f: v for f, v in i.items() if v is not None} for i in items] for k, items in ITEMS.items()}

SOURCES = {
    "comments and odd quoting": (
        "---\n"
        "# my article\n"
        "title: 'Armed police: told to move'   # keep this\n"
        'date: "2015-12-02"\n'
        "tags: [policing,   london]\n"
        "quotes:\n"
        "  - speaker: Someone\n"
        "    text: >\n"
        "      folded\n"
        "      text\n"
        "\n"
        "  # a comment about quotes\n"
        "people:   # nobody yet\n"
        "facts: []  # none\n"
        "---\n"
        "Body text.\n"),
    "crlf and bom": (
        "\ufeff---\r\n"
        "title: X\r\n"
        "events:\r\n"
        "- date: 2015-11-13\r\n"
        "  text: Something\r\n"
        "---\r\n"
        "Body\r\n"),
    "indentless sequence at the end": (
        "---\n"
        "title: X\n"
        "facts:\n"
        "- {label: a, value: 1}\n"
        "---\n"),
    "multi-line flow sequence": (
        "---\n"
        "quotes: [\n"
        "  {speaker: A, text: hi},\n"
        "]\n"
        "---\n"
        "body\n"),
    "empty front matter": "---\n---\nbody\n",
    "no front matter": "Just a body.\nSecond line.\n",
    "no front matter, crlf": "Just a body.\r\nSecond line.\r\n",
}


def _front_matter(text: str) -> dict:
    m = re.match(r"\ufeff?---\r?\n(.*?)^---\r?$", text, re.S | re.M)
    assert m, text
    return yaml.safe_load(m.group(1)) or {}


def _only_insertions(old: str, new: str) -> list[str]:
    """The inserted chunks, asserting nothing of ``old`` was changed or removed."""
    ops = difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
    assert all(op in ("equal", "insert") for op, *_ in ops), [o for o in ops if o[0] != "equal"]
    return [new[j1:j2] for op, _, _, j1, j2 in ops if op == "insert"]


@pytest.mark.parametrize("name", SOURCES)
def test_only_insertions_and_round_trip(name):
    source = SOURCES[name]
    result = append_to_front_matter(source, ITEMS)
    chunks = _only_insertions(source, result)
    assert chunks and result.count(MARKER) > source.count(MARKER)
    before = _front_matter(source) if source.lstrip("\ufeff").startswith("---") else {}
    after = _front_matter(result)
    expected = dict(before)
    for key, items in WRITTEN.items():
        expected[key] = (before.get(key) or []) + items
    assert after == expected


def test_block_insertions_are_whole_lines():
    source = SOURCES["comments and odd quoting"]
    result = append_to_front_matter(source, {"quotes": ITEMS["quotes"], "events": ITEMS["events"]})
    # Line by line, the only change is inserted lines: removing them gives back the original bytes.
    old_lines, new_lines = source.splitlines(keepends=True), result.splitlines(keepends=True)
    ops = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False).get_opcodes()
    assert all(op in ("equal", "insert") for op, *_ in ops)
    inserted = [line for op, _, _, j1, j2 in ops if op == "insert" for line in new_lines[j1:j2]]
    assert inserted[0].strip() == MARKER
    kept = [line for op, _, _, j1, j2 in ops if op == "equal" for line in new_lines[j1:j2]]
    assert "".join(kept) == source
    # The new quote goes after the last item, before the user's trailing comment.
    assert result.index("Patricia Gallan") < result.index("# a comment about quotes")
    assert result.index("    text: >") < result.index(MARKER)


def test_crlf_and_bom_kept():
    result = append_to_front_matter(SOURCES["crlf and bom"], ITEMS)
    assert result.startswith("\ufeff---\r\n") and result.count("\ufeff") == 1
    assert "\n" not in result.replace("\r\n", "")
    assert result.endswith("---\r\nBody\r\n")


def test_new_keys_are_marked_above_the_key():
    result = append_to_front_matter("---\ntitle: X\n---\nbody\n", {"people": ITEMS["people"]})
    assert result == ("---\ntitle: X\n" + MARKER + "\npeople:\n- name: Patricia Gallan\n"
                      "  role: Assistant Commissioner\n---\nbody\n")


def test_flow_sequence_gets_items_inside_its_brackets():
    result = append_to_front_matter("---\nfacts: []  # none\n---\n", {"facts": ITEMS["facts"]})
    assert result.startswith("---\nfacts: [\n  " + MARKER + "\n  {label: people killed,")
    assert "]  # none\n---\n" in result


def test_non_list_value_gets_a_commented_block():
    source = "---\nquotes: ~\n---\nbody\n"
    result = append_to_front_matter(source, {"quotes": ITEMS["quotes"]})
    _only_insertions(source, result)
    assert _front_matter(result) == {"quotes": None}
    assert "# quotes:\n# - speaker: Patricia Gallan" in result


def test_running_twice_adds_nothing_new():
    once = append_to_front_matter(SOURCES["comments and odd quoting"], ITEMS)
    assert append_to_front_matter(once, ITEMS) == once


def test_nothing_to_add_returns_the_source():
    assert append_to_front_matter(SOURCES["crlf and bom"], {"quotes": []}) == SOURCES["crlf and bom"]


def test_invalid_front_matter_raises():
    with pytest.raises(yaml.YAMLError):
        append_to_front_matter("---\ntitle: [unclosed\n---\n", ITEMS)


awkward = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=40) | st.sampled_from(
    ["", "yes", "no", "null", "~", "130", "2015-11-13", "- item", "# not a comment", "a: b",
     "'quoted'", '"double"', "[flow]", "{map}", "@at", "`tick", "line\nbreak", " padded ", "%", "*"])


@settings(max_examples=150, deadline=None)
@given(speaker=awkward, text=awkward, existing=st.sampled_from(list(SOURCES.values())))
def test_any_value_round_trips(speaker, text, existing):
    item = {"speaker": speaker, "text": text}
    result = append_to_front_matter(existing, {"quotes": [item]})
    _only_insertions(existing, result)
    quotes = _front_matter(result).get("quotes")
    written = {k: v for k, v in item.items() if v != ""}
    if written:
        assert quotes[-1] == written
