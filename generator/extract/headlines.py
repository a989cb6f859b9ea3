"""Turn a clause's words into a timeline headline an editor would accept.

The headline is extractive: it is the clause's own words, in order, with the
date expressions, asides, comparisons and trailing attribution taken out (see
:func:`.clauses.span_tokens`), an explicit subject in front (a pronoun or
"the company" resolved to the name the article gave before it), and, when it
is still longer than about 20 words, its tail trimmed at a phrase boundary:
first whole comma-separated sections from the end, then trailing relative
clauses, then trailing prepositional phrases.  It never stops on a word that
leaves a phrase open ("of", "the", "and", "to", "was").
"""

from __future__ import annotations

import re

from . import lexicon as lx
from .clauses import Clause, Reading, Tok, _QUOTES, verb_info
from .sentences import Doc

MAX_WORDS = 20
SLACK = 2
_SPACE_BEFORE_PUNCT = re.compile(r"\s+([,;:.!?)\]”’'])")
_SPACE_AFTER_OPEN = re.compile(r"([(\[“‘])\s+")

# Nouns that stand for an organisation named earlier in the article.
ORG_NOUNS = frozenset("company concern firm thrift airline carrier bank studio maker retailer insurer "
                      "utility".split())
PERSON_NOUNS = frozenset("boy girl man woman child teenager youngster gunman suspect victim".split())


def _words(toks: list[Tok], idx: list[int]) -> int:
    return sum(1 for k in idx if toks[k].kind in ("w", "d"))


def _is_dangling(t: Tok) -> bool:
    if t.kind == "p":
        return t.text not in (")", "]") and t.text not in _QUOTES
    return t.low in lx.DANGLING


def _tidy_end(toks: list[Tok], idx: list[int], floor: int) -> list[int]:
    """Drop words from the end that leave a phrase open (never below ``floor`` words)."""
    while len(idx) > floor and (_is_dangling(toks[idx[-1]]) or (
            len(idx) > floor + 1 and _participle(toks[idx[-1]], toks[idx[-1] + 1] if idx[-1] + 1 < len(toks)
                                                 else None) and toks[idx[-2]].kind == "w"
            and not toks[idx[-2]].low in lx.AUX and not toks[idx[-2]].low.endswith("ly"))):
        idx = idx[:-1]
    # an unmatched opening bracket or quote at the end goes too
    return idx


def _participle(t: Tok, nxt: Tok | None = None) -> bool:
    """A participle left at the end of a cut ("new markets untouched [by …]")."""
    info = verb_info(t)
    if info is None:
        return False
    if info[1] == "ing" and t.low in lx.ING_NOUNS:
        return False
    if info[1] in ("pp", "ing"):
        return True
    # a past form is a participle only when the cut took its "by …" away
    return info[1] == "past" and nxt is not None and nxt.low == "by"


_ASIDE_OPENERS = frozenset("with including compared according while although though whereas because "
                           "as after before despite amid".split())


def _in_list(toks: list[Tok], idx: list[int], n: int) -> bool:
    """Is the comma at ``n`` one of a list's ("metallurgy, fuel, energy and …")?"""
    words = 0
    for m in range(n + 1, min(len(idx), n + 6)):
        t = toks[idx[m]]
        if t.kind == "p" and t.text == ",":
            return words <= 3
        if t.kind == "w" and t.low in ("and", "or"):
            return words <= 3
        words += 1
    return n + 6 >= len(idx) and words <= 3


def _before_number(toks: list[Tok], idx: list[int], n: int) -> bool:
    """ "about 549,000 marks", "over 40 people": an adverb of a number, not a preposition."""
    return toks[idx[n]].low in ("about", "around", "over", "under", "some", "nearly", "almost") and \
        n + 1 < len(idx) and toks[idx[n + 1]].text[:1].isdigit()


def _after_verb(toks: list[Tok], idx: list[int], n: int) -> bool:
    """Is word ``n`` of the headline right after a verb ("shut off", "belonged to")?"""
    if n == 0:
        return False
    prev = toks[idx[n - 1]]
    info = verb_info(prev)
    return info is not None and info[1] in ("past", "base", "pres", "pp", "ing") and prev.text[:1].islower()


def _balance(toks: list[Tok], idx: list[int]) -> list[int]:
    """Leave out quote marks and brackets that have lost their partner."""
    quotes = [k for k in idx if toks[k].kind == "p" and toks[k].text in _QUOTES and toks[k].text != "'"]
    if len(quotes) % 2:
        idx = [k for k in idx if k not in quotes]
    opens = [k for k in idx if toks[k].text in ("(", "[")]
    closes = [k for k in idx if toks[k].text in (")", "]")]
    if len(opens) != len(closes):
        idx = [k for k in idx if k not in opens and k not in closes]
    return idx


_BACKGROUND_OPENERS = frozenset(("as", "while", "after"))


def _without_background(toks: list[Tok], idx: list[int], head_pos: int) -> list[int]:
    """Drop a trailing ", as the fire spread …" / ", while …" / ", after …" clause: what else went on.

    Only a clause (its subject opens with a determiner, a pronoun or a name), so
    ", as expected" and ", as well as …" stay; and only when the headline keeps
    its verb and at least four words.
    """
    for n in range(head_pos + 1, len(idx) - 2):
        t, opener, nxt = toks[idx[n]], toks[idx[n + 1]], toks[idx[n + 2]]
        if t.text == "," and opener.low in _BACKGROUND_OPENERS and nxt.kind == "w" and (
                nxt.low in lx.DETERMINERS or nxt.low in lx.PRONOUNS or nxt.text[:1].isupper()) \
                and _words(toks, idx[:n]) >= 4:
            return idx[:n]
    return idx


def trim(r: Reading, c: Clause, idx: list[int], limit: int = MAX_WORDS) -> list[int] | None:
    """Cut ``idx`` (token indices of a headline) to at most ``limit`` words at phrase boundaries."""
    toks = r.toks
    coords = {k for k, _ in r.coords}
    head_pos = next((n for n, k in enumerate(idx) if k > c.head), len(idx))
    floor = head_pos   # never cut into the subject or the verb group
    idx = _tidy_end(toks, _without_background(toks, idx, head_pos), floor)
    # "at most about 20 words": a clause a word or two over is kept whole rather than cut
    if _words(toks, idx) <= (limit + SLACK if limit == MAX_WORDS else limit):
        return _tidy_end(toks, _balance(toks, idx), floor)

    def cut_points(kinds: str) -> list[int]:
        pts = []
        depth = 0
        for n in range(head_pos + 1, len(idx)):
            t = toks[idx[n]]
            if t.text in ("(", "["):
                depth += 1
            elif t.text in (")", "]"):
                depth = max(0, depth - 1)
            if depth:
                continue
            if t.kind == "p" and t.text == "," and n + 1 < len(idx):
                nxt = toks[idx[n + 1]]
                aside = nxt.kind == "w" and (nxt.low in lx.RELATIVES or nxt.low in _ASIDE_OPENERS
                                             or (verb_info(nxt) or ("", ""))[1] == "ing")
                if "a" in kinds and aside:
                    pts.append(n)
                elif "," in kinds and not _in_list(toks, idx, n):
                    pts.append(n)
            if "r" in kinds and t.kind == "w" and (t.low in lx.RELATIVES or t.low in lx.SUBORDINATORS
                                                  or idx[n] in coords):
                pts.append(n)
            if "p" in kinds and t.kind == "w" and (t.low in lx.PREPOSITIONS or t.low == "to") \
                    and t.low != "of" and not _after_verb(toks, idx, n) and not _before_number(toks, idx, n):
                pts.append(n)
            if "P" in kinds and t.kind == "w" and (t.low in lx.PREPOSITIONS or t.low in ("to", "that")):
                pts.append(n)
        return pts

    for kinds in ("a", ",", "r", "p", "P"):
        while _words(toks, idx) > limit:
            pts = [n for n in cut_points(kinds) if n > head_pos]
            if not pts:
                break
            # the latest cut that leaves a phrase that reads; go on cutting while too long
            n = pts[-1]
            cand = _tidy_end(toks, idx[:n], floor)
            if len(cand) <= floor + 0 or _words(toks, cand) < 4:
                # no room: try an earlier cut point only if it still leaves the verb an object
                break
            idx = cand
        if _words(toks, idx) <= limit:
            return _tidy_end(toks, _balance(toks, idx), floor)
    return None


def render(doc: Doc, toks: list[Tok], idx: list[int], prefix: str = "") -> str:
    """The headline text: the kept tokens' own words (runs of adjacent tokens copied whole)."""
    parts: list[str] = [prefix] if prefix else []
    n = 0
    while n < len(idx):
        m = n
        while m + 1 < len(idx) and idx[m + 1] == idx[m] + 1:
            m += 1
        parts.append(doc.clean(toks[idx[n]].start, toks[idx[m]].end))
        n = m + 1
    text = " ".join(p for p in parts if p)
    text = _SPACE_BEFORE_PUNCT.sub(r"\1", text)
    text = _SPACE_AFTER_OPEN.sub(r"\1", text)
    text = text.strip(" ,;:-_—–")
    text = re.sub(r",\s*,", ",", text)
    return text[:1].upper() + text[1:] if text else text


def dangling_end(text: str) -> bool:
    """Does ``text`` stop on a word that leaves a phrase open ("… was", "… of the")?"""
    words = re.findall(r"[\w'’.-]+", text)
    return not words or words[-1].lower().strip(".") in lx.DANGLING or text.rstrip()[-1:] in ",;:-(—–"


def org_before(index, pos: int) -> str | None:
    """The organisation the article has named most before ``pos`` (the latest, on a tie).

    "The company", "the thrift" and "it" stand for the organisation the story
    is about far more often than for the one named last.
    """
    if index is None:
        return None
    count: dict[str, list[int]] = {}
    for n, m in enumerate(index.mentions):
        if m.start < pos and m.kind == "organisation" and m.text not in _AGENCIES:
            c = count.setdefault(m.key, [0, 0])
            c[0] += 1
            c[1] = n
    if not count:
        return None
    key = max(count, key=lambda k: tuple(count[k]))
    return index.groups[key].name


_AGENCIES = frozenset("AP UPI AFP Reuters Xinhua Bloomberg Kyodo dpa Itar-Tass Interfax".split())
_NAME_GLUE = frozenset("of de da di du del der van von bin al el la le and &".split())


def _subject_name(doc: Doc, si: int) -> tuple[str, int] | None:
    """The capitalised name that is the subject of sentence ``si`` ("Margalit Har-Shefi, 22, has …")."""
    from .clauses import find_clause, tokenize, read
    s, e = doc.sentences[si]
    toks = tokenize(doc.masked, s, e, ())
    r = read(doc.text, toks, s)
    c = r.main
    if c is None:
        return None
    words = [t for t in toks[c.s:c.subj_end] if t.kind == "w"]
    # the trailing run of capitalised words: "Hungarian astronaut Bertalan Farkas" -> "Bertalan Farkas"
    run: list[Tok] = []
    for t in reversed(words):
        if t.text[:1].isupper() or (run and t.low in _NAME_GLUE):
            run.insert(0, t)
        else:
            break
    while run and run[0].low in _NAME_GLUE:
        run = run[1:]
    if not run or len(run) > 6 or (len(run) == 1 and c.s == run[0].i and len(words) == 1 and
                                   run[0].low in lx.DETERMINERS):
        return None
    if run[-1].low.endswith(("'s", "’s")):
        return None
    return doc.clean(run[0].start, run[-1].end), run[0].start


def _looks_org(name: str) -> bool:
    from . import gazetteer as gz
    from .names import _lookup_org
    low = name.lower().split()
    return bool(_lookup_org(name)) or low[-1].rstrip(".") in gz.ORG_SUFFIXES or name.isupper()


def _looks_place(name: str) -> bool:
    from .names import _is_place
    return _is_place(name)


def person_before(index, pos: int, doc: Doc | None = None) -> str | None:
    """The person a "he"/"she" at ``pos`` stands for: a subject of the sentences just before, else
    the person the name index saw last."""
    if doc is not None:
        si = doc.sentence_index(pos)
        for j in range(si - 1, max(-1, si - 4), -1):
            found = _subject_name(doc, j)
            if found is None:
                continue
            name, at = found
            if index is not None:
                m = index.mention_at(at, at + len(name))
                if m is not None and m.kind != "person":
                    continue
                if m is not None:
                    return index.groups[m.key].name
            if len(name.split()) >= 2 and not _looks_org(name) and not _looks_place(name):
                return name
    if index is None:
        return None
    return index.last_person_before(pos)


def org_fallback(doc: Doc, index, pos: int) -> str | None:
    """An organisation that was the subject of one of the sentences just before ``pos``."""
    si = doc.sentence_index(pos)
    for j in range(si - 1, max(-1, si - 4), -1):
        found = _subject_name(doc, j)
        if found is None:
            continue
        name, at = found
        kind = None
        if index is not None:
            m = index.mention_at(at, at + len(name))
            kind = m.kind if m is not None else None
        if name in _AGENCIES:
            continue
        if kind == "organisation" or (kind is None and not _looks_place(name) and
                                      (_looks_org(name) or len(name.split()) <= 3)):
            return name
    return None


def full_name(index, toks: list[Tok], s: int, e: int) -> str | None:
    """A person's full name for a subject written as "Mr. Stronach" or "Annan"."""
    if index is None:
        return None
    words = [t for t in toks[s:e] if t.kind == "w"]
    if not words or len(words) > 2:
        return None
    if len(words) == 2 and words[0].low.rstrip(".") not in ("mr", "mrs", "ms", "miss", "dr"):
        return None
    last = words[-1]
    if not last.text[:1].isupper() or last.low in lx.PRONOUNS:
        return None
    key = index.person_for_part(last.text, last.start)
    if key is None:
        m = index.mention_at(last.start, last.end)
        if m is None or m.kind != "person":
            return None
        key = m.key
    name = index.groups[key].name
    if len(name.split()) <= 1 or name == last.text:
        return None
    if name.split()[-1] != last.text:
        return None   # a short form is the surname ("Annan"); "Virginia" is not Virginia Welch
    return name


def subject_prefix(doc: Doc, index, toks: list[Tok], s: int, e: int) -> tuple[str | None, int] | None:
    """How to write the subject ``toks[s:e]`` explicitly.

    Returns ``(replacement, n)``: write ``replacement`` in place of the first
    ``n`` tokens (``(None, 0)``: the subject is fine as written), or None when
    the subject is a pronoun we cannot resolve (then there is no headline).
    """
    words = [k for k in range(s, e) if toks[k].kind == "w"]
    if not words:
        return None
    first = toks[words[0]]
    low = first.low
    pos = first.start
    if low in ("he", "she", "him", "her") and len(words) == 1:
        name = person_before(index, pos, doc)
        return (name, words[0] - s + 1) if name else None
    if low in ("his", "her"):
        name = person_before(index, pos, doc)
        return (name + "'s", words[0] - s + 1) if name else None
    if low == "it" and len(words) == 1:
        name = org_fallback(doc, index, pos) or org_before(index, pos)
        return (name, words[0] - s + 1) if name else None
    if low == "its":
        name = org_before(index, pos) or org_fallback(doc, index, pos)
        return (name + "'s", words[0] - s + 1) if name else None
    if low in ("they", "them", "their", "we", "i", "you", "our", "my", "your", "us"):
        return None
    if low == "the" and len(words) == 2:
        noun = toks[words[1]].low
        if noun in ORG_NOUNS:
            name = org_before(index, pos) or org_fallback(doc, index, pos)
            if name and name.lower() not in ("the " + noun,):
                return (name, words[1] - s + 1)
        if noun in PERSON_NOUNS:
            name = person_before(index, pos, doc)
            if name:
                return (name, words[1] - s + 1)
    name = full_name(index, toks, s, e)
    if name:
        return (name, words[-1] - s + 1)
    return (None, 0)
