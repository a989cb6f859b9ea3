"""The records that extraction produces.

Every item carries a :class:`Span` -- character offsets into the article body
exactly as the user wrote it -- so the build can highlight the source of each
fact and the user can check it.  The records are frozen dataclasses with no
behaviour: the extractors build them, the build reads them.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Span:
    """Character offsets into the body text; ``end`` is exclusive."""

    start: int
    end: int


@dataclass(frozen=True)
class ExtractedQuote:
    """A direct quotation: the words inside the quote marks and who said them.

    ``text`` is the quoted words (without the marks, whitespace collapsed);
    ``speaker`` the full name when the article gives one (a bare surname or a
    pronoun is resolved to an earlier full name); ``via`` the outlet the quote
    was given to or reported by (``told the BBC`` -> ``"BBC"``).
    """

    text: str
    speaker: str | None
    via: str | None
    span: Span
    sentence: str


@dataclass(frozen=True)
class ExtractedNumber:
    """A key number: a count or measure together with what it counts.

    ``value`` is the number as stated, normalised for display (``"2,000"``,
    ``"£2.5m"``, ``"50%"``, spelled-out numbers as digits); ``unit`` what the
    number counts when the label says something else about it (``"people"``,
    ``"Catholic protesters"``, ``"weeks"``), else None; ``label`` what was
    counted or what happened to it, in the article's words and never naming
    the unit (``"Killed"``, ``"Taken to hospital"``, ``"Crew"``); ``as_stated``
    the exact words of the span.  A fact box reads "label: value unit".
    ``qualifier`` is how exact the article says the number is, in its words,
    lower case (``"at least"``, ``"more than"``, ``"about"``), or None.
    """

    value: str
    unit: str | None
    label: str
    as_stated: str
    span: Span
    sentence: str
    qualifier: str | None = None


@dataclass(frozen=True)
class ExtractedPerson:
    """A named person, with the role and organisation the text gives them."""

    name: str
    role: str | None
    org: str | None
    span: Span


@dataclass(frozen=True)
class ExtractedEntity:
    """A named organisation, place or person, with the other names the text uses for it.

    ``kind`` is ``"organisation"``, ``"place"`` or ``"person"``.
    """

    name: str
    kind: str
    aliases: tuple[str, ...]
    span: Span


@dataclass(frozen=True)
class ExtractedEvent:
    """A candidate timeline event: a dated sentence.

    ``value``/``mod`` come from the date tagger (TimeML value such as
    ``"2015-11-13"``); ``text`` is a short description condensed from the
    sentence; ``as_stated`` and ``span`` are the date expression itself.
    """

    value: str
    mod: str | None
    text: str
    as_stated: str
    span: Span
    sentence: str


@dataclass(frozen=True)
class Extraction:
    """Everything extracted from one article body."""

    events: tuple[ExtractedEvent, ...] = ()
    facts: tuple[ExtractedNumber, ...] = ()
    quotes: tuple[ExtractedQuote, ...] = ()
    people: tuple[ExtractedPerson, ...] = ()
    entities: tuple[ExtractedEntity, ...] = ()
