"""Slugs: readable in any script, never able to leave their folder, and never shared by different names."""

from __future__ import annotations

import unicodedata
from pathlib import PurePosixPath, PureWindowsPath

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.content.slugs import MAX_SLUG_BYTES, distinct_slugs, name_key, slugify

# anything at all, weighted towards the characters that have caused trouble in file names and URLs
HOSTILE = st.sampled_from(list("/\\.:\x00\x1f\x7f\u202e\u2066\u200b\u200d\ufeff\u00ad-_ ~%?#*\"<>|")
                          + ["..", "../", "con", "NUL", "com1", "LPT9", "é", "ß", "İ", "Σ", "\u0301", "ि", "北"])
WINDOWS_DEVICES = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}
NAMES = st.lists(st.one_of(st.characters(), HOSTILE), max_size=40).map("".join) | st.text(max_size=200)


@pytest.mark.parametrize("name, slug", [
    ("Søren Kierkegaard", "soren-kierkegaard"),
    ("Straße", "strasse"),
    ("Đoković", "dokovic"),
    ("Łódź", "lodz"),
    ("Æsir, Œuvre, Þór", "aesir-oeuvre-thor"),
    ("Владимир Зеленский", "vladimir-zelenskii"),
    ("Київ", "kiiv"),
    ("Αθήνα", "athina"),
    ("Θεσσαλονίκη", "thessaloniki"),
    ("القاهرة", "القاهرة"),
    ("北京", "北京"),
    ("नई दिल्ली", "नई-दिल्ली"),
    ("Hello, World!", "hello-world"),
    ("don’t panic", "dont-panic"),
    ("Paris—London", "paris-london"),
    ("../../etc/passwd", "etc-passwd"),
    ("CON", "con-1"),
    ("a\u202eb\u200dc", "abc"),
])
def test_names_become_readable_slugs(name, slug):
    assert slugify(name, "tag") == slug


def test_a_name_with_nothing_to_keep_still_gets_a_slug_of_its_own():
    assert slugify("   ", "tag") == slugify("🔥", "tag") == "tag"
    slugs = distinct_slugs(["🔥", "😀", "///"], "tag")
    assert len(set(slugs.values())) == 3 and all(s.startswith("tag") for s in slugs.values())


@settings(max_examples=400, deadline=None)
@given(NAMES)
def test_a_slug_never_leaves_its_folder(name):
    slug = slugify(name, "tag")
    assert slug and slug == slugify(name, "tag")  # never empty, and the same every time
    assert len(slug.encode("utf-8")) <= MAX_SLUG_BYTES
    assert slug == unicodedata.normalize("NFC", slug)
    assert not slug.startswith("-") and not slug.endswith("-") and "--" not in slug
    for char in slug:
        # letters, digits and marks of any script, and the hyphen: no separators, dots, controls or
        # invisible formatting (bidi overrides, zero-width joiners)
        assert char == "-" or unicodedata.category(char)[0] in "LMN", (name, slug, char)
    assert slug not in WINDOWS_DEVICES
    for path in (PurePosixPath("out") / slug, PureWindowsPath("out") / slug):
        assert path.parent.name == "out" and path.name == slug
    assert slugify(slug, "tag") == slug  # a slug written as `slug:` stays what it is


@settings(max_examples=300, deadline=None)
@given(st.lists(NAMES, max_size=12))
def test_different_names_in_one_collection_keep_different_slugs(names):
    slugs = distinct_slugs(names, "tag")
    assert set(slugs) == set(names)
    by_key = {}
    for name, slug in slugs.items():
        assert slug and len(slug.encode("utf-8")) <= MAX_SLUG_BYTES
        by_key.setdefault(name_key(name), set()).add(slug)
    assert all(len(found) == 1 for found in by_key.values())  # one name, one slug
    assert len({s for found in by_key.values() for s in found}) == len(by_key)  # different names, different slugs
    assert distinct_slugs(list(reversed(names)), "tag") == slugs  # whatever order they were met in


def test_look_alike_names_are_told_apart_and_the_same_name_is_not():
    slugs = distinct_slugs(["São Paulo", "Sao Paulo", "SAO PAULO", "sao-paulo!", "Søren", "Soren"], "tag")
    # one name written three ways, and two names
    assert slugs["Sao Paulo"] == slugs["SAO PAULO"] == slugs["sao-paulo!"] == "sao-paulo"
    assert slugs["São Paulo"].startswith("sao-paulo-") and slugs["Søren"] != slugs["Soren"]


def test_a_hash_suffix_never_takes_a_slug_that_is_already_spoken_for():
    first = distinct_slugs(["São Paulo", "Sao Paulo"], "tag")
    taken = distinct_slugs(["São Paulo", "Sao Paulo", first["São Paulo"].replace("-", " ")], "tag")
    assert len(set(taken.values())) == 3
