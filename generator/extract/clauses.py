"""Read the clauses of one news sentence: its main clause, its asides, and where its dates sit.

No parser: the sentence is cut into tokens (words, punctuation, and each date
mention as one token), and the structure news sentences almost always have is
read off them with word lists (:mod:`.lexicon`):

    [DATELINE] [LEADS ,] SUBJECT [, APPOSITIVE ,] VERB-GROUP PREDICATE [, ATTRIBUTION]

* a **dateline** ("ADDIS ABABA, Ethiopia (AP)_", "WASHINGTON _") is dropped;
* **leads** are what opens the sentence before its subject: a linking word
  ("Also", "Meanwhile,"), a time adverbial ("On Friday,", "In Washington
  today,") whose date is the main clause's, or a side clause ("Since KKR
  bought RJR in February,", "With the election due this September,") whose
  date is not;
* the **subject** runs to the first finite verb, stepping over commas that
  set off an appositive or a relative clause ("Mr. Stronach, founder of Magna,
  resigned"); a relative word in the subject ("officials who monitor …
  said") hands its own verb to the relative clause;
* the **predicate** runs to the clause end (";", a dash, ":"), less a trailing
  **attribution** (", officials said", ", the airline announced Friday",
  ", according to …");
* inside the predicate, **side regions** are relative and subordinate clauses
  (", which …", "until …", "as soon as trading opened Monday") and
  comparisons ("up from …", ", compared with …"): a date there belongs to a
  side detail, not to the main event.

A reporting verb ("said", "told his Cabinet") opens a **complement** clause,
read the same way; its dates date the reported event, and the frame's own date
("said Friday") dates only the saying.

Each date token gets a **role** from where it sits ("main", "lead", "frame",
"complement", "subject", "attribution", "side", "since", "comparison",
"deadline", "period-end", "adjective", "dateline", "quote", "aside"), which
:mod:`.events` uses to pick the date of the event, and :func:`headline_tokens`
builds the headline from the clause's words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import lexicon as lx

# Words, numbers, and the punctuation that matters to clause structure.  A date
# mention is merged into one token afterwards.
_TOKEN = re.compile(r"``|''|--|[\"“”‘’()\[\];:,?!—–]|(?<!\w)_(?!\w)|(?<!\w)'|(?<![\w.])-(?=\s)"
                    r"|[$£€#]?\d[\d,.:/]*\d%?[\w'’-]*|[$£€#]?\d%?[\w'’-]*|[\w&][\w&'’./-]*")
_ABBREV_END = re.compile(r"(?:[A-Za-z]\.){2,}$|(?:Inc|Corp|Co|Ltd|Bros|Jr|Sr|St|Mr|Mrs|Ms|Dr)\.$")
_OPEN_QUOTES = frozenset(("``", "“", "‘", '"'))
_CLOSE_QUOTES = frozenset(("''", "”", "’", '"'))
_QUOTES = _OPEN_QUOTES | _CLOSE_QUOTES | {"'"}
_DASHES = frozenset(("--", "—", "–", "_", "-"))
# A dateline: "ADDIS ABABA, Ethiopia (AP)_", "NAIROBI, August 7 (Xinhua) --", "WASHINGTON _",
# "LINBY - ", "CARROW (Coastal Wire) - ": a known agency in brackets after any place, any
# agency after a place in capitals (then a dash must follow), or a place in capitals and a dash.
_DATELINE = re.compile(
    r"\s*(?:[A-Z][A-Za-z.'’ -]{1,40}?(?:,\s*[A-Z][\w.'’ -]{1,30}?){0,2}\s*)?"
    r"\((?:AP|Xinhua|Reuters|AFP|UPI|CNN|dpa|Kyodo|PA|NYT|Bloomberg)\)\s*(?:[_—–-]+|:)?\s*"
    r"|\s*[A-Z][A-Z.'’ -]{2,40}(?:,\s*[A-Z][\w.'’ ]{1,30}?)?\s*\([A-Z][\w&.'’ -]{1,30}\)\s*(?:_|--|-|—|–|:)\s+"
    r"|\s*[A-Z][A-Z.'’ -]{2,40}(?:,\s*[A-Z][\w.'’ ]{1,30}?)?\s+(?:_|--|-|—|–)\s+")


@dataclass(slots=True)
class Tok:
    text: str
    low: str
    start: int
    end: int
    kind: str                 # "w" word, "p" punctuation, "d" date mention
    date: object = None       # the mention, for "d"
    role: str = ""            # for "d": where the date sits (set by read())
    i: int = 0                # index in the sentence's token list


@dataclass
class Clause:
    """A clause: subject tokens ``[s, verb)`` (appositives left out) and predicate ``[verb, end)``."""

    s: int
    subj_end: int             # end of the subject's own words (before any appositive)
    verb: int                 # first token of the verb group
    head: int                 # the main verb
    vg_end: int               # first token after the verb group
    end: int
    lemma: str
    appositive: tuple[int, int] | None = None
    negated: bool = False
    modal: bool = False
    perfect: bool = False
    pluperfect: bool = False
    passive: bool = False
    progressive: bool = False
    copula: bool = False


@dataclass
class Reading:
    toks: list[Tok]
    body: int                                     # first token after dateline and leads
    leads: list[tuple[int, int, str]] = field(default_factory=list)
    main: Clause | None = None
    attribution: tuple[int, int] | None = None    # trailing ", X said …" (token span)
    complement: Clause | None = None              # the reported clause of "X said Y"
    asides: list[tuple[int, int]] = field(default_factory=list)
    sides: list[tuple[int, int, str]] = field(default_factory=list)
    quoted: bool = False                          # the sentence opens with a quotation
    coords: list[tuple[int, str]] = field(default_factory=list)   # "and"/"but" joining verbs or clauses


# -- tokens --------------------------------------------------------------------------

_PARTS_OF_DAY = frozenset("morning afternoon evening night overnight".split())


def tokenize(masked: str, start: int, end: int, mentions) -> list[Tok]:
    toks: list[Tok] = []
    for m in _TOKEN.finditer(masked, start, end):
        text = m.group()
        kind = "w" if (text[0].isalnum() or text[0] in "$£€#&") else "p"
        toks.append(Tok(text, text.lower(), m.start(), m.end(), kind))
    # The sentence's closing stop is not part of its last word ("Friday." -> "Friday").
    for t in reversed(toks):
        if t.kind == "w":
            if t.text.endswith(".") and len(t.text) > 1 and not _ABBREV_END.search(t.text):
                t.text, t.low, t.end = t.text[:-1], t.low[:-1], t.end - 1
            break
    if not mentions:
        for n, t in enumerate(toks):
            t.i = n
        return toks
    out: list[Tok] = []
    ms = sorted(mentions, key=lambda m: m.start)
    mi = 0
    for t in toks:
        while mi < len(ms) and ms[mi].end <= t.start:
            mi += 1
        if mi < len(ms) and ms[mi].start < t.end and t.start < ms[mi].end:
            m = ms[mi]
            if out and out[-1].kind == "d" and out[-1].date is m:
                out[-1].end = max(out[-1].end, t.end)
                out[-1].text = masked[out[-1].start:out[-1].end]
                out[-1].low = out[-1].text.lower()
            else:
                s = min(m.start, t.start)
                e = max(m.end, t.end)
                out.append(Tok(masked[s:e], masked[s:e].lower(), s, e, "d", m))
        elif out and out[-1].kind == "d" and t.low.removesuffix("'s").removesuffix("’s") in _PARTS_OF_DAY \
                and out[-1].end == t.start - 1:
            # "on Tuesday morning": the part of the day belongs to the date, not a noun it qualifies
            out[-1].end = t.end
            out[-1].text = masked[out[-1].start:out[-1].end]
            out[-1].low = out[-1].text.lower()
        else:
            out.append(t)
    for n, t in enumerate(out):
        t.i = n
    return out


# -- words ---------------------------------------------------------------------------

def _is_cap(t: Tok) -> bool:
    return t.kind == "w" and t.text[:1].isupper()


def _prev_word(toks: list[Tok], k: int) -> Tok | None:
    return toks[k - 1] if k > 0 else None


def verb_info(t: Tok) -> tuple[str, str] | None:
    """(base, tag) for a word that can be a verb form; None otherwise."""
    if t.kind != "w":
        return None
    low = t.low
    if low.endswith(("’s", "'s")):
        return None
    info = lx.FORMS.get(low)
    if info is not None:
        return info
    if (len(low) > 4 and low.endswith("ed") and low.isalpha() and low not in lx.NOT_VERBS_ED):
        # "denounced" is "denounce" + "d" when the lists know that base, else the stem before "ed"
        return (low[:-1] if low[:-1] in lx.KNOWN_BASES else low[:-2], "past")
    return None


_PERIOD_NOUNS = frozenset("quarter year months weeks period half days session".split())


def _aux(low: str) -> str:
    """The auxiliary in ``low`` ("didn't" -> "did", "won't" -> "will"), or ""."""
    if low in lx.AUX:
        return low
    if low.endswith(("n't", "n’t")):
        stem = low[:-3]
        stem = {"ca": "can", "wo": "will", "sha": "shall"}.get(stem, stem)
        if stem in lx.AUX:
            return stem
    return ""


def _adverb(t: Tok) -> bool:
    return t.kind == "w" and (t.low in lx.VERB_ADVERBS or (t.low.endswith("ly") and len(t.low) > 4
                                                           and t.low not in ("early", "family", "july", "italy",
                                                                             "rally", "supply", "apply",
                                                                             "reply", "ally", "only")))


def _finite(toks: list[Tok], k: int, end: int) -> bool:
    """Is token ``k`` the start of a finite verb group?"""
    if k >= end or k >= len(toks):
        return False
    t = toks[k]
    if t.kind != "w" or not t.text[:1].islower():
        return False
    prev = toks[k - 1] if k > 0 else None
    plow = prev.low if prev is not None and prev.kind == "w" else ""
    if _aux(t.low) and t.low not in lx.AUX:
        return plow not in ("to",)
    if t.low in lx.AUX:
        if t.low in ("be", "been", "being", "having"):
            return False
        return plow not in ("to",)
    info = verb_info(t)
    if info is None:
        return False
    base, tag = info
    if tag == "ing" or tag == "pp":
        return False
    if base in ("end", "close") and prev is not None and (plow in _PERIOD_NOUNS or (
            prev.kind == "d" and prev.low.split()[-1] in _PERIOD_NOUNS)):
        return False      # "the quarter ended Sept. 30"
    if plow in lx.DETERMINERS or plow in ("to", "of", "'s") or plow.endswith(("'s", "’s")):
        return False
    if prev is not None and prev.kind == "w" and plow in lx.PREPOSITIONS and plow not in ("up", "out", "down", "off"):
        return False
    if tag == "past":
        nxt = toks[k + 1] if k + 1 < end else None
        if nxt is not None and nxt.low == "by" and _later_finite(toks, k + 2, end):
            return False   # "the rules drafted by …" is a reduced relative
        return True
    if tag == "pres":
        nxt = toks[k + 1] if k + 1 < end else None
        if nxt is not None and nxt.kind == "w" and nxt.text[:1].islower() and (
                _aux(nxt.low) or (verb_info(nxt) or ("", ""))[1] == "past"):
            return False      # "employment gains came": a noun before the verb
        if base in lx.NOUN_LIKE_BASES:
            return prev is not None and (_is_cap(prev) or plow in lx.PRONOUNS)
        return prev is not None and plow not in lx.PREPOSITIONS
    # a bare base form: only after "they"/"we" or a plural noun -- or, for a verb whose past is
    # its base form, a past after any subject when an object follows ("the storm hit the coast")
    if base in lx.SAME_PAST and _object_follows(toks, k + 1, end) and (
            plow in lx.PRONOUNS or (prev is not None and prev.kind == "w" and plow not in lx.AUX
                                    and plow not in lx.PREPOSITIONS and plow not in lx.CONJUNCTIONS)):
        return True
    if base in lx.NOUN_LIKE_BASES:
        return plow in ("they", "we", "i", "you")
    return plow in ("they", "we", "i", "you") or (
        len(plow) > 3 and plow.endswith("s") and not plow.endswith("ss") and verb_info(prev) is None
        and prev.text.islower())


def _object_follows(toks: list[Tok], k: int, end: int) -> bool:
    """Does an object start at ``k``: a determiner, a number, a name or a pronoun ("hit *the* coast")?"""
    if k >= end or toks[k].kind != "w":
        return False
    t = toks[k]
    return (t.low in lx.DETERMINERS or t.low[:1].isdigit() or t.low in ("him", "her", "them", "it", "us", "fire")
            or (_is_cap(t) and t.low not in lx.DETERMINERS))


def _later_finite(toks: list[Tok], k: int, end: int) -> bool:
    while k < end:
        t = toks[k]
        if t.kind == "p" and t.text in (",", ";", ":"):
            return False
        if t.kind == "w" and (t.low in lx.AUX or (verb_info(t) or ("", ""))[1] in ("past", "pres")) \
                and t.text[:1].islower() and _finite(toks, k, end):
            return True
        k += 1
    return False


def _verb_group(toks: list[Tok], k: int, end: int) -> tuple[int, int, dict]:
    """(head index, end index, features) of the verb group starting at ``k``."""
    feats = {"negated": False, "modal": False, "perfect": False, "pluperfect": False, "passive": False,
             "progressive": False}
    head = k
    seen_be = seen_have = False
    i = k
    while i < end:
        t = toks[i]
        if t.kind == "d":
            i += 1
            continue
        if t.kind != "w":
            break
        low = t.low
        if low in lx.NEGATIONS or low.endswith(("n't", "n’t")):
            feats["negated"] = True
            a = _aux(low)
            if a:
                seen_have = seen_have or a in lx.HAVE
                seen_be = seen_be or a in lx.BE
                head = i
                if a in lx.MODALS:
                    feats["modal"] = True
            i += 1
            continue
        if _adverb(t) and i > k:
            i += 1
            continue
        if i == k and low not in lx.AUX:
            head = i          # a simple tense: the verb is the group
            i += 1
            break
        if low in lx.AUX and (i == k or low in ("be", "been", "being", "have", "has", "had", "having")):
            if low in lx.MODALS:
                feats["modal"] = True
            if low in lx.HAVE:
                seen_have = True
                if low == "had":
                    feats["pluperfect"] = True
            if low in lx.BE:
                seen_be = True
            head = i
            i += 1
            continue
        info = verb_info(t)
        if info is not None and i > k and t.text[:1].islower():
            base, tag = info
            if tag in ("pp", "past") and (seen_be or seen_have) and base != "be":
                if seen_be:
                    feats["passive"] = True
                else:
                    feats["perfect"] = True
                head = i
                i += 1
                continue
            if tag == "ing" and seen_be:
                feats["progressive"] = True
                head = i
                i += 1
                continue
            if tag == "base" and feats["modal"] or (tag == "base" and toks[k].low in ("do", "does", "did")):
                head = i
                i += 1
                continue
        break
    # "had" that is not an auxiliary is "had" the main verb
    if feats["pluperfect"] and not feats["perfect"] and not feats["passive"]:
        feats["pluperfect"] = False
    while i > head + 1 and _adverb(toks[i - 1]):
        i -= 1   # trailing adverbs ("said privately") belong to the predicate
    feats["perfect"] = feats["perfect"] or feats["pluperfect"]
    return head, i, feats


def _lemma(t: Tok) -> str:
    info = verb_info(t)
    if info is not None:
        return info[0]
    if t.low.endswith("n't"):
        return {"ca": "can", "wo": "will"}.get(t.low[:-3], t.low[:-3])
    return t.low


# -- structure -----------------------------------------------------------------------

def _dateline_end(text: str, toks: list[Tok], s: int) -> int:
    m = _DATELINE.match(text, s)
    if not m or m.end() - s < 3:
        return 0
    i = 0
    while i < len(toks) and toks[i].start < m.end():
        i += 1
    if i >= len(toks) or i < 1:
        return 0
    for t in toks[:i]:
        if t.kind == "d":
            t.role = "dateline"
    return i


def _next_comma(toks: list[Tok], i: int, end: int) -> int:
    """Index of the next comma at bracket depth 0 in ``[i, end)``, or -1."""
    depth = 0
    inq = False
    for k in range(i, end):
        t = toks[k]
        if t.kind != "p":
            continue
        if t.text in "([":
            depth += 1
        elif t.text in ")]":
            depth = max(0, depth - 1)
        elif t.text in _QUOTES and t.text != "'":
            inq = not inq if t.text == '"' else t.text in _OPEN_QUOTES
        elif t.text == "," and depth == 0 and not inq:
            return k
        elif t.text in (";", ":") and depth == 0:
            return -1
    return -1


def _leads(toks: list[Tok], i: int, end: int) -> tuple[int, list[tuple[int, int, str]]]:
    leads: list[tuple[int, int, str]] = []
    while i < end:
        t = toks[i]
        low = t.low
        if t.kind == "p" and t.text in (",", "_", "--", "—", "–", "-", ":"):
            i += 1
            continue
        if t.kind == "d":
            j = i + 1
            if j < end and toks[j].kind == "p" and toks[j].text == ",":
                j += 1
            leads.append((i, j, "time"))
            t.role = "lead"
            i = j
            continue
        if t.kind != "w":
            break
        phrase = next((p for p in lx.LEAD_PHRASES if _starts_with(toks, i, p)), None)
        if phrase and phrase not in ("in another",):
            n = len(phrase.split())
            j = i + n
            if j < end and toks[j].text == ",":
                j += 1
            leads.append((i, j, "link"))
            i = j
            continue
        if low in lx.DISCOURSE and i + 1 < end and not (i + 1 < end and _finite(toks, i + 1, end)
                                                          and low in ("so", "yet", "still", "now")):
            j = i + 1
            if j < end and toks[j].text == ",":
                j += 1
            leads.append((i, j, "link"))
            i = j
            continue
        if low in ("earlier", "later", "just", "also") and i + 1 < end and toks[i + 1].kind == "d":
            leads.append((i, i + 1, "link"))
            i += 1
            continue
        kind = None
        if low in ("since", "while", "whereas", "although", "though", "because", "if", "unless", "once",
                   "when", "after", "before", "as", "until", "with", "without", "despite", "to"):
            kind = "side"
        elif low in lx.PREPOSITIONS or low in ("according",):
            kind = "time"
        elif _is_cap(t) and (low.endswith("ing") or (verb_info(t) or ("", ""))[1] in ("past", "pp")
                             or low in ("tired", "faced", "asked")) and low not in lx.FORMS.get(low, ("", ""))[:0]:
            kind = "side"
        if kind is None:
            break
        c = _next_comma(toks, i, end)
        if c < 0 or c - i > 30:
            break
        # A prepositional lead with a finite verb of its own is a clause ("After X did Y, …").
        if kind == "time" and low not in ("in", "on", "at", "during", "over", "for", "by", "throughout",
                                          "from", "among", "under", "according"):
            kind = "side"
        if kind == "time" and any(_finite(toks, k, c) for k in range(i + 1, c)):
            if low in lx.PREPOSITIONS and low not in lx.SUBORDINATORS:
                break     # "In Los Angeles that lesson was brought home today when …": the main clause
            kind = "side"
        if low == "since" or (low in ("after", "before", "when", "as", "until") and kind == "side"):
            kind = "since" if low == "since" else "side"
        for k in range(i, c):
            if toks[k].kind == "d":
                toks[k].role = "lead" if kind == "time" else ("since" if kind == "since" else "side")
        leads.append((i, c + 1, kind))
        i = c + 1
    return i, leads


def _starts_with(toks: list[Tok], i: int, phrase: str) -> bool:
    words = phrase.split()
    return all(i + n < len(toks) and toks[i + n].low == w for n, w in enumerate(words))


def find_clause(toks: list[Tok], i: int, end: int) -> Clause | None:
    """The clause starting at ``i``: its subject, first finite verb group and end."""
    k = i
    depth = 0
    skip_rel = False
    in_paren = False
    commas: list[int] = []
    while k < end:
        t = toks[k]
        if t.kind == "p":
            if t.text in "([":
                depth += 1
            elif t.text in ")]":
                depth = max(0, depth - 1)
            elif t.text in _QUOTES and t.text != "'":
                return None   # a quotation before any verb: a soundbite, not a clause we can read
            elif t.text in (";", ":") or t.text in _DASHES:
                if depth == 0 and t.text in _DASHES and t.text != "-":
                    close = next((j for j in range(k + 1, min(end, k + 25)) if toks[j].text == t.text), -1)
                    if close > 0:
                        k = close + 1      # an aside in dashes: "its new strategy -- started … --"
                        in_paren = False   # "X, which owns half of -- Y --, posted …"
                        continue
                if depth == 0 and t.text not in ("-",):
                    return None
            elif t.text == "," and depth == 0:
                commas.append(k)
                in_paren = False
                nxt = toks[k + 1] if k + 1 < end else None
                if nxt is not None and nxt.kind == "w" and ((verb_info(nxt) or ("", ""))[1] == "ing"
                                                            or nxt.low in lx.RELATIVES):
                    in_paren = True   # ", reeling from …," / ", who …,": an aside in the subject
            k += 1
            continue
        if t.kind == "d" or depth > 0 or in_paren:
            k += 1
            continue
        low = t.low
        if low in lx.RELATIVES and k > i:
            skip_rel = True
            k += 1
            continue
        if low == "that" and k > i and toks[k - 1].kind == "w" and toks[k - 1].text[:1].islower() \
                and verb_info(toks[k - 1]) is None:
            skip_rel = True
            k += 1
            continue
        if _finite(toks, k, end):
            if skip_rel:
                skip_rel = False
                _, k, _ = _verb_group(toks, k, end)
                continue
            head, vg_end, feats = _verb_group(toks, k, end)
            s = i
            subj_end = commas[0] if commas else k
            appositive = None
            if commas:
                last = commas[-1]
                if last + 1 < k and not any(toks[j].kind == "p" and toks[j].text == "," for j in range(last + 1, k)):
                    # words between the last comma and the verb: they are the subject
                    # ("Cambodia's capital, Second Prime Minister Hun Sen staged …")
                    if not (toks[last + 1].low in lx.RELATIVES):
                        s, subj_end = last + 1, k
                if s == i and len(commas) >= 2:
                    appositive = (commas[0] + 1, commas[1])
            while subj_end > s and (toks[subj_end - 1].kind == "d" or toks[subj_end - 1].low in
                                    ("on", "in", "at", "during", "earlier", "later", "also")):
                subj_end -= 1
            if subj_end <= s:
                return None
            lemma = _lemma(toks[head])
            c = Clause(s, subj_end, k, head, vg_end, end, lemma, appositive, **feats)
            c.copula = lemma == "be" and not c.passive and not c.progressive
            return c
        k += 1
    return None


def _clause_end(toks: list[Tok], v: int, end: int) -> tuple[int, list[tuple[int, int]]]:
    """End of the clause whose verb is at ``v``, and the asides (dashes, brackets) inside it."""
    asides: list[tuple[int, int]] = []
    k = v
    while k < end:
        t = toks[k]
        if t.kind == "p":
            if t.text == ";":
                return k, asides
            if t.text == ":" and not (k + 1 < end and toks[k + 1].kind == "d"):
                return k, asides
            if t.text in ("(", "["):
                close = next((j for j in range(k + 1, end) if toks[j].text in (")", "]")), -1)
                if close < 0:
                    return k, asides
                asides.append((k, close + 1))
                k = close + 1
                continue
            if t.text in _DASHES and t.text != "-":
                close = next((j for j in range(k + 1, end) if toks[j].text == t.text), -1)
                if close > 0 and close - k < 25:
                    asides.append((k, close + 1))
                    k = close + 1
                    continue
                return k, asides
        k += 1
    return end, asides


_ATTRIBUTION_VERBS = frozenset("said says say reported reports announced announces added adds told tells stated "
                               "states noted notes explained explains confirmed confirms according wrote writes "
                               "declared argued insisted estimated predicted".split())


def _attribution(toks: list[Tok], v: int, end: int) -> int:
    """Start (a comma) of a trailing attribution in ``(v, end)``, or -1."""
    k = v + 1
    while k < end:
        c = _next_comma(toks, k, end)
        if c < 0:
            return -1
        rest = [t for t in toks[c + 1:end]]
        words = [t for t in rest if t.kind in ("w", "d")]
        if words:
            first = words[0].low
            if first == "according" and len(words) > 1 and words[1].low == "to":
                return c
            if first in ("said", "says", "added", "reported") and len(words) > 1 and len(rest) < 30 and (
                    words[1].text[:1].isupper() or words[1].low in lx.DETERMINERS):
                return c          # ", said Gerard Rice, a former IRA prisoner …"
            if first in lx.RELATIVES or first == "that":
                k = c + 1
                continue
            # ", [NP up to 8 words] said [rest]"
            for n, t in enumerate(rest[:10]):
                if t.kind == "p" and t.text != "'":
                    if t.text in _CLOSE_QUOTES:
                        continue
                    break
                if t.kind == "w" and t.low in _ATTRIBUTION_VERBS:
                    if n == 0 or not all(x.kind != "w" or x.low not in lx.AUX for x in rest[:n]):
                        break
                    after = rest[n + 1:]
                    if any(_finite(rest, j, len(rest)) for j in range(n + 1, len(rest))
                           if rest[j].kind == "w" and rest[j].low not in ("said",)):
                        # the attribution introduces a clause of its own: not trailing
                        if any(x.low == "that" for x in after[:3]):
                            break
                    return c
                if t.kind == "w" and n > 0 and _finite(rest, n, len(rest)):
                    break
        k = c + 1
    return -1


# Words that open a side region inside a predicate.
_SIDE_CLAUSE = frozenset("while whereas although though because unless if once whether".split())
_COMPARE_BEFORE = {"from": "start", "than": "comparison", "versus": "comparison", "vs.": "comparison",
                   "over": "comparison", "since": "since", "until": "deadline", "till": "deadline",
                   "through": "running", "ended": "period-end", "ending": "period-end",
                   "ends": "period-end", "by": "deadline", "of": "of", "with": "with", "to": "to"}
_COMPARE_PHRASE = re.compile(r"^(?:,\s*)?(?:up|down|compared|versus|vs\.?|as\s+against|from|more\s+than\s+twice|"
                             r"a\s+gain\s+from|an?\s+(?:increase|decrease|rise|drop|decline)\s+(?:of|from))\b", re.I)


def _mark_predicate(r: Reading, c: Clause, default_role: str) -> None:
    """Give each date in the predicate ``[c.vg_end, c.end)`` a role, and record side regions."""
    toks = r.toks
    k = c.verb
    region_end = -1
    region_kind = ""
    while k < c.end:
        t = toks[k]
        if k >= region_end:
            region_kind = ""
        if t.kind == "p" and t.text == ",":
            region_end = -1
            region_kind = ""
            nxt = _next_word(toks, k + 1, c.end)
            if nxt is not None:
                rest = " ".join(x.low for x in toks[nxt:min(c.end, nxt + 4)])
                if _COMPARE_PHRASE.match(rest):
                    region_end, region_kind = c.end, "comparison"
                    r.sides.append((k, region_end, "comparison"))
                elif toks[nxt].kind == "w" and ((verb_info(toks[nxt]) or ("", ""))[1] == "ing"
                                                or toks[nxt].low in ("with", "without", "amid")):
                    ce = _next_comma(toks, nxt + 1, c.end)
                    region_end, region_kind = (c.end if ce < 0 else ce), "participle"
                    r.sides.append((k, region_end, "participle"))
        elif t.kind == "w" and k > c.head:
            low = t.low
            kind = ""
            if low in lx.RELATIVES:
                kind = "side"
            elif low == "that" and k > 0 and toks[k - 1].kind == "w" and verb_info(toks[k - 1]) is None \
                    and toks[k - 1].low not in lx.VERB_ADVERBS and toks[k - 1].low not in ("so", "such"):
                kind = "side"
            elif low in _SIDE_CLAUSE:
                kind = "side"
            elif low in ("as", "after", "before", "until", "since", "till") and _clause_follows(toks, k + 1, c.end):
                kind = "side"
            elif low == "as" and _starts_with(toks, k, "as soon as"):
                kind = "side"
            elif k > c.vg_end and _reduced_relative(toks, k):
                kind = "side"      # "attacks like the ones carried out by the IS in Paris on 13 November"
            if low in ("and", "but") and not region_kind:
                j = k + 1
                if _finite(toks, j, c.end) or (j < c.end and _adverb(toks[j]) and _finite(toks, j + 1, c.end)):
                    r.coords.append((k, "vp"))
                else:
                    sub = find_clause(toks, j, c.end)
                    if sub is not None and sub.s == j and sub.verb - j <= 6:
                        r.coords.append((k, "clause"))
            if kind and not region_kind:
                ce = _next_comma(toks, k + 1, c.end)
                region_end, region_kind = (c.end if ce < 0 else ce), kind
                r.sides.append((k, region_end, kind))
        elif t.kind == "d" and not t.role:
            t.role = region_kind or _date_context(toks, k, c) or default_role
        k += 1


def _reduced_relative(toks: list[Tok], k: int) -> bool:
    """Does a past participle at ``k`` open a reduced relative clause after a noun?"""
    t = toks[k]
    info = verb_info(t)
    if info is None or info[1] not in ("past", "pp") or not t.text[:1].islower():
        return False
    prev = toks[k - 1]
    if prev.kind != "w" or prev.low in lx.AUX or _adverb(prev) or prev.low in lx.CONJUNCTIONS \
            or prev.low in lx.PREPOSITIONS or prev.low in ("to", "that") or (
                prev.low in lx.DETERMINERS and prev.low not in ("those", "these")):
        return False
    if verb_info(prev) is not None and (verb_info(prev) or ("", ""))[1] != "base":
        return False
    nxt = toks[k + 1] if k + 1 < len(toks) else None
    if nxt is not None and nxt.low in ("out", "up", "off", "down") and k + 2 < len(toks):
        nxt = toks[k + 2]
    return nxt is not None and nxt.low == "by"     # a passive with its agent: "carried out by the IS"


def _next_word(toks: list[Tok], k: int, end: int) -> int | None:
    while k < end and toks[k].kind == "p":
        k += 1
    return k if k < end else None


def _clause_follows(toks: list[Tok], k: int, end: int) -> bool:
    """Does a finite verb follow within a few words (before any comma)?"""
    for j in range(k, min(end, k + 8)):
        if toks[j].kind == "p" and toks[j].text in (",", ";"):
            return False
        if _finite(toks, j, end):
            return True
    return False


_YEAR_AGO = re.compile(r"\b(?:year|quarter|month)[- ](?:ago|earlier|before)\b|\ba year (?:ago|earlier)|"
                       r"\b(?:year|quarter)-(?:ago|earlier)\b")


def _date_context(toks: list[Tok], k: int, c: Clause | None) -> str:
    """The role a date takes from the words right around it ("up from Thursday", "by Dec. 10")."""
    t = toks[k]
    if _YEAR_AGO.search(t.low):
        return "comparison"
    if t.low.endswith(("'s", "’s")):
        return "adjective"
    nxt = toks[k + 1] if k + 1 < len(toks) else None
    if nxt is not None and nxt.kind == "w" and nxt.text[:1].islower() and verb_info(nxt) is None \
            and nxt.low not in lx.PRONOUNS and nxt.low not in lx.DETERMINERS and not _aux(nxt.low) \
            and nxt.low not in lx.VERB_ADVERBS and nxt.low not in lx.PREPOSITIONS and nxt.low not in lx.CONJUNCTIONS \
            and nxt.low not in lx.SUBORDINATORS and nxt.low not in lx.RELATIVES \
            and not nxt.low.endswith("ly") and nxt.low not in ("to", "that", "and", "or", "but", "because"):
        return "adjective"
    j = k - 1
    while j >= 0 and toks[j].kind == "w" and toks[j].low in ("the", "a", "its", "their", "his", "her",
                                                             "early", "late", "mid", "end", "close", "of",
                                                             "last", "first"):
        if toks[j].low == "of" and j > 0 and toks[j - 1].low in ("end", "close", "part", "start"):
            j -= 1
            continue
        if toks[j].low == "of":
            break
        j -= 1
    if j >= 0 and toks[j].kind == "w":
        low = toks[j].low
        role = _COMPARE_BEFORE.get(low, "")
        if role == "with" and j > 0 and toks[j - 1].low in ("compared", "comparison", "contrast"):
            return "comparison"
        if role == "to" and j > 0 and toks[j - 1].low in ("compared", "up", "down"):
            return "comparison"
        if role == "over" and j > 0 and toks[j - 1].low in ("premium", "increase", "rise", "gain"):
            return "comparison"
        if role in ("comparison", "since", "deadline", "period-end") and not (role == "comparison" and low == "over"):
            if low == "by" and j > 0 and toks[j - 1].low in ("written", "made", "signed"):
                return ""
            return role
        if low == "as" and j + 1 < k and toks[j + 1].low == "of":
            return "deadline"
        if low == "of" and j + 1 == k:
            return "adjective"   # "the Act of 1989", "the first nine months of 1997"
    if nxt is not None and nxt.kind == "w" and (nxt.low == "through" or (nxt.low == "so" and k + 2 < len(toks)
                                                                        and toks[k + 2].low == "far")):
        return "comparison"      # "this year through August": a running total
    return ""


def read(text: str, toks: list[Tok], s: int) -> Reading:
    """Read the structure of one sentence's tokens (``s``: the sentence's start offset).

    ``text`` is the body as written (the dateline's "_" is masked as emphasis in
    the masked copy, so the dateline is looked for in the original).
    """
    first_word = next((t for t in toks if t.kind != "p" or t.text in _QUOTES), None)
    r = Reading(toks, 0)
    r.quoted = first_word is not None and first_word.kind == "p"
    for t in toks:
        t.role = ""
    if not toks:
        return r
    i = _dateline_end(text, toks, s)
    body, leads = _leads(toks, i, len(toks))
    r.body, r.leads = body, leads
    end, asides = _clause_end(toks, body, len(toks))
    c = find_clause(toks, body, end)
    if c is None:
        return r
    end, asides = _clause_end(toks, c.verb, len(toks))
    c.end = end
    r.asides = asides
    r.main = c
    # quotations: dates inside quote marks are the speaker's words
    inq = False
    for t in toks:
        if t.kind == "p" and t.text in _QUOTES and t.text != "'":
            inq = (not inq) if t.text == '"' else t.text in _OPEN_QUOTES
        elif t.kind == "d" and inq:
            t.role = "quote"
    for a, b in asides:
        for t in toks[a:b]:
            if t.kind == "d" and not t.role:
                t.role = "aside"
    for t in toks[c.s:c.verb]:
        if t.kind == "d" and not t.role:
            t.role = "subject" if toks.index(t) < c.subj_end or True else "subject"
    # the subject's own dates before the verb ("The U.N. Security Council on Aug. 6 ordered")
    for k in range(c.subj_end, c.verb):
        if toks[k].kind == "d" and toks[k].role == "subject":
            if any(t.kind == "p" and t.text == "," for t in toks[k:c.verb]):
                toks[k].role = "aside"     # "The firm, whose chief executive joined in March, closed …"
                continue
            p = toks[k - 1] if k > 0 else None
            ctx = _date_context(toks, k, c)
            if ctx:
                toks[k].role = ctx
            elif p is None or p.kind != "w" or p.low in ("on", "in", "at", "during", "earlier", "later") \
                    or p.text[:1].isupper() or p.i == c.s:
                toks[k].role = "main"
    for k in range(c.s, c.subj_end):
        if toks[k].kind == "d" and toks[k].role == "subject" and k > c.s and toks[k - 1].kind == "w" \
                and toks[k - 1].low in ("on", "in", "at", "during") and c.appositive is None:
            toks[k].role = "main"
    a = _attribution(toks, c.head, c.end)
    if a >= 0:
        r.attribution = (a, c.end)
        for t in toks[a:c.end]:
            if t.kind == "d" and not t.role:
                t.role = "attribution"
        c.end = a
    if c.lemma in lx.REPORTING:
        comp = _complement(r, c)
        if comp is not None:
            r.complement = comp
            for k in range(c.verb, comp.s):
                if toks[k].kind == "d" and not toks[k].role:
                    toks[k].role = "frame"
            _mark_predicate(r, comp, "complement")
            for k in range(comp.s, comp.verb):
                if toks[k].kind == "d" and not toks[k].role:
                    toks[k].role = _date_context(toks, k, comp) or "complement"
            return r
    _mark_predicate(r, c, "main")
    return r


def _complement(r: Reading, c: Clause) -> Clause | None:
    """The clause reported by "X said [that] Y" / "X told Z [that] Y"."""
    toks = r.toks
    k = c.vg_end
    end = c.end
    # skip adverbs, dates and short prepositional phrases of the frame, and "told <object>"
    steps = 0
    while k < end and steps < 12:
        t = toks[k]
        if t.kind == "d" and _date_context(toks, k, None) == "adjective":
            break          # "reported third-quarter net income fell": the complement's subject
        if t.kind == "d" or (t.kind == "w" and t.low in lx.VERB_ADVERBS):
            k += 1
            steps += 1
            continue
        if t.kind == "w" and t.low in ("on", "in", "at", "during", "before", "after", "as") \
                and k + 1 < end and _pp_then_clause(toks, k, end):
            k = _pp_then_clause(toks, k, end)
            steps += 1
            continue
        if t.kind == "w" and t.low in ("as", "when", "while", "after", "before"):
            # "said as dawn broke Saturday that …": a time clause of the saying
            that = next((j for j in range(k + 1, min(end, k + 12)) if toks[j].low == "that"), -1)
            if that > 0:
                for j in range(k, that):
                    if toks[j].kind == "d" and not toks[j].role:
                        toks[j].role = "frame"
                k = that
                break
        break
    if c.lemma == "tell" and k < end and toks[k].kind == "w" and toks[k].low != "that":
        # told his Cabinet / told reporters / told The Associated Press
        j = k
        while j < end and toks[j].kind in ("w", "d") and toks[j].low != "that" and not _finite(toks, j, end) \
                and j - k < 5:
            if toks[j].kind == "d":
                toks[j].role = "frame"
            j += 1
        k = j
        while k < end and (toks[k].kind == "d" or (toks[k].kind == "w" and toks[k].low in ("on", "in", "at"))):
            if toks[k].kind == "d":
                toks[k].role = "frame"
            k += 1
    if k < end and toks[k].kind == "p" and toks[k].text == ",":
        k += 1
    if k < end and toks[k].low == "that":
        k += 1
    if k >= end:
        return None
    that = k > 0 and toks[k - 1].low == "that"
    comp = find_clause(toks, k, end)
    if comp is None or comp.s != k:
        return None
    if not that and any(t.kind == "p" and t.text == "," for t in toks[comp.s:comp.verb]):
        return None     # "reported a net loss of $35.2 million, or …, compared with …": an object
    comp.end = end
    return comp


def _pp_then_clause(toks: list[Tok], k: int, end: int) -> int:
    """End of a short frame phrase "at a regular news briefing today" / "on Tuesday", or 0."""
    j = k + 1
    while j < end and j - k < 7:
        t = toks[j]
        if t.kind == "d":
            return j + 1
        if t.kind != "w" or _finite(toks, j, end) or t.low == "that":
            return 0
        j += 1
    return 0


# -- headline words ------------------------------------------------------------------

_DATE_PREPS = frozenset("on in at during for by since until till through over from of as".split())
_DATE_MODS = frozenset("early late mid earlier later just also the only until".split())
_TIME_OF_DAY = frozenset("early late earlier later".split())
_DROP_ADVERBS = frozenset("also meanwhile separately however nonetheless nevertheless still".split())


def span_tokens(r: Reading, c: Clause, *, subject: tuple[int, int] | None = None) -> list[int]:
    """Indices of the words a headline for clause ``c`` keeps, in order, before trimming."""
    toks = r.toks
    s, se = subject if subject is not None else (c.s, c.subj_end)
    keep = list(range(s, se)) + list(range(c.verb, c.end))
    drop: set[int] = set()
    for a, b in r.asides:
        drop.update(range(a, b))
    for a, b, kind in r.sides:
        if kind == "comparison" or any(t.kind == "d" for t in toks[a:b]):
            drop.update(range(a, b))   # a side clause loses its point with its date: it goes whole
    if r.complement is not None and c is r.main:
        pass
    for k in keep:
        t = toks[k]
        if t.kind == "d":
            if t.role == "adjective" and re.search(r"Q|H\d", str(getattr(t.date, "value", ""))) \
                    and "'" not in t.text and "’" not in t.text:
                continue   # "a third-quarter net loss" keeps its quarter
            drop.add(k)
            j = k - 1
            while j >= 0 and toks[j].kind == "w" and toks[j].low in _DATE_MODS and j >= s:
                drop.add(j)
                j -= 1
            if j >= 0 and toks[j].kind == "w" and toks[j].low in _DATE_PREPS and (j > c.head or j >= s):
                drop.add(j)
                jj = j - 1
                if jj >= 0 and toks[jj].low in ("compared", "as") and jj > c.head:
                    drop.add(jj)
                if jj >= 0 and toks[jj].kind == "w" and toks[jj].low in _TIME_OF_DAY and jj > c.head:
                    drop.add(jj)   # "broke out late on Sunday": "late" goes with its date
            if k + 1 < len(toks) and toks[k + 1].kind == "p" and toks[k + 1].text == "," and \
                    not any(x < k and x not in drop and toks[x].kind == "w" for x in keep):
                drop.add(k + 1)      # "On Friday, …" at the start
            if j >= 0 and toks[j].kind == "w" and toks[j].low in ("ended", "ending") and j >= s:
                drop.add(j)      # "for its fourth quarter ended Sept. 30"
            if k + 2 < len(toks) and toks[k + 1].low in ("ended", "ending") and toks[k + 2].kind == "d":
                drop.add(k + 1)
        elif t.kind == "w" and t.low in _DROP_ADVERBS and k >= c.verb:
            drop.add(k)
            if k + 1 < len(toks) and toks[k + 1].text == "," and k - 1 >= 0 and toks[k - 1].text == ",":
                drop.add(k + 1)
    return [k for k in keep if k not in drop]
