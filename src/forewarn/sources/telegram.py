"""Telegram Desktop exports (`result.json`): one channel/chat, or a full export with a list of chats.

One document per message that has text (service messages and media without a caption are skipped). Text
is a string or a list of strings and {type, text} entity objects; links keep their URL. Dates come from
`date_unixtime` (UTC); without it the export's local `date` is taken as UTC. Source name:
"telegram:<channel id>" (else its name), source_ref = the message id; outlet = the channel name. Forwards
keep `forwarded_from` in extra.

Streaming, message by message, so an export of any size is read in bounded memory and one damaged message
costs only itself: the file is decoded incrementally (invalid UTF-8 bytes become U+FFFD in the message that
holds them), each `"messages": [` array is found in the text, and each message object in it is parsed on its
own by the standard library's JSON decoder (`raw_decode`). A message that does not parse is quarantined and
reading resumes at the next message object (`{"id": …`). The chat's name and id are the last `"name"` and
`"id"` keys written before its `"messages"` key (Telegram Desktop writes name, type, id, messages).
(ijson was tried first: its C backend crashed the interpreter on a 5,000-digit number, and its Python backend
cannot resume after a syntax error.)
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from ..errors import SourceError
from ..model import Document
from . import ReadOptions, Record
from .common import check_text_file, failed_record, open_file, parse_date, quarantined
from .jsonl import _int_or_digits

EXTRA_KEYS = ("forwarded_from", "from", "author", "reply_to_message_id", "edited", "media_type", "via_bot")
CHUNK_CHARS = 1 << 20
HEAD_CHARS = 100_000  # text kept before a "messages" key to find the chat's name and id in
MESSAGES_KEY = re.compile(r'"messages"\s*:\s*\[')
MESSAGE_START = re.compile(r'\{\s*"id"\s*:')
NAME_KEY = re.compile(r'"name"\s*:\s*("(?:[^"\\]|\\.){0,2000}"|null)')
ID_KEY = re.compile(r'"id"\s*:\s*(-?\d{1,30}|"(?:[^"\\]|\\.){0,200}")')
DECODER = json.JSONDecoder(parse_int=_int_or_digits, strict=False)  # strict=False: control characters in text
NEST_TOKEN = re.compile(r'"(?:[^"\\]++|\\.)*+"|[\[\]{}]')  # strings skipped whole, brackets counted
MAX_NESTING = 64  # a real message nests a few levels (its text entities); deeper is damage
NEST_WINDOW = 16_384  # characters looked at for that depth
TOO_DEEP = "message nested too deeply"


@dataclass
class _Chat:
    name: str
    key: str


class _Text:
    """A window on the decoded file: `buf[pos:]` is unread; more is read on demand, and the read part is
    dropped at points where no position into the buffer is held (`compact`)."""

    def __init__(self, handle: IO[bytes]) -> None:
        self.handle = handle
        self.decoder = codecs.getincrementaldecoder("utf-8-sig")(errors="replace")
        self.buf, self.pos, self.eof = "", 0, False

    def more(self) -> bool:
        """Read the next chunk; False at the end of the file."""
        if self.eof:
            return False
        raw = self.handle.read(CHUNK_CHARS)
        self.eof = not raw
        self.buf += self.decoder.decode(raw, final=self.eof)
        return bool(raw)

    def compact(self, keep: int = 0) -> None:
        """Drop what was read, but the last `keep` characters before pos."""
        cut = self.pos - keep
        if cut > CHUNK_CHARS:
            self.buf, self.pos = self.buf[cut:], self.pos - cut

    def search(self, pattern: re.Pattern[str], keep: int = 0) -> re.Match[str] | None:
        """The next match at or after pos, reading on as needed (HEAD_CHARS before pos stay in the buffer)."""
        while True:
            self.compact(HEAD_CHARS)
            match = pattern.search(self.buf, self.pos)
            if match and match.end() < len(self.buf) - keep:
                return match
            if not self.more():
                return pattern.search(self.buf, self.pos)
            if not match:
                self.pos = max(self.pos, len(self.buf) - CHUNK_CHARS - keep)

    def skip(self, characters: str) -> str:
        """Skip whitespace and the given characters; the next character ("" at the end)."""
        while True:
            while self.pos < len(self.buf) and (self.buf[self.pos].isspace() or self.buf[self.pos] in characters):
                self.pos += 1
            if self.pos < len(self.buf) or not self.more():
                return self.buf[self.pos : self.pos + 1]


def read(source: str, options: ReadOptions) -> Iterator[Record]:
    path = Path(source)
    with open_file(path, options.settings.max_file_bytes) as handle:
        check_text_file(handle, source)
        text = _Text(handle)
        chats = 0
        while True:
            found = text.search(MESSAGES_KEY, keep=64)
            if found is None:
                break
            chats += 1
            chat = _chat_meta(text.buf[max(0, found.start() - HEAD_CHARS) : found.start()], path)
            text.pos = found.end()
            yield from _messages(text, chat, source, options)
        if not chats:
            raise SourceError(f"{source}: no 'messages' list found; expected a Telegram Desktop result.json")


def _chat_meta(head: str, path: Path) -> _Chat:
    """The chat's name and id: the last "name" and "id" keys before its "messages" key."""
    names, ids = NAME_KEY.findall(head), ID_KEY.findall(head)
    name = _token(names[-1]) if names else ""
    key = _token(ids[-1]) if ids else ""
    return _Chat(name=name, key=key or name or path.parent.name)


def _token(token: str) -> str:
    try:
        value = json.loads(token)
    except ValueError:
        return ""
    return "" if value is None else str(value)


def _messages(text: _Text, chat: _Chat, origin: str, options: ReadOptions) -> Iterator[Record]:
    """Each message of one `messages` array, parsed one by one; a bad one is quarantined and skipped."""
    limit = options.settings.max_record_chars * 2 + 65536  # one message: its text plus the entity copy
    index, deep = 0, False
    while True:
        text.compact()
        if text.skip(",") in ("]", ""):
            text.pos += 1
            return
        start = text.pos
        if deep and _too_deep(text.buf, start):
            value, problem = None, TOO_DEEP
        else:
            value, problem = _next_value(text, limit)
        position = f"message#{index}"
        deep = problem == TOO_DEEP  # the next start found is likely inside the same deep structure
        if problem:
            yield quarantined(origin, position, problem, text.buf[start : start + 300])
            if not _resync(text, start):
                return
        else:
            try:
                record = _message_record(value, index, chat, origin, options)
            except Exception as exc:  # one message's problem: quarantine it, read on
                record = failed_record(origin, position, exc, str(value)[:300])
            if record is not None:
                yield record
        index += 1


def _next_value(text: _Text, limit: int) -> tuple[Any, str]:
    """The JSON value at pos (pos moved past it), or the reason it does not parse."""
    while True:
        try:
            value, end = DECODER.raw_decode(text.buf, text.pos)
        except RecursionError:
            return None, TOO_DEEP
        except ValueError as exc:
            if len(text.buf) - text.pos < limit and text.more():
                continue  # the message may just be cut by the end of what was read so far
            reason = exc.msg if isinstance(exc, json.JSONDecodeError) else str(exc)
            return None, f"message is not valid JSON: {reason}"
        text.pos = end
        return value, ""


def _too_deep(buf: str, pos: int) -> bool:
    """Whether the value at pos opens more than MAX_NESTING brackets within NEST_WINDOW characters before it
    closes. Only after a message nested too deeply: in an export damaged into thousands of nested copies (a
    fuzz finding, 0.9 MB: 10 CPU s), each message start the resync finds inside it would otherwise be decoded
    down to the interpreter's recursion limit again, ~90 KB each time."""
    depth = 0
    for token in NEST_TOKEN.finditer(buf, pos, pos + NEST_WINDOW):
        mark = token.group()[0]
        if mark in "[{":
            depth += 1
            if depth > MAX_NESTING:
                return True
        elif mark in "]}":
            depth -= 1
            if depth <= 0:
                return False
    return False


def _resync(text: _Text, start: int) -> bool:
    """Move to the next message object after a bad one; False when there is none."""
    text.pos = start + 1
    found = text.search(MESSAGE_START, keep=16)
    if found is None:
        text.pos = len(text.buf)
        return False
    text.pos = found.start()
    return True


def _message_record(value: Any, index: int, chat: _Chat, origin: str, options: ReadOptions) -> Record | None:
    if not isinstance(value, dict):
        return quarantined(origin, f"message#{index}", "message is not a JSON object", str(value))
    if value.get("type", "message") != "message":
        return None  # service messages: joins, pins, title changes
    source = options.source or "telegram:" + chat.key
    return message_document(value, source=source, channel=chat.name, origin=origin, options=options)


def message_document(
    message: dict[str, Any], *, source: str, channel: str, origin: str, options: ReadOptions
) -> Record | None:
    message_id = _scalar(message.get("id", ""))
    position = f"message:{message_id}"
    text = message_text(message.get("text", "")).strip()
    if not text:
        return None  # a photo or sticker without a caption: nothing to read
    if len(text) > options.settings.max_record_chars:
        return quarantined(origin, position, "message text is over max_record_chars", text[:300])
    if not message_id:
        return quarantined(origin, position, "message has no id", json.dumps(message, default=str)[:300])
    extra = {k: str(message[k])[:500] for k in EXTRA_KEYS if message.get(k) not in (None, "")}
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


def _scalar(value: Any) -> str:
    """An id as text: numbers and strings only (a list or object where an id should be is no id)."""
    return str(value) if isinstance(value, str | int) and not isinstance(value, bool) else ""


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
            shown = piece.get("text", "")
            shown = shown if isinstance(shown, str) else ""
            href = piece.get("href")
            parts.append(f"{shown} ({href})" if isinstance(href, str) and href and href != shown else shown)
    return "".join(parts)
