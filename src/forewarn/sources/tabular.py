"""CSV/TSV with a column mapping (given in ReadOptions or auto-detected from the header).

The delimiter is sniffed from the header line (`,` `;` tab `|`); the encoding is UTF-8, or Windows-1252 when
the file's first megabyte is not UTF-8 (see common.LineDecoder). Rows are streamed. Source name:
"csv:<file name>"; rows without an id column get "row:N" and are deduplicated by content.
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from ..model import Quarantined
from . import ReadOptions, Record
from .common import BadRunGuard, LineDecoder, bounded_lines, check_text_file, open_file, quarantined
from .mapping import RecordContext, columns_for, map_record

DELIMITERS = ",;\t|"
SAMPLE_BYTES = 1 << 20


def allow_large_fields(limit: int) -> None:
    """csv refuses fields over 128 KiB by default; articles can be longer (the cap is max_record_chars)."""
    csv.field_size_limit(max(min(limit, sys.maxsize), csv.field_size_limit()))


def sniff_delimiter(header: str, path: Path) -> str:
    if path.suffix.lower() == ".tsv":
        return "\t"
    counts = {d: header.count(d) for d in DELIMITERS}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def csv_rows(
    handle: IO[bytes], source: str, options: ReadOptions, path: Path
) -> Iterator[tuple[int, dict[str, str] | None, Quarantined | None, list[str]]]:
    """(row number, row dict or None, problem or None, header) for each data row of a CSV file."""
    allow_large_fields(options.settings.max_record_chars)
    decoder = LineDecoder(handle.read(SAMPLE_BYTES), options.encoding)
    handle.seek(0)
    lines = decoder.lines(bounded_lines(handle, options.settings.max_record_chars * 4))
    first = next(lines, "")
    header_line = first.lstrip("\ufeff")
    delimiter = sniff_delimiter(header_line, path)
    header = next(csv.reader([header_line], delimiter=delimiter), [])
    header = [h.strip() for h in header]
    reader = csv.reader(lines, delimiter=delimiter)
    number = 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            number += 1
            yield number, None, quarantined(source, f"row:{number}", f"malformed CSV: {exc}"), header
            continue
        yield from _problems(decoder, source, header)
        if not any(cell.strip() for cell in row):
            continue
        number += 1
        if len(row) > len(header):
            reason = f"{len(row)} fields but the header has {len(header)} (unquoted delimiter?)"
            yield number, None, quarantined(source, f"row:{number}", reason, delimiter.join(row)), header
            continue
        yield number, dict(zip(header, row, strict=False)), None, header
    yield from _problems(decoder, source, header)


def _problems(
    decoder: LineDecoder, source: str, header: list[str]
) -> Iterator[tuple[int, None, Quarantined, list[str]]]:
    while decoder.problems:
        line, reason, raw = decoder.problems.pop(0)
        yield 0, None, quarantined(source, f"line:{line}", reason, raw), header


def read(source: str, options: ReadOptions) -> Iterator[Record]:
    path = Path(source)
    guard = BadRunGuard(source, "CSV rows")
    ctx: RecordContext | None = None
    with open_file(path, options.settings.max_file_bytes) as handle:
        check_text_file(handle, source)
        for number, row, problem, header in csv_rows(handle, source, options, path):
            if problem is not None:
                guard.failed()
                yield problem
                continue
            assert row is not None
            ctx = ctx or RecordContext(
                source=options.source or "csv:" + path.name,
                origin=source,
                columns=columns_for(header, options),
                max_chars=options.settings.max_record_chars,
            )
            item = map_record(row, ctx, f"row:{number}")
            guard.failed() if isinstance(item, Quarantined) else guard.ok()
            yield item
