"""Links: every internal URL carries the site's base path, so a site works under a sub-path."""

from __future__ import annotations

from urllib.parse import quote, urlsplit


class Urls:
    """Site-relative paths to links: base path for pages, absolute URLs for feeds and canonicals."""

    def __init__(self, base_url: str):
        self.base_url = base_url
        parts = urlsplit(base_url)
        self.base_path = parts.path if parts.path.endswith("/") else parts.path + "/"
        self.absolute = bool(parts.scheme and parts.netloc)

    def url(self, path: str = "") -> str:
        return self.base_path + path.lstrip("/")

    def abs_url(self, path: str = "") -> str:
        """For feeds, sitemaps and canonical links: a Unicode slug is percent-encoded, as sitemaps require."""
        if not path.isascii():
            path = quote(path, safe="/#?=&%~")
        return (self.base_url if self.absolute else self.base_path) + path.lstrip("/")
