"""A dated timeline of claims: one row per statement, shaped like shared/data/realweb/timeline.csv.

Columns `date,claimant,outlet,language,place,agent,url,excerpt` (recognised by that header). Each row becomes one
document: text = `excerpt`, published_at = `date` (YYYY-MM-DD, the day the statement was published), outlet,
language, url; source "timeline:<file name>", source_ref = the URL (else the row). The compiler's annotations
(`claimant`, `place`, `agent`) are kept in Document.extra for the reader; detection does not use them, so the
claims come from the excerpt like any other document's and the timeline tests the whole chain.
"""

from __future__ import annotations

from collections.abc import Iterator

from . import ReadOptions, Record
from .tabular import read_rows

COLUMNS = ("date", "claimant", "outlet", "language", "place", "agent", "url", "excerpt")
HEADER = ",".join(COLUMNS)
MAPPING: dict[str, str | None] = {"text": "excerpt", "title": None, "date": "date", "id": "url", "outlet": "outlet",
                                  "url": "url", "language": "language"}  # fmt: skip


def read(source: str, options: ReadOptions) -> Iterator[Record]:
    """The timeline's rows as documents: the CSV reader with the timeline's fixed mapping."""
    return read_rows(source, options, "timeline", MAPPING)
