"""The overview strip at the top of a topic's or a year's timeline: when its events cluster.

A page draws it as inline SVG (no script): a bar for each stretch of time,
as tall as the entries dated in it, and above the bars a mark for each key
event, linking to the event's entry on the page. Long quiet stretches (a
story that returns after eight years) are cut out of the axis and drawn as
a break, so that each burst of events keeps room to be read.

Only geometry is computed here; `templates/_macros.html` draws it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from typing import Iterable, Protocol

WIDTH, HEIGHT = 800, 64
_BAR_TOP, _BAR_BOTTOM = 22, 50  # bars grow up from the axis; key marks sit above them
_MARK_Y = 10
_BREAK = 16  # the room a cut-out stretch of time takes
_BINS = 48  # bars across the whole strip, shared out between the stretches
_TICK_ROOM = 90  # the width a tick's label ("12 Aug 1990") needs
_MARKS_MAX = 40  # more dots than this stop being a strip one can read (or tab through)


class _Entry(Protocol):
    date: object
    anchor: str
    text: str
    importance: int
    also: tuple
    articles: tuple


@dataclass(frozen=True)
class Bar:
    x: float
    width: float
    height: float
    count: int
    label: str  # "12 entries, 2–8 August 1990"


@dataclass(frozen=True)
class Mark:
    x: float
    anchor: str
    label: str  # "2 August 1990: Iraq invades Kuwait"


@dataclass(frozen=True)
class Tick:
    x: float
    label: str
    anchor_end: bool = False  # the last tick is right-aligned, so it stays inside the strip


@dataclass(frozen=True)
class Strip:
    width: int
    height: int
    bars: tuple[Bar, ...]
    marks: tuple[Mark, ...]
    ticks: tuple[Tick, ...]
    breaks: tuple[float, ...]  # x of each cut in the axis
    entries: int
    axis_y: int = _BAR_BOTTOM

    @property
    def summary(self) -> str:
        marks = len(self.marks)
        return (f"{self.entries} dated entr{'y' if self.entries == 1 else 'ies'}; "
                f"{marks} key event{'' if marks == 1 else 's'} marked")


def overview_strip(entries: Iterable[_Entry]) -> Strip | None:
    """The strip for these entries (None: fewer than two dated to a month or finer, nothing to show)."""
    dated = [(e, _day(e)) for e in entries]
    dated = [(e, d) for e, d in dated if d is not None]
    if len(dated) < 2:
        return None
    days = sorted({d for _, d in dated})
    segments = _segments(days)
    place = _Axis(segments)
    counts: dict[tuple[int, int], int] = {}
    for entry, day in dated:
        key = place.bin(day)
        counts[key] = counts.get(key, 0) + 1 + len(entry.also)
    top = max(counts.values())
    bars = []
    for (segment, number), count in sorted(counts.items()):
        x, width = place.bin_box(segment, number)
        first, last = place.bin_days(segment, number)
        height = (_BAR_BOTTOM - _BAR_TOP) * math.sqrt(count / top)  # sqrt: one big day does not flatten the rest
        bars.append(Bar(round(x, 1), round(max(width - 1, 1.5), 1), round(max(height, 2), 1), count,
                        f"{count} entr{'y' if count == 1 else 'ies'}, {_span_label(first, last)}"))
    key = [(e, day) for e, day in dated if e.importance == 1]
    if len(key) > _MARKS_MAX:  # a big archive's year: the key events most sources report
        key = sorted(key, key=lambda p: (-len(p[0].articles), p[1]))[:_MARKS_MAX]
    marks = tuple(Mark(round(place.x(day), 1), e.anchor, f"{e.date.label()}: {e.text}")
                  for e, day in sorted(key, key=lambda p: p[1]))
    # a label where each stretch starts, unless it would run into the one before, and one at the end;
    # days when the whole strip is a few weeks, months when it is years
    short = (days[-1] - days[0]).days < 120
    ticks: list[Tick] = []
    for segment in segments:
        x = round(place.x(segment[0]), 1)
        if not ticks or x - ticks[-1].x >= _TICK_ROOM:
            ticks.append(Tick(x, _tick_label(segment, short)))
    last_day = segments[-1][-1]
    if place.x(last_day) - ticks[-1].x > 2 * _TICK_ROOM:
        ticks.append(Tick(WIDTH, _tick_label([last_day], short), anchor_end=True))
    return Strip(WIDTH, HEIGHT, tuple(bars), marks, tuple(ticks), tuple(round(b, 1) for b in place.breaks),
                 len(dated))


def _day(entry: _Entry) -> date | None:
    """Where an entry sits on the strip: its first day, if it is dated to a day, week or month.

    A year or a quarter is a span, not a point: placed on its first day it
    would stretch the axis over months in which nothing is known to happen.
    """
    first = getattr(entry.date, "first", None)
    return first.start if first is not None and first.precision in ("day", "week", "month") else None


def _segments(days: list[date]) -> list[list[date]]:
    """The days cut where a quiet stretch is long: over a year, or over a third of the whole span and 60 days."""
    span = (days[-1] - days[0]).days
    limit = min(366, max(60, span // 3))
    segments = [[days[0]]]
    for before, day in zip(days, days[1:]):
        if (day - before).days > limit:
            segments.append([day])
        else:
            segments[-1].append(day)
    return segments


class _Axis:
    """Days to x: each stretch gets room in proportion to the square root of its length in days."""

    def __init__(self, segments: list[list[date]]):
        self.segments = segments
        lengths = [(s[-1] - s[0]).days + 1 for s in segments]
        weights = [math.sqrt(n) + 2 for n in lengths]
        room = WIDTH - _BREAK * (len(segments) - 1)
        self.boxes: list[tuple[float, float]] = []  # per stretch: x where it starts, its width
        self.breaks: list[float] = []
        x = 0.0
        for number, weight in enumerate(weights):
            width = room * weight / sum(weights)
            self.boxes.append((x, width))
            x += width
            if number < len(weights) - 1:
                self.breaks.append(x + _BREAK / 2)
                x += _BREAK
        self.lengths = lengths
        total = sum(weights)
        self.bins = [max(1, round(_BINS * w / total)) for w in weights]

    def _segment_of(self, day: date) -> int:
        for number, segment in enumerate(self.segments):
            if day <= segment[-1]:
                return number
        return len(self.segments) - 1

    def x(self, day: date) -> float:
        number = self._segment_of(day)
        start, width = self.boxes[number]
        offset = (day - self.segments[number][0]).days + 0.5
        return start + width * offset / self.lengths[number]

    def bin(self, day: date) -> tuple[int, int]:
        number = self._segment_of(day)
        offset = (day - self.segments[number][0]).days
        return number, min(self.bins[number] - 1, offset * self.bins[number] // self.lengths[number])

    def bin_box(self, segment: int, number: int) -> tuple[float, float]:
        start, width = self.boxes[segment]
        step = width / self.bins[segment]
        return start + number * step, step

    def bin_days(self, segment: int, number: int) -> tuple[date, date]:
        first = self.segments[segment][0]
        length, bins = self.lengths[segment], self.bins[segment]
        begin = -(-number * length // bins)
        end = max(begin, -(-(number + 1) * length // bins) - 1)
        return date.fromordinal(first.toordinal() + begin), date.fromordinal(first.toordinal() + end)


def _span_label(first: date, last: date) -> str:
    if first == last:
        return f"{first.day} {first:%B %Y}"
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}–{last.day} {last:%B %Y}"
    if first.year == last.year:
        return f"{first.day} {first:%B} – {last.day} {last:%B %Y}"
    return f"{first.day} {first:%B %Y} – {last.day} {last:%B %Y}"


def _tick_label(segment: list[date], short: bool) -> str:
    first = segment[0]
    if short:
        return f"{first.day} {first:%b %Y}"
    return f"{first:%b %Y}" if (segment[-1] - first).days < 730 else str(first.year)
