"""The built sites the browser, validity and link tests look at, and a static server for them.

Two sites are checked: the example site (the repository's `content/`, served
at `/`) and the golden fixture (`tests/sites/golden`, whose `base_url` puts it
under `/facts/`), so every link is also proved to respect a base path.
"""

from __future__ import annotations

import functools
import http.server
import threading
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from generator.build.pipeline import build

REPO = Path(__file__).resolve().parents[2]
GOLDEN = REPO / "tests" / "sites" / "golden"
MISSING_PAGE = "no-such-page/"  # any unknown URL: the server answers with 404.html, as GitHub Pages does


@dataclass(frozen=True)
class BuiltSite:
    """One site built into a folder: where it is and the path it is published under."""

    name: str
    folder: Path
    base_url: str

    @property
    def base_path(self) -> str:
        path = urlsplit(self.base_url).path or "/"
        return path if path.endswith("/") else path + "/"

    def html_files(self) -> list[Path]:
        return sorted(self.folder.rglob("*.html"))

    def page_paths(self) -> list[str]:
        """Every page as its site-relative URL path ('', 'articles/x/', '404.html')."""
        paths = []
        for file in self.html_files():
            rel = file.relative_to(self.folder).as_posix()
            paths.append(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
        return paths


def build_site(name: str, source: Path, out: Path) -> BuiltSite:
    """Build `source` into `out` and describe the result; a failed build fails the caller."""
    result = build(source, out, cache=False)   # nothing written into the fixture
    assert result.wrote, [str(d) for d in result.diagnostics.items]
    return BuiltSite(name, out, result.graph.config.base_url)


@dataclass(frozen=True)
class PageType:
    """A kind of page and the one page of it that stands for the kind."""

    kind: str
    path: str  # site-relative, '' for the home page


def page_types(site: BuiltSite) -> list[PageType]:
    """One page of each type the site has, in a fixed order; search only once it is built."""
    def first(folder: str) -> str:
        pages = sorted(p.parent.name for p in (site.folder / folder).glob("*/index.html"))
        assert pages, f"{site.name} has no {folder} pages"
        return f"{folder}/{pages[0]}/"

    types = [
        PageType("home", ""),
        PageType("article", first("articles")),
        PageType("topic", first("topics")),
        PageType("timeline", "timeline/"),
        PageType("timeline-year", first("timeline")),
        PageType("entity", first("entities")),
        PageType("tag", first("tags")),
        PageType("tags-index", "tags/"),
        PageType("entities-index", "entities/"),
        PageType("topics-index", "topics/"),
    ]
    if (site.folder / "search" / "index.html").is_file():
        types.append(PageType("search", "search/"))
    types.append(PageType("404", MISSING_PAGE))
    return types


class _SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves one built folder under its base path; anything else is the site's 404 page."""

    def __init__(self, *args, site: BuiltSite, **kwargs):
        self.site = site
        super().__init__(*args, directory=str(site.folder), **kwargs)

    def translate_path(self, path: str) -> str:
        url_path = urlsplit(path).path
        if not url_path.startswith(self.site.base_path):
            return str(self.site.folder / "does-not-exist")
        return super().translate_path("/" + url_path[len(self.site.base_path):])

    def send_error(self, code, message=None, explain=None):
        page = self.site.folder / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format, *args):  # keep the test output quiet
        pass


class SiteServer:
    """A threaded http.server on 127.0.0.1 and a free port, serving one site until `close()`."""

    def __init__(self, site: BuiltSite):
        self.site = site
        handler = functools.partial(_SiteHandler, site=site)
        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    @property
    def origin(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def url(self, path: str = "") -> str:
        """The address of a site-relative path, under the site's base path."""
        return self.origin + self.site.base_path + path

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()
