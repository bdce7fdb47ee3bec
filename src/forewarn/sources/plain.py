"""Plain text and Markdown articles: one document per file, first non-empty line = title, the rest = text.

A directory is read recursively (.txt, .md, .markdown; hidden files skipped). Source name:
"text:<name of the file's folder>", source_ref = the file name, so a folder of articles keeps its ids
wherever it is copied. A Markdown heading mark (`# `) is dropped from the title. A line near the top of the
form `Date: 2018-02-13` (also `Published:`, `URL:`, `Source:`/`Outlet:`) fills those fields.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from ..errors import SourceError
from ..model import Document
from . import ReadOptions, Record
from .common import check_text_file, decode_line, failed_record, is_utf16, open_file, parse_date, quarantined

SUFFIXES = (".txt", ".md", ".markdown")
HEADER_FIELD = re.compile(r"^(date|published|url|source|outlet|language)\s*:\s*(.+)$", re.IGNORECASE)
HEADER_LINES = 6  # how many lines after the title may hold `Field: value` lines


def text_files(directory: Path) -> list[Path]:
    return sorted(
        p
        for p in directory.rglob("*")
        if p.is_file() and p.suffix.lower() in SUFFIXES and not any(part.startswith(".") for part in p.parts)
    )


def read(source: str, options: ReadOptions) -> Iterator[Record]:
    path = Path(source)
    if path.is_dir():
        for file in text_files(path):
            try:
                found = list(read_file(file, options))  # one small file: read whole, so its failure is its own
            except SourceError as exc:
                found = [quarantined(str(file), "", str(exc))]
            except Exception as exc:
                found = [failed_record(str(file), "file", exc)]
            yield from found
        return
    yield from read_file(path, options)


def read_file(path: Path, options: ReadOptions) -> Iterator[Record]:
    origin = str(path)
    limit = options.settings.max_record_chars
    with open_file(path, limit * 4, "max_record_chars") as handle:
        check_text_file(handle, origin)
        data = handle.read()
    content = decode_whole(data, options.encoding, origin).lstrip("\ufeff")
    if len(content) > limit:
        yield quarantined(origin, "file", f"{len(content):,} characters is over max_record_chars ({limit:,})")
        return
    try:
        doc = to_document(content, path, options)
    except Exception as exc:  # e.g. an impossible `Date:` line
        yield failed_record(origin, "file", exc, content[:300])
        return
    yield doc if doc else quarantined(origin, "file", "empty file: no title or text")


def decode_whole(data: bytes, forced: str | None, origin: str) -> str:
    """A whole small file: the forced encoding, UTF-16 by its BOM, UTF-8, else Windows-1252."""
    encoding = forced or ("utf-16" if is_utf16(data) else None)
    if encoding:
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError) as exc:
            raise SourceError(f"{origin}: cannot decode as {encoding}: {exc}") from exc
    return decode_line(data, None)[0]


def to_document(content: str, path: Path, options: ReadOptions) -> Document | None:
    lines = content.splitlines()
    index = next((i for i, line in enumerate(lines) if line.strip()), None)
    if index is None:
        return None
    title = lines[index].strip().lstrip("#").strip()
    fields, body_start = _header_fields(lines, index + 1)
    text = "\n".join(lines[body_start:]).strip()
    return Document(
        source=options.source or "text:" + (path.parent.name or "."),
        source_ref=path.name,
        text=text or title,
        title=title,
        outlet=fields.get("source", fields.get("outlet", "")),
        url=fields.get("url", ""),
        published_at=parse_date(fields.get("date", fields.get("published", ""))),
        language=fields.get("language", "")[:2].lower(),
        origin=str(path),
        position="file",
    )


def _header_fields(lines: list[str], start: int) -> tuple[dict[str, str], int]:
    """`Field: value` lines right after the title (blank lines allowed between them)."""
    fields: dict[str, str] = {}
    position = start
    for offset, line in enumerate(lines[start : start + HEADER_LINES], start=start):
        if not line.strip():
            continue
        match = HEADER_FIELD.match(line.strip())
        if not match:
            break
        fields[match.group(1).lower()] = match.group(2).strip()
        position = offset + 1
    return fields, position
