"""Conventions users of other generators expect: static/, plain pages, params, drafts and
embargoes, pagination, topic and tag feeds, sitemap indexes, short flags, the Windows lock.

Each test builds a copy of the golden site with one convention added; the
incremental tests compare a warm build with a cold one, byte for byte.
"""

from __future__ import annotations

import os
from datetime import date
import shutil
from pathlib import Path

import pytest

from generator.build.pipeline import build
from tests.helpers import run_cli

GOLDEN = Path(__file__).resolve().parent / "sites" / "golden"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    root = tmp_path / "root"
    shutil.copytree(GOLDEN, root, ignore=shutil.ignore_patterns(".factsheet-cache"))
    return root


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def built(root: Path, **options) -> tuple[object, dict[str, bytes]]:
    result = build(root, root / "site", **options)
    return result, files(root / "site") if (root / "site").is_dir() else {}


def cold(root: Path, tmp_path: Path, **options) -> dict[str, bytes]:
    copy = tmp_path / "cold"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(root, copy, ignore=shutil.ignore_patterns("site", ".factsheet-cache"))
    result = build(copy, copy / "site", cache=False, **options)
    assert result.wrote, [str(d) for d in result.diagnostics.items]
    return files(copy / "site")


def errors(result) -> list[str]:
    return [str(d) for d in result.diagnostics.errors]


# -- static/ ---------------------------------------------------------------------------------------


def test_static_files_are_copied_as_they_are(site):
    (site / "static" / "img").mkdir(parents=True)
    (site / "static" / "img" / "logo.png").write_bytes(b"\x89PNG\x00binary")
    (site / "static" / "CNAME").write_text("facts.example.org\n")
    (site / "static" / ".nojekyll").write_text("")
    (site / "static" / ".DS_Store").write_text("junk")
    result, out = built(site)
    assert result.wrote, errors(result)
    assert out["img/logo.png"] == b"\x89PNG\x00binary"
    assert out["CNAME"] == b"facts.example.org\n"
    assert ".nojekyll" in out and ".DS_Store" not in out


def test_a_static_file_never_overwrites_a_generated_page(site):
    built(site)
    before = files(site / "site")
    (site / "static" / "tags").mkdir(parents=True)
    (site / "static" / "index.html").write_text("mine")
    result, out = built(site)
    assert not result.wrote
    assert any("static/index.html" in e and "index.html" in e.split("error:")[1] for e in errors(result))
    assert out == before  # the previous site is intact


def test_check_finds_a_static_file_in_the_way_of_a_page_and_the_writer_any_other(site):
    (site / "static" / "tags" / "flooding").mkdir(parents=True)
    (site / "static" / "tags" / "flooding" / "index.html").write_text("mine")
    run = run_cli("check", "--root", str(site))
    assert run.code == 1
    assert ("static/tags/flooding/index.html:1:1: error: this file would overwrite tags/flooding/index.html, "
            "which the build generates") in run.stderr
    (site / "static" / "tags" / "flooding" / "index.html").unlink()
    (site / "static" / "assets").mkdir()
    (site / "static" / "assets" / "logo.png").write_bytes(b"png")  # beside the theme's assets: fine
    result, out = built(site)
    assert result.wrote and out["assets/logo.png"] == b"png"
    (site / "static" / "assets" / "site.js").write_text("mine")  # the theme's own: refused by the writer
    result, out = built(site)
    assert not result.wrote and out["assets/logo.png"] == b"png"
    assert any(e.startswith("static/assets/site.js:") and "overwrite assets/site.js" in e for e in errors(result))


def test_a_symlink_out_of_static_is_refused(site, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("password")
    (site / "static").mkdir()
    os.symlink(secret, site / "static" / "leak.txt")
    os.symlink(site / "static", site / "static" / "loop")
    result, out = built(site)
    assert not result.wrote
    assert any(e.startswith("static/leak.txt:") and "outside static/" in e for e in errors(result))
    assert "leak.txt" not in out


def test_static_names_that_cannot_be_addresses_are_errors_not_crashes(site):
    (site / "static").mkdir()
    (site / "static" / "a:b.txt").write_text("x")
    with open(os.path.join(os.fsencode(site / "static"), b"bad\xff.txt"), "wb") as handle:
        handle.write(b"x")
    result, _ = built(site)
    assert not result.wrote
    assert any(e.startswith("static/a:b.txt:1:1: error: cannot publish this file") for e in errors(result))
    assert any(e.startswith("static/bad\\udcff.txt:1:1: error: cannot publish this file: its name is not UTF-8")
               for e in errors(result)), errors(result)


def test_a_changed_static_file_rebuilds_and_an_unchanged_site_does_not(site, tmp_path):
    (site / "static").mkdir()
    (site / "static" / "a.txt").write_text("one")
    built(site)
    result, _ = built(site)
    assert result.wrote
    stamp = (site / "site" / "index.html").stat().st_mtime_ns
    (site / "static" / "a.txt").write_text("two, longer")
    result, out = built(site)
    assert out["a.txt"] == b"two, longer"
    assert out == cold(site, tmp_path)
    (site / "static" / "a.txt").unlink()
    result, out = built(site)
    assert "a.txt" not in out and out == cold(site, tmp_path)
    assert (site / "site" / "index.html").stat().st_mtime_ns >= stamp


def test_an_unchanged_site_with_static_files_is_a_no_change_build(site, monkeypatch):
    (site / "static").mkdir()
    (site / "static" / "a.txt").write_text("one")
    built(site)
    import generator.build.pipeline as pipeline

    called = []
    monkeypatch.setattr(pipeline, "link_site", lambda *a, **k: called.append(1))
    result, _ = built(site)
    assert result.wrote and not called


# -- plain pages -----------------------------------------------------------------------------------

ABOUT = """---
title: About these fact sheets
summary: Who writes them
menu: true
---
We check **everything**.
"""


def add_page(root: Path, name: str, text: str) -> None:
    (root / "content" / "pages").mkdir(parents=True, exist_ok=True)
    (root / "content" / "pages" / name).write_text(text, encoding="utf-8")


def test_a_plain_page_is_rendered_at_its_slug_linked_from_the_footer_and_in_the_sitemap(site):
    add_page(site, "about.md", ABOUT)
    add_page(site, "corrections.md", "---\ntitle: Corrections\n---\nWe correct.\n")
    result, out = built(site, base_url="https://example.org/")
    assert result.wrote, errors(result)
    page = out["about/index.html"].decode()
    assert "<h1>About these fact sheets</h1>" in page and "<strong>everything</strong>" in page
    home = out["index.html"].decode()
    assert 'href="/about/"' in home and 'href="/corrections/"' not in home  # only menu: true is linked
    assert "<loc>https://example.org/about/</loc>" in out["sitemap.xml"].decode()
    assert "<loc>https://example.org/corrections/</loc>" in out["sitemap.xml"].decode()


def test_a_page_is_validated_like_an_article(site):
    add_page(site, "about.md", "---\ntitle: About\nmenus: true\n---\nText\n")
    add_page(site, "untitled.md", "---\nsummary: no title\n---\nText\n")
    add_page(site, "tags.md", "---\ntitle: Tags\n---\nText\n")
    result, out = built(site)
    lines = [str(d) for d in result.diagnostics.items]
    assert "content/pages/about.md:3:1: warning: unknown key 'menus'; did you mean 'menu'?" in lines
    assert "content/pages/untitled.md:2:1: error: missing required key 'title'" in lines
    assert any(line.startswith("content/pages/tags.md:1:1: error: a page cannot have the slug 'tags'")
               for line in lines)


def test_an_edited_page_rebuilds_like_a_cold_build(site, tmp_path):
    add_page(site, "about.md", ABOUT)
    built(site)
    add_page(site, "about.md", ABOUT.replace("About these", "All about these"))
    result, out = built(site)
    assert "All about these fact sheets" in out["tags/index.html"].decode()  # the footer of every page
    assert out == cold(site, tmp_path)


# -- params ----------------------------------------------------------------------------------------


def test_params_reach_templates_escaped(site, tmp_path):
    with open(site / "site.yaml", "a", encoding="utf-8") as config:
        config.write('params:\n  tagline: "<script>alert(1)</script> & more"\n  links: [{name: Mastodon, url: x}]\n')
    (site / "templates").mkdir()
    (site / "templates" / "page.html").write_text(
        '{% extends "base.html" %}{% block main %}<p class="tagline">{{ site.params.tagline }}</p>'
        '{% for l in site.params.links %}<a>{{ l.name }}</a>{% endfor %}{% endblock %}\n', encoding="utf-8")
    add_page(site, "about.md", ABOUT)
    result, out = built(site)
    assert result.wrote, errors(result)
    page = out["about/index.html"].decode()
    assert '<p class="tagline">&lt;script&gt;alert(1)&lt;/script&gt; &amp; more</p>' in page
    assert "<a>Mastodon</a>" in page
    assert not [w for w in result.diagnostics.warnings if "params" in w.message]
    text = (site / "site.yaml").read_text(encoding="utf-8").replace("& more", "and more")
    (site / "site.yaml").write_text(text, encoding="utf-8")
    result, out = built(site)
    assert "alert(1)&lt;/script&gt; and more" in out["about/index.html"].decode()
    assert out == cold(site, tmp_path)


def test_params_must_be_a_mapping(site):
    with open(site / "site.yaml", "a", encoding="utf-8") as config:
        config.write("params: [a, b]\n")
    result, _ = built(site)
    assert any(e.startswith("site.yaml:") and "params: expected a mapping" in e for e in errors(result)), errors(result)


# -- drafts and embargoes --------------------------------------------------------------------------

EMBARGOED = """---
title: Report due next week
date: 2015-12-20
tags: [flooding]
---
The report is out.
"""


def add_article(root: Path, name: str, text: str) -> None:
    (root / "content" / "articles" / name).write_text(text, encoding="utf-8")


def test_drafts_are_left_out_unless_asked_for_and_then_marked(site, tmp_path):
    add_article(site, "draft.md", EMBARGOED.replace("date: 2015-12-20", "date: 2015-01-01\ndraft: true"))
    result, out = built(site)
    assert result.wrote and "articles/draft/index.html" not in out
    result, out = built(site, drafts=True)
    assert '<p class="draft-notice" role="note"><strong>Draft:</strong>' in out["articles/draft/index.html"].decode()
    assert out == cold(site, tmp_path, drafts=True)
    result, out = built(site)
    assert "articles/draft/index.html" not in out and out == cold(site, tmp_path)


def test_future_articles_wait_for_their_date_unless_future(site, tmp_path):
    add_article(site, "embargoed.md", EMBARGOED)
    result, out = built(site, today=date(2015, 12, 19))
    assert result.wrote and "articles/embargoed/index.html" not in out
    assert "embargoed" not in out["tags/flooding/index.html"].decode()
    result, out = built(site, today=date(2015, 12, 19), future=True)
    assert "articles/embargoed/index.html" in out
    assert out == cold(site, tmp_path, future=True)
    result, out = built(site, today=date(2015, 12, 20))  # its day has come
    assert "articles/embargoed/index.html" in out
    assert out == cold(site, tmp_path, today=date(2015, 12, 20))


def test_today_comes_from_the_environment_on_the_command_line(site, monkeypatch):
    add_article(site, "embargoed.md", EMBARGOED)
    monkeypatch.setenv("FACTSHEET_TODAY", "2015-12-19")
    assert run_cli("build", "--root", str(site), "--quiet").code == 0
    assert not (site / "site" / "articles" / "embargoed").exists()
    assert run_cli("build", "--root", str(site), "--quiet", "--future").code == 0
    assert (site / "site" / "articles" / "embargoed").exists()
    monkeypatch.setenv("FACTSHEET_TODAY", "someday")
    run = run_cli("build", "--root", str(site))
    assert run.code == 2 and "FACTSHEET_TODAY='someday' is not a date" in run.stderr


# -- pagination ------------------------------------------------------------------------------------


def many_articles(root: Path, count: int, tag: str = "flooding") -> None:
    for n in range(count):
        add_article(root, f"extra-{n:02d}.md", f"---\ntitle: Extra {n}\ndate: 2014-01-{n + 1:02d}\n"
                                               f"tags: [{tag}]\n---\nText {n}.\n")


def test_the_archive_and_tag_pages_are_paginated_with_prev_and_next(site, tmp_path):
    with open(site / "site.yaml", "a", encoding="utf-8") as config:
        config.write("paginate: 2\n")
    many_articles(site, 4)
    result, out = built(site)
    assert result.wrote, errors(result)
    total = 3 + 4
    archive = [k for k in out if k.startswith("articles/") and (k == "articles/index.html" or "/page/" in k)]
    assert sorted(archive) == ["articles/index.html", "articles/page/2/index.html", "articles/page/3/index.html",
                               "articles/page/4/index.html"]
    first, second = out["articles/index.html"].decode(), out["articles/page/2/index.html"].decode()
    assert f"{total} articles, newest first" in first and "Page 1 of 4" in first
    assert '<link rel="next" href="/facts/articles/page/2/">' in first and 'rel="prev"' not in first
    assert '<link rel="prev" href="/facts/articles/">' in second
    assert '<link rel="next" href="/facts/articles/page/3/">' in second
    assert "All articles (page 2)" in second
    last = out["articles/page/4/index.html"].decode()
    assert 'rel="next"' not in last and last.count('class="article-list-title"') == 1
    tag_pages = sorted(k for k in out if k.startswith("tags/flooding/"))
    assert "tags/flooding/page/2/index.html" in tag_pages
    assert out["tags/flooding/index.html"].decode().count('class="article-list-title"') == 2
    # newest first across the pages: the oldest extra article is on the last page
    assert "Extra 0" in out[tag_pages[-2] if tag_pages[-1] == "tags/flooding/index.html" else tag_pages[-1]].decode()
    many_articles(site, 5)  # one more article: one more page everywhere, like a cold build
    result, out = built(site)
    assert out == cold(site, tmp_path)


def test_entity_pages_are_paginated_keeping_the_entity_first(site):
    with open(site / "site.yaml", "a", encoding="utf-8") as config:
        config.write("paginate: 1\n")
    for n in range(2):
        add_article(site, f"carol-{n}.md", f"---\ntitle: Carol {n}\ndate: 2014-02-0{n + 1}\n"
                                           "people: [{name: Carol Engineer}]\n---\nText.\n")
    result, out = built(site)
    entity_pages = sorted(k for k in out if k.startswith("entities/") and "/page/" in k)
    assert "entities/carol-engineer/page/2/index.html" in entity_pages
    later = out[entity_pages[0]].decode()
    assert 'rel="prev"' in later and later.count('class="article-list-title"') == 1
    assert "Roles" not in later and "Quotes</h2>" not in later


def test_paginate_must_be_a_positive_number(site):
    with open(site / "site.yaml", "a", encoding="utf-8") as config:
        config.write("paginate: 0\n")
    result, _ = built(site)
    assert any(e.startswith("site.yaml:") and "paginate: expected a whole number of at least 1" in e
               for e in errors(result))


# -- topic and tag feeds ---------------------------------------------------------------------------

ATOM = "{http://www.w3.org/2005/Atom}"


def test_topics_and_tags_have_their_own_feeds_linked_from_their_pages(site):
    import xml.etree.ElementTree as ET

    result, out = built(site)  # the golden site.yaml has an absolute base_url
    assert result.wrote, errors(result)
    feed = ET.fromstring(out["tags/flooding/feed.xml"])
    links = {link.get("rel"): link.get("href") for link in feed.findall(f"{ATOM}link")}
    assert links == {"alternate": "https://example.org/facts/tags/flooding/",
                     "self": "https://example.org/facts/tags/flooding/feed.xml"}
    entries = [e.find(f"{ATOM}title").text for e in feed.findall(f"{ATOM}entry")]
    assert entries and len(entries) == out["tags/flooding/index.html"].decode().count('class="article-list-title"')
    topic = ET.fromstring(out["topics/winter-floods-2014/feed.xml"])
    assert topic.find(f"{ATOM}entry") is not None
    page = out["tags/flooding/index.html"].decode()
    assert '<link rel="alternate" type="application/atom+xml" title="Tag: ' in page
    assert 'href="/facts/tags/flooding/feed.xml"' in page
    assert 'href="/facts/topics/winter-floods-2014/feed.xml"' in out["topics/winter-floods-2014/index.html"].decode()


def test_without_a_base_url_there_are_no_topic_or_tag_feeds(site):
    config = site / "site.yaml"
    config.write_text("\n".join(line for line in config.read_text(encoding="utf-8").splitlines()
                                if not line.startswith("base_url")) + "\n", encoding="utf-8")
    result, out = built(site)
    assert result.wrote
    assert not [k for k in out if k.endswith("feed.xml")]
    assert "application/atom+xml" not in out["tags/flooding/index.html"].decode()
    assert any("no base_url" in w.message for w in result.diagnostics.warnings)


def test_tag_feeds_escape_titles(site):
    add_article(site, "x.md", '---\ntitle: "<b>bold</b> & \\u0001"\ndate: 2014-03-01\ntags: [flooding]\n---\nText\n')
    result, out = built(site)
    import xml.etree.ElementTree as ET

    titles = [e.find(f"{ATOM}title").text for e in ET.fromstring(out["tags/flooding/feed.xml"]).findall(f"{ATOM}entry")]
    assert "<b>bold</b> &" in titles  # parsed back: it was escaped, and the control character dropped


# -- sitemap index ---------------------------------------------------------------------------------

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def test_a_sitemap_past_the_limit_becomes_an_index(site):
    import xml.etree.ElementTree as ET

    from generator.build.pipeline import read_site
    from generator.content.errors import Diagnostics
    from generator.site.feeds import feed_files, sitemap_entries

    graph = read_site(site, Diagnostics())
    total = len(sitemap_entries(graph))
    files_ = dict(feed_files(graph, sitemap_limit=5))
    names = sorted(k for k in files_ if k.startswith("sitemap"))
    parts = -(-total // 5)
    assert names == sorted(["sitemap.xml"] + [f"sitemap-{n}.xml" for n in range(1, parts + 1)])
    index = ET.fromstring(files_["sitemap.xml"])
    assert index.tag == f"{SITEMAP}sitemapindex"
    assert [s.find(f"{SITEMAP}loc").text for s in index] == [
        f"https://example.org/facts/sitemap-{n}.xml" for n in range(1, parts + 1)]
    locs = [u.find(f"{SITEMAP}loc").text for n in range(1, parts + 1)
            for u in ET.fromstring(files_[f"sitemap-{n}.xml"])]
    assert len(locs) == total == len(set(locs))
    assert all(len(ET.fromstring(files_[f"sitemap-{n}.xml"])) <= 5 for n in range(1, parts + 1))
    # at the limit exactly, one plain sitemap
    assert ET.fromstring(dict(feed_files(graph, sitemap_limit=total))["sitemap.xml"]).tag == f"{SITEMAP}urlset"


def test_the_sitemap_parts_come_and_go_with_the_site(site, tmp_path, monkeypatch):
    import generator.site.feeds as feeds

    monkeypatch.setattr(feeds, "SITEMAP_LIMIT", 10)
    result, out = built(site)
    assert "sitemap-2.xml" in out and "robots.txt" in out
    assert b"Sitemap: https://example.org/facts/sitemap.xml" in out["robots.txt"]
    add_article(site, "x.md", "---\ntitle: X\ndate: 2014-03-01\n---\nText\n")
    result, out = built(site)
    assert "sitemap-2.xml" in out and out == cold(site, tmp_path)
    monkeypatch.setattr(feeds, "SITEMAP_LIMIT", 50_000)  # (the limit is code: a change of it changes the code's hash)
    (site / "content" / "articles" / "x.md").unlink()
    result, out = built(site)
    assert "sitemap-1.xml" not in out and out == cold(site, tmp_path)


# -- short flags and --verbose ---------------------------------------------------------------------


def test_short_flags_and_verbose_stages(site, tmp_path):
    out = tmp_path / "elsewhere"
    first = run_cli("build", "--root", str(site), "-o", str(out), "-v")
    assert first.code == 0, first.stderr
    assert (out / "index.html").is_file()
    lines = [line for line in first.stdout.splitlines() if line.startswith("factsheet: ") and " s  " in line]
    assert [line.split()[1] for line in lines] == ["inputs", "articles", "write"]
    assert "files: article 3, topic 1, entity 2, page 0, static 0" in lines[0]
    assert "0 article(s) from the cache (hits), 3 read (misses)" in lines[1]
    (site / "content" / "articles" / "rail-strike.txt").write_text(
        (site / "content" / "articles" / "rail-strike.txt").read_text(encoding="utf-8") + "\nMore.\n", encoding="utf-8")
    second = run_cli("build", "--root", str(site), "-o", str(out), "--verbose")
    assert "2 article(s) from the cache (hits), 1 read (misses)" in second.stdout
    assert " reused from the last build" in second.stdout
    reused = int(second.stdout.split(" written, ")[1].split()[0])
    assert reused > 0
    third = run_cli("build", "--root", str(site), "-o", str(out), "-v")
    assert "no change" in third.stdout and "left as they were" in third.stdout
    quiet = run_cli("build", "--root", str(site), "-o", str(out))
    assert " s  " not in quiet.stdout


def test_serve_takes_a_short_port_flag():
    from generator.cli.commands import _parser

    assert _parser().parse_args(["serve", "-p", "8123"]).port == 8123
    assert _parser().parse_args(["build", "-o", "x", "-v"]).out == "x"


# -- the build lock on Windows ---------------------------------------------------------------------


class FakeMsvcrt:
    """msvcrt.locking as Windows does it: a byte range from the current position, per open file."""

    LK_UNLCK, LK_LOCK, LK_NBLCK = 0, 1, 2

    def __init__(self):
        self.held: dict[tuple[int, int], int] = {}  # (file, offset) -> the descriptor holding it
        self.calls: list[tuple[int, int]] = []

    def locking(self, fd: int, mode: int, nbytes: int) -> None:
        key = (os.fstat(fd).st_ino, os.lseek(fd, 0, os.SEEK_CUR))
        self.calls.append((mode, key[1]))
        if mode == self.LK_UNLCK:
            if self.held.get(key) != fd:
                raise PermissionError(13, "not locked")
            del self.held[key]
        elif key in self.held:
            raise PermissionError(36, "Resource deadlock avoided")
        else:
            self.held[key] = fd


@pytest.fixture
def windows(monkeypatch) -> FakeMsvcrt:
    import generator.build.lock as lock

    fake = FakeMsvcrt()
    monkeypatch.setattr(lock, "fcntl", None)
    monkeypatch.setattr(lock, "msvcrt", fake)
    return fake


def test_the_windows_lock_keeps_a_second_build_out_and_names_the_first(tmp_path, windows):
    from generator.build.lock import LOCK_FILE, WINDOWS_LOCK_OFFSET, SiteBusy, site_lock

    with site_lock(tmp_path):
        assert windows.held and all(offset == WINDOWS_LOCK_OFFSET for _, offset in windows.held)
        assert (tmp_path / LOCK_FILE).read_text().strip() == str(os.getpid())  # the pid is outside the locked byte
        with pytest.raises(SiteBusy) as busy:
            with site_lock(tmp_path):
                pass
        assert busy.value.pid == os.getpid()
    assert not windows.held  # released on the way out
    assert windows.calls[-1] == (FakeMsvcrt.LK_UNLCK, WINDOWS_LOCK_OFFSET)
    with site_lock(tmp_path):  # and taken again by the next build
        pass


def test_the_windows_lock_is_released_when_the_build_fails(tmp_path, windows):
    from generator.build.lock import site_lock

    with pytest.raises(RuntimeError):
        with site_lock(tmp_path):
            raise RuntimeError("the build failed")
    assert not windows.held


def test_a_build_through_the_command_line_with_the_windows_lock(site, windows):
    run = run_cli("build", "--root", str(site), "--quiet")
    assert run.code == 0, run.stderr
    assert not windows.held and any(mode == FakeMsvcrt.LK_NBLCK for mode, _ in windows.calls)


def test_an_edit_renders_only_the_archive_pages_that_list_the_article(site, tmp_path, monkeypatch):
    from generator.site.render import Renderer

    with open(site / "site.yaml", "a", encoding="utf-8") as config:
        config.write("paginate: 2\n")
    many_articles(site, 4)
    built(site)
    rendered: list[str] = []
    original = Renderer.render
    monkeypatch.setattr(Renderer, "render", lambda self, spec: rendered.append(spec.out) or original(self, spec))
    oldest = site / "content" / "articles" / "extra-00.md"
    oldest.write_text(oldest.read_text(encoding="utf-8").replace("Text 0.", "Text 0, edited."), encoding="utf-8")
    result, out = built(site)
    archive = [r for r in rendered if r == "articles/index.html" or r.startswith("articles/page/")]
    assert len(archive) == 1 and "Extra 0<" in out[archive[0]].decode()  # only the page that lists it
    assert out == cold(site, tmp_path)


def test_plain_pages_are_found_by_search(site):
    add_page(site, "about.md", ABOUT.replace("We check", "Zanzibarian editors check"))
    result, out = built(site)
    found = [name for name, data in out.items()
             if name.startswith("search/docs/") and b'"about/"' in data and b"About these fact sheets" in data]
    assert found
    assert any(name.startswith("search/terms/") and b"zanzibarian" in data for name, data in out.items())


def test_params_and_paginate_do_not_make_the_build_read_every_article_again(site, tmp_path, monkeypatch):
    import generator.build.pipeline as pipeline

    built(site)
    read: list[str] = []
    original = pipeline.read_article
    monkeypatch.setattr(pipeline, "read_article", lambda rel, *a: read.append(rel) or original(rel, *a))
    with open(site / "site.yaml", "a", encoding="utf-8") as config:
        config.write("paginate: 1\nparams: {tagline: New}\n")
    result, out = built(site)
    assert read == [] and "articles/page/2/index.html" in out
    assert out == cold(site, tmp_path)


def test_the_output_folder_cannot_be_inside_static(site):
    (site / "static").mkdir()
    run = run_cli("build", "--root", str(site), "-o", str(site / "static" / "site"))
    assert run.code == 2 and "is inside static/" in run.stderr
    assert not (site / "static" / "site").exists()


def test_unchanged_static_files_are_not_read_again(site, tmp_path, monkeypatch):
    (site / "static").mkdir()
    (site / "static" / "big.bin").write_bytes(b"x" * 100_000)
    (site / "static" / "small.txt").write_text("one")
    old = 1_000_000_000  # long ago: the recorded hashes are trusted (see SiteInputs.hashes)
    for name in ("big.bin", "small.txt"):
        os.utime(site / "static" / name, ns=(old, old))
    built(site)
    read: list[str] = []
    original = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes",  # what the build reads of static/ (not the output, read by `built`)
                        lambda self: (self.parent.name == "static" and read.append(self.name)) or original(self))
    (site / "static" / "small.txt").write_text("two")
    add_article(site, "x.md", "---\ntitle: X\ndate: 2014-03-01\n---\nText\n")  # not a no-change build
    result, out = built(site)
    assert "big.bin" not in read and "small.txt" in read
    assert out["big.bin"] == b"x" * 100_000 and out["small.txt"] == b"two"
    monkeypatch.setattr(Path, "read_bytes", original)
    assert out == cold(site, tmp_path)
