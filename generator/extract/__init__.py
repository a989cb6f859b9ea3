"""Extraction of key facts from an article body.

``extract(text, dct)`` reads the body the user wrote (Markdown or plain text)
and returns candidate timeline events, key numbers, quotes with speakers,
people with roles, and the organisations and places named -- each with the
character span it came from, so every item can be traced to its sentence.

The stages, one small module each:

* :mod:`.items` -- the frozen records returned (re-exported here)
* :mod:`.sentences` -- mask markup, captions and credits; paragraphs and sentences
* :mod:`.gazetteer` -- the small hand-written word lists (places, organisations, titles)
* :mod:`.names` -- proper names, sorted into people, organisations and places
* :mod:`.quotes` -- quotations, with their speakers from :mod:`.speakers`
* :mod:`.people` -- roles in apposition; the people and entity records
* :mod:`.numbers` -- counts, amounts and measures, labelled by :mod:`.number_context`
  and ranked by :mod:`.number_rank`
* :mod:`.dates` (and its rules, :mod:`.date_rules`) -- the English date tagger
* :mod:`.foreign_dates` -- dates in French, German and Spanish (with dateparser)
* :mod:`.events` -- the dated news of a sentence: :mod:`.clauses` gives each date
  its role, :mod:`.headlines` writes the headline, :mod:`.lexicon` holds their words
* :mod:`.sentence_events` -- events for languages the clause reader does not know
* :mod:`.writeback` -- append extracted items to an article's front matter

Everything here is heuristic and offline: regular expressions and small word
lists, no model.  It prefers missing an item to inventing one.

Item texts (``ExtractedQuote.text``, ``as_stated``) are the words of their span
with Markdown removed and whitespace collapsed; with no markup in the span
they equal ``" ".join(text[span.start:span.end].split())``.
"""

from __future__ import annotations

import datetime
import re
import warnings
from dataclasses import asdict

from .events import find_events
from .sentence_events import find_sentence_events
from .items import (Extraction, ExtractedEntity, ExtractedEvent, ExtractedNumber,
                    ExtractedPerson, ExtractedQuote, Span)
from .names import NameIndex
from .numbers import find_numbers
from .people import find_people
from .quotes import find_quotes
from .sentences import prepare

ALL_KINDS = frozenset({"dates", "numbers", "quotes", "people"})
_SPANS_ONLY_DCT = datetime.date(2000, 1, 1)

__all__ = ["Span", "ExtractedQuote", "ExtractedNumber", "ExtractedPerson", "ExtractedEntity",
           "ExtractedEvent", "Extraction", "extract", "extraction_to_json", "ALL_KINDS"]


def extract(text: str, dct: datetime.date | None, *, kinds: frozenset[str] = ALL_KINDS,
            date_order: str = "MDY", skip_lines: int = 0, language: str = "en",
            markdown: bool = True) -> Extraction:
    """Extract events, key numbers, quotes, people and entities from an article body.

    ``dct`` is the publication date (it anchors "13 November" and "yesterday");
    ``kinds`` selects among ``dates``, ``numbers``, ``quotes`` and ``people``
    (entities come with people); ``date_order`` ("MDY"/"DMY") reads all-numeric
    dates; the first ``skip_lines`` non-blank lines (the image caption and
    credit the build knows of) are ignored -- blank lines before them are not
    counted.  Lines that look like a picture credit ("… Getty") are ignored
    anyway.  ``markdown`` is False for a plain-text (.txt) body, whose
    indented lines are prose, not code.  Spans are offsets into ``text``.

    ``language`` (a tag such as "en-GB" or "fr") picks the date tagger:
    English has its own rules; French, German and Spanish are read with
    :mod:`.foreign_dates`; in any other language no dates are tagged (an
    English reading of them would be wrong more often than right).  The
    other extractors read every text the same way.

    Never raises on any text.  Should the date tagger fail on some text, a
    ``RuntimeWarning`` says so and the other kinds are still extracted.
    """
    if date_order not in ("MDY", "DMY"):
        raise ValueError(f'date_order must be "MDY" or "DMY", not {date_order!r}')
    if dct is None:
        # Without a publication date no date can be resolved, so there are no
        # events; the tagger still runs (on a fixed anchor, so output is
        # reproducible) because its spans keep dates out of the key numbers.
        kinds = kinds - {"dates"}
    doc = prepare(text, skip_lines, markdown)
    mentions = []
    if kinds & {"dates", "numbers"}:
        # The tagger reads the masked text: same offsets, but no markup,
        # captions or credits -- and its spans keep dates out of the numbers.
        try:
            mentions = _find_dates(doc.masked, dct or _SPANS_ONLY_DCT, date_order, language)
        except Exception as exc:  # noqa: BLE001 - one odd phrase must not cost the whole article
            # The tagger is a separate module; if it trips on some text we
            # still extract everything else, and say so loudly.
            warnings.warn(f"date tagger failed ({exc!r}); no events from this text", RuntimeWarning,
                          stacklevel=2)
            mentions = []
    facts = find_numbers(doc, [(m.start, m.end) for m in mentions]) if "numbers" in kinds else []
    quotes: list[ExtractedQuote] = []
    people: list[ExtractedPerson] = []
    entities: list[ExtractedEntity] = []
    index = NameIndex(doc) if kinds & {"quotes", "people", "dates"} else None
    # Events read the names (a headline's "he" is the person named before it),
    # before quotes add their speakers to the index.
    if "dates" not in kinds:
        events = []
    elif _english(language):
        events = find_events(doc, mentions, index, dct)
    else:   # the clause reader knows English only: the dated sentences themselves, when short
        events = find_sentence_events(doc, mentions)
    if kinds & {"quotes", "people"}:
        # Quotes first: a speaker may be the only evidence that a name is a person.
        if "quotes" in kinds:
            quotes = find_quotes(doc, index)
        if "people" in kinds:
            people, entities = find_people(index)
    return Extraction(tuple(events), tuple(facts), tuple(quotes), tuple(people), tuple(entities))


def _english(language: str) -> bool:
    # the primary subtag of "en-GB" or "en_US"; not foreign_dates.language_code, whose module (its
    # patterns compiled at import) English articles never need
    return re.split(r"[-_]", language.strip(), maxsplit=1)[0].lower() == "en"


def _find_dates(text: str, dct: datetime.date, date_order: str, language: str) -> list:
    """The date mentions of a text, by the tagger for its language (imported on first use)."""
    if _english(language):
        from .dates import find_dates
        return find_dates(text, dct, date_order=date_order)
    from .foreign_dates import supported
    if supported(language):
        from .foreign_dates import find_dates as find_foreign_dates
        return find_foreign_dates(text, dct, language)
    return []


def _item_json(item) -> dict:
    d = asdict(item)
    span = d.pop("span")
    d["start"], d["end"] = span["start"], span["end"]
    if "aliases" in d:
        d["aliases"] = list(d["aliases"])
    return d


def extraction_to_json(x: Extraction) -> dict:
    """Plain JSON-ready dict of an :class:`Extraction`; spans become ``start``/``end``."""
    return {key: [_item_json(i) for i in getattr(x, key)]
            for key in ("events", "facts", "quotes", "people", "entities")}
