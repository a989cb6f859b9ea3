"""The build cache never changes what a build writes; it only saves work.

Each test builds a copy of the golden fixture (with extraction switched on,
so the cached results include extracted facts) with the cache, changes one
input, builds again with the cache, and compares every output file with a
cold build of the same input (no cache at all). Counting calls to
`read_article` shows whether the cache was used or rightly ignored.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

import generator
import generator.build.pipeline as build_module
from generator.build.pipeline import build
from generator.build.cache import CACHE_DIR, BuildCache, cache_folder
from generator.site.render import theme_dir

GOLDEN = Path(__file__).resolve().parent / "sites" / "golden"
ARTICLES = 3  # articles in the golden fixture


@pytest.fixture
def site(tmp_path: Path) -> Path:
    root = tmp_path / "root"
    shutil.copytree(GOLDEN, root)
    config = root / "site.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("extract: false", "extract: true"), encoding="utf-8")
    return root


@pytest.fixture
def reads(monkeypatch) -> list[str]:
    """The path of every article the build read afresh (not from the cache)."""
    seen: list[str] = []
    original = build_module.read_article

    def counting(rel, *args):
        seen.append(rel)
        return original(rel, *args)

    monkeypatch.setattr(build_module, "read_article", counting)
    return seen


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def warm_build(root: Path) -> dict[str, bytes]:
    result = build(root, root / "site")
    assert result.wrote, [str(d) for d in result.diagnostics.items]
    return files(root / "site")


def cold_build(root: Path, tmp_path: Path) -> dict[str, bytes]:
    out = tmp_path / "cold"
    shutil.rmtree(out, ignore_errors=True)
    result = build(root, out, cache=False)
    assert result.wrote, [str(d) for d in result.diagnostics.items]
    return files(out)


def test_a_cached_build_reads_nothing_twice_and_writes_the_same_site(site, tmp_path, reads):
    first = warm_build(site)
    assert len(reads) == ARTICLES
    (site / "site" / "index.html").unlink()  # the output changed: the fast path must not trust it
    assert warm_build(site) == first == cold_build(site, tmp_path)
    assert len(reads) == ARTICLES + ARTICLES  # the cold build read them; the cached one did not


def test_an_unchanged_site_is_left_as_it_is(site, reads):
    warm_build(site)
    marker = site / "site" / ".factsheet-site"
    before = marker.stat().st_ino
    result = build(site, site / "site")
    assert result.wrote and result.pages_written > 0
    assert marker.stat().st_ino == before  # not even swapped
    assert len(reads) == ARTICLES


def test_an_output_file_changed_by_hand_is_put_right(site):
    built = warm_build(site)
    page = site / "site" / "index.html"
    page.write_bytes(b"changed by hand")
    assert warm_build(site) == built


def test_an_edited_article_is_read_again_and_the_site_matches_a_cold_build(site, tmp_path, reads):
    warm_build(site)
    untouched = (site / "site" / "articles" / "barrier-history" / "index.html").stat().st_ino
    article = site / "content" / "articles" / "flood-defences.md"
    article.write_text(article.read_text(encoding="utf-8") + "\nThe Environment Agency said on 3 March 2014 that "
                       "400 homes were flooded.\n", encoding="utf-8")
    assert warm_build(site) == cold_build(site, tmp_path)
    assert reads[ARTICLES:ARTICLES + 1] == ["content/articles/flood-defences.md"]
    # a page whose bytes did not change is hard-linked from the previous site, not written again
    assert (site / "site" / "articles" / "barrier-history" / "index.html").stat().st_ino == untouched


def test_a_template_override_changes_the_output_like_a_cold_build(site, tmp_path):
    warm_build(site)
    (site / "templates").mkdir()
    theme = (theme_dir() / "404.html").read_text(encoding="utf-8")
    (site / "templates" / "404.html").write_text(theme.replace("</", "<!-- overridden --></", 1), encoding="utf-8")
    after = warm_build(site)
    assert after == cold_build(site, tmp_path)
    assert b"overridden" in after["404.html"]


def test_a_settings_change_is_not_served_from_the_cache(site, tmp_path, reads):
    warm_build(site)
    config = site / "site.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("date_order: DMY", "date_order: MDY"), encoding="utf-8")
    assert warm_build(site) == cold_build(site, tmp_path)
    assert len(reads) == 3 * ARTICLES  # warm, warm again with new settings, cold


def test_settings_an_article_does_not_read_keep_its_cached_result(site, tmp_path, reads):
    warm_build(site)
    config = site / "site.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("title: Golden fixture", "title: Another title"),
                      encoding="utf-8")
    elsewhere = build(site, site / "site", base_url="https://elsewhere.example/sheets/")   # as serve and build alternate
    assert elsewhere.wrote and len(reads) == ARTICLES, "no article is read again"
    assert files(site / "site") == files(_cold(site, tmp_path, "https://elsewhere.example/sheets/"))


def _cold(root: Path, tmp_path: Path, base_url: str) -> Path:
    out = tmp_path / "cold-elsewhere"
    assert build(root, out, base_url=base_url, cache=False).wrote
    return out


def test_a_new_factsheet_version_is_not_served_from_the_cache(site, tmp_path, reads, monkeypatch):
    warm_build(site)
    monkeypatch.setattr(generator, "__version__", generator.__version__ + ".dev1")
    assert warm_build(site) == cold_build(site, tmp_path)
    assert len(reads) == 3 * ARTICLES


@pytest.mark.parametrize("damage", ["truncate", "garbage", "empty"])
def test_a_damaged_cache_is_discarded_and_the_build_is_still_right(site, tmp_path, reads, damage):
    warm_build(site)
    cache_files = sorted((site / CACHE_DIR).glob("*.pickle"))
    assert cache_files
    for path in cache_files:
        data = path.read_bytes()
        path.write_bytes({"truncate": data[: len(data) // 2], "garbage": b"\x80\x05garbage" * 50, "empty": b""}[damage])
    (site / "content" / "articles" / "rail-strike.txt").touch()  # same bytes: still a cache question
    assert warm_build(site) == cold_build(site, tmp_path)
    assert sorted(reads[ARTICLES : 2 * ARTICLES]) == sorted(reads[:ARTICLES])  # all read again
    assert BuildCache(site / CACHE_DIR).load_state() is not None  # and the cache was rebuilt


def test_a_cache_entry_that_does_not_unpickle_is_read_again(site, tmp_path, reads):
    warm_build(site)
    store = BuildCache(site / CACHE_DIR)
    store._shard("000")  # noqa: SLF001 - reach in to plant a bad entry in an otherwise valid file
    for path in (site / CACHE_DIR).glob("entries-*.pickle"):
        name = path.name[len("entries-") : -len(".pickle")]
        for key in list(store._shard(name)):  # noqa: SLF001
            store.put_blob(key, b"\x80\x05not a pickle")
    store.save()
    (site / "site" / "index.html").unlink()
    assert warm_build(site) == cold_build(site, tmp_path)
    assert len(reads) == 3 * ARTICLES


def test_articles_read_in_worker_processes_build_the_same_site(site, tmp_path, monkeypatch):
    monkeypatch.setattr(build_module, "PARALLEL_MIN", 1)  # the pool even for three articles
    assert warm_build(site) == cold_build(site, tmp_path)
    monkeypatch.setattr(build_module, "PARALLEL_MIN", 10**9)
    (site / "site" / "index.html").unlink()
    assert warm_build(site) == cold_build(site, tmp_path)  # the cache filled by the workers serves this one


def test_warnings_are_reported_again_by_a_cached_build(site):
    article = site / "content" / "articles" / "barrier-history.md"
    article.write_text(article.read_text(encoding="utf-8").replace("---\n", "---\nflavour: strawberry\n", 1),
                       encoding="utf-8")
    first = [str(d) for d in build(site, site / "site").diagnostics.sorted()]
    assert any("flavour" in line for line in first)
    assert [str(d) for d in build(site, site / "site").diagnostics.sorted()] == first  # nothing changed
    (site / "site" / "index.html").unlink()
    assert [str(d) for d in build(site, site / "site").diagnostics.sorted()] == first  # from the article cache


def test_the_cache_never_ends_up_in_the_output(site, tmp_path):
    warm_build(site)
    assert (site / CACHE_DIR).is_dir()
    assert not any(CACHE_DIR in p.parts for p in (site / "site").rglob("*"))
    assert cache_folder(site, site / CACHE_DIR) is None
    assert cache_folder(site, site / CACHE_DIR / "site") is None
    assert cache_folder(site, site) is None  # the output folder holding the cache: no cache, never published
    assert cache_folder(site, tmp_path / "elsewhere") == (site / CACHE_DIR).resolve()


def test_a_cache_file_not_signed_with_this_users_key_is_never_unpickled(tmp_path, monkeypatch):
    """A cache folder planted in a repository cannot run code: its payload is not even unpickled."""
    import pickle

    from generator.build import cache

    planted = tmp_path / "shard"
    payload = pickle.dumps({"anything": 1})
    planted.write_bytes(cache._MAGIC + bytes([cache._FORMAT]) + b"\0" * cache._TAG + payload)

    def refuse(data):  # the test fails if the forged payload reaches pickle
        raise AssertionError("a forged cache file was unpickled")

    monkeypatch.setattr(cache.pickle, "loads", refuse)
    assert cache._read(planted) is None
    assert not planted.exists(), "a forged file is removed"


def test_a_signed_cache_file_round_trips(tmp_path):
    from generator.build import cache

    path = tmp_path / "shard"
    cache._write(path, {"value": [1, 2, 3]})
    assert cache._read(path) == {"value": [1, 2, 3]}


@pytest.fixture
def renders(monkeypatch) -> list[str]:
    """The output path of every page the build rendered (rather than reused from the last build)."""
    import generator.site.render as render_module

    seen: list[str] = []
    original = render_module.Renderer.render

    def counting(self, spec):
        seen.append(spec.out)
        return original(self, spec)

    monkeypatch.setattr(render_module.Renderer, "render", counting)
    return seen


def _edit(root: Path, name: str, extra: str) -> None:
    article = root / "content" / "articles" / name
    article.write_text(article.read_text(encoding="utf-8") + extra, encoding="utf-8")


def test_an_edit_renders_only_the_pages_made_from_the_edited_article(site, renders):
    warm_build(site)
    renders.clear()
    _edit(site, "flood-defences.md", "\nA line added in an update.\n")
    warm_build(site)
    assert "articles/flood-defences/index.html" in renders
    assert "articles/barrier-history/index.html" not in renders
    assert "articles/rail-strike/index.html" not in renders
    always = {"index.html", "topics/index.html", "timeline/index.html", "tags/index.html", "entities/index.html",
              "search/index.html", "404.html"}
    assert always <= set(renders)  # pages of the whole site have no fingerprint
    assert len(renders) < len([p for p in files(site / "site") if p.endswith(".html")])


def test_builds_through_the_spare_site_keep_matching_cold_builds(site, tmp_path):
    """Each build after the second brings the site the one before replaced up to date, in place."""
    warm_build(site)
    spare = site / CACHE_DIR / build_module.SPARE_SITE
    steps = [
        lambda: _edit(site, "flood-defences.md", "\nThe Environment Agency said on 3 March 2014 that 400 homes "
                                                 "were flooded.\n"),
        lambda: (site / "content" / "articles" / "rail-strike.txt").unlink(),
        lambda: (site / "content" / "articles" / "added.md").write_text(
            "---\ntitle: Added later\ndate: 2016-01-05\ntags: [added]\n---\nA new article from 4 January 2016.\n",
            encoding="utf-8"),
        lambda: _edit(site, "added.md", "\nIt was updated on 6 January 2016.\n"),
        lambda: (site / "content" / "articles" / "added.md").unlink(),
    ]
    for number, step in enumerate(steps):
        step()
        assert warm_build(site) == cold_build(site, tmp_path), f"step {number}"
        assert (spare / ".factsheet-site").is_file(), "the replaced site is kept as the next build's spare"
        assert not [p.name for p in site.iterdir() if p.name.startswith(".site")], "no folder left beside the site"


def test_a_live_file_edited_in_place_is_not_carried_over_by_the_spare(site, tmp_path):
    """An unchanged page is a hard link shared by the site and the spare: editing it in place edits both."""
    warm_build(site)
    _edit(site, "flood-defences.md", "\nA first update.\n")
    warm_build(site)
    with open(site / "site" / "articles" / "barrier-history" / "index.html", "ab") as handle:
        handle.write(b"<!-- changed by hand -->")
    for number in range(2):
        _edit(site, "flood-defences.md", f"\nUpdate {number}.\n")
        assert warm_build(site) == cold_build(site, tmp_path)


def _age(root: Path, seconds: int = 3600) -> None:
    """Date every content file an hour back: a file modified in the last two seconds is always read again."""
    for path in (root / "content").rglob("*"):
        if path.is_file():
            os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns - seconds * 10**9))


def test_content_files_unchanged_since_the_last_build_are_not_read_again(site, monkeypatch):
    _age(site)
    warm_build(site)
    read: list[str] = []
    original = Path.read_bytes

    def counting(self):
        # topics and entities are few, and parsed on every build; site/articles/index.html is output
        if self.parent.name == "articles" and self.parent.parent.name == "content":
            read.append(self.name)
        return original(self)

    monkeypatch.setattr(Path, "read_bytes", counting)
    article = site / "content" / "articles" / "flood-defences.md"
    text = article.read_text(encoding="utf-8")
    assert "2014" in text
    article.write_text(text.replace("2014", "2015", 1), encoding="utf-8")  # same size: only the time tells
    read.clear()
    built = warm_build(site)
    assert read == ["flood-defences.md"]
    monkeypatch.setattr(Path, "read_bytes", original)
    assert built == cold_build(site, site.parent)
