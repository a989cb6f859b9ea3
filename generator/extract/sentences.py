"""Prepare an article body for extraction: mask markup, find paragraphs and sentences.

The extractors never look at the raw text.  They look at a *masked* copy of
the same length in which everything that is not prose -- Markdown syntax, URLs,
code, the image caption and credit lines -- has been overwritten with spaces.
Because the length never changes, an offset into the masked text is an offset
into the text the user wrote, so every span we report points at the user's
own words without any offset bookkeeping.

Paragraphs are blocks separated by blank lines (plus Markdown block starts such
as headings and list items).  Sentences are found inside a paragraph with a
small rule set: a ``.``, ``!`` or ``?`` followed by a space and a capital,
unless the word before the stop is a known abbreviation or an initial, and
unless we are inside a quotation -- so a quoted passage of several sentences
stays in the sentence that attributes it.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from . import gazetteer as gz
from .markup import non_prose

# Agencies and picture libraries whose name ends an image-credit line.
CREDIT_WORDS = (r"(?:Getty(?:\s+Images)?|Reuters|AP(?:\s+Photo)?|AFP|PA(?:\s+Media|\s+Wire)?|EPA"
                r"|Alamy|Shutterstock|iStock|Rex(?:\s+Features)?|Press\s+Association"
                r"|Associated\s+Press|Bloomberg|Xinhua)")
_CREDIT_LINE = re.compile(r"^[^\n]*?[\s/|(©-]" + CREDIT_WORDS + r"[\s)]*$|^\s*" + CREDIT_WORDS
                          + r"[\s)]*$|^\s*(?:Photo|Image|Picture|Credit)s?\s*:[^\n]*$",
                          re.MULTILINE | re.IGNORECASE)
# "Photo: John Smith/AP" at the end of a line of prose: only that part is a credit.
_INLINE_CREDIT = re.compile(r"(?<=\s)(?:Photo(?:graph)?|Image|Picture|Credit)s?\s*:[^.!?\n]*$",
                            re.MULTILINE | re.IGNORECASE)
# A line with a sentence stop in it is prose, whatever word it ends with.
_SENTENCE_STOP = re.compile(r"[.!?](?:\s|$)")

# Markdown constructs, masked in this order (code first: nothing inside it is markup).
_FENCE = re.compile(r"^[ \t]{0,3}(```|~~~)[^\n]*\n.*?(?:^[ \t]{0,3}\1[^\n]*$|\Z)", re.M | re.S)
_HTML_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)
_INLINE_CODE = re.compile(r"`+[^`\n]*`+")
_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)|!\[[^\]\n]*\]\[[^\]\n]*\]")
_LINK = re.compile(r"(\[)([^\]\n]+)(\]\([^)\n]*\)|\]\[[^\]\n]*\])")
_LINK_DEF = re.compile(r"^[ \t]{0,3}\[[^\]\n]+\]:[ \t]*\S+[^\n]*$", re.M)
_TAG = re.compile(r"</?[A-Za-z][^<>\n]*>|<(?:https?|mailto):[^<>\s]+>")
_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>\"”)\]]+")
_HEADING = re.compile(r"^([ \t]{0,3}#{1,6})(?=[ \t]|$)([^\n]*?)([ \t]#+[ \t]*)?$", re.M)
_QUOTE_MARKER = re.compile(r"^[ \t]{0,3}(?:>[ \t]?)+", re.M)
_BULLET = re.compile(r"^[ \t]*(?:[-*+]|\d{1,3}[.)])[ \t]+(?=\S)", re.M)
_RULE = re.compile(r"^[ \t]*(?:(?:[-*_][ \t]*){3,}|=+[ \t]*)$", re.M)
_TABLE_SEP = re.compile(r"^[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)+\|?[ \t]*$", re.M)
_EMPHASIS = re.compile(r"\*+|~~|(?<![^\W_])_+|_+(?![^\W_])|\|")
_ESCAPE = re.compile(r"\\(?=[\\`*_{}\[\]()#+\-.!>\"|~])")
_HARD_BREAK = re.compile(r"\\$", re.M)

# Words that end with a full stop without ending the sentence.
ABBREVIATIONS = frozenset("""
mr mrs ms dr prof sr jr st mt gen col lt sgt capt cmdr cdr gov sen rep rev hon insp supt det
cllr con pc dc co corp inc ltd bros vs v etc e.g i.e eg ie jan feb mar apr jun jul aug sep sept
oct nov dec no nos fig approx est dept univ ave rd blvd ft al gov't
""".split())
# A stop ("." "!" "?" runs, or "…"), closing marks, space.  Written to start with a
# character class so the regex engine can skip straight to the next stop.
_BOUNDARY = re.compile(r"[.!?…](?:(?<=…)|[.!?]*)([\"”’')\]]*)(\s+)(?=\S)")
# The word right before a stop (matched, not searched: ``.*`` finds the last gap in one pass).
_WORD_BEFORE = re.compile(r"(?:.*[^\w.'’-])?([\w.'’-]+)\Z", re.S)
_INITIAL_OR_ACRONYM = re.compile(r"[A-Z]|(?P<acronym>(?:[A-Za-z]\.)+[A-Za-z])")
_SENTENCE_END_ABBREVIATIONS = frozenset("co corp inc ltd bros etc".split())
_NEXT_WORD = re.compile(r"[\"“‘'(\[]*([A-Za-z]+)\b")
# After a dotted acronym ("in the U.S."), one of these words starts a new sentence:
# they open sentences but never continue a name ("U.S. Army", "U.S. President" do).
_SENTENCE_OPENERS = gz.NOT_NAMES - frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may "
    "june july august september october november december spring summer autumn winter christmas "
    "easter today yesterday tomorrow tonight last next earlier later one two three four five six "
    "seven eight nine ten".split())
# Newswire quote marks (``…'') count as a curly pair.
_QUOTE_CHARS = re.compile(r"[\"“”]|``|''")
_NOT_BREAK = re.compile(r"[^\r\n]")

# Each masking pattern with strings one of which it cannot match without: a
# pattern whose strings are all absent is not run at all.  Most articles have
# no code, tables or HTML, and a regex scan of 4 KB costs more than ten
# substring tests.  (None: always run.)
_NEEDS: dict[re.Pattern, tuple[str, ...] | None] = {
    _FENCE: ("```", "~~~"), _HTML_COMMENT: ("<!--",), _INLINE_CODE: ("`",), _IMAGE: ("![",),
    _LINK_DEF: ("]:",), _LINK: ("]",), _TAG: ("<",), _URL: ("http", "www."), _RULE: None,
    _TABLE_SEP: ("|",), _HEADING: ("#",), _BULLET: None, _QUOTE_MARKER: (">",),
    _ESCAPE: ("\\",), _HARD_BREAK: ("\\",), _EMPHASIS: ("*", "~~", "_", "|"),
}
# Credit lines end with an agency's name, or start with "Photo:" and the like; a text
# with no line that could is spared the (slow, line-by-line) credit patterns.
_CREDIT_ENDINGS = ("getty", "images", "reuters", "ap", "photo", "afp", "pa", "media", "wire", "epa",
                   "alamy", "shutterstock", "istock", "rex", "features", "association", "press",
                   "bloomberg", "xinhua")
_CAPTION_WORDS = ("photo", "image", "picture", "credit")
# What ``\s`` matches, plus the closing bracket a credit may end with.
_TRAILING = (" \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
             "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000)")


def _needed(rx: re.Pattern, s: str) -> bool:
    needs = _NEEDS[rx]
    return needs is None or any(n in s for n in needs)


def _may_have_credits(masked: str) -> bool:
    """False when no line can be a credit line (a necessary condition, cheaply tested)."""
    low = masked.lower()
    if any(w in low for w in _CAPTION_WORDS):
        return True
    return any(line.rstrip(_TRAILING).endswith(_CREDIT_ENDINGS) for line in low.split("\n"))


def blank(s: str) -> str:
    """Spaces in place of every character of ``s`` except line breaks."""
    if "\n" not in s and "\r" not in s:
        return " " * len(s)   # the usual case, and far cheaper than a substitution
    return _NOT_BREAK.sub(" ", s)


def _blank_match(m: re.Match) -> str:
    return blank(m.group())


@dataclass
class Doc:
    """An article body ready for extraction.

    ``text`` is the body as written, ``masked`` the same-length prose-only copy;
    ``paragraphs`` and ``sentences`` are ``(start, end)`` offsets, trimmed of
    surrounding whitespace, in document order.
    """

    text: str
    masked: str
    paragraphs: list[tuple[int, int]]
    sentences: list[tuple[int, int]]
    _sentence_starts: list[int] = field(default_factory=list, repr=False)
    _clean_cache: dict[tuple[int, int], str] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._sentence_starts = [s for s, _ in self.sentences]

    def sentence_index(self, pos: int) -> int:
        """Index of the sentence containing (or last starting before) ``pos``; -1 if none."""
        return bisect.bisect_right(self._sentence_starts, pos) - 1

    def sentence_of(self, pos: int) -> tuple[int, int]:
        """The sentence around ``pos`` (an empty span at ``pos`` if it is in no sentence)."""
        i = self.sentence_index(pos)
        if i >= 0 and self.sentences[i][0] <= pos < self.sentences[i][1]:
            return self.sentences[i]
        return (pos, pos)

    def clean(self, start: int, end: int) -> str:
        """The prose between two offsets with whitespace runs collapsed to one space."""
        # Every item quotes its sentence, and a sentence often holds several items.
        key = (start, end)
        text = self._clean_cache.get(key)
        if text is None:
            text = self._clean_cache[key] = " ".join(self.masked[start:end].split())
        return text


def _mask_credit_lines(masked: str) -> str:
    """Blank image-credit lines and the caption line directly above each one.

    A credit line ends with an agency name (Getty, Reuters, AP ...) and has no
    sentence stop; pasted web articles put it right under the picture's
    caption, which is a line without a stop of its own.  Neither is a source of
    facts, so both go.
    """
    if not _may_have_credits(masked):
        return masked
    for m in reversed(list(_CREDIT_LINE.finditer(masked))):
        line = m.group()
        if _SENTENCE_STOP.search(line) and not re.match(r"\s*(?:Photo|Image|Picture|Credit)s?\s*:",
                                                      line, re.I):
            continue
        start, end = m.start(), m.end()
        prev_end = start - 1 if start > 0 else -1
        if prev_end > 0 and masked[prev_end] == "\n":
            prev_start = masked.rfind("\n", 0, prev_end) + 1
            prev = masked[prev_start:prev_end].rstrip("\r")
            if prev.strip() and not re.search(r"[.!?:;\"”]\s*$", prev):
                start = prev_start
        masked = masked[:start] + blank(masked[start:end]) + masked[end:]
    return _INLINE_CREDIT.sub(lambda m: blank(m.group()), masked)


def _skip_leading_lines(masked: str, count: int) -> str:
    """Blank the first ``count`` non-blank lines (the caption and credit the build knows of)."""
    pos = 0
    while count > 0 and pos < len(masked):
        nl = masked.find("\n", pos)
        end = len(masked) if nl < 0 else nl
        if masked[pos:end].strip():
            masked = masked[:pos] + blank(masked[pos:end]) + masked[end:]
            count -= 1
        pos = end + 1
    return masked


def _mask_spans(s: str, spans: list[tuple[int, int]]) -> str:
    """``s`` with every span blanked (spans may overlap and come in any order)."""
    if not spans:
        return s
    pieces, at = [], 0
    for start, end in sorted(spans):
        start = max(start, at)
        if end > start:
            pieces += [s[at:start], blank(s[start:end])]
            at = end
    return "".join(pieces) + s[at:]


def mask(text: str, skip_lines: int = 0, markdown: bool = True) -> tuple[str, set[int]]:
    """Return the masked copy of ``text`` and the offsets of lines that start a Markdown block.

    A Markdown body (``markdown``) is first masked where markdown-it-py, the
    parser that renders it, finds no prose (`markup.non_prose`: code blocks,
    HTML blocks, link destinations, ...). The regular expressions below then
    mask the markup left in the prose, and all of a plain-text body, whose
    indented lines are paragraphs, not code.
    """
    s = text

    def sub(rx: re.Pattern, s: str) -> str:
        return rx.sub(_blank_match, s) if _needed(rx, s) else s

    s = _skip_leading_lines(s, skip_lines)
    # Wire copy quotes ``like this'': there a pair of backticks opens a
    # quotation, not a code span, and the words inside must stay.
    newswire = "``" in s and "''" in s and "```" not in s
    if markdown:
        spans = non_prose(text)
        if newswire:   # markdown-it reads a ``…'' quotation as a code span too: keep its words
            spans = [(a, b) for a, b in spans if not text.startswith("``", a)]
        s = _mask_spans(s, spans)
    for rx in (_FENCE, _HTML_COMMENT, _INLINE_CODE, _IMAGE, _LINK_DEF):
        if not (newswire and rx is _INLINE_CODE):
            s = sub(rx, s)
    if _needed(_LINK, s):
        s = _LINK.sub(lambda m: " " + m.group(2) + blank(m.group(3)), s)
    for rx in (_TAG, _URL, _RULE, _TABLE_SEP):
        s = sub(rx, s)
    block_starts: set[int] = set()
    headings: set[int] = set()

    def heading(m: re.Match) -> str:
        block_starts.add(m.start())
        headings.add(m.start())
        return blank(m.group(1)) + m.group(2) + blank(m.group(3) or "")

    if _needed(_HEADING, s):
        s = _HEADING.sub(heading, s)

    def marker(m: re.Match) -> str:
        block_starts.add(m.start())
        return blank(m.group())

    s = _BULLET.sub(marker, s)
    s = sub(_QUOTE_MARKER, s)
    if _needed(_ESCAPE, s):
        s = _HARD_BREAK.sub(" ", _ESCAPE.sub(" ", s))
    s = sub(_EMPHASIS, s)
    s = _mask_credit_lines(s)
    # A heading is a paragraph of its own: the line after it starts a new block too.
    for h in headings:
        nl = s.find("\n", h)
        if nl >= 0:
            block_starts.add(nl + 1)
    return s, block_starts


def _paragraphs(masked: str, block_starts: set[int]) -> list[tuple[int, int]]:
    """Blocks of non-blank lines; a block start or a short unpunctuated line also breaks."""
    paras: list[tuple[int, int]] = []
    start = None
    prev_line: tuple[int, int] | None = None
    pos = 0
    n = len(masked)
    while pos <= n:
        nl = masked.find("\n", pos)
        end = n if nl < 0 else nl
        line = masked[pos:end]
        if not line.strip():
            if start is not None:
                paras.append((start, prev_line[1]))
                start = None
        else:
            # A short line with no stop followed by a capitalised line is a
            # title or caption in pasted plain text, not a wrapped sentence.
            brk = pos in block_starts
            if start is not None and prev_line is not None and not brk:
                prev = masked[prev_line[0]:prev_line[1]].strip()
                first = line.lstrip()[:1]
                brk = (len(prev) < 60 and not re.search(r"[.!?:;,\"”'’(-]$", prev)
                       and (first.isupper() or first in "\"“"))
            if brk and start is not None:
                paras.append((start, prev_line[1]))
                start = None
            if start is None:
                start = pos + (len(line) - len(line.lstrip()))
            prev_line = (pos, pos + len(line.rstrip()))
        if nl < 0:
            break
        pos = nl + 1
    if start is not None and prev_line is not None:
        paras.append((start, prev_line[1]))
    return paras


def _is_abbreviation(before: str, after: str) -> bool:
    """Does the word ending ``before`` (at a stop) keep the sentence going into ``after``?"""
    m = _WORD_BEFORE.match(before)
    if not m:
        return False
    word = m.group(1).strip("'’-")
    low = word.lower()
    # An initial ("J. Smith") or a dotted acronym ("U.S.") rarely ends a sentence --
    # but an acronym or a company suffix followed by a word that only opens
    # sentences does ("throughout the U.S. The company …", "Acme Corp. The …").
    if low in _SENTENCE_END_ABBREVIATIONS:
        return not _opens_sentence(after)
    if low in ABBREVIATIONS:
        return True
    a = _INITIAL_OR_ACRONYM.fullmatch(word)
    if a is None:
        return False
    return not (a.group("acronym") and _opens_sentence(after))


def _opens_sentence(after: str) -> bool:
    nxt = _NEXT_WORD.match(after)
    return bool(nxt and nxt.group(1).lower() in _SENTENCE_OPENERS)


def _sentences(masked: str, para: tuple[int, int]) -> list[tuple[int, int]]:
    """Split one paragraph into sentences, never inside an open quotation."""
    pstart, pend = para
    chunk = masked[pstart:pend]
    out: list[tuple[int, int]] = []
    cur = 0
    quote_open = False
    qpos = 0  # quote marks before this offset are already counted in quote_open
    # (Most paragraphs quote nobody: then there are no marks to count.)
    quoting = '"' in chunk or "“" in chunk or "”" in chunk or "``" in chunk
    for m in _BOUNDARY.finditer(chunk):
        stop_end = m.start(2)  # after the stop and any closing quote marks
        if quoting and qpos < stop_end:
            for q in _QUOTE_CHARS.finditer(chunk, qpos, stop_end):
                c = q.group()
                quote_open = (not quote_open) if c == '"' else (c in ("“", "``"))
            qpos = stop_end
        if quote_open:
            continue
        nxt = chunk[m.end()]
        if not (nxt.isupper() or nxt.isdigit() or nxt in "\"“‘'([`"):
            continue
        if _is_abbreviation(chunk[max(cur, m.start() - 40):m.start()], chunk[m.end():m.end() + 30]):
            continue
        out.append((pstart + cur, pstart + stop_end))
        cur = m.end()
    if cur < len(chunk):
        out.append((pstart + cur, pend))
    return out


def prepare(text: str, skip_lines: int = 0, markdown: bool = True) -> Doc:
    """Mask ``text`` and split it into paragraphs and sentences.

    ``skip_lines`` leading non-blank lines (an image caption and credit the
    build knows about from the front matter) are masked as well, so nothing is
    ever extracted from them. ``markdown`` is False for a plain-text body.
    """
    masked, block_starts = mask(text, skip_lines, markdown)
    paragraphs = _paragraphs(masked, block_starts)
    sentences = [s for p in paragraphs for s in _sentences(masked, p)]
    return Doc(text, masked, paragraphs, sentences)
