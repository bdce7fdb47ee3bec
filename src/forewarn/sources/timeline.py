"""A dated timeline of claims: one row per statement, shaped like shared/data/realweb/timeline.csv.

Columns `date,claimant,outlet,language,place,agent,url,excerpt` (recognised by that header). Each row becomes one
document: text = `excerpt`, published_at = `date` (YYYY-MM-DD, the day the statement was published), outlet,
language, url; source "timeline:<file name>", source_ref = the URL (else the row). The compiler's annotations
(`claimant`, `place`, `agent`) are kept in Document.extra for the reader; detection does not use them, so the
claims come from the excerpt like any other document's and the timeline tests the whole chain.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ..model import Quarantined
from . import ReadOptions, Record
from .common import BadRunGuard, check_text_file, open_file
from .mapping import RecordContext, map_record
from .tabular import csv_rows

COLUMNS = ("date", "claimant", "outlet", "language", "place", "agent", "url", "excerpt")
HEADER = ",".join(COLUMNS)
MAPPING = {"text": "excerpt", "title": None, "date": "date", "id": "url", "outlet": "outlet", "url": "url",
           "language": "language"}  # fmt: skip


def read(source: str, options: ReadOptions) -> Iterator[Record]:
    path = Path(source)
    guard = BadRunGuard(source, "timeline rows")
    ctx = RecordContext(
        source=options.source or "timeline:" + path.name,
        origin=source,
        columns=MAPPING,
        max_chars=options.settings.max_record_chars,
    )
    with open_file(path, options.settings.max_file_bytes) as handle:
        check_text_file(handle, source)
        for number, row, problem, _header in csv_rows(handle, source, options, path):
            if problem is not None:
                guard.failed()
                yield problem
                continue
            assert row is not None
            item = map_record(row, ctx, f"row:{number}")
            guard.failed() if isinstance(item, Quarantined) else guard.ok()
            yield item
