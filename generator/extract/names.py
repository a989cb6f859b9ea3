"""Find proper names in the masked text and sort them into people, organisations and places.

No tagger, no model: a name is a *run* of capitalised words (``Patricia
Gallan``, ``Islamic State``, ``Met Commissioner Bernard Hogan-Howe``), allowing
``of`` and name particles inside (``Ministry of Defence``, ``Ursula von der
Leyen``).  A run is then

1. split into organisation / job title / name parts when it contains a title
   (``Met`` / ``Commissioner`` / ``Bernard Hogan-Howe``); lower-case titles
   just before a run count too (``Assistant commissioner Patricia Gallan``);
2. classified with the gazetteer (known organisations and places), with the
   words organisation and place names end in (``Police``, ``Street``), with a
   list of common first names, and with what the text says around it (a title
   before it, ``(Isis)`` after it);
3. left out when nothing says what it is: an unclassified capitalised word is
   more often a sentence opener or an adjective (``Meanwhile``, ``British``)
   than a name, and we would rather miss a name than invent one.

Single words that match the surname or first name of a person named in full
elsewhere become mentions of that person, and acronyms and bracketed short
forms become aliases of the organisation they stand for.

Most runs are a single capitalised word (a sentence opener, a place, a
surname): those skip the title and organisation splitting, which cannot
apply to them.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass, field

from . import gazetteer as gz
from .sentences import Doc

_UPPER = "A-ZÀ-ÖØ-ÞĀĂĄĆĈĊČĎĐĒĖĘĚĜĞĠĢĤĦĨĪĮİĶĹĻĽŁŃŅŇŌŐŒŔŖŘŚŜŞŠŢŤŦŨŪŬŮŰŲŴŶŸŹŻŽ"
# Name particles that may sit inside a person's name, lower-case.
PARTICLES = frozenset("de da di du del der den des dos van von bin ibn al el la le ter ten".split())
_CONTRACTION = re.compile(r"['’](?:ve|m|ll|d|re|t)$|n['’]t$", re.I)
# Short all-capital words that are not acronyms of anything worth listing.
_NOT_ACRONYMS = frozenset("I OK TV CEO PM AM ID DNA CCTV GMT BST UTC PS AKA VIP UN".split()) - {"UN"}
_OPENERS = "“‘(:;—–[\"'"
# (Written to open with a character class, so the regex engine skips to the next M or D.)
_HONORIFIC_SURNAME = re.compile(r"[MD](?<!\w[MD])(?:(?<=M)(?:r|rs|s|iss)|(?<=D)r)\.?\s+([" + _UPPER + r"][\w'’-]+)")
_AL_EL = re.compile(r"(?:al|el)-[" + _UPPER + "]")
# (Word sets built once here rather than in the loops that test them.)
# Lower-case words that may join two capitalised parts of a run: "Ministry of Defence".
_OF_THE_PARTICLES = PARTICLES | {"of", "the"}
# Words of a run with no title that may be lower-case (or "&") in a name.
_PLAIN_RUN_WORDS = _OF_THE_PARTICLES | {"and", "&"}
_ORG_OR_PLACE_SUFFIXES = gz.ORG_SUFFIXES | gz.PLACE_SUFFIXES
# A bracketed short form after a name: "Islamic State (Isis)".
_PAREN_ALIAS = re.compile(r"\s*\(\s*([" + _UPPER + r"][\w'’-]*(?:\s[" + _UPPER + r"][\w'’-]*)?)\s*\)")
# Lower-case words that may sit inside a name run: particles, "of", "the", titles.
_LOWER_NAME_WORDS = sorted((PARTICLES | {"of", "the"} | gz.HEAD_TITLES | gz.TITLE_MODIFIERS | gz.HONORIFICS)
                           - {"co-", "vice-"}, key=len, reverse=True)


def _trie_pattern(words: list[str]) -> str:
    """One regex alternation for many words, factored by common prefixes.

    ``(?:the|then|they)`` becomes ``the(?:n|y)?``: the regex engine then
    follows one branch per letter instead of trying every word at every
    offset, which makes the tokenizer about a third faster.
    """
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        alts = [re.escape(ch) + build(sub) for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = "(?:" + "|".join(alts) + ")"
        return body + "?" if "" in node else body

    return build(trie)


# The words the name finder looks at: capitalised words, dotted initials ("U.S.", "J."),
# abbreviated titles with their stop ("Mr.", "Sen."), al-/el- names, "&", and the
# lower-case words that may sit inside a name run.  Other words are never tokens.
# This one pattern defines the tokens; :meth:`NameIndex._tokenize` finds the same
# tokens faster (tests check it against this pattern).
_ABBR_TITLES = "Mr Mrs Ms Dr Prof Sen Rep Gov Gen Col Capt Lt Sgt Rev Supt Insp Det".split()
_LOWER_TRIE = _trie_pattern(_LOWER_NAME_WORDS + ["and"])
_NAME_TOKEN = re.compile(
    r"(?:[A-Z]\.)+|(?<![\w'’-])(?:(?:" + "|".join(_ABBR_TITLES) + r")\.|[" + _UPPER + r"][\w'’]*(?:-[\w'’]+)*"
    r"|(?:al|el)-[" + _UPPER + r"][\w'’]*(?:-[\w'’]+)*"
    r"|" + _LOWER_TRIE + r"(?![\w'’-]))|&")

# The same tokens, found in pieces.  Most of the cost of the pattern above is trying
# the lower-case words at every word of the text, although a lower-case token only
# matters next to a capitalised one (a run of lower-case words alone is never a name).
# So: tokens that start with a capital (the pattern opens with a character class, which
# lets the regex engine skip to the next capital), al-/el- names and "&" first; then the
# lower-case words are tried only right before and after a token, walking outwards.
_CAP_TOKEN = re.compile(
    r"[" + _UPPER + r"](?:(?<=[A-Z])\.(?:[A-Z]\.)*"          # dotted initials, anywhere
    r"|(?<![\w'’-].)(?:(?:" + "|".join(r"(?<=%s)%s" % (t[0], t[1:]) for t in _ABBR_TITLES) + r")\."
    r"|[\w'’]*(?:-[\w'’]+)*))")                              # a title's stop, or the word
_AL_EL_TOKEN = re.compile(r"(?<![\w'’-])(?:al|el)-[" + _UPPER + r"][\w'’]*(?:-[\w'’]+)*")
_LOWER_TOKEN = re.compile(r"(?<![\w'’-])" + _LOWER_TRIE + r"(?![\w'’-])")
# A lower-case token after a gap of at most three spaces (wider gaps never join tokens);
# and the same read backwards, on the reversed text, for the token before a gap.
_NEXT_LOWER = re.compile(r"\s{0,3}(" + _LOWER_TOKEN.pattern + ")")
_PREV_LOWER_REVERSED = re.compile(
    r"\s{0,3}((?<![\w'’-])" + _trie_pattern([w[::-1] for w in _LOWER_NAME_WORDS + ["and"]]) + r"(?![\w'’-]))")


# (slots: a text has a few hundred tokens, read attribute by attribute in hot loops.)
@dataclass(slots=True)
class Token:
    start: int
    end: int
    text: str
    cap: bool          # starts with a capital (or is an al-/el- prefixed name)
    initial: bool      # first word of a sentence, quote or clause after a colon
    possessive: bool   # ended in 's / ' (stripped from text)


@dataclass(slots=True)
class Mention:
    """One occurrence of a name in the text."""

    start: int
    end: int
    text: str                    # the name as written (title and org parts removed)
    kind: str                    # "person" | "organisation" | "place"
    role: str | None = None
    org: str | None = None
    key: str = ""                # the entity this mention belongs to (set by NameIndex)


@dataclass
class EntityGroup:
    """All the mentions of one person, organisation or place."""

    key: str
    kind: str
    forms: list[str] = field(default_factory=list)   # in order of first appearance
    mentions: list[Mention] = field(default_factory=list)
    canonical: str | None = None                     # gazetteer name, when known

    @property
    def name(self) -> str:
        """The display name: the gazetteer's name if the text uses it, else the longest form."""
        if self.canonical and self.canonical in self.forms:
            return self.canonical
        if self.kind == "person":
            return max(self.forms, key=lambda f: (len(f.split()), -self.forms.index(f)))
        return self.forms[0]


# The word-list look-ups below are pure functions of a short string, asked about the
# same words again and again (every token of every run): memoised.
@functools.lru_cache(maxsize=4096)
def is_title_word(word: str) -> bool:
    """A job title or courtesy title, any case (``commissioner``, ``Sen.``, ``Mr``)."""
    w = word.lower()
    if w in gz.HEAD_TITLES or w in gz.HONORIFICS:   # "sen." is a title only with its stop
        return True
    w = w.rstrip(".")
    return w in gz.HEAD_TITLES or w in gz.TITLE_MODIFIERS or w in gz.HONORIFICS


_ADJECTIVE_END = re.compile(r"(?:an|ese|ish|i|ary|ic|al|first|second|third|fourth|fifth)$", re.I)


def is_org_word(text: str) -> bool:
    """Can ``text`` (written before a title or after "of") name an organisation?

    "Met", "Labour", "Acme", "US", "Kellogg", "Foreign Ministry" can; demonyms
    and other adjectives ("Iraqi", "British", "Parliamentary", "Second") and
    people ("Mr. Bush") cannot.
    """
    if _lookup_org(text) or _is_place(text):
        return True
    if re.match(r"(?:Mr|Mrs|Ms|Dr)\b", text):
        return False
    words = text.split()
    if len(words) > 1:
        return words[-1].lower() not in gz.NOT_NAMES
    return text.isupper() or not _ADJECTIVE_END.search(text)


def title_case(words: list[str]) -> str:
    """``assistant commissioner`` -> ``Assistant Commissioner``; acronyms (``MP``) kept."""
    def one(w: str) -> str:
        if w.isupper() and len(w) > 1:
            return w
        if w in ("of", "the", "and"):
            return w
        return "-".join(p[:1].upper() + p[1:].lower() for p in w.split("-"))
    return " ".join(one(w) for w in words)


@functools.lru_cache(maxsize=4096)
def _lookup_org(text: str) -> str | None:
    """Gazetteer organisation for ``text``; all-capital short forms must match case (IS, not Is)."""
    canon = gz.ORG_LOOKUP.get(text.lower())
    if canon is None:
        return None
    forms = (canon, *gz.KNOWN_ORGS[canon])
    for f in forms:
        if f.lower() == text.lower():
            if f.isupper() and not text.isupper():
                return None
            return canon
    return canon


@functools.lru_cache(maxsize=4096)
def _is_place(text: str) -> bool:
    low = text.lower()
    if low not in gz.PLACES:
        return False
    # "US" is a place, "Us" is not.
    return not (len(text) <= 3 and not text.isupper() and low in {"us", "uk", "usa", "uae"})


class NameIndex:
    """Every classified name mention in a document, grouped into entities."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.tokens = self._tokenize(doc)
        # adjacent[j]: are tokens j - 1 and j adjacent?  The run finder asks
        # this of every neighbouring pair, often more than once.
        self._adjacent_to_previous = self._adjacency(doc.masked, self.tokens)
        self.mentions: list[Mention] = []
        self.groups: dict[str, EntityGroup] = {}
        self._unknown: list[tuple[int, int, str]] = []   # single words we could not place yet
        self._parts: dict[str, dict[str, int]] = {}      # name part -> {person key: score}
        self._scan()

    # -- tokens ---------------------------------------------------------------
    @staticmethod
    def _token_spans(masked: str) -> dict[int, int]:
        """``{start: end}`` of the tokens of ``masked`` that can be part of a name run.

        These are the matches of ``_NAME_TOKEN``, less the lower-case words that
        no chain of adjacent tokens links to a capitalised one (they never make
        a name).  A text with an al-/el- name gets every match.
        """
        if "l-" in masked and _AL_EL_TOKEN.search(masked):
            # A rare al-/el- name: its tail may swallow capitals, which only the
            # one left-to-right scan gets right.
            return {m.start(): m.end() for m in _NAME_TOKEN.finditer(masked)}
        spans = dict(map(re.Match.span, _CAP_TOKEN.finditer(masked)))   # {start: end}
        if "&" in masked:
            spans.update((m.start(), m.end()) for m in re.finditer("&", masked))
        if not spans:
            return spans
        n = len(masked)
        rev = masked[::-1]   # to match the word that ends at an offset
        todo = list(spans.items())
        while todo:
            s, e = todo.pop()
            m = _NEXT_LOWER.match(masked, e)          # the lower-case word after the token ...
            if m and m.start(1) not in spans:
                spans[m.start(1)] = m.end(1)
                todo.append((m.start(1), m.end(1)))
            m = _PREV_LOWER_REVERSED.match(rev, n - s)   # ... and the one before it
            if m:
                ws, we = n - m.end(1), n - m.start(1)
                if ws not in spans:
                    # Read forwards, the word must be the same token ("mr." vs "mr").
                    f = _LOWER_TOKEN.match(masked, ws)
                    if f and f.end() == we:
                        spans[ws] = we
                        todo.append((ws, we))
        return spans

    @staticmethod
    def _tokenize(doc: Doc) -> list[Token]:
        masked = doc.masked
        sentences = doc.sentences
        starts = {s for s, _ in sentences}
        tokens: list[Token] = []
        si, ns = 0, len(sentences)
        spans = NameIndex._token_spans(masked)
        for start in sorted(spans):
            end = spans[start]
            text = masked[start:end]
            possessive = False
            # "Met's" -> "Met" (possessive); "Gallan'" is not a thing, "Jones'" is.
            if len(text) > 2 and text[-1] in "s'’":
                if text[-2:] in ("'s", "’s"):
                    text, end, possessive = text[:-2], end - 2, True
                elif text[-1] != "s" and text[-2] == "s":
                    text, end, possessive = text[:-1], end - 1, True
            # (_AL_EL needs "l-" as the second and third characters: tested first.)
            cap = text[:1].isupper() or (text[1:3] == "l-" and _AL_EL.match(text) is not None)
            # Initial: nothing but opening punctuation between the sentence start and this word.
            while si + 1 < ns and sentences[si + 1][0] <= start:
                si += 1
            sent_start = sentences[si][0] if ns and sentences[si][0] <= start < sentences[si][1] else start
            j = start - 1
            while j >= sent_start and masked[j] in " \t\r\n":
                j -= 1
            initial = j < sent_start or start in starts or masked[j] in _OPENERS
            if initial and j >= sent_start and masked[j] == '"' and j > 0 \
                    and masked[j - 1] not in " \t\r\n:(":
                initial = False   # a closing straight quote: `," Gallan said`
            tokens.append(Token(start, end, text, cap, initial, possessive))
        return tokens

    def _adjacent(self, a: Token, b: Token) -> bool:
        """True if only spaces (at most one line break) separate two tokens."""
        gap = self.doc.masked[a.end:b.start]
        return not a.possessive and gap.strip() == "" and gap.count("\n") <= 1 and len(gap) <= 3

    @staticmethod
    def _adjacency(masked: str, tokens: list[Token]) -> list[bool]:
        """``[False, adjacent(t0, t1), adjacent(t1, t2), ...]``: :meth:`_adjacent` for every
        neighbouring pair, in one loop (it runs for every token of the text)."""
        adjacent = [False]
        append = adjacent.append
        prev = None
        for tok in tokens:
            if prev is not None:
                # (The cheap length test first: most gaps are one space or long.)
                gap = masked[prev.end:tok.start]
                append(len(gap) <= 3 and not prev.possessive and not gap.strip() and gap.count("\n") <= 1)
            prev = tok
        return adjacent

    # -- runs -----------------------------------------------------------------
    def _runs(self) -> list[list[Token]]:
        """Maximal sequences of capitalised words, lower-case titles and inner particles."""
        toks = self.tokens
        adj = self._adjacent_to_previous
        runs: list[list[Token]] = []
        i = 0
        n = len(toks)
        while i < n:
            t = toks[i]
            if not (t.cap or (is_title_word(t.text) and not _CONTRACTION.search(t.text))):
                i += 1
                continue
            run = [t]
            j = i + 1
            while j < n and adj[j]:
                u = toks[j]
                if u.cap or is_title_word(u.text):
                    run.append(u)
                    j += 1
                    continue
                # "of"/"of the" and particles only when a capitalised word follows.
                k = j
                while k < n and k - j < 3 and toks[k].text.lower() in _OF_THE_PARTICLES \
                        and not toks[k].cap and adj[k]:
                    k += 1
                if k > j and k < n and toks[k].cap and adj[k]:
                    run.extend(toks[j:k + 1])
                    j = k + 1
                    continue
                # "and"/"&" only inside an organisation's name: "Securities and Exchange
                # Commission", "Savings and Loan Association" -- not "Paris and London".
                left = [x.text for x in run if x.cap and x.text != "The"]
                left_is_org = len(left) > 1 and (
                    left[-1].lower() in gz.ORG_SUFFIXES or _lookup_org(" ".join(left)) is not None
                    or _is_place(" ".join(left))
                    or (left[0].lower() in gz.ORG_PREFIXES and any(x.text == "of" for x in run)))
                if u.text in ("and", "&") and not left_is_org:
                    k = j + 1
                    while k < n and toks[k].cap and adj[k]:
                        k += 1
                    if k > j + 1 and toks[k - 1].text.lower() in gz.ORG_SUFFIXES:
                        run.extend(toks[j:k])
                        j = k
                        continue
                break
            runs.append(run)
            i = j
        return runs

    # -- classification -------------------------------------------------------
    def _scan(self) -> None:
        pending_single: list[list[Token]] = []
        self._non_initial = {t.text for t in self.tokens if t.cap and not t.initial}
        # Surnames the text uses with a courtesy title ("Mr. Perlman"): a capitalised
        # pair ending in one of them is a person even when we do not know the first name.
        self._surnames = set(_HONORIFIC_SURNAME.findall(self.doc.masked))
        for run in self._runs():
            self._classify(run, pending_single)
        # Second pass: single words, now that every full name is known.
        for run in pending_single:
            self._classify_single(run)
        self._link_acronyms()

    def _add(self, start: int, end: int, text: str, kind: str, role: str | None = None,
             org: str | None = None, canonical: str | None = None, key: str | None = None) -> Mention:
        key = key or canonical or text
        mention = Mention(start, end, text, kind, role, org, key)
        group = self.groups.get(key)
        if group is None:
            group = self.groups[key] = EntityGroup(key, kind, canonical=canonical)
        if text not in group.forms:
            group.forms.append(text)
            parts = text.split()
            if group.kind == "person" and len(parts) > 1:
                # Index full names by surname (score 2) and first name (score 1).
                for word, score in ((parts[0], 1), (parts[-1], 2)):
                    keys = self._parts.setdefault(word, {})
                    keys[key] = max(score, keys.get(key, 0))
        group.mentions.append(mention)
        bisect.insort(self.mentions, mention, key=lambda m: m.start)
        return mention

    def _classify(self, run: list[Token], pending_single: list[list[Token]]) -> None:
        """Classify one run: :meth:`_classify_run`, with a shortcut for one-word runs."""
        if len(run) == 1:
            # Most runs are one word.  In _classify_run a lower-case word alone is
            # dropped, a word of NOT_NAMES is stripped, and any other word has no title
            # to split off and no "The" to keep: it goes to _classify_plain as it
            # stands.  Said here directly, as this runs for most capitalised words.
            tok = run[0]
            if tok.cap and tok.text.lower() not in gz.NOT_NAMES:
                self._classify_plain(run, pending_single, None)
            return
        self._classify_run(run, pending_single)

    def _classify_run(self, run: list[Token], pending_single: list[list[Token]]) -> None:
        """Split a run into organisation, title and name, and classify the parts."""
        # Drop lower-case words at the end (a title with no name after it) and
        # sentence openers / function words at the start.
        while run and not run[-1].cap:
            run = run[:-1]
        while run and (not run[0].cap and not is_title_word(run[0].text)):
            run = run[1:]
        the: Token | None = None   # a capital "The" that may belong to the name ("The Guardian")
        while run and run[0].text.lower() in gz.NOT_NAMES:
            if run[0].text in ("The", "the") and len(run) > 1:
                the = run[0] if run[0].text == "The" else None
            run = run[1:]
        if not run:
            return
        # "King Hussein of Jordan", "Mayor Alan Whitby of Leeds": a titled person of a
        # known place or organisation -- the two parts are classified on their own.
        of = [i for i, tok in enumerate(run) if tok.text == "of"]
        if of and 2 <= of[-1] < len(run) - 1 and any(is_title_word(t.text) for t in run[:of[-1] - 1]) \
                and run[of[-1] - 1].cap and not is_title_word(run[of[-1] - 1].text):
            i = of[-1]
            rest = self._text(run[i + 1:])
            if _is_place(rest) or _lookup_org(rest):
                before = len(self.mentions)
                self._classify_run(run[:i], pending_single)
                added = [m for m in self.mentions[before - 1:] if m.start >= run[0].start and m.kind == "person"]
                self._classify_plain(run[i + 1:], pending_single, None)
                for m in added:
                    m.org = m.org or rest
                return
        # Split off [org][title][name]: the name is the trailing words that are not titles.
        k = len(run)
        while k > 0 and not is_title_word(run[k - 1].text) and run[k - 1].cap:
            k -= 1
        name_toks = run[k:]
        t = k
        # "Secretary of State", "Chief of Staff": "of" between title words belongs to the title.
        while t > 0 and (is_title_word(run[t - 1].text) or (
                run[t - 1].text == "of" and t > 1 and is_title_word(run[t - 2].text) and t < k)):
            t -= 1
        title_toks = run[t:k]
        org_toks = run[:t]
        # Lower-case words inside the org part mean it is not an org ("armed police officer").
        for idx in range(len(org_toks) - 1, -1, -1):
            if not org_toks[idx].cap and org_toks[idx].text.lower() not in _OF_THE_PARTICLES:
                org_toks = org_toks[idx + 1:]
                break
        if title_toks and name_toks and self._title_ok(title_toks):
            name = self._text(name_toks)
            if name_toks[-1].text.lower() in _ORG_OR_PLACE_SUFFIXES:
                self._classify_plain([t for t in run if t.cap or t.text in ("of", "the")],
                                     pending_single, None)
                return
            if _lookup_org(name) or _is_place(name) or name.lower() in gz.NOT_NAMES:
                self._classify_plain(name_toks, pending_single, None)
                return
            heads = [w.text for w in title_toks if w.text.lower().rstrip(".") not in gz.HONORIFICS]
            role = title_case(heads) if heads else None
            org = self._text(org_toks) if org_toks and org_toks[0].cap else None
            if org and (org.lower() in gz.NOT_NAMES or not is_org_word(org)):
                org = None
            if org:
                self._classify_plain(org_toks, pending_single, None)
            # "Mr. Perlman" after "Lawrence Perlman": the same person.
            key = self.person_for_part(name, name_toks[0].start) if len(name_toks) == 1 else None
            self._add(name_toks[0].start, name_toks[-1].end, name, "person", role, org, key=key)
            return
        # No title: classify the run as it stands (keeping a capital "The").
        if not all(tok.cap or tok.text.lower() in _PLAIN_RUN_WORDS for tok in run):
            run = [tok for tok in run if tok.cap][-1:] if run[-1].cap else []
            if not run:
                return
        self._classify_plain(run, pending_single, the)

    def _title_ok(self, title_toks: list[Token]) -> bool:
        """A title needs a head word; an all-lower-case title must not be a common adjective."""
        words = [w.text.lower().rstrip(".") for w in title_toks]
        if not any(w in gz.HEAD_TITLES or w in gz.HONORIFICS for w in words):
            return False
        if not any(w.cap for w in title_toks):
            return words[-1] not in {"major", "general", "chief", "justice", "executive", "state",
                                     "first", "deputy", "chair", "lord", "home"}
        return True

    def _text(self, toks: list[Token]) -> str:
        return " ".join(self.doc.masked[toks[0].start:toks[-1].end].split())

    def _classify_plain(self, run: list[Token], pending_single: list[list[Token]],
                        the: Token | None) -> None:
        """Classify a run with no title in it as an organisation, place or person (or nothing)."""
        text = self._text(run)
        start, end = run[0].start, run[-1].end
        if the is not None:
            canon = _lookup_org("The " + text)
            if canon and canon.startswith("The "):
                self._add(the.start, end, self._text([the] + run), "organisation", canonical=canon)
                return
        canon = _lookup_org(text)
        if canon:
            self._add(start, end, text, "organisation", canonical=canon)
            return
        if _is_place(text):
            self._add(start, end, text, "place")
            return
        words = [tok.text for tok in run]
        last = words[-1].lower()
        if "of" in words[2:-1]:
            i = words.index("of")
            first = words[0].lower()
            if i <= 4 and (first in gz.HONORIFICS or first in gz.FIRST_NAMES) and words[i - 1][:1].isupper():
                # "Dr. Susan Park of Johns Hopkins University": a person of an organisation.
                self._classify_plain(run[:i], pending_single, None)
                self._classify_plain(run[i + 1:], pending_single, None)
                return
        if len(words) > 1 and (last in gz.ORG_SUFFIXES or (words[0].lower() in gz.ORG_PREFIXES
                                                            and words[1] == "of")):
            self._add(start, end, text, "organisation")
            return
        if len(words) > 1 and last in gz.PLACE_SUFFIXES:
            self._add(start, end, text, "place")
            return
        partial = self._partial_name(words) if len(words) > 1 else None
        if partial is not None:
            self._add(start, end, text, "person", key=partial)   # "Juan Miguel" of "Juan Miguel Gonzalez"
            return
        if 1 < len(words) <= 3 and 2 in self._parts.get(words[-1], {}).values() \
                and words[0][:1].isupper() and words[0].lower() not in gz.NOT_NAMES:
            # "Lazaro Gonzalez" after "Juan Miguel Gonzalez": another of the family.
            self._add(start, end, text, "person")
            return
        if len(words) > 1 and words[0].lower() in gz.FIRST_NAMES and len(words) <= 4 \
                and not any(w in ("of", "the") for w in words) \
                and not any(w.isupper() and len(w) > 1 and not w.endswith(".") for w in words):
            self._add(start, end, text, "person")
            return
        if 1 < len(words) <= 4 and words[-1] in self._surnames and last not in gz.ORG_SUFFIXES \
                and not any(w in ("of", "the") for w in words):
            self._add(start, end, text, "person")
            return
        # (Looked at within 40 characters of the name.)
        paren = _PAREN_ALIAS.match(self.doc.masked, end, end + 40) if len(words) > 1 else None
        if paren:
            # "Islamic State (Isis)": a bracketed short form names an organisation.
            m = self._add(start, end, text, "organisation")
            alias = paren.group(1)
            a_start = paren.start(1)
            self._add(a_start, a_start + len(alias), alias, "organisation", key=m.key)
            return
        if len(run) > 1 and any(tok.text in ("of", "the", "and", "&") for tok in run):
            # "Paris of the East"? Try the parts on their own.
            part: list[Token] = []
            for tok in run + [None]:  # type: ignore[list-item]
                if tok is None or tok.text in ("of", "the", "and", "&"):
                    if part:
                        self._classify_plain(part, pending_single, None)
                    part = []
                else:
                    part.append(tok)
            return
        if len(run) == 1:
            pending_single.append(run)
        elif run[0].initial and run[0].text.lower() in gz.NOT_NAMES:
            self._classify_plain(run[1:], pending_single, None)
        else:
            # An unclassified multi-word name: keep it in reserve; a quote
            # attribution may show it is a person.
            self._unknown.append((start, end, text))

    def _classify_single(self, run: list[Token]) -> None:
        tok = run[0]
        text = tok.text
        # Already known elsewhere in the text (e.g. bracketed alias "Isis").
        for group in self.groups.values():
            if text in group.forms:
                if any(m.start == tok.start for m in group.mentions):
                    return
                self._add(tok.start, tok.end, text, group.kind, key=group.key)
                return
        person = self.person_for_part(text, tok.start)
        if person:
            self._add(tok.start, tok.end, text, "person", key=person)
            return
        if tok.initial and text not in self._non_initial:
            return   # "Meanwhile", "Authorities": capitalised only because they open a sentence
        if text.isupper() and text in _NOT_ACRONYMS:
            return
        # Kept in reserve: an acronym may turn out to spell an organisation's name.
        self._unknown.append((tok.start, tok.end, text))

    def _link_acronyms(self) -> None:
        """An all-capital word spelling the initials of an organisation named in full is its alias."""
        orgs = [g for g in self.groups.values() if g.kind == "organisation"]
        for start, end, text in list(self._unknown):
            if not (text.isupper() and 2 <= len(text) <= 6):
                continue
            for g in orgs:
                for form in g.forms:
                    initials = "".join(w[0] for w in form.split() if w.lower() not in {"of", "the", "and"})
                    if len(form.split()) > 1 and initials.upper() == text:
                        self._add(start, end, text, "organisation", key=g.key)
                        self._unknown.remove((start, end, text))
                        break
                else:
                    continue
                break

    def _partial_name(self, words: list[str]) -> str | None:
        """The person whose fuller name starts or ends with ``words`` ("Juan Miguel" of
        "Juan Miguel Gonzalez"), when exactly one person's does."""
        n = len(words)
        found = {g.key for g in self.groups.values() if g.kind == "person"
                 for f in g.forms if len(f.split()) > n
                 and (f.split()[:n] == words or f.split()[-n:] == words)}
        return found.pop() if len(found) == 1 else None

    # -- look-ups used by the other extractors ---------------------------------
    def person_for_part(self, word: str, pos: int | None = None) -> str | None:
        """The key of the person whose surname (or, failing that, first name) is ``word``.

        Prefers the person mentioned most recently before ``pos``.
        """
        best: tuple[tuple[int, int], str] | None = None
        candidates = self._parts.get(word, {})
        if sum(1 for score in candidates.values() if score == 2) > 1:
            # Two people of that surname ("Juan Miguel Gonzalez", "Lazaro
            # Gonzalez"): a bare "Gonzalez" could be either, so it is neither.
            return None
        for key, score in candidates.items():
            before = [m.start for m in self.groups[key].mentions if pos is None or m.start < pos]
            rank = (score, max(before) if before else -1)
            if best is None or rank > best[0]:
                best = (rank, key)
        return best[1] if best else None

    def mention_at(self, start: int, end: int) -> Mention | None:
        """The mention overlapping ``[start, end)`` that ends last (the nearest to a verb after it)."""
        i = bisect.bisect_left(self.mentions, end, key=lambda m: m.start)
        # Mentions barely overlap, so the few starting just before ``end`` are enough to look at.
        found = [m for m in self.mentions[max(0, i - 8):i] if start < m.end]
        return max(found, key=lambda m: m.end) if found else None

    def resolve_speaker(self, text: str, start: int, end: int) -> str | None:
        """The display name of the speaker written as ``text`` at ``[start, end)``.

        A known mention there wins; a bare surname goes to the full name given
        elsewhere; an unknown multi-word name becomes a new person.
        """
        m = self.mention_at(start, end)
        if m is not None and m.kind in ("person", "organisation"):
            return self.groups[m.key].name
        words = text.split()
        # Strip a title ("Commissioner Smith"), keep the name.
        while len(words) > 1 and is_title_word(words[0]):
            words = words[1:]
        name = " ".join(words)
        key = self.person_for_part(name, start) if len(words) == 1 else None
        if not name or (key is None and name.lower() in gz.NOT_NAMES):
            return None   # "May said" is Theresa May's; a lone "Officials said" is nobody's
        honorific = bool(re.match(r"(?:Mr|Mrs|Ms|Miss|Dr)\.?\s", text))
        if key is None and not honorific and (
                len(words) == 1 or words[-1].lower() in gz.ORG_SUFFIXES or name.isupper()):
            # "Magna said", "BellSouth said", "Jim Pattison Industries said": we cannot
            # tell a company from a person here, so it is a speaker but not a person.
            return name
        offset = text.rfind(name)
        s = start + max(offset, 0)
        # Recorded as a mention either way: later pronouns look for the latest subject.
        mention = self._add(s, s + len(name), name, "person", key=key)
        return self.groups[mention.key].name

    def last_person_before(self, pos: int) -> str | None:
        """The most recently mentioned person before ``pos``."""
        for m in reversed(self.mentions):
            if m.start < pos and m.kind == "person":
                return self.groups[m.key].name
        return None
