"""The hint for the most common YAML mistake: a ': ' inside an unquoted value.

The message gives the line as it should be written; whatever the value, that
line must read back as exactly the value the user meant.
"""

from __future__ import annotations

import re

import yaml
from hypothesis import given, strategies as st

from generator.content.yamlmarks import YamlProblem, load_yaml

HINT = re.compile(r"put the whole value in quotes: (.*)$")

# One line of text without YAML's own structure at its ends: what a headline or title looks like.
words = st.text(st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\n\r\x85\u2028\u2029"),
                min_size=1, max_size=30).map(str.strip).filter(lambda w: w and w[0] not in "-?:,[]{}#&*!|>'\"%@`")


@given(before=words, after=words)
def test_the_suggested_line_reads_back_as_the_value_meant(before, after):
    value = f"{before}: {after}"
    try:
        load_yaml(f"title: {value}\n")
    except YamlProblem as problem:
        hint = HINT.search(problem.message)
        if "': ' inside an unquoted value" in problem.message:
            assert hint, problem.message
            assert yaml.safe_load(hint.group(1)) == {"title": value}


def test_the_hint_quotes_and_escapes_the_line_as_written():
    cases = {
        "title: Strike: day two\n": 'title: "Strike: day two"',
        '  - text: A "Strike": day \\ two\n': 'text: "A \\"Strike\\": day \\\\ two"',
    }
    for text, line in cases.items():
        try:
            load_yaml(text)
        except YamlProblem as problem:
            assert HINT.search(problem.message).group(1) == line
        else:
            raise AssertionError(f"{text!r} loaded")
