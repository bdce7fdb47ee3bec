"""CSV/TSV with a column mapping (given in ReadOptions or auto-detected from the header).

The delimiter is sniffed from the header line (`,` `;` tab `|`); the encoding is UTF-8, or Windows-1252 when
the file's first megabyte is not UTF-8 (see common.LineDecoder). Rows are streamed. Source name:
"csv:<file name>"; rows without an id column get "row:N" and are deduplicated by content.
"""

from __future__ import annotations

import csv
import sys
from collections import deque
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from ..errors import SourceError
from ..model import Quarantined
from . import ReadOptions, Record
from .common import BadRunGuard, LineDecoder, bounded_lines, check_text_file, failed_record, open_file, quarantined
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


MAX_HEADER_FIELD = 1000  # characters: a longer "column name" means this is not a header line


class _Lines:
    """The decoded lines handed to csv.reader, remembering those of the record being read, so that after a
    bad record the lines it swallowed can be given back and read again."""

    def __init__(self, lines: Iterator[str]) -> None:
        self.lines, self.pending, self.taken = lines, deque[str](), list[str]()

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        line = self.pending.popleft() if self.pending else next(self.lines)
        self.taken.append(line)
        return line

    def give_back(self, lines: list[str]) -> None:
        self.pending.extendleft(reversed(lines))


def read_header(lines: _Lines, decoder: LineDecoder, source: str, path: Path) -> tuple[list[str], str]:
    """The column names and the delimiter, from the first line. A bare CR ends the header there (old Mac
    line ends, or damage); what follows it is read as data. SourceError when there is no usable header."""
    first = next(lines, "")
    if decoder.problems and decoder.problems[0][0] == 1:
        raise SourceError(f"{source}: the header line is over the record size limit; not a CSV header")
    header_line = first.lstrip("\ufeff")
    body = header_line.rstrip("\r\n")
    if "\r" in body:
        header_line, *rest = body.split("\r")
        lines.give_back([line + "\n" for line in rest if line.strip()])
    delimiter = sniff_delimiter(header_line, path)
    try:
        header = next(csv.reader([header_line.rstrip("\r\n")], delimiter=delimiter), [])
    except csv.Error as exc:
        raise SourceError(f"{source}: unreadable CSV header ({exc})") from exc
    header = [h.strip() for h in header]
    if any(len(h) > MAX_HEADER_FIELD for h in header):
        raise SourceError(f"{source}: a header field is over {MAX_HEADER_FIELD:,} characters; not a CSV header")
    return header, delimiter


def csv_rows(
    handle: IO[bytes], source: str, options: ReadOptions, path: Path
) -> Iterator[tuple[int, dict[str, str] | None, Quarantined | None, list[str]]]:
    """(row number, row dict or None, problem or None, header) for each data row of a CSV file.

    Rows are parsed strictly. A record that breaks the CSV rules (a quote left open that swallows the
    lines after it, characters after a closing quote, end of file inside quotes) or that spans several
    lines with the wrong number of fields is recovered at the smallest unit: a one-line record is re-read
    leniently; for a multi-line one its first line is quarantined and the lines after it are read again, so
    one damaged row never takes its neighbours with it.
    """
    allow_large_fields(options.settings.max_record_chars)
    decoder = LineDecoder(handle.read(SAMPLE_BYTES), options.encoding)
    handle.seek(0)
    lines = _Lines(decoder.lines(bounded_lines(handle, options.settings.max_record_chars * 4)))
    header, delimiter = read_header(lines, decoder, source, path)
    reader = csv.reader(lines, delimiter=delimiter, strict=True)
    number = 0
    while True:
        lines.taken = []
        try:
            row: list[str] | None = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            row, problem = _recover(lines, delimiter, str(exc))
            reader = csv.reader(lines, delimiter=delimiter, strict=True)  # a fresh parser state
            if problem:
                number += 1
                yield number, None, quarantined(source, f"row:{number}", problem, lines.taken[0]), header
                continue
        assert row is not None
        yield from _problems(decoder, source, header)
        if not any(cell.strip() for cell in row):
            continue
        if len(lines.taken) > 1 and len(row) != len(header):
            taken = lines.taken
            lines.give_back(taken[1:])
            reader = csv.reader(lines, delimiter=delimiter, strict=True)
            number += 1
            reason = f"a quoted field runs over {len(taken)} lines to a row of {len(row)} fields (unbalanced quote?)"
            yield number, None, quarantined(source, f"row:{number}", reason, taken[0]), header
            continue
        number += 1
        problem = _row_problem(row, header)
        if problem:
            yield number, None, quarantined(source, f"row:{number}", problem, delimiter.join(row)), header
            continue
        yield number, dict(zip(header, row, strict=False)), None, header
    yield from _problems(decoder, source, header)


def _recover(lines: _Lines, delimiter: str, error: str) -> tuple[list[str] | None, str]:
    """After a strict parse error: (the row re-read leniently, "") for a one-line record, else (None, reason)
    with the lines after the record's first given back to be read again."""
    taken = lines.taken
    if len(taken) <= 1:
        try:
            return next(csv.reader(taken, delimiter=delimiter)), ""
        except (csv.Error, StopIteration) as exc:
            return None, f"malformed CSV: {exc or error}"
    lines.give_back(taken[1:])
    lines.taken = taken[:1]
    return None, f"malformed CSV ({error}) in a record of {len(taken)} lines: unbalanced quote?"


def _row_problem(row: list[str], header: list[str]) -> str:
    if len(row) > len(header):
        return f"{len(row)} fields but the header has {len(header)} (unquoted delimiter?)"
    if any("\x00" in cell for cell in row):
        return "NUL byte in the row: damaged or binary data"
    return ""


def _problems(
    decoder: LineDecoder, source: str, header: list[str]
) -> Iterator[tuple[int, None, Quarantined, list[str]]]:
    while decoder.problems:
        line, reason, raw = decoder.problems.pop(0)
        yield 0, None, quarantined(source, f"line:{line}", reason, raw), header


def read(source: str, options: ReadOptions) -> Iterator[Record]:
    return read_rows(source, options)


def read_rows(
    source: str, options: ReadOptions, kind: str = "csv", columns: dict[str, str | None] | None = None
) -> Iterator[Record]:
    """The file's rows as records, each row's problem quarantined; `columns` fixes the mapping (default: from the
    header and the options), `kind` names the source ("<kind>:<file name>") and its rows in errors."""
    path = Path(source)
    guard = BadRunGuard(source, "CSV rows" if kind == "csv" else f"{kind} rows")
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
                source=options.source or f"{kind}:{path.name}",
                origin=source,
                columns=columns if columns is not None else columns_for(header, options),
                max_chars=options.settings.max_record_chars,
            )
            try:
                item = map_record(row, ctx, f"row:{number}")
            except Exception as exc:  # one row's problem: quarantine it, read on
                item = failed_record(source, f"row:{number}", exc, repr(row))
            guard.failed() if isinstance(item, Quarantined) else guard.ok()
            yield item
