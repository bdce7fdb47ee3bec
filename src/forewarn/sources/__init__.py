"""Source readers: one module per format, each `read(path_or_url, options) -> Iterator[Document | Quarantined]`.

A reader yields a Quarantined for each bad record (and keeps going); it raises SourceError only when the
whole source cannot be read. `read` here picks the reader from `fmt`, the file extension or the content.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from importlib import import_module
from pathlib import Path

from ..errors import SourceError
from ..model import Document, Quarantined
from ..settings import Settings

Record = Document | Quarantined
Reader = Callable[[str, "ReadOptions"], Iterator[Record]]


@dataclass(frozen=True)
class ReadOptions:
    """How to read a source. Column names left as None are auto-detected (see common.FIELD_NAMES)."""

    text_col: str | None = None
    title_col: str | None = None
    date_col: str | None = None
    id_col: str | None = None
    outlet_col: str | None = None
    url_col: str | None = None
    language_col: str | None = None
    source: str | None = None  # overrides the source name a reader would choose
    allow_private: bool = False  # allow URLs on loopback/private/link-local addresses
    encoding: str | None = None  # forces a text encoding (default: UTF-8, else Windows-1252 per line)
    settings: Settings = field(default_factory=Settings)  # limits: record size, file and fetch sizes

    @property
    def private_ok(self) -> bool:
        return self.allow_private or self.settings.allow_private


# format name -> module defining read(); several formats can share a module
FORMATS: dict[str, str] = {
    "jsonl": "jsonl",
    "json": "jsonl",
    "csv": "tabular",
    "text": "plain",
    "feed": "feed",
    "html": "html",
    "telegram": "telegram",
    "euvsdisinfo-posts": "euvsdisinfo",
    "euvsdisinfo-full": "euvsdisinfo",
    "fakes": "fakes",
    "timeline": "timeline",
}

EXTENSIONS: dict[str, str] = {
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".csv": "csv",
    ".tsv": "csv",
    ".txt": "text",
    ".md": "text",
    ".markdown": "text",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "feed",
    ".html": "html",
    ".htm": "html",
}

POSTS_HEADER = "date,id,title,countries,keywords,languages,outlets"
FULL_DATASET_HEADER = '"issue";"date";"outlet";"language";"origin"'
FAKES_HEADER = "unit_id,article_title,article_content,source,date"
TIMELINE_HEADER = "date,claimant,outlet,language,place,agent,url,excerpt"  # sources/timeline.py


def is_url(source: str) -> bool:
    """Anything written as a URL, whatever its scheme: http(s) is fetched, any other scheme is refused as such
    (not looked for as a file called "file:/...")."""
    from .fetch import has_scheme

    return has_scheme(source)


def reader_for(fmt: str) -> Reader:
    if fmt not in FORMATS:
        raise SourceError(f"unknown format {fmt!r}; known: {', '.join(sorted(FORMATS))}")
    module = import_module(f"{__name__}.{FORMATS[fmt]}")
    reader: Reader = getattr(module, "read_" + fmt.replace("-", "_"), None) or module.read
    return reader


def detect_format(path: Path) -> str:
    """The format of a local file: by content for CSV and JSON variants, else by extension, else by content."""
    head = _head(path)
    by_ext = EXTENSIONS.get(path.suffix.lower())
    if by_ext == "csv":
        return _csv_kind(head)
    if by_ext == "json":
        return "telegram" if _looks_telegram(head) else "json"
    if by_ext:
        return by_ext
    return sniff_content(head, str(path))


def sniff_content(head: bytes, origin: str) -> str:
    from .common import looks_binary

    if looks_binary(head):
        raise SourceError(f"{origin}: binary data, not a format forewarn reads")
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:512].lower()
    if start.startswith((b"<?xml", b"<rss", b"<feed", b"<rdf")):
        return "feed"
    if start.startswith((b"<!doctype html", b"<html")) or b"<body" in start:
        return "html"
    if start.startswith(b"{"):
        return "telegram" if _looks_telegram(head) else "jsonl"
    if start.startswith(b"["):
        return "json"
    known_csv = _csv_kind(head)
    return known_csv if known_csv != "csv" else "text"  # a generic CSV needs its .csv extension


def _head(path: Path) -> bytes:
    try:
        with path.open("rb") as handle:
            return handle.read(65536)
    except OSError as exc:
        raise SourceError(f"cannot read {path}: {exc.strerror or exc}") from exc


def _csv_kind(head: bytes) -> str:
    first = head.lstrip(b"\xef\xbb\xbf").split(b"\n", 1)[0].strip().decode("utf-8", "replace")
    if first.startswith(POSTS_HEADER):
        return "euvsdisinfo-posts"
    if first.startswith(FULL_DATASET_HEADER):
        return "euvsdisinfo-full"
    if first.startswith(FAKES_HEADER):
        return "fakes"
    if first.startswith(TIMELINE_HEADER):
        return "timeline"
    return "csv"


def _looks_telegram(head: bytes) -> bool:
    return b'"messages"' in head and (b'"type"' in head) and (b"_channel" in head or b"_chat" in head
                                                              or b'"chats"' in head or b"_group" in head)


def read(source: str, fmt: str | None = None, options: ReadOptions | None = None) -> Iterator[Record]:
    """Records from one file or URL, with the reader chosen by `fmt` or detected."""
    options = options or ReadOptions()
    if is_url(source):
        return read_url(source, fmt, options)
    path = Path(source)
    if not path.exists():
        raise SourceError(f"{source}: no such file or directory")
    if path.is_dir():
        return reader_for(fmt or "text")(source, options)
    return reader_for(fmt or detect_format(path))(source, options)


URL_FORMATS = ("feed", "html")


def read_url(url: str, fmt: str | None, options: ReadOptions) -> Iterator[Record]:
    """Fetch once, then read the body as a feed or an HTML page (by `fmt`, content type or content)."""
    from . import feed, html
    from .fetch import fetch

    if fmt and fmt not in URL_FORMATS:
        raise SourceError(f"{url}: only {' and '.join(URL_FORMATS)} can be read from a URL, not {fmt!r}")
    fetched = fetch(url, options.settings, allow_private=options.private_ok)
    kind = fmt or _url_kind(fetched.content_type, fetched.content)
    if kind == "feed":
        return feed.read_bytes(fetched.content, origin=url, options=options, page_url=fetched.final_url)
    return html.read_bytes(fetched.content, origin=url, options=options, page_url=fetched.final_url)


def _url_kind(content_type: str, body: bytes) -> str:
    kind = content_type.split(";")[0].strip().lower()
    if "rss" in kind or "atom" in kind or kind in ("application/xml", "text/xml"):
        return "feed"
    if "html" in kind:
        return "html"
    return "feed" if sniff_content(body[:65536], "response") == "feed" else "html"
