"""Timeline events: the dated news of a sentence, with a headline an editor would write.

The date tagger (:func:`.dates.find_dates`) finds and normalises the
date expressions.  For every sentence with a concrete date (a year, month,
day, quarter …; not "now" or "recently"), :mod:`.clauses` reads the
sentence's structure and gives each date a role by where it sits.  Then:

1. **Which date.**  The event is dated by a date of the main clause (in its
   predicate, or a time adverbial that opens the sentence: "On Friday, …").
   For "X said [that] Y", a date of Y dates the event; the frame's own date
   ("said Friday") dates it only when Y has none and Y is itself news.  A date
   in a side clause -- a relative clause, a comparison ("up from …"), a
   deadline ("by Jan. 14"), a period end ("ended Sept. 30"), an aside in
   dashes, a quotation -- does not date the main event.  A "since"-clause
   with its own subject and verb ("since Sinn Fein was expelled … on Feb.
   20") is a background event of its own, dated by its date.  A sentence with
   no date for its event makes no event: we would rather miss an event than
   put one on the wrong day.
2. **Only news.**  No event for a reporting act with nothing reported, a
   quotation, an opinion, a mood or a state ("X is", "X has"), a negated or
   counterfactual clause, a generic or first-person subject, routine market
   figures, or a prior-year comparison figure.
3. **The headline** (:mod:`.headlines`): the clause's own words with an
   explicit subject, no date, no aside and no attribution, at most about 20
   words cut at phrase boundaries.

Each event keeps the date mention it is dated by as its span.
"""

from __future__ import annotations

import datetime
import re
from typing import Iterable, Protocol

from . import clauses as cl
from . import headlines as hl
from . import gazetteer as gz
from . import lexicon as lx
from .clauses import verb_info
from .items import ExtractedEvent, Span
from .nominal_events import nominal_event
from .sentences import Doc

_REFS = frozenset({"PRESENT_REF", "PAST_REF", "FUTURE_REF"})


class DateLike(Protocol):
    start: int
    end: int
    text: str
    value: str
    mod: str | None


def concrete_value(value: str) -> bool:
    """A calendar value a timeline can place: a year, month, day, week, quarter or season (not "now")."""
    return value[:1].isdigit() and value not in _REFS and len(value) >= 4 and "X" not in value[:4]


def _precision(value: str) -> int:
    """More characters in a TimeML value means a finer date (2015-11-13 beats 2015-11)."""
    return len(value) if value[:1].isdigit() else 0


# Subjects whose statements are opinion, not news.
_OPINION_SOURCES = frozenset("analyst analysts trader traders economist economists expert experts observer "
                             "observers critic critics source sources newspaper speculators commentators "
                             "pundits".split())
# Heads of subjects that are figures, not actors ("Net income fell", "Volume was …").
_FIGURE_HEADS = frozenset("""
sales revenue revenues volume net income earnings profit profits loss losses results shares stock stocks
prices price index dollar market markets trading period quarter figures originations orders
output average composite bonds yields yield futures
""".split())
_MARKET = re.compile(r"composite trading|over-the-counter trading|stock exchange|stock price index|"
                     r"\b(?:closing|closed|to close|finished|ended) (?:at|up|down|lower|higher)\b|"
                     r"\b(?:rose|fell|gained|lost|added|dropped|slipped|jumped|climbed|declined|was up|was down|"
                     r"were up|were down|advanced|eased|edged up|edged down|sank|plunged)\s+(?:\$?\d[\d.,]*|"
                     r"\d+\s\d/\d)\s*(?:cents?|points?)\b|"
                     r"\b(?:shares|stock|index|average|nasdaq|dax|dow|nikkei|ftse|big board)\b[^.;]{0,60}?"
                     r"\b(?:closed|rose|fell|gained|lost|dropped|slipped|was (?:up|down)|were (?:up|down)|"
                     r"traded|finished|ended|edged|jumped|plunged|soared|sank|leaped|climbed|declined)\b|"
                     r"\bclosed (?:at|yesterday|up|down|lower|higher)\b|\bwas quoted at\b", re.I)
_FINANCIAL = re.compile(r"[$£€#]\s?\d|\d\s?(?:%|percent\b|cents?\b)|\bper share\b|\ba share\b", re.I)
# Things one "has" that are events ("had a falling out", "held talks").
_HAVE_EVENTS = frozenset("falling talks meeting clash row fight discussions conversation accident".split())
_SCHEDULED = frozenset("due set scheduled slated poised about willing ready prepared determined unwilling "
                       "able".split())
_NUMBER_WORDS = frozenset("some several many most all both two three four five six seven eight nine ten dozens "
                          "hundreds thousands millions tons scores".split())
# "the death toll had risen to 12": a running figure as of the report
_TALLY_VERBS = frozenset("rise climb increase reach grow jump soar fall drop".split())
_SAYING = frozenset("say tell state comment quote write explain".split())
# Routine scheduling of a results release.
_ROUTINE = re.compile(r"\b(?:release|report|announce|post)s? (?:its |the )?(?:[\w-]+ ){0,2}results\b"
                      r"(?! of)", re.I)


def _words_low(toks, a, b) -> list[str]:
    return [t.low for t in toks[a:b] if t.kind == "w"]


def _subject_head(toks, c: cl.Clause) -> str:
    """The head noun of the subject: its last word before a preposition or relative word."""
    head = ""
    for t in toks[c.s:c.subj_end]:
        if t.kind != "w":
            continue
        if head and (t.low in lx.PREPOSITIONS or t.low in lx.RELATIVES or t.low == "that"):
            break
        head = t.low
    return head.rstrip(".")


def _named(t) -> bool:
    return t.kind == "w" and t.text[:1].isupper()


def _news_clause(r: cl.Reading, c: cl.Clause, *, named_subject: bool = False) -> bool:
    """Is clause ``c`` an event (not an opinion, a state, a figure or a soundbite)?"""
    toks = r.toks
    subj = _words_low(toks, c.s, c.subj_end)
    if not subj:
        return False
    if c.negated:
        return False
    if c.perfect and c.progressive:
        return False   # "has been creating jobs at a rate of …": a trend
    if c.lemma == "estimate" and subj[0] in ("he", "she", "i", "we", "they"):
        return False
    if c.copula:
        nxt = next((t for t in toks[c.vg_end:c.end] if t.kind == "w"), None)
        if nxt is None or nxt.low not in _SCHEDULED:
            return False
    if c.lemma in lx.OPINION:
        return False
    if c.lemma == "have" and not c.perfect and not c.passive:
        obj = _words_low(toks, c.vg_end, min(c.end, c.vg_end + 3))
        if not any(w in _HAVE_EVENTS for w in obj):
            return False
    if c.lemma == "expect" and (c.passive or c.pluperfect):
        return False
    if c.passive and c.lemma in ("ask", "tell", "quote", "say", "report"):
        return False   # "X was asked about …": a reporting act
    if c.modal and c.perfect:
        return False   # "could have used": counterfactual
    if c.lemma in lx.STATE and not (c.lemma == "contain" and any(
            w in lx.CONTAINED for w in _words_low(toks, c.vg_end, min(c.end, c.vg_end + 5)))):
        return False
    if c.lemma == "remain":
        nxt = next((t for t in toks[c.vg_end:c.end] if t.kind in ("w", "d")), None)
        if nxt is None or (nxt.kind == "w" and nxt.low not in ("at", "in", "on", "under", "below", "above")
                           and not nxt.low[:1].isdigit()):
            return False   # "the situation remained calm": a state
    if subj[0] in ("i", "we", "you", "us", "there") or (subj[0] == "it" and c.copula):
        return False
    if any(w in _OPINION_SOURCES for w in subj):
        return False
    first = toks[c.s]
    names = [t for t in toks[c.s + 1:c.subj_end] if _named(t)]
    if _named(first) and (first.text.isupper() or "." in first.text or (first.i + 1 < c.subj_end
                                                                       and _named(toks[first.i + 1]))):
        names.append(first)
    head = _subject_head(toks, c)
    if not names and not named_subject:
        if head in _FIGURE_HEADS:
            return False
        # a bare plural ("foreign companies have bought …"): a generic statement
        if first.kind == "w" and first.low not in lx.DETERMINERS and not first.low[:1].isdigit() \
                and not _named(first) and head.endswith("s") and not head.endswith("ss") \
                and first.low not in _NUMBER_WORDS and (c.perfect or c.modal or c.copula or
                                                        (verb_info(toks[c.head]) or ("", ""))[1] != "past"):
            return False
    text = " ".join(t.text for t in toks)
    if _MARKET.search(text) or _ROUTINE.search(text):
        return False
    return True


def _speaker_ok(r: cl.Reading, c: cl.Clause) -> bool:
    subj = _words_low(r.toks, c.s, c.subj_end)
    return bool(subj) and not any(w in _OPINION_SOURCES for w in subj) and subj[0] not in ("i", "we", "you")


def _announcement(r: cl.Reading, comp: cl.Clause) -> bool:
    """Is the reported clause an announcement of substance (a plan, a decision, a threat)?"""
    toks = r.toks
    if comp.modal or comp.progressive:
        return True
    if comp.lemma in ("plan", "intend", "expect", "agree", "decide", "propose", "seek", "order", "call") \
            or comp.lemma in lx.ANNOUNCING:
        return True
    first = toks[comp.s].low
    return first in ("it", "its", "they", "their", "he", "she", "his", "her") and not comp.pluperfect


def _pick(dates: list[cl.Tok]) -> cl.Tok | None:
    """The date of the event among the clause's dates: the first, unless a later one refines it."""
    if not dates:
        return None
    best = dates[0]
    for d in dates[1:]:
        bv, dv = str(best.date.value), str(d.date.value)
        if dv.startswith(bv) and _precision(dv) > _precision(bv):
            best = d
    return best


# "a month after", "two days before": what follows is dated, the main event is not.
_SPAN_BEFORE = re.compile(r"\b(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|\d+)\s+"
                          r"(?:hours?|days?|weeks?|months?|years?)\s+(?:after|before)\b", re.I)


class _Sentence:
    """One dated sentence being turned into (at most) one event."""

    def __init__(self, doc: Doc, sent: tuple[int, int], mentions: list, index, dct):
        self.doc = doc
        self.sent = sent
        self.index = index
        self.dct = dct
        self.dct_year = dct.year if dct is not None else None
        self.toks = cl.tokenize(doc.masked, sent[0], sent[1], mentions)
        self.r = cl.read(doc.text, self.toks, sent[0])

    def dates(self, *roles: str) -> list[cl.Tok]:
        return [t for t in self.toks if t.kind == "d" and t.role in roles and concrete_value(str(t.date.value))]

    def event(self) -> tuple[cl.Tok, str] | None:
        r = self.r
        if r.quoted or r.main is None:
            return None
        c = r.main
        if r.complement is not None:
            return self._reported(c, r.complement)
        if c.lemma in _SAYING:
            return None     # "X said …" with nothing we can read as what was said
        main = [d for d in self.dates("main", "lead") if not self._adjectival(d)]
        if c.modal:
            main += self.dates("start")     # "will leave from March 30": a scheduled start
        main += [d for d in self.dates("subject", "adjective") if self._quarter(d) and d.i < c.end]
        main.sort(key=lambda t: t.start)
        if c.perfect and not c.pluperfect:
            # "has sent a team to recover the remains of an expert kidnapped two years ago":
            # a present perfect is not dated by a time long past
            main = [d for d in main if not self._long_past(d)]
        if main and _SPAN_BEFORE.search(self.doc.masked, self.toks[c.verb].end, _pick(main).start):
            main = []   # "stalled a month after the invasion on 3 November": the date is the invasion's
        if main:
            date = _pick(main)
            when = self._when_clause(date)
            if when is not None:
                return self._emit(when, date)
            return self._emit(self._conjunct(c, date), date)
        report = self.dates("attribution", "dateline")
        if report and _news_clause(r, c) and not c.pluperfect:
            return self._emit(c, report[0])
        since = self._since() or self._agent_side()
        if since is not None:
            return since
        ends = self.dates("period-end")
        if ends and _FINANCIAL.search(self.doc.clean(*self.sent)):
            return self._emit(c, ends[0])
        deadlines = self.dates("deadline")
        if deadlines and (c.modal and c.lemma != "have") and not c.negated:
            head = r.toks[c.verb].low
            if head in ("will", "'ll", "shall"):
                return self._emit(c, deadlines[0])
        return None

    def _when_clause(self, date: cl.Tok) -> cl.Clause | None:
        """"… took a more personal turn Thursday when Saddam called Bush a liar": the when-clause."""
        toks = self.r.toks
        k = date.i + 1
        if k < len(toks) and toks[k].low == "when":
            wc = cl.find_clause(toks, k + 1, self.r.main.end)
            if wc is not None and wc.s == k + 1:
                wc.end = self.r.main.end
                return wc
        return None

    def _conjunct(self, c: cl.Clause, date: cl.Tok) -> cl.Clause:
        """The part of ``c`` the date belongs to, when "and"/"but" joins two clauses."""
        for k, kind in self.r.coords:
            if not (c.verb < k < c.end) or kind != "clause":
                continue
            if date.i < k:
                cut = k - 1 if k > 0 and self.r.toks[k - 1].text == "," else k
                return cl.Clause(c.s, c.subj_end, c.verb, c.head, c.vg_end, cut, c.lemma, c.appositive,
                                 c.negated, c.modal, c.perfect, c.pluperfect, c.passive, c.progressive,
                                 c.copula)
            later = cl.find_clause(self.r.toks, k + 1, c.end)
            if later is not None and later.verb <= date.i:
                later.end = c.end
                return self._conjunct(later, date)
        return c

    def _scheduled(self, c: cl.Clause) -> bool:
        nxt = next((t for t in self.r.toks[c.vg_end:c.end] if t.kind == "w"), None)
        return nxt is not None and nxt.low in _SCHEDULED

    def _adjectival(self, d: cl.Tok) -> bool:
        return d.role == "adjective"

    def _quarter(self, d: cl.Tok) -> bool:
        return bool(re.search(r"-(?:Q\d|H\d)$", str(d.date.value)))

    def _prior_figure(self, date: cl.Tok) -> bool:
        """A financial figure for a period before the article's year: a comparison, not news."""
        if self.dct_year is None:
            return False
        v = str(date.date.value)
        try:
            year = int(v[:4])
        except ValueError:
            return False
        return year < self.dct_year and bool(_FINANCIAL.search(self.doc.clean(*self.sent))) and \
            not re.search(r"\d{4}-\d\d-\d\d", v)

    def _past_year(self, date: cl.Tok) -> bool:
        m = re.match(r"(\d{4})", str(date.date.value))
        return self.dct is not None and m is not None and int(m.group(1)) < self.dct.year

    def _long_past(self, date: cl.Tok) -> bool:
        """Is the date over a week before the publication date?"""
        if self.dct is None:
            return False
        m = re.match(r"(\d{4})-(\d\d)-(\d\d)$", str(date.date.value))
        if m:
            try:
                d = datetime.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                return False
            return (self.dct - d).days > 7
        return self._past_year(date)

    def _future(self, date: cl.Tok) -> bool:
        """Is the date after the publication date (at the date's own precision)?"""
        if self.dct is None:
            return False
        v = str(date.date.value)
        m = re.match(r"(\d{4})(?:-(\d\d)(?:-(\d\d))?)?$", v)
        if not m:
            m2 = re.match(r"(\d{4})", v)
            return bool(m2) and int(m2.group(1)) > self.dct.year
        d = self.dct
        y, mo, dy = int(m.group(1)), m.group(2), m.group(3)
        if dy:
            return (y, int(mo), int(dy)) > (d.year, d.month, d.day)
        if mo:
            return (y, int(mo)) > (d.year, d.month)
        return y > d.year

    def _emit(self, c: cl.Clause, date: cl.Tok, *, subject_text: str | None = None,
              prefix_clause: cl.Clause | None = None) -> tuple[cl.Tok, str] | None:
        r = self.r
        if not _news_clause(r, c):
            return None
        if self._prior_figure(date):
            return None
        if self._future(date) and not (c.modal or c.progressive or self._scheduled(c)) and \
                (verb_info(r.toks[c.head]) or ("", ""))[1] == "past":
            return None     # "protesters crowded into … to demand talks this summer": not the past event's date
        if self._long_past(date) and not c.perfect and not c.modal and r.toks[c.verb].low in ("is", "are", "am") \
                and (c.progressive or c.copula):
            return None     # "officers are undergoing training …" is not dated by last month's attack
        text = self._headline(c, subject_text=subject_text, frame=prefix_clause)
        return (date, text) if text else None

    def _headline(self, c: cl.Clause, *, subject_text: str | None = None,
                  frame: cl.Clause | None = None) -> str | None:
        r = self.r
        toks = r.toks
        subj = (c.s, c.subj_end)
        if frame is not None:
            # "X said Y": X's subject, the verb group, then Y's words
            idx = cl.span_tokens(r, c)
            fs = cl.span_tokens(r, frame)
            obj = [k for k in fs if frame.vg_end <= k < c.s and toks[k].low != "that"] \
                if frame.lemma == "tell" else []
            idx = [k for k in fs if k < frame.vg_end] + obj + [k for k in idx]
            c2 = frame
            res = hl.subject_prefix(self.doc, self.index, toks, frame.s, frame.subj_end)
        else:
            # a generic subject with a named appositive: the name ("… unit, GM Hughes Electronics, said")
            if c.appositive is not None and self._generic(c) and self._proper(*c.appositive) \
                    and not self._place(*c.appositive):
                subj = c.appositive
            idx = cl.span_tokens(r, c, subject=subj)
            c2 = c
            res = (None, 0) if subject_text is not None else hl.subject_prefix(self.doc, self.index, toks, *subj)
        if res is None:
            return None
        repl, n = res
        prefix = subject_text
        if repl:
            start = (frame.s if frame is not None else subj[0])
            idx = [k for k in idx if k >= start + n]
            prefix = repl
        elif subject_text is not None:
            idx = [k for k in idx if k >= c.verb]
        idx = hl._balance(toks, idx)
        if not prefix and idx and idx[0] > 0 and toks[idx[0] - 1].kind == "d" \
                and toks[idx[0] - 1].text.endswith(("'s", "’s")) and toks[idx[0]].text[:1].islower():
            prefix = "The"   # "Friday's attack killed 12" -> "The attack killed 12", not "Attack killed 12"
        for limit in range(hl.MAX_WORDS, 9, -1):
            trimmed = hl.trim(r, c2 if frame is None else frame, idx, limit)
            if trimmed is None:
                return None
            text = hl.render(self.doc, toks, trimmed, prefix or "")
            n = len(text.split())
            if n < 3 or hl.dangling_end(text):
                return None
            if n <= hl.MAX_WORDS + (hl.SLACK if limit == hl.MAX_WORDS else 0):
                return text
        return None

    def _generic(self, c: cl.Clause) -> bool:
        """A subject headed by a common noun ("General Motors Corp.'s big … unit")."""
        head = _subject_head(self.r.toks, c)
        return bool(head) and head[:1].islower() and not any(
            t.kind == "w" and t.low == head and t.text[:1].isupper() for t in self.r.toks[c.s:c.subj_end])

    def _place(self, a: int, b: int) -> bool:
        """"… of Loudon county, Virginia, will vote": a place after a comma is where, not who."""
        ws = [t for t in self.r.toks[a:b] if t.kind == "w"]
        if not ws or self.index is None:
            return False
        found = self.index.mention_at(ws[0].start, ws[-1].end)
        return (found is not None and found.kind == "place") or " ".join(t.text for t in ws) in gz.PLACES

    def _proper(self, a: int, b: int) -> bool:
        ws = [t for t in self.r.toks[a:b] if t.kind == "w"]
        return bool(ws) and len(ws) <= 6 and all(t.text[:1].isupper() or t.low in ("of", "and", "the", "&")
                                                 for t in ws)

    def _reported(self, c: cl.Clause, comp: cl.Clause) -> tuple[cl.Tok, str] | None:
        r = self.r
        if not _speaker_ok(r, c):
            return None
        inner = [d for d in self.dates("complement") if not self._adjectival(d)]
        if comp.modal:
            inner += self.dates("start")
        inner += [d for d in self.dates("adjective", "subject") if self._quarter(d) and comp.s <= d.i < comp.end]
        inner.sort(key=lambda t: t.start)
        own_subject = r.toks[comp.s].low in ("it", "its", "they", "their", "he", "she", "his", "her")
        figure = self._figure_subject(c, comp)
        if comp.modal:
            # "said it would investigate the genocide … nearly four years ago": a past date
            # does not date what someone will do
            inner = [d for d in inner if not self._past_year(d)]
        if comp.perfect and not comp.pluperfect:
            inner = [d for d in inner if not self._long_past(d)]
        if inner and comp.pluperfect and own_subject:
            return None     # "said it had informed the family … that he died … on March 26, 1996"
        if inner:
            date = _pick(inner)
            if not _news_clause(r, comp, named_subject=figure is not None) and not (own_subject and comp.modal):
                return None
            if self._prior_figure(date):
                return None
            if figure is not None:
                text = self._headline(comp, subject_text=figure)
            elif comp.modal or (own_subject and not comp.pluperfect):
                text = self._headline(comp, frame=c)
            else:
                text = self._headline_reported(c, comp)
            return (date, text) if text else None
        frame = self.dates("frame", "main", "lead", "attribution", "dateline")
        if not frame:
            return self._since()
        date = frame[0]
        if comp.negated or (comp.pluperfect and (own_subject or comp.lemma not in _TALLY_VERBS)):
            return None     # "said today it had sent an envoy": the sending has a date of its own
        if not _announcement(r, comp) and not _news_clause(r, comp):
            return None
        if comp.lemma in lx.OPINION or comp.lemma in lx.STATE or (comp.copula and not comp.modal and
                                                                  not self._scheduled(comp)):
            return None
        if comp.lemma == "expect" and comp.passive:
            return None
        if comp.modal or own_subject or comp.progressive:
            text = self._headline(comp, frame=c)
        else:
            text = self._headline_reported(c, comp)
        return (date, text) if text else None

    def _speaker(self, c: cl.Clause) -> str:
        """The speaker of "X said …" as written (a named appositive for a generic subject)."""
        toks = self.r.toks
        if c.appositive is not None and self._generic(c) and self._proper(*c.appositive):
            return hl.render(self.doc, toks, list(range(*c.appositive)))
        return hl.render(self.doc, toks, list(range(c.s, c.subj_end)))

    def _figure_subject(self, c: cl.Clause, comp: cl.Clause) -> str | None:
        """ "Reed said net income … slipped 5%": the subject written "Reed's net income"."""
        toks = self.r.toks
        words = [t for t in toks[comp.s:comp.subj_end] if t.kind == "w"]
        if not words or any(_named(t) for t in words[1:]) or _subject_head(toks, comp) not in _FIGURE_HEADS:
            return None
        core: list[int] = []
        for t in toks[comp.s:comp.subj_end]:
            if t.kind == "w" and (t.low in lx.PREPOSITIONS or t.low in lx.RELATIVES):
                break
            if t.kind == "w" and not (not core and t.low in ("the", "its", "their", "his", "her")):
                core.append(t.i)
        if not core:
            return None
        speaker = self._speaker(c)
        if not speaker or speaker.split()[0].lower() in lx.PRONOUNS | lx.DETERMINERS:
            return None
        owner = speaker + ("'" if speaker.endswith("s") else "'s")
        return owner + " " + hl.render(self.doc, toks, core)[:1].lower() + hl.render(self.doc, toks, core)[1:]

    def _headline_reported(self, c: cl.Clause, comp: cl.Clause) -> str | None:
        """Y's own words for "X said Y", with a pronoun subject of Y written as X."""
        toks = self.r.toks
        first = toks[comp.s].low
        if first in ("it", "they", "he", "she") and comp.subj_end - comp.s == 1:
            speaker = hl.render(self.doc, toks, list(range(c.s, c.subj_end)))
            return self._headline(comp, subject_text=speaker)
        return self._headline(comp)

    def _agent_side(self) -> tuple[cl.Tok, str] | None:
        """A dated passive with its agent inside the predicate, written active.

        "… attacks like the ones carried out by the IS in Paris on 13 November in
        which 130 people lost their lives" -> "The IS carried out terror attacks in
        Paris in which 130 people lost their lives" (13 November).  Only regular
        verbs, whose past form is the participle the article wrote.
        """
        r = self.r
        toks = r.toks
        c = r.main
        for a, b, kind in r.sides:
            t = toks[a]
            if kind != "side" or not cl._reduced_relative(toks, a) or not t.low.endswith("ed"):
                continue
            dates = [d for d in toks[a:b] if d.kind == "d" and concrete_value(str(d.date.value))]
            if not dates or self._future(dates[0]):
                continue
            k = a + 1
            verb = [a]
            if toks[k].low in ("out", "up", "off", "down"):
                verb.append(k)
                k += 1
            if toks[k].low != "by":
                continue
            k += 1
            agent = []
            while k < b and toks[k].kind == "w" and toks[k].low not in lx.PREPOSITIONS and \
                    toks[k].low not in lx.RELATIVES and len(agent) < 6:
                agent.append(k)
                k += 1
            if not agent or not any(_named(toks[j]) for j in agent):
                continue
            rest = [j for j in range(k, b) if toks[j].kind != "d" and not (
                toks[j].kind == "w" and toks[j].low in ("on", "in", "at") and j + 1 < b and toks[j + 1].kind == "d")]
            antecedent = self._antecedent(a)
            if not antecedent:
                continue
            idx = agent + verb + antecedent + rest
            idx = hl._balance(toks, idx)
            words = [j for j in idx if toks[j].kind in ("w", "d")]
            if len(words) > hl.MAX_WORDS:
                cut = next((n for n, j in enumerate(idx) if j >= k and toks[j].low in lx.RELATIVES), None)
                if cut is None:
                    continue
                idx = idx[:cut]
            text = hl.render(self.doc, toks, idx)
            if 3 <= len(text.split()) <= hl.MAX_WORDS:
                return dates[0], text
        return None

    def _antecedent(self, k: int) -> list[int]:
        """The noun phrase a reduced relative at ``k`` describes ("terror attacks like the ones")."""
        toks = self.r.toks
        j = k - 1
        np: list[int] = []
        while j >= 0 and toks[j].kind == "w" and (verb_info(toks[j]) or ("", "pres"))[1] == "pres" \
                and toks[j].low not in lx.PREPOSITIONS and toks[j].low not in lx.AUX \
                and toks[j].low not in lx.PRONOUNS and toks[j].low not in lx.CONJUNCTIONS and len(np) < 5 \
                and not cl._adverb(toks[j]) and not (len(toks[j].low) > 5 and toks[j].low.endswith(("ing", "ed"))):
            np.insert(0, j)
            j -= 1
        words = [toks[i].low for i in np]
        if words and words[-1] in ("ones", "one", "those", "these") and j >= 0 and toks[j].low in ("like", "as"):
            if toks[j].low == "as" and j > 0 and toks[j - 1].low == "such":
                j -= 1
            return self._antecedent(j)
        while np and toks[np[0]].low in lx.DETERMINERS:
            np = np[1:]
        return np

    def _since(self) -> tuple[cl.Tok, str] | None:
        """A "since"-clause with a subject and verb of its own: a background event."""
        r = self.r
        for a, b, kind in list(r.sides) + [(x, y, k) for x, y, k in r.leads]:
            if kind not in ("side", "since") or r.toks[a].low != "since":
                continue
            dates = [t for t in r.toks[a:b] if t.kind == "d" and concrete_value(str(t.date.value))]
            if not dates:
                continue
            end = b - 1 if b - 1 < len(r.toks) and r.toks[b - 1].text == "," else b
            sc = cl.find_clause(r.toks, a + 1, end)
            if sc is None or sc.s != a + 1:
                continue
            sc.end = end
            for d in dates:
                d.role = "main"
            if not _news_clause(r, sc) or sc.perfect:
                continue
            saved = r.sides
            r.sides = [x for x in saved if not (x[0] <= a < x[1] or a <= x[0] < b)]
            text = self._headline(sc)
            r.sides = saved
            if text:
                return dates[0], text
        return None


def find_events(doc: Doc, mentions: Iterable[DateLike], index=None,
                dct: datetime.date | None = None) -> list[ExtractedEvent]:
    """At most one event per dated sentence: its news, dated by the date of that news.

    ``index`` (a :class:`.names.NameIndex`) lets a headline name the person or
    organisation a pronoun stands for; without it such sentences make no event.
    ``dct`` (the publication date) tells prior-year comparison figures, and a
    past-tense event from a date still to come.
    """
    by_sent: dict[tuple[int, int], list] = {}
    for m in mentions:
        if not doc.masked[m.start:m.end].strip():
            continue   # in a masked line (caption, credit, code)
        sent = doc.sentence_of(m.start)
        if sent[0] == sent[1]:
            continue
        by_sent.setdefault(sent, []).append(m)
    events = []
    for sent, ms in sorted(by_sent.items()):
        if not any(concrete_value(str(m.value)) for m in ms):
            continue
        if doc.masked[sent[0]:sent[1]].rstrip(" \"'”’)").endswith("?"):
            continue   # a question tells no event

        found = _Sentence(doc, sent, ms, index, dct).event()
        if found is not None:
            tok, text = found
            m = tok.date
        else:   # no event of the sentence's own: perhaps one recalled as a dated noun
            recalled = next(((m, text) for m in ms if (text := nominal_event(doc.masked, sent[0], m))), None)
            if recalled is None:
                continue
            m, text = recalled
        events.append(ExtractedEvent(m.value, m.mod, text, " ".join(m.text.split()),
                                     Span(m.start, m.end), doc.clean(*sent)))
    return events
