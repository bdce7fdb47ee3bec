"""Telegram Desktop exports (`result.json`): one channel/chat, or a full export with a list of chats.

One document per message that has text (service messages and media without a caption are skipped). Text
is a string or a list of strings and {type, text} entity objects; links keep their URL. Dates come from
`date_unixtime` (UTC); without it the export's local `date` is taken as UTC. Source name:
"telegram:<channel id>" (else its name), source_ref = the message id; outlet = the channel name. Forwards
keep `forwarded_from` in extra.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..errors import SourceError
from ..model import Document
from . import ReadOptions, Record
from .common import check_text_file, open_file, parse_date, quarantined

MAX_EXPORT_BYTES = 100_000_000  # the export is one JSON document, parsed whole
EXTRA_KEYS = ("forwarded_from", "from", "author", "reply_to_message_id", "edited", "media_type", "via_bot")


def read(source: str, options: ReadOptions) -> Iterator[Record]:
    path = Path(source)
    with open_file(path, min(options.settings.max_file_bytes, MAX_EXPORT_BYTES)) as handle:
        check_text_file(handle, source)
        data = handle.read()
    try:
        export = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise SourceError(f"{source}: not a readable Telegram export ({type(exc).__name__}: {exc})") from exc
    chats = list(_chats(export))
    if not chats:
        raise SourceError(f"{source}: no 'messages' list found; expected a Telegram Desktop result.json")
    for chat in chats:
        yield from read_chat(chat, source, options)


def _chats(export: Any) -> Iterator[dict[str, Any]]:
    if not isinstance(export, dict):
        return
    if isinstance(export.get("messages"), list):
        yield export
    listing = export.get("chats", {})
    for chat in listing.get("list", []) if isinstance(listing, dict) else []:
        if isinstance(chat, dict) and isinstance(chat.get("messages"), list):
            yield chat


def read_chat(chat: dict[str, Any], origin: str, options: ReadOptions) -> Iterator[Record]:
    name = str(chat.get("name") or "")
    key = str(chat.get("id") or name or Path(origin).parent.name)
    source = options.source or "telegram:" + key
    for index, message in enumerate(chat["messages"]):
        if not isinstance(message, dict):
            yield quarantined(origin, f"message#{index}", "message is not a JSON object", str(message))
            continue
        if message.get("type", "message") != "message":
            continue  # service messages: joins, pins, title changes
        record = message_document(message, source=source, channel=name, origin=origin, options=options)
        if record is not None:
            yield record


def message_document(
    message: dict[str, Any], *, source: str, channel: str, origin: str, options: ReadOptions
) -> Record | None:
    message_id = str(message.get("id", ""))
    position = f"message:{message_id}"
    text = message_text(message.get("text", "")).strip()
    if not text:
        return None  # a photo or sticker without a caption: nothing to read
    if len(text) > options.settings.max_record_chars:
        return quarantined(origin, position, "message text is over max_record_chars", text[:300])
    if not message_id:
        return quarantined(origin, position, "message has no id", json.dumps(message)[:300])
    extra = {k: str(message[k]) for k in EXTRA_KEYS if message.get(k) not in (None, "")}
    return Document(
        source=source,
        source_ref=message_id,
        text=text,
        outlet=channel,
        published_at=parse_date(message.get("date_unixtime")) or parse_date(message.get("date")),
        origin=origin,
        position=position,
        extra=extra,
    )


def message_text(value: Any) -> str:
    """Flatten Telegram's text: a string, or a list of strings and {type, text, href} entities."""
    if isinstance(value, str):
        return value
    if not isinstance(value, list):
        return ""
    parts: list[str] = []
    for piece in value:
        if isinstance(piece, str):
            parts.append(piece)
        elif isinstance(piece, dict):
            shown = str(piece.get("text", ""))
            href = piece.get("href")
            parts.append(f"{shown} ({href})" if href and href != shown else shown)
    return "".join(parts)
