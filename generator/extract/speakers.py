"""Who is the subject of a speech verb: the speaker read from a noun phrase.

The strict patterns of :mod:`.quotes` read the common shapes ("Smith said",
"said John Smith").  This module reads the rest the way a careful reader
does: it finds the speech verb next to a quotation, cuts out the noun phrase
that is its subject, and takes the speaker from it --

* the name that ends the phrase, behind any titles and descriptions
  ("Australian Republican Movement spokeswoman Mary Delahunty",
  "a fit-looking Farkas");
* the name before an aside ("Mark Shepperd, an analyst at UBS, said");
* a description when no name is there ("the protesters", "a senior U.S.
  official", "a spokesman for Harbour Ferries Ltd");
* a place only when it is the whole subject ("Iran said"): a place that is
  merely named in the phrase ("officials in Buffalo") never is.

When the phrase holds none of these (a clause, a verb, an object) it returns
nothing: a missing speaker is better than a wrong one.

:func:`resolve_description` then turns a definite description into the one
person or body it stands for ("the Hungarian foreign minister" -> the person
named earlier with that title; "the company" -> the company the story is
about), and :func:`subject_segment` cuts the subject out of a phrase with
asides.
"""

from __future__ import annotations

import re

from . import gazetteer as gz
from .names import _UPPER, NameIndex

# Speech verbs that take a full quotation, and verbs that characterise with a
# short one ("called the order "grave and sinister"").
SPEECH = ("said|says|say|added|adds|told|tells|explained|explains|noted|notes|stated|states|warned|"
          "warns|claimed|claims|insisted|insists|argued|argues|continued|wrote|writes|declared|"
          "declares|admitted|admits|recalled|recalls|remarked|replied|replies|responded|responds|"
          "commented|comments|confirmed|confirms|announced|announces|acknowledged|acknowledges|"
          "suggested|suggests|urged|urges|stressed|stresses|emphasised|emphasized|asked|asks|"
          "tweeted|conceded|concedes|maintained|maintains|observed|observes|concluded|concludes|"
          "cautioned|cautions|promised|promises|vowed|vows|predicted|predicts|joked|quipped|shouted|"
          "chanted|worries|worried|complained|complains|countered|counters|boasted|testified|"
          "insisted|reported|reports|pledged|pledges|contended|contends|recounted|mused|lamented|asserted|"
          "asserts|charged|charges|alleged|alleges")
CHARACTERISE = "called|calls|termed|terms|described|describes|dubbed|labeled|labelled|branded|accused|accuses"
_DETERMINER = re.compile(r"(?:the|a|an|one|another|some|two|three|several|many|other|most|its|his|her|their)\s",
                         re.I)
_PRONOUN = re.compile(r"(?:he|she|they|it)", re.I)
# Heads of descriptions that name a speaker ("the protesters", "a senior official").
_DESC_HEADS = frozenset("""
spokesman spokeswoman spokesperson official officials source sources officer officers minister ministers
police witness witnesses resident residents lawyer lawyers doctor doctors expert experts analyst analysts
friend neighbour neighbor relative mother father sister brother son daughter wife husband colleague
teacher student students survivor victim man woman boy girl people protesters demonstrators activists
fliers pilots soldiers troops diplomat diplomats aide aides executive executives economist economists
trader traders dealer dealers manager managers investor investors observers critics leaders leader
participant participants delegate delegates crew chief statement report reports company firm thrift
organization organisation
bank group government ministry department agency council army military court union party campaign
administration management researchers scientists officials authorities prosecutors detective
""".split())
# Groups that speak with no determiner: "police said", "Officials said".
COLLECTIVE = frozenset("police officials authorities witnesses residents protesters demonstrators analysts "
                       "investigators prosecutors doctors rescuers experts economists traders officers "
                       "diplomats sources".split())
# Organisation descriptions ("the company said") that stand for the named company.
_ORG_HEADS = frozenset("company firm thrift bank concern maker airline utility retailer insurer "
                       "group partnership unit subsidiary corporation organization organisation".split())
_ADVERB = re.compile(r"(?:\w+ly|also|then|later|again|once|still|just|recently|previously|earlier|"
                     r"yesterday|today|now|further|had|has|have|would|will|was|is|"
                     r"(?:mon|tues|wednes|thurs|fri|satur|sun)day)$", re.I)
_NAME_RUN = re.compile(r"(?:[" + _UPPER + r"][\w'’.&-]*|(?:de|van|von|bin|al|el|la|le|a)\b)"
                       r"(?:\s+(?:[" + _UPPER + r"][\w'’.&-]*|(?:de|da|di|du|del|van|von|bin|ibn|al|el|a|"
                       r"of|for|and|amp)\b))*")
_LINK = re.compile(r"\b(?:for|of|at|from|with|to|in|on|by)\s+(?:the\s+)?\Z")


def _clean(s: str) -> str:
    return " ".join(s.split())


def _lower_first(s: str) -> str:
    """"The protesters" -> "the protesters"; "German officials" keeps its capital."""
    first = s.split(" ", 1)[0].lower()
    if first in ("the", "a", "an", "one", "another", "some") or first in _DESC_HEADS or first in COLLECTIVE:
        return s[:1].lower() + s[1:]
    return s


def _described(phrase: str) -> bool:
    """Does ``phrase`` open as a description ("a spokesman …", "Officials in …")?"""
    return bool(_DETERMINER.match(phrase)) or phrase.split(" ", 1)[0].lower() in COLLECTIVE


def speaker_of(masked: str, start: int, end: int, index: NameIndex,
               loose: bool = False) -> tuple[str | None, str]:
    """The speaker a subject phrase ``masked[start:end]`` names, and what it is.

    Returns ``(speaker, kind)``; kind is ``"name"``, ``"pronoun"``,
    ``"description"``, or ``""`` with no speaker.  Pronouns are returned as
    written for the caller to resolve.  ``loose``: the phrase stands right
    between a quotation and its verb (`"…," one volunteer said`), where any
    short described subject is the speaker.
    """
    text = masked[start:end]
    # Trim: leading connectives, trailing adverbs and auxiliaries ("Saddam repeatedly").
    lead = re.match(r"\s*(?:(?:and|but|while|as|so|then|meanwhile|however)\b[\s,]*)*", text, re.I)
    s = start + lead.end()
    words = list(re.finditer(r"\S+", masked[s:end]))
    while words and _ADVERB.match(words[-1].group()) and len(words) > 1:
        words.pop()
    if not words:
        return None, ""
    e = s + words[-1].end()
    phrase = _clean(masked[s:e])
    if len(words) > 12 or re.search(r"[\"“”;:!?()]", phrase):
        return None, ""
    if _PRONOUN.fullmatch(phrase):
        return phrase, "pronoun"
    if phrase.lower() == "who":
        # "… criticised by Smith, who called him "a traitor"": the person the clause hangs on.
        comma = re.search(r"([^\s,])\s*,\s*\Z", masked[max(0, s - 80):s])
        if comma:
            at = max(0, s - 80) + comma.end(1)
            mention = index.mention_at(at - 1, at)
            if mention is not None and mention.end == at and mention.kind == "person":
                return index.groups[mention.key].name, "name"
        return None, ""
    # A name that ends the phrase (after titles, descriptions, an organisation).
    mention = index.mention_at(max(s, e - 1), e)
    if mention is not None and mention.start >= s and mention.end >= e - 1:
        before = masked[s:mention.start]
        if _LINK.search(before):
            # "a spokesman for Harbour Ferries Ltd": the name qualifies a description.
            return (_lower_first(phrase), "description") if _described(phrase) else (None, "")
        if mention.kind == "place":
            # A place speaks only as the whole subject ("Iran said", "the U.S. said").
            bare = re.sub(r"^the\s+", "", phrase, flags=re.I)
            return (bare, "name") if bare == mention.text else (None, "")
        if mention.kind == "person" or not _DETERMINER.match(before) or not before.strip():
            return index.groups[mention.key].name, "name"
    run = None
    for run in _NAME_RUN.finditer(masked, s, e):
        pass
    if run is not None and run.end() == e and run.group()[:1].isupper():
        name = run.group()
        before = masked[s:run.start()]
        if _LINK.search(before):
            return (_lower_first(phrase), "description") if _described(phrase) else (None, "")
        if name.lower() in gz.PLACES or name.lower() in gz.NOT_NAMES:
            bare = re.sub(r"^the\s+", "", phrase, flags=re.I)
            if bare == name and name.lower() in gz.PLACES:
                return name, "name"
            return None, ""
        who = index.resolve_speaker(name, run.start(), run.end())
        if who:
            return who, "name"
        return None, ""
    # "A spokeswoman for the hospital": a described speaker with what they speak for.
    if _DETERMINER.match(phrase) or phrase.split(" ", 1)[0].lower() in COLLECTIVE:
        words_ = phrase.split()
        first = 0 if words_[0].lower() in COLLECTIVE else 1
        for k, w in enumerate(words_[first:5], first):
            if re.sub(r"['’]s$", "", w.lower()) in _DESC_HEADS:
                rest = " ".join(words_[k + 1:])
                if not rest or re.fullmatch(r"(?:for|of|at|from|with|in|outside|near)\s+(?:the\s+|a\s+)?[\w'’-]+(?:\s[\w'’-]+){0,2}", rest):
                    return _lower_first(phrase), "description"
                break
    if phrase.lower() in COLLECTIVE:
        return phrase.lower(), "description"
    # No name at the end: a description ("the protesters", "a senior U.S. official"),
    # the last one in the phrase ("a move the news organization termed …").
    inner = [m for m in re.finditer(r"(?<=\s)(?:the|a|an)\s", phrase)
             if not re.search(r"\b(?:for|of|at|with|from|in|on|by|to)\s+\Z", phrase[:m.start()])]
    if inner:
        phrase = phrase[inner[-1].start():]
    head = re.sub(r"['’]s$", "", phrase.split()[-1].lower())
    if (head in _DESC_HEADS or head in gz.HEAD_TITLES) and (_DETERMINER.match(phrase) or phrase.split()[-1].endswith("s")
                                or len(phrase.split()) > 1):
        return _lower_first(phrase), "description"
    if loose and re.fullmatch(r"(?i:the|a|an|one|another)(?:\s+[a-z][a-z-]*){1,3}", phrase):
        return _lower_first(phrase), "description"
    return None, ""


def subject_segment(masked: str, start: int, end: int, late: bool) -> tuple[int, int]:
    """The subject inside ``[start, end)``, the text before a speech verb.

    ``late``: the phrase follows a partial quotation's continuation
    (`"…" of the 2,500 Americans complied, a senior official said`), so the
    subject is the last comma-separated part.  Otherwise the subject is the
    first part and any further parts are asides ("Mark Shepperd, an analyst
    at UBS, said").
    """
    # (A comma inside a quoted title -- `"This Week,"` -- separates nothing.)
    commas = [m.start() for m in re.finditer(r",(?![\"”’'])", masked[start:end])]
    if not commas:
        return start, end
    if late:
        last = start + commas[-1] + 1
        if masked[last:end].strip() and not _PARTICIPLE_ASIDE.match(masked, last, end):
            return last, end
        # "…, Mark Shepperd, an analyst at UBS, said", "James Fallon, a New
        # Providence, N.J., consultant, says": step back over the asides.
        bounds = [start] + [start + c + 1 for c in commas]
        for a, b in reversed(list(zip(bounds, [start + c for c in commas]))):
            part = masked[a:b].strip()
            if part and not (_ASIDE_START.match(part) or _STATE.fullmatch(part) or _PARTICIPLE_ASIDE.match(part + " ") or (a > start and part.split()[-1][:1].islower())):
                return a, b
        return start, start + commas[0]
    return start, start + commas[0]


# An aside opens with a determiner or a lower-case word ("an analyst", "marketing
# consultant"); a state abbreviation ("N.J.", "Calif.") ends a place.
_ASIDE_START = re.compile(r"(?:the|a|an|one|its|his|her|their)\s|[a-z\d]")
_PARTICIPLE_ASIDE = re.compile(r"\s*[a-z]+ing\s")   # ", speaking on ABC News' "This Week,""
_STATE = re.compile(r"(?:[A-Z][a-z]{0,4}\.)+")


def description_np(masked: str, start: int, end: int) -> int | None:
    """End of a description opening ``[start, end)``: "one senior official involved in …" -> "one senior official".

    The description runs to its first head noun (and a following "for/of/at"
    name: "a spokesman for Harbour Ferries Ltd"); None when the phrase does not
    open with a determiner or has no head noun.
    """
    text = masked[start:end]
    if not _DETERMINER.match(text):
        return None
    for w in re.finditer(r"[\w'’.-]+", text):
        low = re.sub(r"['’]s$", "", w.group().lower())
        if low in _DESC_HEADS or low in gz.HEAD_TITLES:
            tail = re.match(r"\s+(?:for|of|at|with)\s+(?:the\s+)?" + _NAME_RUN.pattern, text[w.end():])
            return start + w.end() + (tail.end() if tail else 0)
    return None


# Corporate name endings: "the company said" stands for such a body.
_CORPORATE = frozenset("inc inc. corp corp. co co. cos cos. ltd ltd. plc llc holdings partners association "
                       "bank industries group corporation company".split())
_TITLE_WORDS = gz.HEAD_TITLES | gz.TITLE_MODIFIERS
_DEMONYM = re.compile(r"[" + _UPPER + r"][a-z]+(?:an|ese|ish|i|ic)$")


# The business-news lead: "Kellogg said …", "Magna International reported …".
_LEAD_SUBJECT = re.compile(r"\s*(?P<name>[A-Z][\w&'’.-]*(?:\s+(?:[A-Z][\w&'’.-]*|&|amp))*?)\s+"
                           r"(?:said|says|reported|posted|announced|agreed|plans|expects|reached|received|"
                           r"filed|won|lost|named|boosted|cut|raised|lowered|increased|completed)\b")


def _lead_company(index: NameIndex) -> str | None:
    """The company the article opens with, when its first sentence starts with a name
    that is no person or place and then a verb of business news."""
    masked = index.doc.masked
    first = index.doc.sentences[0] if index.doc.sentences else None
    if first is None:
        return None
    m = _LEAD_SUBJECT.match(masked, first[0], first[1])
    if m is None:
        return None
    name = m.group("name")
    mention = index.mention_at(m.start("name"), m.end("name"))
    words = name.split()
    if (mention is not None and mention.kind != "organisation") or name.lower() in gz.PLACES \
            or words[0].lower() in gz.FIRST_NAMES or words[0].lower() in gz.NOT_NAMES \
            or words[0].lower() in COLLECTIVE or words[0].lower() in _DESC_HEADS \
            or words[0].lower() in gz.HONORIFICS or words[0].rstrip(".").lower() in gz.HONORIFICS:
        return None
    return index.groups[mention.key].name if mention is not None else name


def resolve_description(desc: str, pos: int, index: NameIndex) -> str | None:
    """The named person or body a definite description before ``pos`` stands for, else ``desc``.

    "the company" / "the thrift" -> the article's company (the first body
    named with a corporate ending such as Inc. or Corp.); "the Hungarian
    foreign minister" -> the one person named earlier with that title
    ("Hungarian Foreign Minister Janos Martonyi").  Indefinite descriptions
    ("a spokesman") are other people and stay as they are, and so does a
    description that fits no one, or more than one -- except "the company",
    which is None when no company is named: it tells the reader nothing.
    """
    words = desc.split()
    if len(words) < 2 or words[0].lower() != "the":
        return desc
    head = words[-1].lower()
    mentions = [m for m in index.mentions if m.start < pos]
    if head in _ORG_HEADS:
        for m in mentions:
            if m.kind == "organisation":
                name = index.groups[m.key].name
                if name.split()[-1].lower() in _CORPORATE:
                    return name
        return _lead_company(index)   # None: "the company" we cannot name tells the reader nothing
    middle = [w.lower() for w in words[1:]]
    if head not in gz.HEAD_TITLES or not all(w in _TITLE_WORDS or _DEMONYM.match(o)
                                              for w, o in zip(middle, words[1:])):
        return desc
    wanted = [w for w in middle if w in _TITLE_WORDS]
    found = {index.groups[m.key].name for m in mentions
             if m.kind == "person" and m.role and all(w in m.role.lower().split() for w in wanted)}
    return found.pop() if len(found) == 1 else desc
