"""A site in six scripts: each tag gets a readable page of its own, and search finds a word in each.

tests/sites/scripts has tags in Latin with diacritics, Cyrillic, Greek,
Arabic, Chinese and Hindi, and two look-alike tags ("São Paulo" and "Sao
Paulo") that used to share a page.
"""

from __future__ import annotations

import json
import random
import shutil
import subprocess
from pathlib import Path

import pytest

from generator.build.pipeline import build
from generator.site.render import theme_dir
from generator.site.search import INDEX_PATH, shard_key, words
from tests.test_search import resolve

SITE = Path(__file__).resolve().parent / "sites" / "scripts"
SIX_SCRIPTS = {  # tag → the slug of its page
    "København": "kobenhavn",
    "Москва": "moskva",
    "Αθήνα": "athina",
    "القاهرة": "القاهرة",
    "北京": "北京",
    "नई दिल्ली": "नई-दिल्ली",
}


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("scripts") / "site"
    result = build(SITE, out, cache=False)
    assert result.wrote, [str(d) for d in result.diagnostics.items]
    return out


def test_tags_in_six_scripts_get_six_readable_pages(site):
    for tag, slug in SIX_SCRIPTS.items():
        page = site / "tags" / slug / "index.html"
        assert page.is_file(), slug
        assert tag in page.read_text(encoding="utf-8")
    listing = (site / "tags" / "index.html").read_text(encoding="utf-8")
    for tag, slug in SIX_SCRIPTS.items():
        assert f'href="/scripts/tags/{slug}/"' in listing and f">{tag}</a>" in listing


def test_look_alike_tags_keep_pages_of_their_own(site):
    pages = sorted(p.name for p in (site / "tags").iterdir() if p.name.startswith("sao-paulo"))
    assert len(pages) == 2 and "sao-paulo" in pages
    hashed = next(p for p in pages if p != "sao-paulo")
    assert "São Paulo" in (site / "tags" / hashed / "index.html").read_text(encoding="utf-8")
    # the article links to the page its tag really has
    article = (site / "articles" / "kobenhavn" / "index.html").read_text(encoding="utf-8")
    assert f'href="/scripts/tags/{hashed}/">São Paulo</a>' in article


def test_every_tag_link_leads_to_a_page(site):
    for html in site.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        for part in text.split('href="/scripts/tags/')[1:]:
            target = part.split('"', 1)[0]
            file = site / "tags" / target if target.endswith(".xml") else site / "tags" / target / "index.html"
            assert file.is_file(), (html, target)   # a tag's page, or its feed


def test_sitemap_percent_encodes_unicode_slugs(site):
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "https://example.org/scripts/tags/%E5%8C%97%E4%BA%AC/" in sitemap  # 北京
    assert "北京" not in sitemap


@pytest.mark.parametrize("query, article", [
    ("Soren", "kobenhavn"),  # no ø on the keyboard
    ("københavn", "kobenhavn"),
    ("москве", "moskva"),
    ("МОСТ", "moskva"),
    ("αθηνα", "athina"),  # without the accent
    ("القاهرة", "alqahira"),
    ('"北京"', "beijing"),
    ("博物", "beijing"),  # two characters, two words: both must be in the article
    ("दिल्ली", "dilli"),
])
def test_search_finds_a_word_in_each_script(site, query, article):
    files = {p.relative_to(site).as_posix(): p.read_bytes() for p in (site / "search").rglob("*.json")}
    found = [doc["u"] for doc in resolve(files, query)]
    assert f"articles/{article}/" in found, (query, found)


def test_words_outside_a_to_z_are_spread_over_shards(site):
    manifest = json.loads((site / INDEX_PATH).read_text(encoding="utf-8"))
    non_ascii = [key for key in manifest["terms"] if key.startswith("_")]
    assert len(non_ascii) > 30  # they all used to share the one shard "__"
    assert all(len(key) == 4 and all(c in "0123456789abcdef" for c in key[1:]) for key in non_ascii)


# search.js with its set-up replaced by handing its word functions to this script
PARITY = r"""
const fs = require("fs");
const source = fs.readFileSync(process.argv[1], "utf8").replace(
  /if \(document\.readyState[^\n]*\n\s*else setUp\(\);/,
  "globalThis.exported = {words: words, shardKey: shardKey};");
eval(source);
const texts = JSON.parse(fs.readFileSync(0, "utf8"));
console.log(JSON.stringify(texts.map(t => exported.words(t).map(w => [w, exported.shardKey(w)]))));
"""


@pytest.mark.skipif(shutil.which("node") is None, reason="needs Node.js to run search.js outside a browser")
def test_the_browser_splits_and_shards_words_as_the_build_does():
    texts = ["Élysée Søren STRAẞE Đoković İstanbul ŁÓDŹ", "Москва Ёлка Київ", "ΟΔΟΣ Ἀθῆναι Θεσσαλονίκη",
             "القاهرةُ مصر", "北京大学 in Tokyo東京 ﾊﾟﾝ がっこう 𠀀", "हिंदी भारत नई दिल्ली", "Ⅻ ﬁne x² snake_case"]
    # and a few hundred random mixtures of the characters where the two could part ways
    alphabet = ("aZ9 _-'’“.,é\u0301ßøĐłÆœÞİıΣςάЁйї北京パ\uff8a\uff9fがー한국어नईदिल्ली\u093f\u094dالقاهرة\u064f"
                "שָׁ\u200d\u00ad①½Ⅻﬁ²𠀀")
    generator = random.Random(2026)
    texts += ["".join(generator.choice(alphabet) for _ in range(generator.randint(1, 30))) for _ in range(400)]
    script = theme_dir() / "assets" / "search.js"
    run = subprocess.run(["node", "-e", PARITY, str(script)], input=json.dumps(texts),
                         capture_output=True, text=True, check=True, timeout=60)
    expected = [[[w, shard_key(w)] for w in words(t)] for t in texts]
    assert json.loads(run.stdout) == expected


def test_entity_files_with_look_alike_names_get_pages_of_their_own(tmp_path):
    root = tmp_path / "people"
    (root / "content" / "entities").mkdir(parents=True)
    (root / "content" / "articles").mkdir()
    (root / "content" / "entities" / "a.yaml").write_text("name: Søren Hansen\n", encoding="utf-8")
    (root / "content" / "entities" / "b.yaml").write_text("name: Soren Hansen\n", encoding="utf-8")
    (root / "content" / "articles" / "t.md").write_text(
        "---\ntitle: T\ndate: 2015-12-02\nextract: false\npeople: [{name: Søren Hansen}, {name: Soren Hansen}]\n---\n"
        "Body.\n", encoding="utf-8")
    result = build(root, tmp_path / "out", base_url="https://example.org/")
    assert result.wrote and not result.diagnostics.items, [str(d) for d in result.diagnostics.items]
    article = (tmp_path / "out" / "articles" / "t" / "index.html").read_text(encoding="utf-8")
    assert 'href="/entities/soren-hansen/">Søren Hansen' in article
    assert 'href="/entities/soren-hansen-2/">Soren Hansen' in article
