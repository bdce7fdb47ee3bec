"""The backtest as a briefing page: index.html (Jinja2, autoescaped) with PNG charts (matplotlib, Agg).

timeline.png has one row per place with a warning or a confirmed attack: pre-emptive statements as ticks
above the line, retrospective ones below, warnings as shaded bands, attacks as markers. narrative.png shows
the weekly volume of the whole narrative with the attacks and the narrative surges. leadtimes.png shows how long
before each caught attack a warning opened, for the rule beside the naive baseline.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape

from .backtest import Backtest
from .errors import ConfigError
from .signals import ALL_PLACES, Signal

TEMPLATES = Path(__file__).parent / "data" / "templates"


def _pyplot() -> Any:
    """matplotlib.pyplot with the Agg backend (no display: files only), imported on first use: it is most of
    forewarn's start-up time otherwise, and only the report draws."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt
PREEMPTIVE_COLOUR = "#c0392b"
RETROSPECTIVE_COLOUR = "#2471a3"
WARNING_COLOUR = "#f39c12"
INCIDENT_COLOUR = "#111111"


@dataclass
class _Row:
    key: str
    label: str
    warnings: list[tuple[date, date]] = field(default_factory=list)
    incidents: list[date] = field(default_factory=list)
    caught: list[bool] = field(default_factory=list)
    inside: list[date] = field(default_factory=list)  # attacks elsewhere inside this (warned) place

    @property
    def first(self) -> date:
        return min([*(w[0] for w in self.warnings), *self.incidents] or [date.max])


def write_report(result: Backtest, directory: str | Path) -> Path:
    """Write index.html, timeline.png, narrative.png and leadtimes.png into `directory`; returns the HTML path."""
    out = Path(directory)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ConfigError(f"cannot create report directory {out}: {exc}") from exc
    data = result.to_json()
    end = _end_day(result)
    timeline_chart(result, out / "timeline.png", end)
    narrative_chart(result, out / "narrative.png", end)
    leadtime_chart(result, out / "leadtimes.png")
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(default=True))
    env.filters["http_url"] = http_url
    html = env.get_template("backtest.html").render(
        data=data, rows=_summary_rows(data), charts=["timeline.png", "narrative.png", "leadtimes.png"]
    )
    page = out / "index.html"
    page.write_text(html, encoding="utf-8")
    return page


def http_url(value: object) -> str:
    """A link worth rendering: http(s) only, so a stored "javascript:" URL never becomes a live link."""
    text = str(value or "").strip()
    return text if text.lower().startswith(("http://", "https://")) else ""


def _end_day(result: Backtest) -> date:
    days = [s.day for s in result.signals] + [i.date for i in result.incident_list]
    declared = result.parameters.get("to")
    return date.fromisoformat(declared) if declared else max(days or [date.today()])


def _summary_rows(data: dict[str, Any]) -> list[tuple[str, Any, Any]]:
    model, naive = data["summary"], data["baseline"]
    labels = [
        ("warnings", "Warnings opened"),
        ("hits", "… followed by an attack inside the place within the horizon (hits)"),
        ("false_alarms", "… not followed by one (false alarms)"),
        ("precision", "Precision (hits / warnings)"),
        ("incidents", f"Attacks in the period ({data['parameters'].get('incidents', 'as given')} incidents)"),
        ("caught", "Attacks preceded by a warning (caught)"),
        ("recall", "Recall (caught / attacks)"),
        ("recall_covered", "Recall over attacks after the record starts"),
        ("recall_below_country", "Recall counting only place/governorate-level warnings"),
        ("median_lead_days", "Median lead time, days"),
    ]
    return [(label, _fmt(model.get(key)), _fmt(naive.get(key))) for key, label in labels]


def _fmt(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, float) and not value.is_integer():
        return f"{value:.2f}"
    return str(int(value)) if isinstance(value, float) else str(value)


def _rows(result: Backtest) -> list[_Row]:
    rows: dict[str, _Row] = {}
    quiet = int(result.parameters["quiet_days"])
    for record in result.records:
        w = record.warning
        row = rows.setdefault(w.place_id, _Row(w.place_id, f"{w.place_name} ({w.level})"))
        # A warning still open when the record ends is drawn to the day it would close if nothing followed.
        row.warnings.append((w.opened_at, w.closed_at or w.last_evidence_at + timedelta(days=quiet)))
    scored = {i["id"]: i for i in result.incidents if i["in_range"]}
    for incident in result.incident_list:
        if incident.id not in scored:
            continue
        key = incident.place_id or f"incident:{incident.id}"
        label = scored[incident.id]["resolved_place"] or incident.place
        label = label if len(label) <= 32 else label[:30] + "…"
        row = rows.setdefault(key, _Row(key, label))
        row.incidents.append(incident.date)
        row.caught.append(scored[incident.id]["caught"])
    by_id = {i.id: i for i in result.incident_list}
    for place_id, incident_ids in result.inside.items():
        rows[place_id].inside.extend(by_id[i].date for i in incident_ids if by_id[i].place_id != place_id)
    return sorted(rows.values(), key=lambda r: (r.first, r.label))


def _ticks(signals: list[Signal]) -> dict[str, tuple[list[date], list[date]]]:
    found: dict[str, tuple[list[date], list[date]]] = defaultdict(lambda: ([], []))
    for signal in signals:
        if signal.preemptive:
            found[signal.place_id][0].append(signal.day)
        if signal.retrospective:
            found[signal.place_id][1].append(signal.day)
    return found


def timeline_chart(result: Backtest, path: Path, end: date) -> None:
    import matplotlib.dates as mdates

    plt = _pyplot()

    # The chart covers the record (attacks before it are in the table, not on the chart).
    start = min([s.day for s in result.signals] or [end]) - timedelta(days=30)
    rows = [r for r in _rows(result) if r.warnings or max(r.incidents) >= start]
    for row in rows:
        row.inside = [d for d in row.inside if d >= start]
    end = max([end, *(closed for r in rows for _, closed in r.warnings)])
    ticks = _ticks(result.signals)
    height = 1.8 + 0.4 * max(len(rows), 1)
    fig, ax = plt.subplots(figsize=(14, height), dpi=110)
    for y, row in enumerate(reversed(rows)):
        pre, retro = ticks.get(row.key, ([], []))
        ax.vlines(mdates.date2num(pre), y, y + 0.32, color=PREEMPTIVE_COLOUR, linewidth=1.2)
        ax.vlines(mdates.date2num(retro), y - 0.32, y, color=RETROSPECTIVE_COLOUR, linewidth=1.2)
        for opened, closed in row.warnings:
            left = mdates.date2num(opened)
            ax.broken_barh([(left, max(mdates.date2num(closed) - left, 2))], (y - 0.42, 0.84),
                           color=WARNING_COLOUR, alpha=0.35)
        ax.plot(mdates.date2num(row.inside), [y] * len(row.inside), marker="x", markersize=5, linestyle="",
                color="#777777")
        for day, was_caught in zip(row.incidents, row.caught, strict=True):
            ax.plot(mdates.date2num(day), y, marker="X", markersize=9, color=INCIDENT_COLOUR,
                    markerfacecolor=INCIDENT_COLOUR if was_caught else "white")
        ax.axhline(y, color="#dddddd", linewidth=0.6, zorder=0)
    ax.set_yticks(range(len(rows)), [r.label for r in reversed(rows)], fontsize=8)
    ax.set_ylim(-0.7, max(len(rows), 1) - 0.3)
    ax.set_xlim(mdates.date2num(start), mdates.date2num(end + timedelta(days=15)))
    _date_axis(ax)
    ax.set_title("Staging claims, warnings and confirmed chemical attacks, by place", fontsize=11)
    fig.legend(handles=_legend(), loc="lower center", ncol=6, fontsize=8, frameon=False)
    fig.tight_layout(rect=(0, 0.45 / height, 1, 1))
    fig.savefig(path)
    plt.close(fig)


def _legend() -> list[Any]:
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    return [
        Line2D([], [], color=PREEMPTIVE_COLOUR, linewidth=1.5, label="pre-emptive claim (day)"),
        Line2D([], [], color=RETROSPECTIVE_COLOUR, linewidth=1.5, label="retrospective claim (day)"),
        Patch(color=WARNING_COLOUR, alpha=0.35, label="warning open"),
        Line2D([], [], marker="X", linestyle="", color=INCIDENT_COLOUR, label="confirmed attack, caught"),
        Line2D([], [], marker="X", linestyle="", color=INCIDENT_COLOUR, markerfacecolor="white",
               label="confirmed attack, missed"),
        Line2D([], [], marker="x", linestyle="", color="#777777", label="attack inside the place (or near the town)"),
    ]


def _date_axis(ax: Any) -> None:
    import matplotlib.dates as mdates

    locator = mdates.AutoDateLocator(minticks=6, maxticks=16)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    ax.grid(axis="x", color="#eeeeee")


def narrative_chart(result: Backtest, path: Path, end: date) -> None:
    import matplotlib.dates as mdates
    from matplotlib.ticker import FuncFormatter
    plt = _pyplot()

    weekly_pre: dict[date, int] = defaultdict(int)
    weekly_retro: dict[date, int] = defaultdict(int)
    for signal in result.signals:  # the backtest's narrative only: its signals hold no other
        if signal.place_id == ALL_PLACES:
            week = signal.day - timedelta(days=signal.day.weekday())
            weekly_pre[week] += signal.preemptive
            weekly_retro[week] += signal.retrospective
    fig, ax = plt.subplots(figsize=(14, 3.4), dpi=110)
    weeks = sorted(set(weekly_pre) | set(weekly_retro))
    x = mdates.date2num(weeks)
    ax.bar(x, [weekly_pre[w] for w in weeks], width=6, color=PREEMPTIVE_COLOUR, label="pre-emptive statements")
    ax.bar(x, [-weekly_retro[w] for w in weeks], width=6, color=RETROSPECTIVE_COLOUR,
           label="retrospective statements (below)")
    for n, incident in enumerate(i for i in result.incidents if i["in_range"]):
        ax.axvline(mdates.date2num(date.fromisoformat(incident["date"])), color=INCIDENT_COLOUR, linewidth=0.7,
                   linestyle=":", label="confirmed attack" if n == 0 else None)
    for n, surge in enumerate(result.narrative):
        ax.plot(mdates.date2num(date.fromisoformat(surge["day"])), max(weekly_pre.values() or [1]) * 1.05,
                marker="v", color=WARNING_COLOUR, linestyle="", label="narrative surge" if n == 0 else None)
    _date_axis(ax)
    if weeks:
        ax.set_xlim(x[0] - 14, mdates.date2num(end + timedelta(days=14)))
    ax.axhline(0, color="#999999", linewidth=0.6)
    ax.set_ylabel("new statements / week", fontsize=9)
    ax.yaxis.set_major_formatter(FuncFormatter(lambda value, _pos: f"{abs(value):g}"))
    narrative = result.parameters.get("narrative", "chemical")
    ax.set_title(f"The whole {narrative} narrative: new staging statements per week, any place (claims outside its "
                 f"scope left out)", fontsize=11)
    ax.legend(fontsize=8, loc="upper left", frameon=False)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)


def lead_times(result: Backtest) -> dict[str, list[int]]:
    """Days from the warning opening to each caught attack in the period, for the rule and the baseline."""
    scored = [i for i in result.incidents if i["in_range"]]
    return {
        "forewarn rule": sorted(i["lead_days"] for i in scored if i["caught"]),
        "naive baseline": sorted(i["baseline_lead_days"] for i in scored if i["baseline_caught"]),
    }


def leadtime_chart(result: Backtest, path: Path) -> None:
    """One row per rule: a dot per caught attack at its lead time, the median as a bar, the count beside."""
    leads = lead_times(result)
    horizon = int(result.parameters["horizon_days"])
    scored = sum(1 for i in result.incidents if i["in_range"])
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(14, 2.6), dpi=110)
    colours = {"forewarn rule": WARNING_COLOUR, "naive baseline": "#7f8c8d"}
    for y, (name, days) in enumerate(reversed(list(leads.items()))):
        offsets = [((n % 5) - 2) * 0.06 for n in range(len(days))]  # a little spread so equal leads stay visible
        ax.plot(days, [y + o for o in offsets], marker="o", linestyle="", markersize=7, color=colours[name],
                alpha=0.8)
        if days:
            median = statistics.median(days)
            ax.vlines(median, y - 0.3, y + 0.3, color=INCIDENT_COLOUR, linewidth=2)
        ax.text(horizon * 1.01, y, f"{len(days)} of {scored} attacks caught"
                + (f", median {statistics.median(days):g} days" if days else ""), va="center", fontsize=8)
    ax.set_yticks([0, 1], list(reversed(list(leads))), fontsize=9)
    ax.set_ylim(-0.6, 1.6)
    ax.set_xlim(-2, horizon * 1.3)
    ax.set_xlabel("days from the warning opening to the attack (lead time)", fontsize=9)
    ax.grid(axis="x", color="#eeeeee")
    ax.set_title("Lead times of caught attacks: the rule beside the naive baseline (bar = median)", fontsize=11)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
