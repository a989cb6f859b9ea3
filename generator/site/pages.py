"""Plain pages (content/pages/*.md): an about page, a corrections policy, a contact page.

A page is its title and its text, rendered like a topic's introduction;
nothing is extracted from it and it has no date. Pages with `menu: true` are
linked from every page's footer, by `weight`, then title.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..content.model import Page, SiteConfig
from .body import render_body


@dataclass(frozen=True)
class PlainPage:
    page: Page
    body_html: str


def plain_pages(pages: list[Page], config: SiteConfig) -> tuple[PlainPage, ...]:
    """The pages to publish, with their text rendered, in menu order."""
    kept = [p for p in pages if not p.draft or config.drafts]
    kept.sort(key=lambda p: (p.weight, p.title.casefold(), p.slug))
    return tuple(PlainPage(p, render_body(p.body, p.body_format, config.allow_html)) for p in kept)


def menu(pages: tuple[PlainPage, ...]) -> tuple[tuple[str, str], ...]:
    """(slug, title) of each page linked from the footer, in order."""
    return tuple((p.page.slug, p.page.title) for p in pages if p.page.menu)
