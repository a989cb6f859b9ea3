"""Long lists cut into pages: a tag's articles, an entity's articles, the article archive.

Page 1 of a list is the page's own URL (`tags/flooding/`); the others follow
Hugo's and Pelican's scheme, `tags/flooding/page/2/`. Each page knows its
neighbours, for `rel="prev"` and `rel="next"` links. The page size is
`paginate:` in site.yaml.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Pager:
    """One page of a list: its items, its number (from 1) and how many pages the list has."""

    base: str  # the URL path of page 1, e.g. "tags/flooding/"
    number: int
    count: int
    items: tuple
    total: int  # items in the whole list

    def url_of(self, number: int) -> str:
        return page_url(self.base, number)

    @property
    def prev(self) -> str | None:
        return self.url_of(self.number - 1) if self.number > 1 else None

    @property
    def next(self) -> str | None:
        return self.url_of(self.number + 1) if self.number < self.count else None


def page_count(total: int, size: int) -> int:
    """How many pages a list of `total` items takes (an empty list still has its first page)."""
    return max(1, -(-total // size))


def page_url(base: str, number: int) -> str:
    return base if number == 1 else f"{base}page/{number}/"


def page_out(base: str, number: int) -> str:
    """Where page `number` of the list at `base` is written."""
    return page_url(base, number) + "index.html"


def pager(base: str, items, number: int, size: int) -> Pager:
    """Page `number` of `items`, `size` to a page."""
    items = tuple(items)
    return Pager(base, number, page_count(len(items), size), items[(number - 1) * size : number * size], len(items))
