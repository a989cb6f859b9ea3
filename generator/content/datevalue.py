"""Dates with their precision: what a source says about *when*, and no more.

A fact sheet must never invent a day. "November 2015" is a month, "2015" a
year, "the 1990s" a decade; each becomes a `DateValue` that remembers its
precision and the span of days it covers, so the timeline can sort it, the
page can show it as the source wrote it, and `<time datetime>` gets a value
no finer than the source.

Two input forms are understood:

* what users write in YAML: `2015`, `2015-11`, `2015-11-13`, ranges
  `2015-11-13/2015-11-15`, open ranges `../2015-12-02` and `2015/..`, circa
  `~2015`, uncertain `2015?`;
* TimeML values produced by the date tagger: `2015-W48`, `2015-Q3`,
  `1998-H1`, `2015-SU`, `199` (a decade), `18` (a century).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property

# Coarse to fine; the rank orders equal-start dates (a month sorts before its days).
PRECISIONS = ("century", "decade", "year", "half", "quarter", "season", "month", "week", "day")
_RANK = {p: i for i, p in enumerate(PRECISIONS)}

MONTH_NAMES = tuple(calendar.month_name)[1:]
_SEASONS = {"SP": ("spring", 3, 5), "SU": ("summer", 6, 8), "FA": ("autumn", 9, 11), "WI": ("winter", 12, 2)}
_MODIFIERS = {"START": "early", "MID": "mid", "END": "late", "APPROX": "about"}
_WRITTEN_MODIFIERS = {"early": "START", "mid": "MID", "late": "END"}   # words a user may put before a date
_MODIFIED = re.compile(r"^(early|mid|late)(?:\s+|-)(\S+)$", re.IGNORECASE)


@dataclass(frozen=True)
class DatePoint:
    """One end of a date: a calendar period at some precision."""

    precision: str
    start: date
    end: date
    value: str  # canonical TimeML-style value, e.g. "2015-11"

    def label(self) -> str:
        """The period in words, as a reader expects it."""
        s, p = self.start, self.precision
        if p == "day":
            return f"{s.day} {MONTH_NAMES[s.month - 1]} {s.year}"
        if p == "month":
            return f"{MONTH_NAMES[s.month - 1]} {s.year}"
        if p == "year":
            return str(s.year)
        if p == "week":
            return f"week {self.value.split('-W')[1].lstrip('0')} of {self.value.split('-W')[0]}"
        if p == "quarter":
            return f"Q{self.value[-1]} {s.year}"
        if p == "half":
            return f"{'first' if self.value.endswith('1') else 'second'} half of {s.year}"
        if p == "season":
            return f"{_SEASONS[self.value[-2:]][0]} {self.value[:-3]}"
        if p == "decade":
            return f"{self.value}0s"
        century = int(self.value) + 1
        suffix = "th" if 10 <= century % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(century % 10, "th")
        return f"{century}{suffix} century"

    def html_datetime(self) -> str | None:
        """A value for `<time datetime>` no finer than the source, or None if HTML has none.

        HTML knows years, months, weeks and days. A quarter, half or season is
        given as its year: coarser than the source, never finer.
        """
        if self.precision in ("day", "month", "week"):
            return self.value
        if self.precision in ("year", "half", "quarter", "season"):
            return f"{self.start.year:04d}"
        return None


@dataclass(frozen=True)
class DateValue:
    """A date as a source states it: a point or a range, with circa and uncertainty marks."""

    first: DatePoint | None  # None: an open start ("../2015-12-02")
    last: DatePoint | None  # None: an open end; the same as `first` for a single date
    circa: bool = False
    uncertain: bool = False
    mod: str | None = None  # TimeML modifier from the tagger: START, MID, END, APPROX

    @property
    def is_range(self) -> bool:
        # identity first: a single date holds one point twice, and pages ask this hundreds of thousands of times
        return self.first is not self.last and self.first != self.last

    @property
    def precision(self) -> str:
        point = self.first or self.last
        assert point is not None
        return point.precision

    @property
    def start(self) -> date:
        return self.first.start if self.first else date.min

    @property
    def end(self) -> date:
        return self.last.end if self.last else date.max

    @cached_property  # a key of timeline merging and sorting: computed once per date, not once per comparison
    def value(self) -> str:
        """The canonical text form, the one a user would write in YAML."""
        if self.is_range:
            text = f"{self.first.value if self.first else '..'}/{self.last.value if self.last else '..'}"
        else:
            text = self.first.value  # type: ignore[union-attr]
        return ("~" if self.circa else "") + text + ("?" if self.uncertain else "")

    @property
    def written(self) -> str:
        """The form a user writes in YAML, modifier included: "early 2015", "~2015", "2015-11-13"."""
        word = _MODIFIERS.get(self.mod) if self.mod in _WRITTEN_MODIFIERS.values() else None
        if not word or self.is_range:
            return self.value
        return ("~" if self.circa else "") + f"{word} {self.first.value}" + ("?" if self.uncertain else "")

    def sort_key(self) -> tuple:
        return (self.start, _RANK[self.precision], self.end, self.value)

    def label(self) -> str:
        """The date in words: "13 November 2015", "c. 2015", "13–15 November 2015"."""
        return self._label

    @cached_property
    def _label(self) -> str:
        if not self.is_range:
            text = self.first.label()  # type: ignore[union-attr]
        elif self.first is None:
            text = f"until {self.last.label()}"  # type: ignore[union-attr]
        elif self.last is None:
            text = f"from {self.first.label()}"
        else:
            text = _range_label(self.first, self.last)
        if self.mod in _MODIFIERS:
            text = f"{_MODIFIERS[self.mod]} {text}"
        if self.circa:
            text = f"c. {text}"
        if self.uncertain:
            text = f"{text} (uncertain)"
        return text

    def year(self) -> int | None:
        point = self.first or self.last
        return point.start.year if point else None


def _range_label(first: DatePoint, last: DatePoint) -> str:
    # "13–15 November 2015" reads better than "13 November 2015 – 15 November 2015".
    if first.precision == last.precision == "day" and (first.start.year, first.start.month) == (
        last.start.year,
        last.start.month,
    ):
        return f"{first.start.day}–{last.label()}"
    return f"{first.label()} – {last.label()}"


class DateSyntaxError(ValueError):
    """A date a user wrote that cannot be read; the message says what is wrong."""


_YEAR = r"(?P<y>\d{4})"
_PATTERNS = [
    ("day", re.compile(r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})$")),
    ("month", re.compile(r"^(?P<y>\d{4})-(?P<m>\d{1,2})$")),
    ("year", re.compile(r"^" + _YEAR + r"$")),
    ("week", re.compile(r"^(?P<y>\d{4})-W(?P<w>\d{1,2})$")),
    ("quarter", re.compile(r"^(?P<y>\d{4})-Q(?P<q>[1-4])$")),
    ("half", re.compile(r"^(?P<y>\d{4})-H(?P<h>[12])$")),
    ("season", re.compile(r"^(?P<y>\d{4})-(?P<s>SP|SU|FA|WI)$")),
    ("decade", re.compile(r"^(?P<dec>\d{3})$|^(?P<dec2>\d{3})0s$")),
    ("century", re.compile(r"^(?P<c>\d{2})$")),
]


def parse_point(text: str) -> DatePoint:
    """Read one date (no range, no marks) into a DatePoint, or raise DateSyntaxError."""
    text = text.strip()
    for precision, pattern in _PATTERNS:
        match = pattern.match(text)
        if match:
            return _point(precision, match.groupdict())
    raise DateSyntaxError(
        f"'{text}' is not a date; write it as 2015, 2015-11, 2015-11-13, "
        "a range 2015-11-13/2015-11-15, ~2015 (circa) or 2015? (uncertain)"
    )


def _point(precision: str, g: dict) -> DatePoint:
    if precision == "decade":
        dec = int(g["dec"] or g["dec2"])
        return DatePoint("decade", date(max(dec * 10, 1), 1, 1), date(dec * 10 + 9, 12, 31), f"{dec:03d}")
    if precision == "century":
        c = int(g["c"])
        return DatePoint("century", date(max(c * 100, 1), 1, 1), date(c * 100 + 99, 12, 31), f"{c:02d}")
    year = int(g["y"])
    if year < 1:
        raise DateSyntaxError(f"year {year} is out of range")
    if precision == "year":
        return DatePoint("year", date(year, 1, 1), date(year, 12, 31), f"{year:04d}")
    if precision in ("month", "day"):
        month = int(g["m"])
        if not 1 <= month <= 12:
            raise DateSyntaxError(f"month {month} is out of range (1 to 12)")
        days = calendar.monthrange(year, month)[1]
        if precision == "month":
            return DatePoint("month", date(year, month, 1), date(year, month, days), f"{year:04d}-{month:02d}")
        day = int(g["d"])
        if not 1 <= day <= days:
            raise DateSyntaxError(f"day {day} is out of range for {MONTH_NAMES[month - 1]} {year} (1 to {days})")
        d = date(year, month, day)
        return DatePoint("day", d, d, d.isoformat())
    if precision == "week":
        week = int(g["w"])
        weeks = date(year, 12, 28).isocalendar()[1]
        if not 1 <= week <= weeks:
            raise DateSyntaxError(f"week {week} is out of range for {year} (1 to {weeks})")
        monday = date.fromisocalendar(year, week, 1)
        return DatePoint("week", monday, monday + timedelta(days=6), f"{year:04d}-W{week:02d}")
    if precision == "quarter":
        q = int(g["q"])
        first_month = 3 * q - 2
        end = date(year, first_month + 2, calendar.monthrange(year, first_month + 2)[1])
        return DatePoint("quarter", date(year, first_month, 1), end, f"{year:04d}-Q{q}")
    if precision == "half":
        h = int(g["h"])
        start, end = (date(year, 1, 1), date(year, 6, 30)) if h == 1 else (date(year, 7, 1), date(year, 12, 31))
        return DatePoint("half", start, end, f"{year:04d}-H{h}")
    season = g["s"]
    _, first_month, last_month = _SEASONS[season]
    end_year = year + 1 if last_month < first_month else year
    end = date(end_year, last_month, calendar.monthrange(end_year, last_month)[1])
    return DatePoint("season", date(year, first_month, 1), end, f"{year:04d}-{season}")


def parse_date_value(raw: object) -> DateValue:
    """Read a date as users write it in YAML (a string, an int year or a YAML date)."""
    if isinstance(raw, bool) or raw is None:
        raise DateSyntaxError(f"expected a date such as 2015-11-13, got {raw!r}")
    if isinstance(raw, date):
        return _single(parse_point(raw.isoformat()))
    if isinstance(raw, int):
        return _single(parse_point(f"{raw:04d}" if 0 < raw < 10000 else str(raw)))
    if not isinstance(raw, str):
        raise DateSyntaxError(f"expected a date such as 2015-11-13, got {type(raw).__name__}")
    text = raw.strip()
    circa = text.startswith("~")
    uncertain = text.endswith("?")
    text = text.removeprefix("~").removesuffix("?").strip()
    modified = _MODIFIED.match(text)
    if modified:
        # "early 2015", "mid-2015", "late November 2015" is written "late 2015-11"
        point = parse_point(modified.group(2))
        return DateValue(point, point, circa, uncertain, mod=_WRITTEN_MODIFIERS[modified.group(1).lower()])
    if "/" in text:
        left, _, right = text.partition("/")
        first = None if left.strip() == ".." else parse_point(left)
        last = None if right.strip() == ".." else parse_point(right)
        if first is None and last is None:
            raise DateSyntaxError("a range needs at least one end: '../..' says nothing")
        if first and last and last.end < first.start:
            raise DateSyntaxError(f"the range ends ({last.value}) before it starts ({first.value})")
        return DateValue(first, last, circa, uncertain)
    return DateValue(parse_point(text), parse_point(text), circa, uncertain)


def _single(point: DatePoint) -> DateValue:
    return DateValue(point, point)


REFERENCE_VALUES = frozenset({"PRESENT_REF", "PAST_REF", "FUTURE_REF"})


def from_timex(value: str, mod: str | None = None) -> DateValue | None:
    """A DateValue from a tagger's TimeML value, or None for vague references (`PRESENT_REF`)."""
    if value in REFERENCE_VALUES:
        return None
    try:
        point = parse_point(value)
    except DateSyntaxError:
        return None
    return DateValue(point, point, circa=mod == "APPROX", mod=mod if mod in ("START", "MID", "END") else None)
