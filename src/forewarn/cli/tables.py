"""How the read commands print: Rich tables that wrap and stay readable at 80 columns and when piped, or
`--json` / `--csv` for machines. Records come from forewarn.queries and go out through forewarn.serialise;
every untrusted string passes cli/output.py (`plain`, `safe`) on its way to the terminal."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from typing import Any, TypeVar

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from ..errors import ConfigError
from ..model import Incident, Quarantined
from ..queries import ClaimView, DocumentView, Stats, WarningView
from ..serialise import to_json, write_csv
from . import err, out, print_json
from .output import plain

T = TypeVar("T")
SENTENCE_CHARS = 240  # a claim's sentence in a table; --json has all of it


def day(moment: date | datetime | None) -> str:
    if moment is None:
        return "undated"
    return (moment.date() if isinstance(moment, datetime) else moment).isoformat()


def clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def cell(value: object, style: str = "") -> Text:
    """A one-line table cell: sanitised, markup never read, newlines shown as spaces."""
    return plain(" ".join(str(value).split()), style)


def table(*columns: tuple[str, dict[str, Any]], title: str | None = None) -> Table:
    """A compact table: simple header rule, no side borders (more room for text at 80 columns)."""
    made = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, expand=True, title=title,
                 title_justify="left", header_style="bold")
    for name, options in columns:
        made.add_column(name, overflow="fold", **options)
    return made


def emit(items: Sequence[T], *, as_json: bool, as_csv: bool, render: Callable[[Sequence[T]], RenderableType],
         empty: str) -> None:
    """Print records as JSON (a list), CSV (a header and one row each) or a table."""
    if as_json and as_csv:
        raise ConfigError("--json and --csv cannot be used together")
    if as_json:
        print_json(to_json(list(items)))
    elif as_csv:
        write_csv(items, sys.stdout)
    elif not items:
        err.print(empty)
    else:
        out.print(render(items))


def emit_one(record: T, *, as_json: bool, as_csv: bool, render: Callable[[T], RenderableType],
             csv_records: Iterable[Any] = ()) -> None:
    """Print one record as a JSON object, as CSV rows (`csv_records`: its parts, e.g. a warning's claims) or
    rendered."""
    if as_json and as_csv:
        raise ConfigError("--json and --csv cannot be used together")
    if as_json:
        print_json(to_json(record))
    elif as_csv:
        write_csv(csv_records, sys.stdout)
    else:
        out.print(render(record))


def kind_label(kind: str) -> Text:
    return Text("pre", style="bold red") if kind == "PREEMPTIVE" else Text("retro", style="blue")


def claims_table(items: Sequence[ClaimView]) -> Table:
    made = table(("published", {"no_wrap": True, "width": 10}), ("kind", {"no_wrap": True, "width": 5}),
                 ("place", {"ratio": 2}), ("claimant → accused", {"ratio": 3}), ("sentence", {"ratio": 6}))
    for view in items:
        claim = view.claim
        who = Text.assemble(cell(claim.claimant or "—"), " → ", cell(", ".join(claim.accused) or "—"))
        place = claim.places[0].name if claim.places else "—"
        made.add_row(cell(day(claim.published_at)), kind_label(claim.kind), cell(place), who,
                     cell(clip(claim.evidence.sentence, SENTENCE_CHARS)))
    made.caption = f"claims shown: {len(items)}"
    return made


def documents_table(items: Sequence[DocumentView]) -> Table:
    made = table(("published", {"no_wrap": True, "width": 10}), ("lang", {"no_wrap": True, "width": 4}),
                 ("outlet", {"ratio": 2}), ("title", {"ratio": 5}), ("id", {"no_wrap": True, "width": 8}))
    for view in items:
        doc = view.document
        made.add_row(cell(day(doc.published_at)), cell(doc.language or "?"), cell(doc.outlet or doc.source),
                     cell(clip(doc.title or doc.text, 200)), cell(doc.id[:8], "dim"))
    return made


def warnings_table(items: Sequence[WarningView]) -> Table:
    made = table(("id", {"no_wrap": True, "width": 8}), ("place", {"ratio": 3}),
                 ("opened", {"no_wrap": True, "width": 10}), ("closed", {"no_wrap": True, "width": 10}),
                 ("score", {"no_wrap": True, "justify": "right", "width": 5}),
                 ("claims", {"no_wrap": True, "justify": "right", "width": 6}),
                 ("outlets", {"no_wrap": True, "justify": "right", "width": 7}))
    for view in items:
        w = view.warning
        closed = Text("OPEN", style="bold red") if w.is_open else cell(w.closed_at)
        made.add_row(cell(w.id[:8]), cell(f"{w.place_name} ({w.level})"), cell(w.opened_at), closed,
                     cell(f"{w.score:.1f}"), cell(len(w.claim_ids)), cell(len(w.outlets)))
    made.caption = "show one with: forewarn warnings show ID (a unique prefix is enough)"
    return made


def warning_detail(view: WarningView, *, context_lines: int = 3) -> Group:
    """One warning: what, where, since when; then each statement behind it with the outlets and languages
    that relayed it; then the sources."""
    w = view.warning
    state = "OPEN" if w.is_open else f"closed {w.closed_at}"
    head = [
        Text.assemble(cell(f"{w.place_name} ({w.level})", "bold"), f" — {state}; opened {w.opened_at}, last "
                      f"evidence {w.last_evidence_at}, score {w.score:.1f}"),
        cell(f"id {w.id} · {len(w.claim_ids)} claims in {statements_behind(view)} statements · languages "
             f"{', '.join(view.languages) or '-'}", "dim"),
        plain(f"claimants: {', '.join(w.claimants) or '-'}", newlines=False),
        plain(f"outlets: {', '.join(w.outlets) or '-'}", newlines=False),
    ]
    unique_context = list(dict.fromkeys(w.context))
    head += [plain(f"context: {line}", newlines=False) for line in unique_context[:context_lines]]
    if len(unique_context) > context_lines:
        head.append(Text(f"context: … {len(unique_context) - context_lines} more (--json for all)", style="dim"))
    statements = table(("made", {"no_wrap": True, "width": 10}), ("claimant", {"ratio": 3}),
                       ("relayed by", {"ratio": 3}), ("sentence (strongest copy) and its source", {"ratio": 7}),
                       title="distinct statements behind the warning")
    sources: dict[str, str] = {}
    for item in view.evidence.statements if view.evidence is not None else ():
        made = day(item.made_on) + (" (quoted)" if item.quoted else "")
        relayed = f"{', '.join(item.outlets) or '?'} [{', '.join(item.languages) or '?'}]"
        sentence = Text.assemble(cell(clip(item.sentence, SENTENCE_CHARS)), "\n", cell(item.url or "no link", "dim"))
        statements.add_row(cell(made), cell(item.claimant or "—"), cell(relayed), sentence)
    for group in view.statements:
        first = group.claims[0]
        if view.evidence is None:
            relayed = f"{', '.join(group.outlets) or '?'} [{', '.join(group.languages) or '?'}]"
            statements.add_row(cell(day(group.first_published)), cell(first.claim.claimant or "—"), cell(relayed),
                               cell(clip(first.claim.evidence.sentence, SENTENCE_CHARS)))
        for copy in group.claims:
            link = copy.source.url or f"{copy.source.source} #{copy.source.source_ref}"
            sources.setdefault(link, copy.source.title or copy.claim.outlet)
    shown = len(view.evidence.statements) if view.evidence is not None else len(view.statements)
    if view.statements_cursor is not None:
        statements.caption = f"the first {shown} of {statements_behind(view)} statements (without --limit: all)"
    links = [Text("sources:", style="bold")]
    links += [Text.assemble("  ", cell(link), " — ", cell(clip(title, 90), "dim")) for link, title in sources.items()]
    return Group(*head, Text(""), statements, *links)


def statements_behind(view: WarningView) -> int:
    """Distinct statements behind the warning: all of them, not only those shown."""
    return view.summary.statements if view.summary is not None else len(view.statements)


def stats_table(figures: Stats) -> Table:
    made = table(("figure", {"ratio": 1}), ("value", {"ratio": 1, "justify": "right"}))
    for label, value in figures.rows():
        made.add_row(cell(label), cell(value))
    return made


def quarantine_table(items: Sequence[Quarantined]) -> Table:
    made = table(("origin", {"ratio": 3}), ("position", {"ratio": 1}), ("reason", {"ratio": 4}))
    for item in items:
        made.add_row(cell(item.origin), cell(item.position or "—"), cell(item.reason))
    return made


def incidents_table(items: Sequence[Incident]) -> Table:
    made = table(("date", {"no_wrap": True, "width": 10}), ("place", {"ratio": 2}), ("agent", {"ratio": 2}),
                 ("finding", {"ratio": 5}))
    for i in items:
        place = f"{i.place} ({i.governorate})" if i.governorate else i.place
        made.add_row(cell(i.date), cell(place if i.place_id else f"{place} [unresolved]"), cell(i.agent),
                     cell(clip(i.finding, 200)))
    return made
