"""No internal link of either built site is broken, and every one stays under the site's base path.

Pure Python over the built files: each href/src that points into the site
(by its base path, or by the absolute base URL of canonicals and feeds) must
name a file that was written, and an `#anchor` must name an id on that page.
"""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from tests.browser.sites import BuiltSite

LINK_ATTRIBUTES = {"href", "src", "action", "poster", "data"}


@dataclass(frozen=True)
class Link:
    page: str  # the page it is on, relative to the site folder
    url: str


class _PageParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if value is None:
                continue
            if name in LINK_ATTRIBUTES:
                self.urls.append(value)
            elif name == "id" or (name == "name" and tag == "a"):
                self.ids.add(value)


def parse(file: Path) -> _PageParser:
    parser = _PageParser()
    parser.feed(file.read_text(encoding="utf-8"))
    parser.close()
    return parser


def target_file(site: BuiltSite, path: str) -> Path | None:
    """The file a site path is served from: a folder means its index.html; outside the base path, None."""
    if not path.startswith(site.base_path):
        return None
    rel = unquote(path[len(site.base_path):])
    if rel == "" or rel.endswith("/"):
        rel += "index.html"
    return site.folder / rel


def broken_links(site: BuiltSite) -> list[tuple[Link, str]]:
    """Every internal link of the site that does not resolve, with the reason."""
    parsed = {file: parse(file) for file in site.html_files()}
    absolute_base = site.base_url if urlsplit(site.base_url).netloc else None
    broken = []
    for file, page in parsed.items():
        for url in page.urls:
            link = Link(file.relative_to(site.folder).as_posix(), url)
            parts = urlsplit(url)
            if absolute_base and url.startswith(absolute_base):
                path = parts.path
            elif parts.scheme or parts.netloc or url.startswith("data:"):
                continue  # another site, or inline data
            elif url.startswith("#"):
                path = None
            elif url.startswith("/"):
                path = parts.path
            else:
                broken.append((link, "relative link: internal links must carry the base path"))
                continue
            target = file if path is None else target_file(site, path)
            if target is None:
                broken.append((link, f"outside the base path {site.base_path}"))
            elif not target.is_file():
                broken.append((link, "no such file"))
            elif parts.fragment and target.suffix == ".html":
                ids = parsed[target].ids if target in parsed else parse(target).ids
                if unquote(parts.fragment) not in ids:
                    broken.append((link, f"no id {parts.fragment!r} on the target page"))
    return broken


@pytest.mark.parametrize("site_name", ["example", "golden"])
def test_no_internal_link_is_broken(site_name, sites):
    site = sites[site_name]
    assert broken_links(site) == []


def test_the_golden_site_links_under_its_base_path(sites):
    """The golden fixture is published under /facts/: every internal link must say so."""
    site = sites["golden"]
    assert site.base_path == "/facts/"
    index = parse(site.folder / "index.html")
    internal = [u for u in index.urls if u.startswith("/")]
    assert internal and all(u.startswith("/facts/") for u in internal)


def test_the_checker_finds_broken_links(tmp_path):
    """The checker itself: a missing page, a missing anchor and an escape from the base path are all caught."""
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text('<p id="here">x</p>', encoding="utf-8")
    (tmp_path / "index.html").write_text(
        '<a href="/base/a/#here">ok</a> <a href="/base/a/#gone">anchor</a> '
        '<a href="/base/missing/">page</a> <a href="/elsewhere/">escape</a> <a href="https://x.org/">other</a>',
        encoding="utf-8",
    )
    site = BuiltSite("tiny", tmp_path, "/base/")
    assert [(link.url, reason) for link, reason in broken_links(site)] == [
        ("/base/a/#gone", "no id 'gone' on the target page"),
        ("/base/missing/", "no such file"),
        ("/elsewhere/", "outside the base path /base/"),
    ]
