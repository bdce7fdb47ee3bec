"""Charts as geometry for server-side SVG: weekly volume bars and the timeline of a place (statements above
and below a line, warnings as bands, attacks as markers). Pure functions from read models to shapes; the
templates draw the shapes (charts.html), so no chart library and no script runs in the browser. Colours are
CSS classes of the dashboard's stylesheet.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

WIDTH = 900
LABEL_WIDTH = 170  # timeline: the row labels' column
AXIS_HEIGHT = 22


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    width: float
    height: float
    css: str
    title: str = ""
    href: str = ""


@dataclass(frozen=True)
class Mark:
    """A point marker (an attack): a diamond centred on (x, y)."""

    x: float
    y: float
    css: str
    title: str = ""
    href: str = ""

    @property
    def points(self) -> str:
        r = 6
        return f"{self.x:.1f},{self.y - r:.1f} {self.x + r:.1f},{self.y:.1f} {self.x:.1f},{self.y + r:.1f} " \
               f"{self.x - r:.1f},{self.y:.1f}"


@dataclass(frozen=True)
class Tick:
    x: float
    label: str


@dataclass(frozen=True)
class Label:
    x: float
    y: float
    text: str
    href: str = ""


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    rects: tuple[Rect, ...] = ()
    marks: tuple[Mark, ...] = ()
    ticks: tuple[Tick, ...] = ()
    labels: tuple[Label, ...] = ()
    lines: tuple[tuple[float, float, float, float], ...] = ()  # x1, y1, x2, y2 (baselines)
    axis_y: float = 0.0
    title: str = ""

    @property
    def empty(self) -> bool:
        return not self.rects and not self.marks


class DayScale:
    """Days to x positions between `left` and `right` (each day a column of equal width)."""

    def __init__(self, start: date, end: date, left: float, right: float) -> None:
        self.start = start
        self.days = max((end - start).days + 1, 1)
        self.left = left
        self.step = (right - left) / self.days

    def x(self, day: date) -> float:
        return self.left + (day - self.start).days * self.step

    def width(self, days: int = 1) -> float:
        return max(self.step * days, 1.0)


def month_ticks(scale: DayScale, start: date, end: date, most: int = 12) -> tuple[Tick, ...]:
    """A tick on the first of each month (every second, third… month when the span is long)."""
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    every = max(1, -(-months // most))
    found: list[Tick] = []
    year, month = start.year, start.month
    for index in range(months + 1):
        first = date(year, month, 1)
        if start <= first <= end and index % every == 0:
            found.append(Tick(scale.x(first), first.strftime("%b %Y") if month == 1 or not found else
                              first.strftime("%b")))
        month += 1
        if month > 12:
            year, month = year + 1, 1
    return tuple(found)


@dataclass(frozen=True)
class Week:
    week: date  # Monday
    preemptive: int
    retrospective: int


def weekly_bars(weeks: Sequence[Week], start: date, end: date, *, height: int = 150, title: str = "") -> Chart:
    """Stacked bars per week: pre-emptive statements at the bottom, retrospective ones above."""
    start = start - timedelta(days=start.weekday())
    scale = DayScale(start, end + timedelta(days=6 - end.weekday()), 40, WIDTH - 10)
    top, bottom = 10, height - AXIS_HEIGHT
    most = max((w.preemptive + w.retrospective for w in weeks), default=0) or 1
    unit = (bottom - top) / most
    rects: list[Rect] = []
    for week in weeks:
        x, width = scale.x(week.week), max(scale.width(7) - 1.5, 1.0)
        pre, retro = week.preemptive * unit, week.retrospective * unit
        label = f"week of {week.week.isoformat()}: {week.preemptive} pre-emptive, {week.retrospective} retrospective"
        if week.preemptive:
            rects.append(Rect(x, bottom - pre, width, pre, "preemptive", label))
        if week.retrospective:
            rects.append(Rect(x, bottom - pre - retro, width, retro, "retrospective", label))
    labels = (Label(36, top + 8, str(most)), Label(36, bottom, "0"))
    return Chart(WIDTH, height, tuple(rects), ticks=month_ticks(scale, start, end), labels=labels,
                 lines=((40, bottom, WIDTH - 10, bottom),), axis_y=bottom, title=title)


@dataclass(frozen=True)
class Day:
    day: date
    preemptive: int
    retrospective: int


@dataclass(frozen=True)
class Band:
    opened: date
    closed: date | None
    title: str
    href: str = ""
    css: str = "warning"


@dataclass(frozen=True)
class Attack:
    day: date
    title: str
    css: str = "attack"


@dataclass(frozen=True)
class Row:
    label: str
    href: str = ""
    days: tuple[Day, ...] = ()
    bands: tuple[Band, ...] = ()
    attacks: tuple[Attack, ...] = ()


def span_of(rows: Iterable[Row], margin_days: int = 7) -> tuple[date, date] | None:
    """The days a timeline of these rows covers (with a margin), or None when there is nothing to draw."""
    days = [d for r in rows for d in (*(x.day for x in r.days), *(a.day for a in r.attacks),
                                      *(b.opened for b in r.bands), *(b.closed for b in r.bands if b.closed))]
    if not days:
        return None
    return min(days) - timedelta(days=margin_days), max(days) + timedelta(days=margin_days)


def timeline(rows: Sequence[Row], start: date, end: date, *, row_height: int = 64, title: str = "") -> Chart:
    """One row per place: pre-emptive statements as bars above its line, retrospective ones below, open
    warnings as bands (to the end when still open), attacks as diamonds on the line."""
    scale = DayScale(start, end, LABEL_WIDTH, WIDTH - 10)
    most = max((max(d.preemptive, d.retrospective) for r in rows for d in r.days if start <= d.day <= end),
               default=0) or 1
    half = row_height / 2 - 6
    rects: list[Rect] = []
    marks: list[Mark] = []
    labels: list[Label] = []
    lines: list[tuple[float, float, float, float]] = []
    for index, row in enumerate(rows):
        top = 6 + index * row_height
        middle = top + row_height / 2
        labels.append(Label(LABEL_WIDTH - 8, middle + 4, row.label, row.href))
        lines.append((LABEL_WIDTH, middle, WIDTH - 10, middle))
        for band in row.bands:
            if band.opened > end or (band.closed is not None and band.closed < start):
                continue
            x0 = scale.x(max(band.opened, start))
            x1 = scale.x(min(band.closed or end, end)) + scale.width()
            rects.append(Rect(x0, top + 2, max(x1 - x0, 2.0), row_height - 4, band.css, band.title, band.href))
        for day in row.days:
            if not start <= day.day <= end:
                continue
            x, width = scale.x(day.day), scale.width()
            label = f"{day.day.isoformat()}: {day.preemptive} pre-emptive, {day.retrospective} retrospective"
            if day.preemptive:
                h = max(day.preemptive / most * half, 2.0)
                rects.append(Rect(x, middle - h, width, h, "preemptive", label))
            if day.retrospective:
                h = max(day.retrospective / most * half, 2.0)
                rects.append(Rect(x, middle, width, h, "retrospective", label))
        for attack in row.attacks:
            if not start <= attack.day <= end:
                continue
            marks.append(Mark(scale.x(attack.day) + scale.width() / 2, middle, attack.css, attack.title))
    height = 6 + len(rows) * row_height + AXIS_HEIGHT
    return Chart(WIDTH, height, tuple(rects), tuple(marks), month_ticks(scale, start, end), tuple(labels),
                 tuple(lines), axis_y=height - AXIS_HEIGHT, title=title)
