"""The fuzzing kit shared by bench/fuzz.py (the full run) and tests/test_fuzz.py (a fixed-seed sample).

Seed files of our own for every reader, and a Hypothesis strategy that mutates them the way an attacker or a
damaged disk would: byte flips, truncation, NUL bytes, huge fields, deep nesting, re-encoding, byte-order
marks, XML entity and character-reference tricks, JSON number and escape tricks, and splices of one part of a
file (or another reader's seed) into another. Hypothesis rather than Atheris: it is pure Python on PyPI (no
libFuzzer toolchain, wheels for every Python), runs derandomized for a reproducible CI sample, and shrinks a
failing input to a small reproducer; coverage guidance matters less here than the structured mutations.
"""

from __future__ import annotations

import codecs
import contextlib
import json
import random
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, TypeVar

from hypothesis import strategies as st

from forewarn.ingest import ingest
from forewarn.model import IngestSummary
from forewarn.settings import Settings
from forewarn.sources.common import InvalidDate, parse_date
from forewarn.store import Store

MAX_INPUT_BYTES = 8_000_000  # the size cap of the fuzzed inputs (Settings.max_fetch_bytes is 20 MB)
HUGE_FIELD_BYTES = 3_000_000
T = TypeVar("T")
TEXTS = (
    "The ministry said militants are preparing a staged chemical attack near the town.",
    "Shelling was reported overnight; residents describe damage to the market & the school.",
    "Министерство заявило о подготовке провокации с применением химического оружия.",
    "وزارة الدفاع: المسلحون يحضرون لهجوم كيميائي مفبرك في المدينة",
)


def _texts(n: int) -> list[str]:
    return [f"{TEXTS[i % len(TEXTS)]} Item {i}." for i in range(n)]


def seed_jsonl() -> bytes:
    rows = [{"id": f"j{i}", "title": f"Report {i}", "text": t, "date": f"2018-04-{i + 1:02d}T10:00:00Z",
             "outlet": "Agency", "lang": "en", "tags": ["a", 1, None], "n": 12.5} for i, t in enumerate(_texts(6))]
    return ("\n".join(json.dumps(r, ensure_ascii=i % 2 == 0) for i, r in enumerate(rows)) + "\n").encode()


def seed_json() -> bytes:
    rows = [{"id": f"a{i}", "headline": f"Report {i}", "body": t, "published": "Tue, 13 Feb 2018 10:00:00 GMT"}
            for i, t in enumerate(_texts(5))]
    return json.dumps({"items": rows}, ensure_ascii=False, indent=1).encode()


def seed_csv() -> bytes:
    lines = ["id,title,text,date,outlet"] + [
        f'c{i},Report {i},"{t.replace(chr(34), chr(34) * 2)}\nSecond ""quoted"" line.",2018-04-0{i + 1},Agency'
        for i, t in enumerate(_texts(5))
    ]
    return ("\r\n".join(lines) + "\r\n").encode()


def seed_text() -> bytes:
    return "# A headline\nDate: 2018-04-07\nSource: Agency\n\n{}\n\nMore text.\n".format("\n".join(_texts(3))).encode()


def seed_feed() -> bytes:
    items = "".join(
        f"<item><title>Report {i} &amp; more</title><link>http://feed.example/{i}</link><guid>g{i}</guid>"
        f"<description><![CDATA[<p>{t}</p><script>x()</script>]]></description>"
        f"<pubDate>Tue, 13 Feb 2018 1{i}:00:00 GMT</pubDate><category>news</category></item>"
        for i, t in enumerate(_texts(5))
    )
    return ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">'
            f"<channel><title>Feed</title><link>http://feed.example/</link><language>en</language>{items}"
            "</channel></rss>").encode()


def seed_atom() -> bytes:
    entries = "".join(
        f"<entry><title type='html'>Report {i}</title><id>urn:e{i}</id><updated>2018-04-0{i + 1}T10:00:00Z</updated>"
        f"<content type='html'>&lt;p&gt;{t}&lt;/p&gt;</content></entry>" for i, t in enumerate(_texts(4))
    )
    return f'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Atom</title>{entries}</feed>'.encode()


def seed_html() -> bytes:
    paragraphs = "".join(f"<p>{t} <b>bold</b> <a href='/x{i}'>link</a></p>" for i, t in enumerate(_texts(8)))
    return ("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>A page</title>"
            "<meta property='article:published_time' content='2018-04-07T10:00:00Z'>"
            "<script>var a = '<p>';</script><style>p{}</style></head><body><nav><a href='/'>Home</a></nav>"
            f"<article><h1>A headline</h1>{paragraphs}</article><footer>(c)</footer></body></html>").encode()


def seed_telegram() -> bytes:
    messages = [{"id": i + 1, "type": "message", "date": f"2018-04-0{i + 1}T10:00:00", "date_unixtime": "1522576800",
                 "from": "Channel", "text": [t, {"type": "link", "text": "here", "href": "http://t.example"}]}
                for i, t in enumerate(_texts(5))]
    messages.insert(2, {"id": 99, "type": "service", "action": "pin_message"})
    return json.dumps({"name": "Channel", "type": "public_channel", "id": 4242, "messages": messages},
                      ensure_ascii=False, indent=1).encode()


def seed_posts() -> bytes:
    rows = ["date,id,title,countries,keywords,languages,outlets"] + [
        f'2018-04-0{i + 1},https://case.example/{i},"{t}",Syria,chemical+weapons,English,Outlet A+Outlet B'
        for i, t in enumerate(_texts(5))
    ]
    return ("\n".join(rows) + "\n").encode()


def seed_full() -> bytes:
    rows = ['"issue";"date";"outlet";"language";"origin";"title";"summary";"disproof";"source"'] + [
        f'"{i}";"0{i + 1}.04.2018";"Outlet";"English";"Syria";"Case {i}";"{t}";"Not so.";"http://o.example/{i}"'
        for i, t in enumerate(_texts(5))
    ]
    return ("\n".join(rows) + "\n").encode()


def seed_fakes() -> bytes:
    rows = ["unit_id,article_title,article_content,source,date,location,label"] + [
        f'{i},Title {i},"{t} Syria\x95_s towns.",SANA,4/{i + 1}/17,idlib,1' for i, t in enumerate(_texts(5))
    ]
    return ("\n".join(rows) + "\n").encode("cp1252", "replace")


@dataclass(frozen=True)
class Reader:
    fmt: str
    suffix: str
    seed: bytes


READERS: dict[str, Reader] = {
    "jsonl": Reader("jsonl", ".jsonl", seed_jsonl()),
    "json": Reader("json", ".json", seed_json()),
    "csv": Reader("csv", ".csv", seed_csv()),
    "text": Reader("text", ".txt", seed_text()),
    "feed": Reader("feed", ".rss", seed_feed()),
    "atom": Reader("feed", ".atom", seed_atom()),
    "html": Reader("html", ".html", seed_html()),
    "telegram": Reader("telegram", ".json", seed_telegram()),
    "euvsdisinfo-posts": Reader("euvsdisinfo-posts", ".csv", seed_posts()),
    "euvsdisinfo-full": Reader("euvsdisinfo-full", ".csv", seed_full()),
    "fakes": Reader("fakes", ".csv", seed_fakes()),
}

TOKENS = (
    b"\x00", b"\xff\xfe", b"\xed\xa0\x80", b"\xc3", b"\r", b"\n", b'"', b"'", b",", b";", b"\t", b"\\", b"{", b"}",
    b"[", b"]", b"<", b">", b"&", b"\\ud800", b"\\u0000", b'"\\udfff\\ud800"', b"9" * 5000, b"1e999", b"-0", b"NaN",
    b"Infinity", b"null", b"true", b"[]", b"{}", b'"date": "2018-13-03"', b'"date": "0001-01-01T00:00:00+01:00"',
    b'"date": 99999999999999999999', b'"text": 7', b'"text": [1, {"text": []}]', b'"messages": 5', b'"list": "x"',
    b"&#99999999999;", b"&#x110000;", b"&#xD800;", b"&#1;", b"&amp;amp;", b"&nbsp;", b"&lol;", b"<![CDATA[", b"]]>",
    b"<!--", b"-->", b"<!DOCTYPE x [<!ENTITY a 'b'>]>", b'<!ENTITY xxe SYSTEM "file:///etc/passwd">', b"&xxe;",
    b'<?xml version="1.0" encoding="UDF-8"?>', b'<?xml version="1.0" encoding="utf-16"?>', b"<item>", b"</item>",
    b"<entry>", b"</channel>", b"<p>", b"</p>", b"<b>", b"<script>", b"</script>", b"<svg><svg>", b"\x1b[31m",
    b"\x1b]8;;http://evil\x07", b"[/]", b"[link=javascript:x]", "\u202e".encode(), b"\xef\xbb\xbf",
    b"0001-01-01", b"2018-02-30", b"31/12/2018", b"Tue, 99 Feb 2018 10:00:00 GMT", b"\x95_",
)
BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE)
ENCODINGS = ("utf-16", "utf-16-be", "utf-32", "cp1251", "latin-1", "shift_jis", "utf-7")
NESTERS = (b"[", b"{\"a\":", b"<div>", b"<b>", b"<a>", b"(", b"\"", b"<![CDATA[")


# each kind of mutation, as often as it is listed: the costly ones (megabytes) rarer than the cheap ones
MUTATIONS = ("flip", "flip", "flip", "truncate", "truncate", "token", "token", "token", "token", "nul", "nul",
             "nest", "encode", "bom", "splice", "splice", "splice", "delete", "delete", "repeat", "huge")


class Blob(bytes):
    """Input bytes with a short repr, so a failing example of megabytes prints as a line."""

    def __repr__(self) -> str:
        return f"Blob({len(self):,} bytes: {bytes(self[:300])!r}...)"


class Chooser(Protocol):
    """Where a mutation's choices come from: Hypothesis (tests/test_fuzz.py: derandomized, shrinkable) or a
    seeded random.Random (bench/fuzz.py: an input is rebuilt from its reader and seed alone)."""

    def integer(self, low: int, high: int) -> int: ...

    def choice(self, options: Sequence[T]) -> T: ...


class _Drawn:
    def __init__(self, draw: st.DrawFn) -> None:
        self.draw = draw

    def integer(self, low: int, high: int) -> int:
        return self.draw(st.integers(low, high))

    def choice(self, options: Sequence[T]) -> T:
        return self.draw(st.sampled_from(options))


class Seeded:
    def __init__(self, reader: str, seed: int) -> None:
        self.random = random.Random(f"{reader}:{seed}")  # a str seed is hashed the same way in every process

    def integer(self, low: int, high: int) -> int:
        return self.random.randint(low, high)

    def choice(self, options: Sequence[T]) -> T:
        return options[self.random.randrange(len(options))]


def mutate(choose: Chooser, seed: bytes, others: tuple[bytes, ...] = ()) -> Blob:
    """A seed with one to four mutations."""
    data = bytearray(seed)
    for _ in range(choose.integer(1, 4)):
        kind = choose.choice(MUTATIONS)
        at = choose.integer(0, len(data))
        if kind == "flip" and data:
            for _ in range(choose.integer(1, 8)):
                spot = choose.integer(0, len(data) - 1)
                data[spot] ^= 1 << choose.integer(0, 7)
        elif kind == "truncate":
            del data[at:]
        elif kind == "token":
            data[at:at] = choose.choice(TOKENS)
        elif kind == "nul":
            data[at:at] = b"\x00" * choose.choice((1, 2, 100, 70_000))
        elif kind == "huge":
            data[at:at] = choose.choice((b"a", b"\xd0\x96", b"a,", b'"', b"<b>x</b>", b"&amp;", b" ", b"\n"))\
                * (HUGE_FIELD_BYTES // 8)  # fmt: skip
        elif kind == "nest":
            depth = choose.choice((100, 1000, 50_000))
            data[at:at] = choose.choice(NESTERS) * depth
        elif kind == "encode":
            data = bytearray(bytes(data).decode("utf-8", "replace").encode(choose.choice(ENCODINGS), "replace"))
        elif kind == "bom":
            data[0:0] = choose.choice(BOMS)
        elif kind == "splice":
            source = choose.choice((bytes(data), *others)) or b"x"
            start = choose.integer(0, len(source))
            data[at:at] = source[start : start + choose.integer(1, 400)]
        elif kind == "delete":
            del data[at : at + choose.integer(1, 200)]
        elif kind == "repeat":
            data[at:at] = bytes(data[at : at + choose.integer(1, 300)]) * choose.choice((2, 50, 5000))
        if len(data) > MAX_INPUT_BYTES:
            del data[MAX_INPUT_BYTES:]
    return Blob(data)


@st.composite
def mutated(draw: st.DrawFn, seed: bytes, others: tuple[bytes, ...] = ()) -> bytes:
    return mutate(_Drawn(draw), seed, others)


def seeded_input(name: str, seed: int) -> Blob:
    """bench/fuzz.py's input number `seed` for reader `name`: the same bytes in any process, any run."""
    return mutate(Seeded(name, seed), READERS[name].seed, tuple(r.seed for r in READERS.values()))


def inputs(name: str) -> st.SearchStrategy[bytes]:
    seeds = tuple(r.seed for r in READERS.values())
    return mutated(READERS[name].seed, seeds)


WARM_UP_DATES = ("208-04-04T10:00:00Z", "4 avril 2018 10:00", "12/31/2018")  # no cheap parse: dateparser's


def warm_up(workdir: Path, store: Store, settings: Settings) -> None:
    """Read every seed once, and dates only dateparser reads: the first use of dateparser and of the language
    identifier loads their data and compiles their patterns (the seeds' dates all have cheap parses, so a
    mutated date used to pay dateparser's start-up, a second of CPU and 10 s of wall at load 12, as if it
    were the input's doing)."""
    for name, reader in READERS.items():
        ingest_one(name, reader.seed, workdir, store, settings)
    for value in WARM_UP_DATES:
        with contextlib.suppress(InvalidDate):
            parse_date(value)


def ingest_one(name: str, data: bytes, workdir: Path, store: Store, settings: Settings,
               detect_format: bool = False) -> IngestSummary:  # fmt: skip
    """Write `data` as a file for reader `name` and ingest it. Any exception out of here is a finding; the
    reader is forced (`detect_format=False`) so the mutation reaches the reader it was made for."""
    reader = READERS[name]
    path = workdir / f"input{reader.suffix}"
    path.write_bytes(data)
    return ingest([str(path)], store, settings, fmt=None if detect_format else reader.fmt)


def unexpected(store: Store) -> list[str]:
    """Quarantine reasons that are defects caught by the isolation (not the input's fault)."""
    return [q.reason for q in store.iter_quarantined(limit=100_000) if "unexpected error" in q.reason]
