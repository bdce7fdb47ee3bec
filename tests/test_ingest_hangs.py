"""Hang guards for the streamed readers (CSV, JSONL, Telegram, EUvsDisinfo, FA-KES): inputs bench/fuzz.py found
spending over 10 CPU s in linear but per-record-expensive work, generalised to their class. Each test counts
the work that made them slow (rows written, dateparser calls), with a generous CPU-time bound beside it as a
guard, not a speed measurement (CPU time, so a loaded machine does not fail them)."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from forewarn.ingest import ingest
from forewarn.settings import Settings
from forewarn.store import Store

CPU_BOUND = 20.0  # seconds; each input here takes 1-3 CPU s after the fixes (10-30 before)
FLOOD = 200_000  # bad records in one file (fakes:512 had 375,006 one-byte NUL rows, telegram:487 187,500)


def _flood(kind: str, bad: int) -> tuple[str, bytes, str]:
    """(reader, file bytes, suffix): one good record, then `bad` tiny records each quarantined."""
    if kind == "fakes":
        head = "unit_id,article_title,article_content,source,date,location,label\n"
        good = "1,Title,Militants prepare a provocation near the town,SANA,4/1/17,idlib,1\n"
        return "fakes", (head + good + "\x00\n" * bad).encode(), ".csv"
    if kind == "csv":
        return "csv", ("id,text\n1,Militants prepare a provocation near the town\n" + "x,y,z\n" * bad).encode(), ".csv"
    if kind == "jsonl":
        good = json.dumps({"id": "1", "text": "Militants prepare a provocation near the town"})
        return "jsonl", (good + "\n" + "[\n" * bad).encode(), ".jsonl"
    message = {"id": 1, "type": "message", "date": "2018-04-01T10:00:00", "text": "Militants prepare a provocation"}
    export = {"name": "Channel", "type": "public_channel", "id": 1, "messages": [message, *([1] * bad)]}
    return "telegram", json.dumps(export).encode(), ".json"


@pytest.mark.parametrize("kind", ["fakes", "csv", "jsonl", "telegram"])
def test_a_flood_of_bad_records_is_counted_not_written_row_by_row(tmp_path: Path, store: Store, kind: str) -> None:
    """fakes:512 and telegram:487: 375,006 and 187,500 bad records of two bytes each, every one a quarantine
    row (0.1 ms each: 10-15 CPU s in the store alone). Now the first max_quarantined_per_source are stored and
    the rest summarised in one row; every one is still counted."""
    fmt, data, suffix = _flood(kind, FLOOD)
    path = tmp_path / f"flood{suffix}"
    path.write_bytes(data)
    started = time.process_time()
    summary = ingest([str(path)], store, Settings(), fmt=fmt)
    cpu = time.process_time() - started
    assert summary.read == 1 and summary.quarantined == FLOOD
    assert store.count("quarantine") == Settings().max_quarantined_per_source + 1  # before: 200,000 rows
    rows = list(store.iter_quarantined(limit=10_000))
    (last,) = [q for q in rows if "not stored one by one" in q.reason]
    assert last.reason.startswith(f"{FLOOD - 1_000:,} more bad records") and "…" in last.position
    assert cpu < CPU_BOUND, f"{cpu:.1f} CPU s"


def test_the_quota_is_per_source_and_the_summary_says_what_was_not_stored(tmp_path: Path, store: Store) -> None:
    sources = []
    for name in ("a", "b"):
        path = tmp_path / f"{name}.csv"
        path.write_bytes(b"id,text\n1,Militants prepare a provocation\n" + b"x,y,z\n" * 25 + b"\x00\n")
        sources.append(str(path))
    summary = ingest(sources, store, Settings(max_quarantined_per_source=10), fmt="csv")
    assert (summary.read, summary.quarantined) == (2, 52)
    rows = list(store.iter_quarantined(limit=1_000))
    assert len(rows) == 2 * 11
    summaries = sorted((Path(q.origin).name, q.position, q.reason) for q in rows if "one by one" in q.reason)
    assert [s[:2] for s in summaries] == [("a.csv", "row:12 … row:27"), ("b.csv", "row:12 … row:27")]
    assert "16 more bad records" in summaries[0][2] and "15 × 3 fields but the header has 2" in summaries[0][2]
    assert store.add_quarantined(rows) == 0  # a re-run stores the same rows, no new ones


def test_a_date_dateparser_cannot_read_is_tried_once_not_in_every_row(
    tmp_path: Path, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """euvsdisinfo-posts:180 and :243: 5,000 rows repeating one unreadable date, dateparser 2 ms on each
    (10-22 CPU s). A string it could not read is now remembered; a readable one is still read every time (a
    relative date depends on the day it is read)."""
    import dateparser

    from forewarn.sources import common

    calls: list[str] = []
    real = dateparser.parse

    def counting(text: str, *args: object, **kwargs: object) -> object:
        calls.append(text)
        return real(text, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(dateparser, "parse", counting)
    monkeypatch.setattr(common, "_unreadable", set())
    rows = ["date,id,title,countries,keywords,languages,outlets"]
    rows += [f'near the town. Item 4.,https://case.example/{i},"Militants prepare a provocation {i}",Syria,chemical,'
             "English,Outlet" for i in range(5_000)]  # fmt: skip
    rows += [f'4 avril 2018,https://case.example/fr{i},"Une provocation {i}",Syria,chemical,French,Outlet'
             for i in range(3)]  # fmt: skip
    path = tmp_path / "posts.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    started = time.process_time()
    summary = ingest([str(path)], store, Settings(), fmt="euvsdisinfo-posts")
    cpu = time.process_time() - started
    assert (summary.new, summary.quarantined) == (5_003, 0)
    assert calls.count("near the town. Item 4.") == 1  # before: 5,000
    assert calls.count("4 avril 2018") == 3
    dated = [d for d in store.search_documents(limit=10_000) if d.published_at is not None]
    assert len(dated) == 3 and {d.published_at.date().isoformat() for d in dated} == {"2018-04-04"}
    assert cpu < CPU_BOUND, f"{cpu:.1f} CPU s"
