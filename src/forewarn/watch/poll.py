"""One poll of one source: the network part (async, bounded by the fetch deadline) and the reading part (run
by the watcher's single store thread), per kind of source.

- feed: one conditional GET; a 304 ends the poll without parsing, and so does a 200 whose body is byte for
  byte the one parsed last time (servers that ignore If-None-Match);
- page: a listing page, fetched the same way; the article links on it that match `follow` (default: links
  under the listing's own path on its host) that were not read before (by this source, or as any stored
  document's URL) are fetched and read as pages, at most MAX_PAGES_PER_POLL a poll (the rest wait for the next);
- folder: files (known extensions, hidden ones skipped) that are new or changed since the last poll, once
  they have stopped changing for SETTLE_SECONDS, so a Telegram export still being copied is not read half-way.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import lxml.html
from lxml.etree import ParserError

from ..canonical import url_key
from ..errors import FetchError, SourceError
from ..ingest import expand
from ..model import Quarantined
from ..settings import Settings
from ..sources import ReadOptions, Record, feed, html, read
from ..sources.fetch import Fetched, Resolver, fetch_async
from .book import SourceState
from .config import SourceSpec

MAX_PAGES_PER_POLL = 20
MAX_LINK_ATTEMPTS = 3  # an article link that fails this often is given up
TRIED_KEPT = 5000
SETTLE_SECONDS = 2.0


@dataclass(frozen=True)
class Fetch:
    """What the network part of a poll brought back (nothing at all for a folder)."""

    fetched: Fetched | None = None  # the feed or the listing page
    pages: tuple[Fetched, ...] = ()  # article pages a listing led to
    problems: tuple[Quarantined, ...] = ()  # article pages that could not be fetched
    tried: tuple[str, ...] = ()  # url keys of the article links read (or given up) this poll
    attempts: dict[str, int] = field(default_factory=dict)  # failed fetches so far, per article link


def options_for(spec: SourceSpec, settings: Settings) -> ReadOptions:
    return ReadOptions(allow_private=spec.allow_private, settings=settings)


async def fetch_source(
    source: SourceState,
    settings: Settings,
    client: httpx.AsyncClient,
    resolver: Resolver | None,
    known: Any = None,
) -> Fetch:
    """The network part of a poll; raises FetchError (RetryLater for 429/503) when the source itself fails.
    `known(keys) -> set` says which canonical URLs are stored already (page sources)."""
    spec = source.spec
    if spec.kind == "folder":
        return Fetch()
    private = spec.allow_private or settings.allow_private
    fetched = await fetch_async(spec.location, settings, allow_private=private, validators=source.validators,
                                resolver=resolver, client=client)
    if spec.kind == "feed" or fetched.not_modified:
        return Fetch(fetched)
    links = article_links(fetched.content, fetched.final_url, spec.follow)
    tried = set(source.state.get("tried", []))
    stored = set(await known([url_key(link) for link in links])) if known and links else set()
    fresh = [link for link in links if url_key(link) not in stored and url_key(link) not in tried]
    pages: list[Fetched] = []
    problems: list[Quarantined] = []
    done: list[str] = []
    attempts: dict[str, int] = dict(source.state.get("attempts", {}))
    for link in fresh[:MAX_PAGES_PER_POLL]:
        try:
            pages.append(await fetch_async(link, settings, allow_private=private, resolver=resolver, client=client))
            done.append(url_key(link))  # read: its canonical URL may differ from the link, so remember both
        except FetchError as exc:
            key = url_key(link)
            attempts[key] = attempts.get(key, 0) + 1
            if attempts[key] >= MAX_LINK_ATTEMPTS:
                done.append(key)
                problems.append(Quarantined(link, "", f"{exc} (given up after {MAX_LINK_ATTEMPTS} polls)"))
    return Fetch(fetched, tuple(pages), tuple(problems), tuple(done), attempts)


def article_links(body: bytes, base_url: str, follow: str) -> list[str]:
    """Links on a listing page worth reading as articles, in page order, one per canonical URL."""
    try:
        root = lxml.html.document_fromstring(body)
    except (ParserError, ValueError):
        return []
    root.make_links_absolute(base_url, handle_failures="discard")
    base = urlsplit(base_url)
    prefix = base.path if base.path.endswith("/") else base.path.rsplit("/", 1)[0] + "/"
    pattern = re.compile(follow) if follow else None
    own = url_key(base_url)
    seen: set[str] = set()
    found: list[str] = []
    for element, attribute, link, _pos in root.iterlinks():
        if element.tag != "a" or attribute != "href":
            continue
        parts = urlsplit(link)
        if parts.scheme not in ("http", "https"):
            continue
        if pattern is not None:
            wanted = bool(pattern.search(link))
        else:
            wanted = parts.hostname == base.hostname and parts.path.startswith(prefix) and len(parts.path) > len(prefix)
        key = url_key(link)
        if wanted and key and key != own and key not in seen:
            seen.add(key)
            found.append(link.split("#", 1)[0])
    return found


def body_hash(fetched: Fetched) -> str:
    return hashlib.sha256(fetched.content).hexdigest()


def tagged(records: Iterable[Record], spec: SourceSpec) -> Iterator[Record]:
    """Records with what the source's description adds: outlet, language hint, tier, the watched source."""
    for record in records:
        if isinstance(record, Quarantined):
            yield record
            continue
        extra = {**record.extra, "watch_source": spec.name, **({"tier": spec.tier} if spec.tier else {})}
        yield replace(
            record,
            outlet=spec.outlet or record.outlet,
            language=record.language or spec.language,
            extra=extra,
        )


def fetched_records(fetch: Fetch, spec: SourceSpec, settings: Settings) -> Iterator[Record]:
    """The records in what a feed or page poll fetched (parsing happens here, in the store thread)."""
    options = options_for(spec, settings)
    yield from fetch.problems
    if fetch.fetched is not None and spec.kind == "feed":
        yield from feed.read_bytes(fetch.fetched.content, origin=spec.location, options=options,
                                   page_url=fetch.fetched.final_url)
    for page in fetch.pages:
        try:
            yield from html.read_bytes(page.content, origin=page.url, options=options, page_url=page.final_url)
        except SourceError as exc:
            yield Quarantined(page.url, "", str(exc).removeprefix(f"{page.url}: "))


# -- folders ------------------------------------------------------------------------------------------------
def changed_files(folder: str, seen: Mapping[str, Sequence[int]], now: datetime) -> tuple[list[str], list[str]]:
    """(files new or changed since `seen` that have settled, files still being written)."""
    if not Path(folder).is_dir():
        raise SourceError(f"{folder}: no such folder")
    ready: list[str] = []
    busy: list[str] = []
    for item in expand([folder]):
        if isinstance(item, Quarantined):
            continue  # an empty folder is not an error for a drop folder
        stat = Path(item).stat()
        if list(seen.get(item, ())) == [stat.st_size, stat.st_mtime_ns]:
            continue
        if now.timestamp() - stat.st_mtime < SETTLE_SECONDS:
            busy.append(item)
        else:
            ready.append(item)
    return ready, busy


def file_signature(path: str) -> list[int]:
    stat = Path(path).stat()
    return [stat.st_size, stat.st_mtime_ns]


def file_records(path: str, spec: SourceSpec, settings: Settings) -> Iterator[Record]:
    yield from tagged(read(path, None, options_for(spec, settings)), spec)

