"""The pages the conventions add, in a real browser and through the Nu HTML Checker: plain pages and
their footer menu, the article archive, later pages of tags and entities, and a draft's notice.

The golden site is built with a plain page in the menu, one article a page
and its drafts, so each new template and the pager show up.
"""

from __future__ import annotations

import shutil

import pytest

from tests.browser.pagecheck import axe_violations, sideways_overflow, visit
from generator.build.pipeline import build
from tests.browser.sites import GOLDEN, BuiltSite, SiteServer
from tests.browser.test_validity import nu_errors

PAGES = ["about/", "articles/", "articles/page/2/", "tags/flooding/page/2/", "entities/carol-engineer/page/2/",
         "articles/draft-notes/"]


@pytest.fixture(scope="module")
def conventions_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("conventions") / "root"
    shutil.copytree(GOLDEN, root)
    with open(root / "site.yaml", "a", encoding="utf-8") as config:
        config.write("paginate: 1\n")
    (root / "content" / "pages").mkdir()
    (root / "content" / "pages" / "about.md").write_text(
        "---\ntitle: About\nsummary: Who we are\nmenu: true\n---\nWe check **facts**.\n", encoding="utf-8")
    for n in range(2):
        (root / "content" / "articles" / f"carol-{n}.md").write_text(
            f"---\ntitle: Carol {n}\ndate: 2014-02-0{n + 1}\ntags: [flooding]\n"
            "people: [{name: Carol Engineer}]\n---\nText.\n", encoding="utf-8")
    (root / "content" / "articles" / "draft-notes.md").write_text(
        "---\ntitle: Draft notes\ndate: 2014-02-03\ndraft: true\n---\nNot yet.\n", encoding="utf-8")
    out = tmp_path_factory.mktemp("conventions-out") / "site"
    result = build(root, out, drafts=True)
    assert result.wrote, [str(d) for d in result.diagnostics.items]
    site = BuiltSite("conventions", out, result.graph.config.base_url)
    for page in PAGES:
        assert (site.folder / page / "index.html").is_file(), page
    server = SiteServer(site)
    yield site, server
    server.close()


def test_the_new_pages_are_valid_html(conventions_site):
    site, _ = conventions_site
    files = [site.folder / page / "index.html" for page in PAGES]
    assert nu_errors(files) == []


@pytest.mark.parametrize("page_path", PAGES)
def test_the_new_pages_are_clean_and_accessible(conventions_site, views, page_path):
    site, server = conventions_site
    page = views.page("phone", "dark")
    loaded = visit(page, server.url(page_path))
    assert loaded.status == 200
    assert loaded.console_errors == [] and loaded.failed_requests == []
    assert axe_violations(page) == []
    assert sideways_overflow(page) == 0


def test_the_pager_and_the_menu_link_where_they_say(conventions_site, views):
    site, server = conventions_site
    page = views.page()
    visit(page, server.url("articles/"))
    page.click("a[rel=next]")
    assert page.url == server.url("articles/page/2/")
    page.click("a[rel=prev]")
    assert page.url == server.url("articles/")
    page.click("footer a:text('About')")
    assert page.url == server.url("about/")
    assert page.locator("footer a[aria-current=page]").inner_text() == "About"
