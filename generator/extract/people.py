"""People with their roles, and the organisations and places the text names.

The :class:`~generator.extract.names.NameIndex` has already found every name
and the titles written in front of them (``Met Commissioner Bernard
Hogan-Howe``).  This module adds the roles given in apposition --

* ``John Smith, the chief executive of Acme,`` -> role ``chief executive``, org ``Acme``
* ``John Smith, Acme's chief executive,`` / ``John Smith, Acme chief executive,``
* ``the chief executive of Acme, John Smith,``

-- and turns the index's entity groups into the public records: one
:class:`ExtractedPerson` per person (first mention, best role found in any
mention) and one :class:`ExtractedEntity` per person, organisation or place
with the other names the text uses for it.  Roles written in front of a name
are title-cased (``Assistant Commissioner``); roles in apposition are kept as
written, since they are ordinary prose (``chief executive``).
"""

from __future__ import annotations

import re

from . import gazetteer as gz
from .items import ExtractedEntity, ExtractedPerson, Span
from .names import _UPPER, Mention, NameIndex, is_org_word

_TITLE_WORDS = "|".join(re.escape(t) for t in sorted(gz.HEAD_TITLES | gz.TITLE_MODIFIERS, key=len, reverse=True))
_HEAD_WORDS = "|".join(re.escape(t) for t in sorted(gz.HEAD_TITLES, key=len, reverse=True))
# An organisation name: capitalised words (an abbreviation may keep its stop: "Co.", "U.S."),
# with "of (the)", "for" or "&" inside.  Case-sensitive on purpose: a lower-case word ends it.
_ORG_WORD = r"(?:(?:[A-Z]\.){2,}|[" + _UPPER + r"][\w&'’-]*(?:\.(?=\s+[a-z,]))?)"
_ORG = _ORG_WORD + r"(?:\s+(?:of\s+(?:the\s+)?|for\s+|&\s+)?" + _ORG_WORD + r")*"
# The role: up to three title words ending in a head title ("chief executive", "deputy leader").
_ROLE = r"(?i:(?:(?:%s)[\s-]+){0,3}(?:%s))" % (_TITLE_WORDS, _HEAD_WORDS)

# After the name.
_APPOS_OF = re.compile(r",\s+(?:the\s+|a\s+|an\s+|its\s+|their\s+)?(?P<role>%s)"
                       r"\s+(?:of|at|for|with)\s+(?:the\s+)?(?P<org>%s)" % (_ROLE, _ORG))
_APPOS_POSS = re.compile(r",\s+(?:the\s+)?(?P<org>%s)(?:['’]s)?\s+(?P<role>%s)\b" % (_ORG, _ROLE))
# "Maria Okafor, the council's head of infrastructure," / "…, head of research at Acme,":
# "head of …" roles, with an organisation when it is a name.
_HEAD_OF = r"(?:(?:deputy|assistant|acting|former|joint)\s+)?head\s+of\s+[a-z][a-z-]*(?:\s+(?:and\s+)?[a-z][a-z-]*){0,2}?"
_APPOS_HEAD_OF = re.compile(r",\s+(?:the\s+|a\s+|its\s+)?(?:(?P<org>%s)['’]s\s+|[a-z]+['’]s\s+)?(?P<role>%s)"
                            r"(?:\s+(?:at|of|for)\s+(?:the\s+)?(?P<org2>%s))?\s*[,.;)]" % (_ORG, _HEAD_OF, _ORG))
# "Tom Ray, the council's finance director,": a role whose organisation is not named.
_APPOS_LOWER_POSS = re.compile(r",\s+the\s+[a-z]+['’]s\s+(?P<role>%s)\s*[,.;)]" % _ROLE)
_APPOS_BARE = re.compile(r",\s+(?:the\s+|a\s+|an\s+)(?P<role>%s)\s*[,.;)]" % _ROLE)
# Before the name.
_BEFORE_OF = re.compile(r"(?:the\s+|The\s+)?(?P<role>%s)\s+(?:of|at|for)\s+(?:the\s+)?(?P<org>%s),\s*$"
                        % (_ROLE, _ORG))


# "The home secretary, Amber Rudd,": a role in lower case, then the name.
_BEFORE_BARE = re.compile(r"(?:^|[.!?;]\s+|,\s+|\b(?:and|but)\s+)[Tt]he\s+(?P<role>(?:[a-z]+\s+){0,2}(?:%s)),\s*$"
                          % _HEAD_WORDS)


def _clean_org(org: str | None) -> str | None:
    if not org:
        return None
    org = re.sub(r"['’]s$", "", org.strip())
    if not re.search(r"\b(?:[A-Z]\.)+$|\b(?:Co|Corp|Inc|Ltd|Bros)\.$", org):
        org = org.rstrip(".")
    if org.lower() in gz.NOT_NAMES or not org[:1].isupper() or not is_org_word(org):
        return None
    return org


def _appositive(index: NameIndex, m: Mention) -> tuple[str | None, str | None]:
    """Role and organisation written in apposition to a person mention."""
    masked = index.doc.masked
    after = masked[m.end:m.end + 120]
    for rx in (_APPOS_OF, _APPOS_POSS, _APPOS_HEAD_OF, _APPOS_LOWER_POSS, _APPOS_BARE):
        a = rx.match(after)
        if a:
            role = " ".join(a.group("role").split())
            if not role[:1].islower() and rx in (_APPOS_BARE, _APPOS_LOWER_POSS):
                continue
            org = _clean_org(a.groupdict().get("org") or a.groupdict().get("org2"))
            if rx is _APPOS_POSS and not org:
                continue
            return role, org
    before = masked[max(0, m.start - 120):m.start]
    if not before.rstrip().endswith(","):
        return None, None   # cheap test first: the pattern below is slow to search
    b = _BEFORE_OF.search(before)
    if b:
        return " ".join(b.group("role").split()), _clean_org(b.group("org"))
    b = _BEFORE_BARE.search(before)
    if b:
        return " ".join(b.group("role").split()), None
    return None, None


def find_people(index: NameIndex) -> tuple[list[ExtractedPerson], list[ExtractedEntity]]:
    """People (with role and org) and entities (with aliases), in order of first mention."""
    people: list[ExtractedPerson] = []
    entities: list[ExtractedEntity] = []
    for group in sorted(index.groups.values(), key=lambda g: min(x.start for x in g.mentions)):
        mentions = sorted(group.mentions, key=lambda x: x.start)
        first = mentions[0]
        name = group.name
        span_m = next((x for x in mentions if x.text == name), first)
        aliases = tuple(f for f in group.forms if f != name)
        entities.append(ExtractedEntity(name, group.kind, aliases, Span(span_m.start, span_m.end)))
        if group.kind != "person":
            continue
        role = org = None
        for x in mentions:
            if x.role:
                role, org = x.role, x.org
                break
        if role is None:
            for x in mentions:
                r, o = _appositive(index, x)
                if r:
                    role, org = r, o
                    break
        people.append(ExtractedPerson(name, role, org, Span(span_m.start, span_m.end)))
    return people, entities
