"""Direct quotations and who said them.

Quote marks are paired paragraph by paragraph (straight ``"`` toggles, curly
``“``/``”`` and wire-copy ````…''`` open and close; curly single marks
``‘…’`` in paragraphs that have no double ones).  A paragraph that ends
inside a quotation whose next paragraph opens with a quote mark is the
newspaper convention for a quotation that goes on: the two parts become two
quotes with one speaker.  Wire copy whose paragraph breaks were lost shows
the same thing as a second opening mark after a stop (````A. ``B.''``).

Each quote is attributed by the first rule that fits:

0. ``the agency quoted X as saying`` (before or after): X, via the agency;
1. after the closing mark: ``"…," Gallan said`` / ``," said Gallan`` /
   ``," says Merrill Lynch analyst William Maguire`` / ``" she added`` /
   ``", according to Gallan`` / ``"… with" changes in the market, said Ito``;
2. before the opening mark, in the same sentence: ``Gallan said: "…"``,
   ``Patricia Gallan was quoted as saying by The Guardian: "…"``,
   ``Says Michael Hirsch, …: "…"``, ``…, adding: "…"``;
   when these strict patterns fail, the subject phrase of the speech verb
   next to the quote is read by :mod:`.speakers` (a name behind titles and
   descriptions, a name before an aside, a description, a place only as the
   whole subject), and so is a characterising verb before a partial quote
   (``called the order "grave and sinister"``);
3. it follows an attributed quote in the same paragraph -- unless someone
   else is named in between, or, in a run-together wire paragraph, a whole
   sentence stands in between;
4. a speech verb earlier in its paragraph (``…, Mr. Antolini says, is … "…"``),
   in a run-together paragraph only in the sentence just before;
5. it continues a quotation from the previous paragraph, or opens the
   paragraph right after an attributed quote or a paragraph that ends in
   "X said …" -- the way reporters string quotes together.

A pronoun stands for the person who is the subject of the latest sentence in
its paragraph (names inside quotations do not count), else for the speaker of
the sentence before, else for the last speaker; "they" is never one named
person, and "it" is the organisation that opens the sentence or one of the
two before.  Surnames and titled names resolve through the
:class:`~generator.extract.names.NameIndex` to the full name; definite
descriptions ("the foreign minister", "the company") through
:func:`~generator.extract.speakers.resolve_description`.  A name after a
preposition ("officials in Buffalo") is never the subject.  Single quoted
words are scare quotes; two or three quoted words are a quotation only when
attributed (not "what it calls "…"").  ``via`` is the outlet named in the
attribution (``told the BBC``, ``quoted … by The Guardian``, ``in an
interview with Sky News``), never a person or a place.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from . import gazetteer as gz
from .items import ExtractedQuote, Span
from .names import _UPPER, NameIndex
from .sentences import ABBREVIATIONS, Doc
from .speakers import (CHARACTERISE, COLLECTIVE, SPEECH, description_np, resolve_description, speaker_of,
                       subject_segment)

_VERBS = ("said|says|say|added|adds|told|tells|explained|explains|noted|notes|stated|states|warned|"
          "warns|claimed|claims|insisted|insists|argued|argues|continued|continues|wrote|writes|"
          "declared|declares|admitted|admits|recalled|recalls|remarked|replied|replies|responded|"
          "responds|commented|comments|confirmed|confirms|announced|announces|acknowledged|"
          "acknowledges|suggested|suggests|urged|urges|stressed|stresses|emphasised|emphasized|"
          "asked|asks|tweeted|posted|conceded|concedes|maintained|maintains|observed|observes|"
          "pointed out|points out|went on|goes on|concluded|concludes|cautioned|cautions|promised|"
          "vowed|predicted|revealed|reveals|joked|quipped|shouted|told reporters|added that|"
          "(?:was|is|were|has been|had been) quoted as saying|(?:was|is) quoted")
_AUX = r"(?:(?:has|had|have|also|then|later|previously|once|again|would|will|had|just|was|is)\s+){0,2}"
_HONORIFIC = r"(?:Mr|Mrs|Ms|Dr|Prof|Sen|Rep|Gov|Gen|Col|Capt|Lt|Sgt|Rev|Sir|Dame|Lord|Lady)"
# One word of a name: "Mr.", initials ("J.", "U.S."), a capitalised word, al-/el- names.
_NAME_WORD = (r"(?:" + _HONORIFIC + r"\.|(?:[" + _UPPER + r"]\.)+|[" + _UPPER + r"][\w'’-]*"
              r"(?:(?:(?<=Inc)|(?<=Ltd)|(?<=Corp)|(?<=Co)|(?<=Cos)|(?<=Jr)|(?<=Sr)|(?<=Bros))\.)?"
              r"|(?:al|el)-[" + _UPPER + r"][\w'’-]*)")
_NAME = (_NAME_WORD + r"(?:\s+(?:(?:de|da|di|du|del|der|van|von|bin|ibn|al|el|la|le)\s+)?"
         + _NAME_WORD + r")*")
_TITLES = "|".join(re.escape(t) for t in sorted(gz.HEAD_TITLES | gz.TITLE_MODIFIERS, key=len, reverse=True))
_LOWER_TITLES = r"(?:(?:the|a|an|former|(?:%s))\s+){0,3}" % _TITLES
_DESC_NOUNS = ("spokesman|spokeswoman|spokesperson|official|officials|source|sources|statement|"
               "report|officer|minister|police|witness|resident|lawyer|doctor|expert|analyst|"
               "friend|neighbour|neighbor|relative|mother|father|sister|brother|son|daughter|"
               "wife|husband|colleague|teacher|student|survivor|victim|man|woman|boy|girl|"
               "company|firm|group|government|ministry|department|agency|council|army|military|"
               "court|bank|board|union|party|campaign|charity|organisation|organization")
_DESC = (r"(?:[Tt]he|[Aa]n?|[Oo]ne|[Aa]nother)\s+(?:[\w'’.&-]+\s+){0,3}(?:%s)\b"
         r"(?:\s+(?:for|at|of|from)\s+(?:the\s+)?%s)?" % (_DESC_NOUNS, _NAME))
_SUBJ = r"(?P<who>(?P<pron>\b(?:[Hh]e|[Ss]he|[Tt]hey)\b)|(?P<desc>%s)|%s(?P<name>%s))" % (
    _DESC, _LOWER_TITLES, _NAME)
# "Mary Jones, a witness, said": an aside between the speaker and the verb.
_ASIDE = r"(?:(?:,\s[^,\"“”.!?]{1,120}){1,2},|,)?"
_LEAD = r"^[\s,;:—–-]*"

# Words that may stand between a speech verb and the name: capitalised words
# ("Merrill Lynch"), titles, and a lower-case word right before a title ("food analyst").
_DESCRIPTORS = (r"(?:(?:the|a|an)\s+)?(?:(?:[" + _UPPER + r"][\w&'’.-]*|(?i:%s)|[a-z]+(?=\s+(?i:%s)(?!\w)))\s+){0,5}?"
                % (_TITLES, _TITLES))
# After "said", a name must end there ("said Smith.", "said Smith on Monday"): in "said
# the Kuwaiti request gives …" the capitalised word is not the speaker.  Nor may it end
# on a lone capital ("the U" of "the U.S. and …").
_NAME_END = (r"(?<!\b[A-Z])(?=\s*[,.;:!?)—–\"”]|\s*$|\s+(?:in|on|at|of|from|for|during|after|before|when|while|"
             r"who|as|yesterday|today|tonight|last|this|earlier|later|recently|adding|according|told|"
             r"(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b)")
# 1. after the closing mark
_AFTER_SUBJ_VERB = re.compile(_LEAD + _SUBJ + _ASIDE + r"\s+" + _AUX + r"(?:%s)\b" % _VERBS)
_AFTER_VERB_SUBJ = re.compile(_LEAD + r"(?:%s)\s+" % _VERBS + _DESCRIPTORS + _SUBJ + _NAME_END)
# A partial quote continued by the sentence: `"… effectively with" changes in the market, said Ito.`
_LATE = r"^[^\"“”.!?]{1,80}?,\s+"
_AFTER_LATE_VS = re.compile(_LATE + r"(?:%s)\s+" % _VERBS + _DESCRIPTORS + _SUBJ + _NAME_END)
_AFTER_LATE_SV = re.compile(_LATE + _SUBJ + _ASIDE + r"\s+" + _AUX + r"(?:%s)\b" % _VERBS)
_AFTER_ACCORDING = re.compile(_LEAD + r"according\s+to\s+" + _SUBJ)
# A sentence opening "The spokeswoman said …" with no quote: a later pronoun may be her.
_DESC_SUBJECT = re.compile(r"[\s\"“‘']*(?P<desc>%s)%s\s+%s(?:%s)\b" % (_DESC, _ASIDE, _AUX, _VERBS))
# 2. before the opening mark (searched, the last match wins)
_BEFORE = re.compile(_SUBJ + _ASIDE + r"\s+" + _AUX + r"(?P<verb>%s)\b" % _VERBS)
# "…, Mr. Antolini says, is creating …" inside a paragraph.
_PARA_VERB_SUBJ = re.compile(r",\s+(?:says|said)\s+" + _SUBJ + _NAME_END)
_BEFORE_INVERTED = re.compile(r"^\s*(?:Says|Said|Adds|Added|Asks|Asked|Replied|Replies|Explained|Recalled|Noted|Countered|Responded)\s+" + _DESCRIPTORS + _SUBJ
                              + r"(?=\s*[,:]|\s*$)")
# ", saying they …" / ", adding: …": the sentence's own subject is the speaker.
_PARTICIPLE = re.compile(r",\s+(?:saying|adding|noting|arguing|warning|insisting|explaining|declaring)\b")
_BEFORE_ACCORDING = re.compile(r"\b[Aa]ccording\s+to\s+" + _SUBJ + r"[\s,:]*$")
# the outlet a quote was given to or reported by
_VIA = re.compile(
    r"(?i:quoted(?:\s+as\s+saying)?\s+by|\btold|\bspeaking\s+(?:to|with|on)|\bwriting\s+(?:in|for|on)"
    r"|\bin\s+an?\s+(?:interview|statement|article|op-ed|column|post|piece)\s+(?:with|to|for|in|on)"
    r"|\baccording\s+to|\b(?:said|wrote|posted)\s+(?:in|on))\s+(?P<via>(?:(?:the|The)\s+)?%s)" % _NAME)

_FLATTENED = re.compile(r"[.!?,]\s+\Z")
_QUOTE_MARK = re.compile(r"[\"“”]")
# A straight single mark that may open (after a space or bracket, before a letter) or close
# (after a non-space, not before a word character) a quotation.
_STRAIGHT_SINGLE = re.compile(r"(?P<open>(?<![^\s(\[—–-])'(?=[^\W\d_]))|(?<=\S)'(?!\w)")
_LOWER_WORD_AFTER = re.compile(r" [a-z]")
_SINGLE_MARK = re.compile(r"(?<![\w])‘|’")
# "what it calls "…"", "what he termed "…"": the writer names a term, nobody is quoted.
_NAMED_TERM = re.compile(r"\bwhat\s+(?:[\w'’.-]+\s+){1,4}?(?:calls|called|terms|termed|dubs|dubbed)"
                         r"\s+(?:an?\s+|the\s+)?[“\"]?\s*\Z")
_WORD = re.compile(r"[^\W_][\w'’-]*")


@dataclass
class _Quote:
    start: int              # inner text span
    end: int
    para: int               # paragraph index
    continues: bool         # the quotation goes on in the next paragraph
    open_pos: int           # offset of the opening mark
    close_pos: int          # offset just after the closing mark (paragraph end if none)
    speaker: str | None = None
    via: str | None = None
    attributed: bool = False   # has an attribution of its own (rules 1 and 2)
    direct: bool = False       # the attribution touches the quote (`said: "…"`, `"…," she said`)
    same_sentence: bool = False  # carries the speaker of a quote in its sentence or the one before


def _marks(masked: str, ps: int, pe: int) -> tuple[list[tuple[str, int]], str]:
    """The quote marks of one paragraph as (kind, offset), kind "open"/"close"/"toggle".

    Double marks are the rule.  A paragraph with none may use curly single
    marks (‘…’), as much of the British press does; there ’ is a closing mark
    only when no letter follows it (in "it’s" it is an apostrophe) and it does
    not end a plural before a lower-case word ("the officers’ job").
    """
    doubles = [(("open" if m.group() == "“" else "close" if m.group() == "”" else "toggle"), m.start())
               for m in _QUOTE_MARK.finditer(masked, ps, pe)]
    if doubles:
        return doubles, "\"“"
    if "‘" not in masked[ps:pe]:
        if "'" in masked[ps:pe]:
            return _straight_singles(masked, ps, pe), "'"
        return doubles, "\"“"
    singles = []
    for m in _SINGLE_MARK.finditer(masked, ps, pe):
        pos = m.start()
        if m.group() == "‘":
            singles.append(("open", pos))
        elif not masked[pos + 1:pos + 2].isalpha() and not (
                masked[pos - 1:pos] == "s" and re.match(r" [a-z]", masked[pos + 1:pos + 3])):
            # (In "the officers’ job" it is a plural possessive, not a closing mark.)
            singles.append(("close", pos))
    return singles, "‘"


def _straight_singles(masked: str, ps: int, pe: int) -> list[tuple[str, int]]:
    """Straight single quote marks ('…') of a paragraph with no other quote marks.

    A ' opens a quotation after a space or an opening bracket and before a
    letter; it closes one after a non-space and before no letter or digit --
    unless it ends a plural possessive ("the officers' job").  Apostrophes in
    "it's" or "'90s" are neither, or open nothing that closes, so only marks
    that pair up are returned: a stray apostrophe never starts a quotation.
    """
    marks: list[tuple[str, int]] = []
    open_at = None
    for m in _STRAIGHT_SINGLE.finditer(masked, ps, pe):
        pos = m.start()
        if m.group("open") is not None:
            open_at = pos
        elif open_at is not None and not (masked[pos - 1:pos] in ("s", "S")
                                          and _LOWER_WORD_AFTER.match(masked, pos + 1)):
            marks += [("open", open_at), ("close", pos)]
            open_at = None
    return marks


def _pairs(doc: Doc) -> list[_Quote]:
    """Pair quote marks inside each paragraph."""
    found: list[_Quote] = []
    masked = doc.masked
    for pi, (ps, pe) in enumerate(doc.paragraphs):
        open_at: int | None = None
        marks, openers = _marks(masked, ps, pe)
        for kind, pos in marks:
            if open_at is None:
                if kind != "close":
                    open_at = pos
            elif kind != "open":
                found.append(_Quote(open_at + 1, pos, pi, False, open_at, pos + 1))
                open_at = None
            elif not _FLATTENED.search(masked, ps, pos):
                open_at = pos   # a second opening mark: the first was stray
            # (else a quote that went on in a new paragraph, the break lost: `“A. “B.”`)
        if open_at is not None:
            nxt = doc.paragraphs[pi + 1][0] if pi + 1 < len(doc.paragraphs) else None
            continues = nxt is not None and masked[nxt] in openers
            found.append(_Quote(open_at + 1, pe, pi, continues, open_at, pe))
    return found


def _trim(masked: str, start: int, end: int) -> tuple[int, int]:
    """Shrink a quote's span past surrounding spaces and a trailing comma."""
    while start < end and (masked[start].isspace() or masked[start] in ",;:"):
        start += 1
    while end > start and (masked[end - 1].isspace() or masked[end - 1] in ",;"):
        end -= 1
    return start, end


class _Attributor:
    """Resolves the ``who`` of a match to a display name, tracking the last speaker."""

    def __init__(self, doc: Doc, index: NameIndex, quoted: list[tuple[int, int]]) -> None:
        self.doc = doc
        self.index = index
        self.quoted = sorted(quoted)  # (start, end) of every quotation: names in them are not subjects
        self.last_speaker: str | None = None

    def who(self, m: re.Match, base: int) -> str | None:
        pos = base + m.start("who")
        if m.group("pron"):
            if m.group("pron").lower() == "they":
                return self.described_subject_before(pos)[0]   # never one named person
            return self.pronoun(pos)
        if m.group("desc"):
            desc = " ".join(m.group("desc").split())
            desc = desc[:1].lower() + desc[1:]   # "The source said" -> "the source"
            return resolve_description(desc, pos, self.index)
        name = re.sub(r"['’]s$", "", m.group("name"))
        if name.lower() in COLLECTIVE:
            return name.lower()   # "Police said": a body of people, not a name
        start = base + m.start("name")
        if _PLACE_IN_PHRASE.search(self.doc.masked, max(0, start - 40), start):
            return None   # "Officials in Buffalo said": a name after a preposition is not the subject
        return self.index.resolve_speaker(name, start, start + len(name))

    def phrase(self, start: int, end: int, late: bool, loose: bool | None = None) -> str | None:
        """The speaker named by the subject phrase in ``[start, end)`` (see :mod:`.speakers`).

        ``loose`` (default: not ``late``) accepts any short description.
        """
        s, e = subject_segment(self.doc.masked, start, end, late)
        who, kind = speaker_of(self.doc.masked, s, e, self.index, loose=not late if loose is None else loose)
        if who is None and re.match(r"\s*(?:the|a|an|his|her|their|its)\s", self.doc.masked[s:e], re.I):
            return self.appositive_name(e)   # "said the winner, Sarah Jones, 23"
        if kind == "pronoun":
            pron = who.lower()
            if pron == "it":
                return self.body_subject(s)
            if pron == "they":
                desc, _ = self.described_subject_before(s)
                return desc   # "they" is never one named person
            return self.pronoun(s)
        if kind == "description":
            named = self.appositive_name(e)
            if named is not None:
                return named   # "Lopez's lawyer, Mark Tate," / "the winner, Sarah Jones, 23"
            return resolve_description(who, s, self.index)
        return who

    def appositive_name(self, end: int) -> str | None:
        """A person's name set off by commas right after ``end`` (", Mark Tate,")."""
        m = _APPOSITIVE_NAME.match(self.doc.masked, end)
        if m is None:
            return None
        mention = self.index.mention_at(m.start("name"), m.end("name"))
        if mention is None or mention.kind != "person" or mention.start != m.start("name"):
            return None
        return self.index.groups[mention.key].name

    def pronoun(self, pos: int) -> str | None:
        """The person a he/she/they at ``pos`` stands for."""
        person, person_at = self.subject_before(pos, with_offset=True)
        desc, desc_at = self.described_subject_before(pos)
        if desc is not None and (person is None or desc_at >= self.doc.sentence_of(person_at)[0]):
            return desc   # "The spokeswoman said … 'We are ready,' she said."
        if person is None and desc is None:
            # A pronoun opening a paragraph: "…, Mr. Lego said.  He said …" -- the
            # speaker of the sentence just before, if it names one.
            person = self.speaker_of_previous_sentence(pos)
        return person or self.last_speaker or self.index.last_person_before(pos)

    def other_person_between(self, start: int, end: int, speaker: str) -> bool:
        """Is someone other than ``speaker`` named between two quotes (outside quotations)?

        "“A,” Smith said. Jones disagreed. “B.”": the article has moved on, and
        "B" is not Smith's to carry.
        """
        first = bisect.bisect_left(self.index.mentions, start, key=lambda m: m.start)
        for m in self.index.mentions[first:]:
            if m.start >= end:
                break
            if m.kind == "person" and not self._in_quote(m.start) \
                    and self.index.groups[m.key].name != speaker:
                return True
        # A sentence in between whose subject is a bare name ("Jones, however, disagreed").
        i = self.doc.sentence_index(start)
        for s, e in self.doc.sentences[i + 1:]:
            if s >= end:
                break
            w = _BARE_SUBJECT.match(self.doc.masked, s)
            if w and w.group(1) not in speaker.split() and w.group(1).lower() not in gz.NOT_NAMES \
                    and w.group(1).lower() not in gz.PLACES and self.index.mention_at(s, w.end(1)) is None:
                return True
        return False

    def sentence_subject(self, pos: int) -> tuple[str | None, str]:
        """The named subject opening the sentence around ``pos``, and its kind.

        "Mr. Baker declined …, but said that …", "A unit of DPC Acquisition
        Partners launched …, and said it would …": the name at the start of
        the sentence (behind "A unit of", "The"), if there is one.
        """
        s, _ = self.doc.sentence_of(pos)
        m = _SUBJECT_OPENING.match(self.doc.masked, s)
        if m is None:
            return None, ""
        mention = self.index.mention_at(m.end(), m.end() + 1)
        if mention is None or mention.start != m.end() or mention.kind == "place":
            return None, ""
        return self.index.groups[mention.key].name, mention.kind

    def body_subject(self, pos: int) -> str | None:
        """The organisation an "it said" at ``pos`` stands for.

        The subject of its own sentence or of one of the two before, if that
        is an organisation; None when a person or nothing named opens them.
        """
        i = self.doc.sentence_index(pos)
        for j in range(i, max(-1, i - 3), -1):
            name, kind = self.sentence_subject(self.doc.sentences[j][0])
            if kind == "organisation":
                return name
            if kind == "person":
                return None
        return None

    def speaker_of_previous_sentence(self, pos: int) -> str | None:
        i = self.doc.sentence_index(pos) - 1
        if i < 0:
            return None
        s, e = self.doc.sentences[i]
        text = self.doc.masked[s:e]
        best = None
        for rx in (_BEFORE, _PARA_VERB_SUBJ):
            for m in rx.finditer(text):
                if m.group("name") and not self._in_quote(s + m.start()) and (best is None or m.start() > best.start()):
                    best = m
        if best is None:
            return None
        name = re.sub(r"['’]s$", "", best.group("name"))
        start = s + best.start("name")
        mention = self.index.mention_at(start, start + len(name))
        if mention is not None:
            return self.index.groups[mention.key].name if mention.kind == "person" else None
        if name.lower() in gz.PLACES or name.lower() in COLLECTIVE:
            return None
        return self.index.resolve_speaker(name, start, start + len(name))   # "Jones said …"

    def _in_quote(self, pos: int) -> bool:
        i = bisect.bisect_right(self.quoted, (pos, len(self.doc.masked))) - 1
        return i >= 0 and self.quoted[i][0] <= pos < self.quoted[i][1]

    def described_subject_before(self, pos: int) -> tuple[str | None, int]:
        """A described speaker ("the spokeswoman") opening a sentence of the paragraph before ``pos``.

        Returns the description and its offset, or ``(None, -1)``: the latest
        sentence before ``pos`` (but in its paragraph) that starts "The
        spokeswoman said" / "A police source told …".
        """
        para = self._paragraph(pos)
        if para is None:
            return None, -1
        i = self.doc.sentence_index(pos)
        # (A few sentences back at most: further off, a description is no antecedent,
        # and a run-together wire "paragraph" would make this quadratic.)
        stop = max(-1, i - 6)
        while i > stop:
            s, e = self.doc.sentences[i]
            if s < para[0]:
                break
            if s < pos:
                m = _DESC_SUBJECT.match(self.doc.masked, s, min(e, pos))
                if m:
                    desc = " ".join(m.group("desc").split())
                    return desc[:1].lower() + desc[1:], s
            i -= 1
        return None, -1

    def _paragraph(self, pos: int) -> tuple[int, int] | None:
        i = bisect.bisect_right(self.doc.paragraphs, (pos, len(self.doc.masked) + 1)) - 1
        if i >= 0 and self.doc.paragraphs[i][0] <= pos <= self.doc.paragraphs[i][1]:
            return self.doc.paragraphs[i]
        return None

    def subject_before(self, pos: int, with_offset: bool = False):
        """The person a pronoun at ``pos`` most likely stands for, within its paragraph.

        We take the first person named in each sentence (a stand-in for the
        subject) and keep the latest: in "Gallan said the Met would work with
        Hogan-Howe. 'We are ready,' she said", that is Gallan, not Hogan-Howe.
        Outside the paragraph, the caller falls back to the last speaker.
        """
        para = self._paragraph(pos)
        if para is None:
            return (None, -1) if with_offset else None
        best, best_at = None, -1
        seen_sentences: set[tuple[int, int]] = set()
        mentions = self.index.mentions
        first = bisect.bisect_left(mentions, para[0], key=lambda m: m.start)
        for mention in mentions[first:]:
            if mention.start >= pos:
                break
            if mention.kind != "person" or self._in_quote(mention.start):
                continue
            if _POSSESSIVE.match(self.doc.masked, mention.end):
                continue   # "Netanyahu's spokesman, David Bar-Illan, called …": not the subject
            sent = self.doc.sentence_of(mention.start)
            if sent in seen_sentences:
                continue
            seen_sentences.add(sent)
            best, best_at = self.index.groups[mention.key].name, mention.start
        return (best, best_at) if with_offset else best


# What an outlet's name looks like when the name finder does not know it: "The
# Western Mail", an acronym ("CNN"), or a word papers and broadcasters use.
_OUTLET = re.compile(r"^(?:the|The)\s|^[A-Z]{2,}\b|\b(?:News|Times|Post|Herald|Journal|Gazette|Tribune|Telegraph|"
                     r"Radio|Television|TV|Channel|Press|Agency|Network|Magazine|Mail|Express|Observer|"
                     r"Independent|Guardian|Chronicle|Star|Sun|Mirror|Standard|Review|Daily)\b")


def _via(text: str, index: NameIndex, base: int) -> str | None:
    for m in _VIA.finditer(text):
        via = re.sub(r"['’]s\b.*$", "", m.group("via"))
        via = re.sub(r"^the\s+", "", via).strip()
        start = base + m.start("via")
        mention = index.mention_at(start, start + len(m.group("via")))
        if mention is not None and mention.kind in ("person", "place") or via.lower() in gz.PLACES:
            continue   # "told Gallan", "said in Washington": a person or a place, not an outlet
        if (mention is None or mention.kind != "organisation") and not _OUTLET.search(m.group("via")):
            continue   # "Obama told Cameron": an unknown name is more likely a person
        if via and via.lower() not in gz.NOT_NAMES:
            return via
    return None


def _attribute_after(tail: str, base: int, attr: _Attributor) -> tuple[str | None, bool]:
    """Rule 1: the attribution follows the quote.  Returns (speaker, direct)."""
    if tail.lstrip().startswith(";"):
        return None, False   # `"…"; Another source said …`: a new clause, another speaker
    for rx in (_AFTER_SUBJ_VERB, _AFTER_VERB_SUBJ, _AFTER_ACCORDING):
        m = rx.match(tail)
        if m:
            return attr.who(m, base), True
    for rx in (_AFTER_LATE_VS, _AFTER_LATE_SV):
        m = rx.match(tail)
        if m:
            return attr.who(m, base), False
    return None, False


def _attribute_before(head: str, base: int, attr: _Attributor) -> tuple[str | None, bool]:
    """Rule 2: the attribution precedes the quote in its sentence.  Returns (speaker, direct)."""
    # Only the last few hundred characters can hold an attribution that still
    # reaches the quote; a longer search costs time on run-on paragraphs.
    cut = max(0, len(head) - 300)
    m = _BEFORE_ACCORDING.search(head, cut) or _BEFORE_INVERTED.match(head)
    if m is None:
        for m in reversed(list(_BEFORE.finditer(head, cut))):
            rest = head[m.end():]
            if not _has_stop(rest) and ";" not in rest and len(rest) < 200 and not _LATER_SPEECH.search(rest):
                break
        else:
            m = None
    if m is not None and m.group("name") and re.search(r",\s*$", head[:m.start()]) and "," in head[m.end("who"):m.end()]:
        m = None   # "James Fallon, a consultant in Trenton, N.J., says": a place inside an aside
    if m is not None and m.groupdict().get("verb") and m.group("name") \
            and "," in head[m.end("who"):m.start("verb")]:
        # "Iraq's ambassador to the United Nations, Nizar Hamdoon, said": the name in
        # apposition, not the one before it, may be the speaker.
        who = attr.phrase(base + m.start(), base + m.start("verb"), True)
        if who is not None and who != attr.who(m, base):
            direct = bool(re.fullmatch(r"[^\w]*(?:that\s*)?", head[m.end():]))
            return who, direct
    if m is not None:
        direct = bool(re.fullmatch(r"[^\w]*(?:that\s*)?|\s+by\s+[^,]{0,60}[:,]\s*|\s*[^\w\s]*",
                                   head[m.end():]))
        return attr.who(m, base), direct
    # "Edelman declined to comment, saying they …": the subject of the sentence.
    p = None
    for p in _PARTICIPLE.finditer(head):
        pass
    if p is not None:
        subject = attr.subject_before(base + p.start())
        if subject and attr.doc.sentence_of(base + p.start())[0] <= _mention_start(attr, subject):
            return subject, False
    return None, False


def _mention_start(attr: _Attributor, name: str) -> int:
    """Offset of the last mention of ``name`` (for checking it is in the same sentence)."""
    starts = [m.start for m in attr.index.mentions if attr.index.groups[m.key].name == name]
    return max(starts) if starts else -1


# The general readings of :mod:`.speakers`, tried when the strict patterns find nothing.
_GEN_SV = re.compile(_LEAD + r"(?P<np>[^\"“”!?;:]{1,160}?)\s+" + _AUX + r"(?:%s)\b" % SPEECH)
_GEN_VS = re.compile(_LEAD + r"(?:%s)\s+(?P<np>[^,;:!?\"“”]{1,120})" % SPEECH)
_VS_CUT = re.compile(r"\s+(?:in|on|during|after|before|when|while|who|as|yesterday|today|tonight|last|this|"
                     r"earlier|later|adding|according|told|that|(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b")
_HEAD_VERB = re.compile(r"\b(?:(?P<speech>%s)|(?P<char>%s))\b" % (SPEECH, CHARACTERISE))
# A second speech verb after "X said": the words quoted are someone else's
# ("One source said Sununu lamented that "…"").  Past forms only: "reports" may be a noun.
_LATER_SPEECH = re.compile(r"\b(?:%s)\b" % "|".join(v for v in SPEECH.split("|") if v.endswith(("ed", "said", "told", "wrote"))))
_LOWER_START = re.compile(r"[\s,]*(?!(?:the|a|an|one|another|some|he|she|they)\b)[a-z]")


_STOP = re.compile(r"([\w.'’-]*)[.!?]\s")


def _has_stop(text: str) -> bool:
    """Does ``text`` hold a sentence stop?  "Mr. ", "Messrs. ", "U.S. " and "J. " do not count."""
    for m in _STOP.finditer(text):
        word = m.group(1).lower().rstrip(".")
        if not (word in ABBREVIATIONS or word in ("messrs", "mmes") or len(word) == 1
                or re.fullmatch(r"(?:[a-z]\.)+[a-z]", word)):
            return True
    return False


# "the Iraqi News Agency quoted Saddam Hussein as saying": the speaker, and who relays him.
_QUOTED_AS = (r"(?P<src>[^\"“”;:]{1,120}?)\s+quoted\s+(?P<np>[^\"“”;:]{1,80}?)\s+as\s+"
              r"(?:saying|telling\s+[^\"“”.]{1,40}?)(?:\s+that)?")
_QUOTED_AFTER = re.compile(_LEAD + _QUOTED_AS + r"\s*[.,]?\s*\Z")
_QUOTED_BEFORE = re.compile(r"(?:^|(?<=[,;:]\s))" + _QUOTED_AS + r"(?:\s*[,:]?\s*|\s[^\"“”!?;]{1,150})\Z")


def _quoted_as_saying(tail: str, tail_base: int, head: str, head_base: int,
                      attr: _Attributor) -> tuple[str | None, str | None, bool]:
    """`"…," the agency quoted X as saying` / `The paper quoted X as saying "…"`: (speaker, via, direct)."""
    for text, base, rx in ((tail, tail_base, _QUOTED_AFTER), (head, head_base, _QUOTED_BEFORE)):
        m = rx.search(text) if "quoted" in text else None
        if m is None:
            continue
        who = attr.phrase(base + m.start("np"), base + m.end("np"), False)
        if who is None:
            continue
        src = attr.phrase(base + m.start("src"), base + m.end("src"), False)
        return who, src, True
    return None, None, False


def _general_after(tail: str, base: int, attr: _Attributor) -> tuple[str | None, bool]:
    """The attribution after a quote, read as subject phrase + speech verb (or the reverse)."""
    if tail.lstrip().startswith(";"):
        return None, False
    m = _GEN_VS.match(tail)
    if m:
        np = m.group("np")
        cut = _VS_CUT.search(np)
        end = m.start("np") + (cut.start() if cut else len(np.rstrip(". ")))
        desc_end = description_np(tail, m.start("np"), end)
        if desc_end is not None:
            end = desc_end
        # ("said the strike would …": after the verb, only a known kind of speaker.)
        who = attr.phrase(base + m.start("np"), base + end, False, loose=False)
        if who:
            return who, True
    m = _GEN_SV.match(tail)
    if m:
        late = bool(_LOWER_START.match(m.group("np")))
        who = attr.phrase(base + m.start("np"), base + m.end("np"), late)
        if who:
            return who, not late
    return None, False


def _general_before(head: str, base: int, attr: _Attributor) -> tuple[str | None, bool]:
    """The attribution before a quote: the last speech verb of its sentence and its subject."""
    cut = max(0, len(head) - 300)
    verbs = list(_HEAD_VERB.finditer(head, cut))
    if not verbs:
        return None, False
    v = verbs[-1]
    after = head[v.end():]
    if _has_stop(after) or len(after) > 200:
        return None, False
    start = cut
    for sep in re.finditer(r"[;:]|\bthat\b", head[cut:v.start()]):
        start = cut + sep.end()
    if len(verbs) > 1 and verbs[-2].end() > start and not _ASKED_ASIDE.match(head, verbs[-2].start() - 2):
        start = verbs[-2].end()
    if _ELIDED.search(head, start, v.start()) and not re.search(r"[;:]", head[:v.start()]):
        # "Mr. Baker declined to comment, but said …": the sentence's subject speaks.
        who, _ = attr.sentence_subject(base + v.start())
    else:
        who = attr.phrase(base + start, base + v.start(), True)
    direct = bool(re.fullmatch(r"[^\w]*(?:that\s*)?", after))
    return who, direct


# A place after these words is part of a longer subject, never the speaker.
_PLACE_IN_PHRASE = re.compile(r"\b(?:in|at|from|near|outside|across|for|(?<![Aa]ccording\s)to|on|with|by)"
                              r"\s+(?:the\s+)?\Z")
# A pronoun and a speech verb right after the closing mark.
_SPOKEN_AFTER = re.compile(r"[\s,—–-]*(?:he|she|they|I|we)\s+(?:%s)\b" % SPEECH)
_POSSESSIVE = re.compile(r"['’]s?\s")
_APPOSITIVE_NAME = re.compile(r",\s+(?P<name>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){1,3})(?=\s*(?:,|\.|$))")
# A capitalised word opening a sentence as its subject: "Jones, however, disagreed", "Jones said".
_BARE_SUBJECT = re.compile(r"(?:Mr\.|Mrs\.|Ms\.|Dr\.)?\s*([A-Z][a-z][\w'’-]*)(?=,|\s+(?:%s|[a-z]+ed)\b)" % SPEECH)
# ", asked whether …": a participle in an aside, not the verb of another clause.
_ASKED_ASIDE = re.compile(r",\s(?:asked|told|pressed|questioned)\s+(?:whether|if|about|why|how|what|by)\b")
# A speech verb whose subject is left out: ", and said", ", but also said".
_ELIDED = re.compile(r",\s+(?:and|but)\s+(?:(?:also|later|then)\s+)?\Z")
# The opening of a sentence up to the name that is its subject.
_SUBJECT_OPENING = re.compile(r"[\s\"“]*(?:(?:A|An|The)\s+(?:unit|subsidiary|division|group|affiliate)\s+of\s+)?"
                              r"(?:Mr\.|Mrs\.|Ms\.|Dr\.|The\s)?\s*")


def _sentence_start(doc: Doc, pos: int) -> int:
    """Start of the sentence around ``pos``, mending splits after "Messrs." and the like."""
    i = doc.sentence_index(pos)
    if i < 0 or not doc.sentences[i][0] <= pos < doc.sentences[i][1]:
        return pos
    while i > 0 and _PLURAL_TITLE_END.search(doc.masked, max(0, doc.sentences[i - 1][1] - 12),
                                             doc.sentences[i - 1][1]):
        i -= 1
    return doc.sentences[i][0]


_PLURAL_TITLE_END = re.compile(r"\b(?:Messrs|Mmes|Sens|Reps|Drs)\.\Z")


def _sentences_in(doc: Doc, para: int) -> int:
    ps, pe = doc.paragraphs[para]
    return doc.sentence_index(pe - 1) - doc.sentence_index(ps) + 1


def _attribute_paragraph(doc: Doc, q: _Quote, attr: _Attributor, flat: bool = False) -> str | None:
    """Rule 4: an unattributed quote after "Antolini says, …" earlier in its paragraph.

    In a ``flat`` paragraph (breaks lost) only the sentence right before the
    quote's own counts: "Howard said the Queen is interested. "She is …"".
    """
    para_start = doc.paragraphs[q.para][0]
    if flat:
        i = doc.sentence_index(q.open_pos)
        if i < 1 or doc.sentences[i][0] < q.open_pos - 2:
            return None
        para_start = doc.sentences[i - 1][0]
    text = doc.masked[para_start:q.open_pos]
    if _QUOTE_MARK.search(text):
        return None   # an earlier quote in the paragraph already had its chance (rule 3)
    best = None
    for rx in (_BEFORE, _PARA_VERB_SUBJ):
        for m in rx.finditer(text):
            if best is None or m.start() > best.start():
                best = m
    return attr.who(best, para_start) if best else None


def find_quotes(doc: Doc, index: NameIndex) -> list[ExtractedQuote]:
    """Every direct quotation in ``doc`` with its speaker and outlet."""
    src, doc = doc, _curly(doc)
    masked = doc.masked
    quotes = _pairs(doc)
    attr = _Attributor(doc, index, [(q.open_pos, q.close_pos) for q in quotes])
    for i, q in enumerate(quotes):
        sent_start = _sentence_start(doc, q.open_pos)
        # Attribution after the quote: up to the next quote in the sentence or the sentence end.
        nxt = quotes[i + 1].open_pos if i + 1 < len(quotes) else len(masked)
        tail_end = max(q.close_pos, min(doc.sentence_of(max(q.close_pos - 1, 0))[1], nxt))
        tail = masked[q.close_pos:tail_end]
        prev_close = quotes[i - 1].close_pos if i > 0 else 0
        head_start = max(sent_start, prev_close) if sent_start <= q.open_pos else q.open_pos
        head = masked[head_start:q.open_pos]
        speaker, relay, q.direct = _quoted_as_saying(tail, q.close_pos, head, head_start, attr)
        if speaker is not None:
            q.speaker, q.via, q.attributed = speaker, relay, True
            attr.last_speaker = speaker
            continue
        speaker, q.direct = _attribute_after(tail, q.close_pos, attr)
        via_text, via_base = tail, q.close_pos
        if speaker is None:
            speaker, q.direct = _attribute_before(head, head_start, attr)
            via_text, via_base = head, head_start
        if speaker is None:
            speaker, q.direct = _general_after(tail, q.close_pos, attr)
            via_text, via_base = tail, q.close_pos
        if speaker is None:
            speaker, q.direct = _general_before(head, head_start, attr)
            via_text, via_base = head, head_start
        if speaker is None and i > 0 and head_start > sent_start and not head.strip(" ,")[:1].isupper():
            # `X, speaking on ABC's "This Week," said …"`: the subject stands before an
            # earlier quote (a title, a term) of the sentence; read past it.
            p = quotes[i - 1]
            span = masked[sent_start:p.open_pos] + " " * (p.close_pos - p.open_pos) + head
            speaker, q.direct = _general_before(span, sent_start, attr)
        if speaker is not None:
            q.speaker, q.attributed = speaker, True
            q.via = _via(via_text, index, via_base)
            if q.via is None and via_text is head and i > 0 and quotes[i - 1].close_pos > sent_start \
                    and quotes[i - 1].speaker == speaker:
                q.via = quotes[i - 1].via
            attr.last_speaker = speaker
            continue
        # `"We tried," he said` with no one for "he" to be: still a quotation.
        q.direct = bool(_SPOKEN_AFTER.match(tail))
        # Rule 3 and 4: continuation of an earlier quote or attribution.
        prev = quotes[i - 1] if i > 0 else None
        # Wire copy often arrives with its paragraph breaks lost: one "paragraph"
        # of many sentences.  There only the sentence next door is context.
        flat = _sentences_in(doc, q.para) > 5
        if prev is not None and prev.speaker and prev.para == q.para and not (
                flat and doc.sentence_index(q.open_pos) - doc.sentence_index(prev.close_pos - 1) > 1) \
                and not attr.other_person_between(prev.close_pos, q.open_pos, prev.speaker):
            q.speaker, q.via = prev.speaker, prev.via
            # (`"A," X said. "B."`: a split quotation -- B may be short.)
            q.same_sentence = prev.close_pos > sent_start or (
                doc.sentence_index(q.open_pos) - doc.sentence_index(prev.close_pos - 1) <= 1)
            continue
        q.speaker = _attribute_paragraph(doc, q, attr, flat)
        if q.speaker is not None:
            attr.last_speaker = q.speaker
            continue
        opens_para = not masked[doc.paragraphs[q.para][0]:q.open_pos].strip()
        if prev is not None and prev.speaker and prev.para == q.para - 1:
            carried = prev.continues
            if carried or opens_para:
                q.speaker = prev.speaker
                q.via = prev.via if carried else None
        elif opens_para and q.para > 0 and (prev is None or prev.para < q.para - 1):
            # A paragraph that opens with a quotation after a paragraph ending in
            # "Mr. Cole said …": the reporter is still quoting Cole.
            q.speaker = attr.speaker_of_previous_sentence(q.open_pos)
    # A quotation whose attribution comes in its continuation paragraph.
    for i in range(len(quotes) - 2, -1, -1):
        q, nxt_q = quotes[i], quotes[i + 1]
        if q.speaker is None and q.continues and nxt_q.speaker and nxt_q.para == q.para + 1:
            q.speaker, q.via = nxt_q.speaker, nxt_q.via
    out: list[ExtractedQuote] = []
    for q in quotes:
        start, end = _trim(masked, q.start, q.end)
        text = src.clean(start, end)
        words = _WORD.findall(text)
        if not words:
            continue
        if len(words) == 1 and not q.direct:
            continue   # a scare quote or a word mentioned as a word ("bogus", "blockade")
        if len(words) < 4 and not ((q.attributed or q.same_sentence or q.direct) and not _NAMED_TERM.search(masked, max(0, q.open_pos - 60), q.open_pos)):
            continue   # a quoted term or a label ("cola wars", what it calls "the data business")
        if not q.attributed:
            if all(w[:1].isupper() or w.lower() in {"of", "the", "a", "and", "in"} for w in words) \
                    and not re.search(r"[.!?]$", text):
                continue   # a title of a work, a slogan
        sentence = src.clean(*_sentence_span(doc, q))
        out.append(ExtractedQuote(text, q.speaker, q.via, Span(start, end), sentence))
    return out


def _curly(doc: Doc) -> Doc:
    """``doc`` with wire-copy quote marks (``…'') turned into curly ones, same offsets.

    ```` ` ` ```` becomes `` “`` and ``''`` becomes ``” ``, so each mark stays next
    to the words it encloses; the spaces are trimmed off the quote spans.
    """
    masked = doc.masked
    if "``" not in masked or "''" not in masked:
        return doc
    masked = masked.replace("``", " “").replace("''", "” ")
    return Doc(doc.text, masked, doc.paragraphs, doc.sentences)


def _sentence_span(doc: Doc, q: _Quote) -> tuple[int, int]:
    s, e = doc.sentence_of(q.open_pos)
    if s == e:
        return q.open_pos, q.close_pos
    return s, max(e, doc.sentence_of(max(q.close_pos - 1, s))[1])
