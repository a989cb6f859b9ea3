"""Article bodies to HTML: Markdown through markdown-it-py, plain text by paragraphs.

Raw HTML in a body is shown as text unless site.yaml says `allow_html: true`,
and even then it passes through `sanitize.py`. Links may only use http,
https, mailto or be relative: markdown-it-py already refuses `javascript:`,
and this module narrows it further.

Pasted web articles often begin with the photo caption and its credit. When
those lines repeat the article's `image:` caption or credit, they are shown
as the image caption and are not part of the text.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache

from markdown_it import MarkdownIt

from ..content.fields import url_problem
from ..content.model import Image

_HEADING_MAX = 70


@lru_cache(maxsize=2)
def _markdown(allow_html: bool) -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": allow_html, "linkify": False, "typographer": False})
    md.enable("table").enable("strikethrough")
    md.validateLink = lambda url: url_problem(url) is None and not url.strip().lower().startswith("data:")
    return md


def render_body(text: str, body_format: str, allow_html: bool = False) -> str:
    """The body as an HTML fragment."""
    if body_format == "text":
        return _render_text(text)
    rendered = _markdown(allow_html).render(text)
    if allow_html:
        from .sanitize import sanitize_html

        rendered = sanitize_html(rendered)
    return rendered


def _render_text(text: str) -> str:
    """Plain text: blank lines separate paragraphs; a short line with no full stop alone is a heading."""
    parts = []
    for block in re.split(r"\n\s*\n", text.strip()):
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        if not lines:
            continue
        if len(lines) == 1 and _looks_like_heading(lines[0]):
            parts.append(f"<h2>{html.escape(lines[0], quote=False)}</h2>")
        else:
            parts.append(f"<p>{html.escape(' '.join(lines), quote=False)}</p>")
    return "\n".join(parts) + ("\n" if parts else "")


def _looks_like_heading(line: str) -> bool:
    return len(line) <= _HEADING_MAX and not re.search(r"[.!?:;,\"'\u201d)]$", line) and line[0].isupper()


def lead_lines(text: str, image: Image | None) -> int:
    """How many leading lines of the body are the image's caption and credit (0 if none).

    Only lines that repeat what the front matter's `image:` says are counted,
    so a body never loses text the user did not describe as a caption.
    """
    if image is None:
        return 0
    known = [s.strip().lower() for s in (image.alt, image.caption, image.credit) if s and s.strip()]
    if not known:
        return 0
    lines = text.split("\n")
    count = 0
    for index, line in enumerate(lines):
        stripped = line.strip().lower()
        if not stripped:
            if count:
                count = index + 1
                continue
            continue
        if _is_caption_line(stripped, known):
            count = index + 1
            continue
        break
    return count


def _is_caption_line(line: str, known: list[str]) -> bool:
    remainder = line
    for piece in sorted(known, key=len, reverse=True):
        remainder = remainder.replace(piece, " ")
    return not remainder.strip(" .,;:-|/()")


def strip_lead(text: str, count: int) -> str:
    """The body without its first `count` lines (kept line-for-line in offsets elsewhere)."""
    if count == 0:
        return text
    return "\n".join(text.split("\n")[count:])
