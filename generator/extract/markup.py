"""Where a Markdown body is not prose, found with markdown-it-py, the parser that renders it.

`non_prose(text)` returns the ``(start, end)`` offsets of what a reader of the
rendered page does not read as the article's sentences:

* every line outside a paragraph, heading or table: code blocks, fenced and
  indented (markdown-it decides what is indented code exactly as it does when
  rendering, lists and block quotes included), HTML blocks (embedded posts,
  comments, scripts), link reference definitions and thematic breaks;
* inside paragraphs, headings and tables: link destinations and titles (the
  link text stays, as prose), whole images, autolinks, inline code and
  inline HTML.

Block tokens carry the lines they cover (``map``). Inline tokens carry no
offsets, so the inline rules that matter are wrapped to record where in the
token's content they matched, and each content line is found again in its
source line; a token whose content cannot be placed exactly (a table cell
that repeats its neighbour, tabs the parser expanded) is left to the regular
expressions in `sentences.mask`, which run afterwards in any case.
"""

from __future__ import annotations

import re
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.rules_inline import autolink, backtick, html_inline, image, link

_PROSE_BLOCKS = frozenset({"paragraph_open", "heading_open", "table_open"})
_LINE_BREAK = re.compile(r"\r\n?|\n")  # what markdown-it counts as a line end
_RECORDS = "factsheet_spans"  # the key of the recorded inline spans in markdown-it's env
# Only these can give spans the regular expressions in sentences.py would not find as well.
_INLINE_MARKS = ("[", "`", "<")  # what every recorded inline rule starts with ("![" included)
_WORTH_PARSING = re.compile(r"[`<\[~]|^[ \t>*+\-\d.)]*(?: {4}|\t)", re.M)


def non_prose(text: str) -> list[tuple[int, int]]:
    """Offsets of everything in the Markdown ``text`` that is not prose, in no particular order."""
    if not _WORTH_PARSING.search(text):
        return []
    env: dict = {}
    md = _parser()
    tokens = md.parse(text, env)
    for token in tokens:
        # inline parsing, run only where it can find something: most paragraphs are plain words
        if token.type == "inline" and any(mark in token.content for mark in _INLINE_MARKS):
            token.children = []
            md.inline.parse(token.content, md, env, token.children)
    starts = [0] + [m.end() for m in _LINE_BREAK.finditer(text)]
    starts.append(len(text) + 1)  # a sentinel: line i is text[starts[i]:starts[i + 1]]
    spans = _outside_prose_blocks(tokens, starts, len(text))
    records = env.get(_RECORDS, [])
    at = 0
    for token in tokens:
        if token.type != "inline" or at >= len(records):
            continue
        mine = []
        while at < len(records) and records[at][0] is token.content:
            mine.append(records[at][1:])
            at += 1
        if mine:
            place = _placer(text, starts, token)
            if place is not None:
                spans += [(place(a), place(b)) for a, b in mine]
    return spans


def _outside_prose_blocks(tokens, starts: list[int], length: int) -> list[tuple[int, int]]:
    """Every run of lines that no paragraph, heading or table covers."""
    lines = len(starts) - 1
    prose = bytearray(lines)
    for token in tokens:
        if token.type in _PROSE_BLOCKS and token.map:
            first, last = token.map
            prose[first:last] = b"\x01" * (min(last, lines) - first)
    spans = []
    line = 0
    while line < lines:
        if prose[line]:
            line += 1
            continue
        end = line
        while end < lines and not prose[end]:
            end += 1
        spans.append((starts[line], min(starts[end], length)))
        line = end
    return spans


def _placer(text: str, starts: list[int], token):
    """A function from an offset in ``token.content`` to an offset in ``text``; None if unsure."""
    if not token.map:
        return None
    content_lines = token.content.split("\n")
    if token.map[0] + len(content_lines) > len(starts) - 1:
        return None
    bases: list[tuple[int, int]] = []  # (offset in content, offset in text) of each content line
    offset = 0
    for index, piece in enumerate(content_lines):
        number = token.map[0] + index
        line_start = starts[number]
        line = _LINE_BREAK.sub("", text[line_start:min(starts[number + 1], len(text))])
        found = line.find(piece)
        if found >= 0 and line.find(piece, found + 1) >= 0:
            # twice in its line: content runs to the end of its line (bar trailing spaces)
            trimmed = line.rstrip(" \t")
            found = len(trimmed) - len(piece) if trimmed.endswith(piece) else -1
        if found < 0:
            return None  # the parser changed the line (tabs, NUL), or a table cell repeats another
        bases.append((offset, line_start + found))
        offset += len(piece) + 1

    def place(position: int) -> int:
        for content_start, text_start in reversed(bases):
            if position >= content_start:
                return text_start + (position - content_start)
        return bases[0][1]

    return place


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    """The renderer's Markdown (with raw HTML recognised), its inline rules recording their spans."""
    md = MarkdownIt("commonmark", {"html": True, "linkify": False, "typographer": False})
    md.enable("table").enable("strikethrough")
    md.core.ruler.disable(["inline", "text_join"])  # non_prose runs the inline rules itself, where needed
    md.inline.ruler.at("link", _recording(link, keep_label=True))
    md.inline.ruler.at("image", _recording(image))
    md.inline.ruler.at("autolink", _recording(autolink))
    md.inline.ruler.at("backticks", _recording(backtick))
    md.inline.ruler.at("html_inline", _recording(html_inline))
    return md


def _recording(rule, keep_label: bool = False):
    """``rule``, noting in env the content offsets it masks: all it matched, or a link's brackets
    and destination without its text."""

    def recorded(state, silent: bool) -> bool:
        start = state.pos
        if not rule(state, silent):
            return False
        if not silent:
            records = state.env.setdefault(_RECORDS, [])
            # where the link text ends; parseLinkLabel puts state.pos back where it was
            label_end = state.md.helpers.parseLinkLabel(state, start, True) if keep_label else -1
            if label_end > start:
                records.append((state.src, start, start + 1))  # "["
                records.append((state.src, label_end, state.pos))  # "](url "title")", "][ref]", "]"
            else:
                records.append((state.src, start, state.pos))
        return True

    return recorded
