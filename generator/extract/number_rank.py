"""Which key numbers a fact sheet shows, most important first.

A reader of a news story wants its casualties, its money and the counts of
people it is about before the incidental figures (distances, durations,
percentages of side facts).  Each number gets a weight from what its label and
unit say it counts; the sheet keeps at most :data:`MAX_NUMBERS` of them,
heaviest first (earlier in the text first among equals, since the lead carries
the story), and the same figure stated twice is shown once.

Labels that say nothing ("People: 7", "Days: 9") are not ranked low but
refused outright: :func:`says_nothing`.
"""

from __future__ import annotations

from .items import ExtractedNumber

MAX_NUMBERS = 8

# Words of a label (or unit) that make a number the story's toll.
_CASUALTY = frozenset("""
killed dead died deaths death toll casualties fatalities victims injured wounded hurt missing hospital
hospitalised hospitalized murdered slayings killings murders drowned rescued evacuated displaced homeless
""".split())
# Nouns counting people (or the groups a story is about).
_PEOPLE = frozenset("""
people persons men women children adults officers soldiers troops police policemen firefighters workers
staff crew members protesters demonstrators marchers strikers passengers residents evacuees refugees
migrants reservists civilians students patients pupils voters delegates inspectors employees jobs
families households homes houses prisoners detainees hostages suspects militants fighters rebels
""".split())
# Units of distance, time and weight: a count of these is a measure, rarely the story.
_MEASURE_UNITS = frozenset("""
hours days weeks months years minutes seconds decades miles kilometres kilometers kms km metres meters
feet foot inches yards acres hectares tons tonnes pounds kilograms kg
""".split())
# A label made of these words alone tells a reader nothing.
_EMPTY_LABEL = frozenset("""
people persons men women children others ones things times cases items percentage amount number total
figure days weeks months years hours minutes seconds decades centuries miles kms km kilometers kilometres
metres meters feet inches points cents dollars units pieces parts bits ways kinds types sorts
those these them themselves each other more less most some all several many few new other same different
additional further extra first last next previous separate various summers winters springs autumns
weekends nights mornings evenings afternoons generations occasions
""".split())


# Head nouns that name a unit, not a thing: "Canadian dollars", "French francs", "million".
_EMPTY_HEAD = frozenset("""
pence cents cent dollars dollar pounds pound euros euro yen francs marks markkaa guilders lire pesos
rupees yuan roubles rubles kronor krona shekels rand dlrs hundred thousand million billion trillion
dozen percent
""".split())
# Periods of time: "$5.5m for the quarter", "a high for the year of $42.875".
_TIME_NOUNS = frozenset("year quarter month week day hour period season time fiscal".split())


def says_nothing(label: str) -> bool:
    """Does ``label`` fail to say what was counted ("people", "other", "new days",
    "Canadian dollars", "year ended")?"""
    words = [w.lower().strip("'’") for w in label.split()]
    return (not words or all(w in _EMPTY_LABEL for w in words) or words[-1] in _EMPTY_HEAD
            or any(w in _TIME_NOUNS for w in words))


def weight(item: ExtractedNumber, how: str) -> int:
    """How much a reader wants this number: casualties 100, money 80, counts the text says
    something happened to 60, counts of people 50, other counts 40, percentages 30,
    measures and durations 20.  ``how`` is how the number was read (see ``numbers._Reading``)."""
    words = set(item.label.lower().split()) | set((item.unit or "").lower().split())
    if words & _CASUALTY:
        return 100
    if how == "money":
        return 80
    if how == "pct":
        return 30
    if how == "hyph" or words & _MEASURE_UNITS:
        return 20
    if how == "told":
        return 60
    if words & _PEOPLE:
        return 50
    return 40


def select(found: list[tuple[ExtractedNumber, str]]) -> list[ExtractedNumber]:
    """The numbers a sheet shows: no repeats, heaviest first, at most :data:`MAX_NUMBERS`.

    ``found`` is every number in text order, each with how it was read."""
    seen: set[tuple[str, str, str | None, str]] = set()
    ranked = []
    for order, (item, how) in enumerate(found):
        key = (item.label.lower(), item.value, item.qualifier, (item.unit or "").lower())
        if key in seen:
            continue
        seen.add(key)
        ranked.append((-weight(item, how), order, item))
    ranked.sort(key=lambda r: (r[0], r[1]))
    return [item for _, _, item in ranked[:MAX_NUMBERS]]
