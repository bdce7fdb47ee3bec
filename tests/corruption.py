"""One bad record among 20 good: the loss measurement of issue 14, shared by bench/loss.py (300 trials per
reader, docs/hardening.md) and tests/test_loss.py (a test-sized run).

Each trial writes a file of 20 good records of our own (with commas, quotes, line breaks and non-Latin text,
as real exports have) and one record damaged in one of the ways listed per reader, at a random place; the
file is ingested into a real SQLite store, and the good records missing from the store are counted.
"""

from __future__ import annotations

import json
import random
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from forewarn.ingest import ingest
from forewarn.settings import Settings
from forewarn.store import Store

GOOD = 20
SETTINGS = Settings(max_record_chars=5_000)  # a small cap, so over-long records are cheap to make
TEXTS = (
    'The ministry said militants, "with foreign help", prepare a staged attack near the town.',
    "Shelling was reported overnight;\nresidents describe damage to the market & the school.",
    "Министерство заявило о подготовке провокации с применением отравляющих веществ.",
    "وزارة الدفاع: المسلحون يحضرون لهجوم كيميائي مفبرك",
)


def text(i: int) -> str:
    return f"{TEXTS[i % len(TEXTS)]} Record {i}."


# -- JSON Lines ---------------------------------------------------------------------------------------------
def jsonl_good(trial: int, i: int) -> bytes:
    record = {"id": f"t{trial}-g{i}", "title": f"Report {i}", "text": text(i), "date": "2018-04-01T10:00:00Z"}
    return json.dumps(record, ensure_ascii=i % 2 == 0).encode()


def _json_bad(fragment: bytes) -> Callable[[bytes], bytes]:
    return lambda good: good[:-1] + b', "bad": ' + fragment + b"}"


JSONL_DAMAGE: dict[str, Callable[[bytes], bytes]] = {
    "nul byte": lambda g: g.replace(b"Report", b"Rep\x00ort"),
    "invalid utf-8": lambda g: g.replace(b"Report", b"Rep\xff\xfeort"),
    "truncated line": lambda g: g[: len(g) // 2],
    "unbalanced quote": lambda g: g.replace(b'"title": "', b'"title": ', 1),
    "lone surrogate": _json_bad(b'"\\ud800"'),
    "impossible date": lambda g: g.replace(b"2018-04-01T10:00:00Z", b"2018-13-03"),
    "year 1 with offset": lambda g: g.replace(b"2018-04-01T10:00:00Z", b"0001-01-01T00:00:00+01:00"),
    "5,000-digit number": _json_bad(b"9" * 5000),
    "wrong types": lambda g: g.replace(b'"text": ', b'"text": [1, {"a": null}], "x": ', 1),
    "deep nesting": _json_bad(b"[" * 20_000 + b"]" * 20_000),
    "control characters": lambda g: g.replace(b"Report", b"\x1b[31mRe\rport\x08"),
    "over-long record": lambda g: g.replace(b"Report", b"R" * 30_000),
    "random bytes": lambda g: bytes(random.Random(len(g)).randrange(256) for _ in range(200)).replace(b"\n", b""),
    "not an object": lambda g: b"[1, 2, 3]",
}


def jsonl_file(trial: int, bad_at: int, damage: Callable[[bytes], bytes]) -> bytes:
    lines = [jsonl_good(trial, i) for i in range(GOOD)]
    lines.insert(bad_at, damage(jsonl_good(trial, 99)))
    return b"\n".join(lines) + b"\n"


# -- CSV ----------------------------------------------------------------------------------------------------
def csv_good(trial: int, i: int) -> bytes:
    quoted = text(i).replace('"', '""')
    return f't{trial}-g{i},Report {i},"{quoted}",2018-04-0{1 + i % 9}'.encode()


CSV_DAMAGE: dict[str, Callable[[bytes], bytes]] = {
    "nul byte": lambda g: g.replace(b"Report", b"Rep\x00ort"),
    "invalid utf-8": lambda g: g.replace(b"Report", b"Rep\xff\xfeort"),
    "quote left open": lambda g: g[: g.rindex(b'"')] + g[g.rindex(b'"') + 1 :],
    "quote opened mid-field": lambda g: g.replace(b"Report", b'Rep"ort'),
    "characters after a closing quote": lambda g: g.replace(b'.",', b'."x,', 1),
    "extra delimiters": lambda g: g.replace(b"Report", b"Re,po,rt"),
    "bare CR": lambda g: g.replace(b"Report", b"Rep\rort"),
    "over-long field": lambda g: g.replace(b"Report", b"R" * 30_000),
    "impossible date": lambda g: g[: g.rindex(b",")] + b",2018-13-03",
    "missing fields": lambda g: g.split(b",")[0],
    "random bytes": lambda g: bytes(random.Random(len(g)).randrange(256) for _ in range(200)).replace(b"\n", b""),
}


def csv_file(trial: int, bad_at: int, damage: Callable[[bytes], bytes]) -> bytes:
    lines = [csv_good(trial, i) for i in range(GOOD)]
    lines.insert(bad_at, damage(csv_good(trial, 99)))
    return b"id,title,text,date\n" + b"\n".join(lines) + b"\n"


# -- Telegram -----------------------------------------------------------------------------------------------
def telegram_good(trial: int, i: int) -> bytes:
    message = {"id": i + 1, "type": "message", "date": "2018-04-01T10:00:00", "date_unixtime": "1522576800",
               "from": "Channel", "text": [text(i), {"type": "link", "text": "link", "href": "https://t.example"}]}
    return json.dumps(message, ensure_ascii=False, indent=1).encode()


TELEGRAM_DAMAGE: dict[str, Callable[[bytes], bytes]] = {
    "invalid utf-8": lambda g: g.replace(b"Record", b"Rec\xff\xfeord"),
    "nul byte": lambda g: g.replace(b"Record", b"Rec\x00ord"),
    "truncated string": lambda g: g.replace(b'"link",', b'"link,', 1),
    "missing comma": lambda g: g.replace(b'"type": "message",', b'"type": "message"', 1),
    "lone surrogate": lambda g: g.replace(b"Record", b"Rec\\ud800ord"),
    "impossible date": lambda g: g.replace(b'"1522576800"', b'"0001-01-01T00:00:00+01:00"'),
    "5,000-digit number": lambda g: g.replace(b'"date_unixtime": "1522576800"', b'"n": ' + b"9" * 5000),
    "wrong types": lambda g: g.replace(b'"text": [', b'"text": 5, "x": [', 1),
    "deep nesting": lambda g: g.replace(b'"from"', b'"deep": ' + b"[" * 5000 + b"]" * 5000 + b', "from"', 1),
    "over-long text": lambda g: g.replace(b"Record", b"R" * 30_000),
    "garbage bytes": lambda g: g[:40] + bytes(random.Random(7).randrange(256) for _ in range(60)) + g[40:],
}


def telegram_file(trial: int, bad_at: int, damage: Callable[[bytes], bytes]) -> bytes:
    messages = [telegram_good(trial, i) for i in range(GOOD)]
    messages.insert(bad_at, damage(telegram_good(trial, 98)))
    head = f'{{\n "name": "Channel {trial}",\n "type": "public_channel",\n "id": {trial},\n "messages": [\n'
    return head.encode() + b",\n".join(messages) + b"\n ]\n}\n"


# -- RSS ----------------------------------------------------------------------------------------------------
def feed_good(trial: int, i: int) -> bytes:
    body = f"<![CDATA[<p>{text(i)}</p>]]>" if i % 2 else text(i).replace("&", "&amp;").replace('"', "&quot;")
    link = f"https://feed.example/{trial}/{i}"  # unique per trial: the store keeps one document per URL
    return (f"<item><title>Report {i}</title><guid>t{trial}-g{i}</guid><link>{link}</link>"
            f"<description>{body}</description><pubDate>Tue, 13 Feb 2018 10:00:00 GMT</pubDate></item>").encode()


FEED_DAMAGE: dict[str, Callable[[bytes], bytes]] = {
    "bad character reference": lambda g: g.replace(b"Report", b"Rep&#99999999999;ort"),
    "surrogate reference": lambda g: g.replace(b"Report", b"Rep&#xD800;ort"),
    "nul byte": lambda g: g.replace(b"Report", b"Rep\x00ort"),
    "invalid utf-8": lambda g: g.replace(b"Report", b"Rep\xff\xfeort"),
    "unclosed tag": lambda g: g.replace(b"<description>", b"<description><b>bold "),
    "bare ampersand": lambda g: g.replace(b"Report", b"R & D"),
    "undefined entity": lambda g: g.replace(b"Report", b"Rep&nbsp;ort"),
    "broken end tag": lambda g: g.replace(b"</item>", b"</itm>"),
    "missing end tag": lambda g: g.replace(b"</item>", b""),
    "broken start tag": lambda g: g.replace(b"<item>", b"<ite m>"),
    "unclosed CDATA": lambda g: g.replace(b"<description>", b"<description><![CDATA[ open "),
    "stray less-than": lambda g: g.replace(b"Report", b"Rep < ort"),
}


def feed_file(trial: int, bad_at: int, damage: Callable[[bytes], bytes]) -> bytes:
    items = [feed_good(trial, i) for i in range(GOOD)]
    items.insert(bad_at, damage(feed_good(trial, 99)))
    return (b'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Feed</title>'
            b"<link>https://feed.example/</link>" + b"\n".join(items) + b"</channel></rss>")


@dataclass(frozen=True)
class Format:
    suffix: str
    damage: dict[str, Callable[[bytes], bytes]]
    build: Callable[[int, int, Callable[[bytes], bytes]], bytes]


FORMATS = {
    "jsonl": Format(".jsonl", JSONL_DAMAGE, jsonl_file),
    "csv": Format(".csv", CSV_DAMAGE, csv_file),
    "telegram": Format(".json", TELEGRAM_DAMAGE, telegram_file),
    "feed": Format(".rss", FEED_DAMAGE, feed_file),
}


def good_refs(trial: int, fmt: str) -> set[str]:
    return {str(i + 1) for i in range(GOOD)} if fmt == "telegram" else {f"t{trial}-g{i}" for i in range(GOOD)}


def run_trials(fmt: str, trials: int, workdir: Path, rng_seed: int = 14) -> dict[str, list[int]]:
    """{damage kind: good records lost in each of its trials}; kinds take turns, the bad record's place is
    random (fixed seed)."""
    spec, rng = FORMATS[fmt], random.Random(rng_seed)
    kinds = sorted(spec.damage)
    db = workdir / f"loss-{fmt}.db"
    lost: dict[str, list[int]] = {kind: [] for kind in kinds}
    with Store(f"sqlite:///{db}") as store:
        for trial in range(trials):
            kind = kinds[trial % len(kinds)]
            path = workdir / f"trial-{fmt}-{trial}{spec.suffix}"
            path.write_bytes(spec.build(trial, rng.randrange(GOOD + 1), spec.damage[kind]))
            ingest([str(path)], store, SETTINGS, fmt=fmt)
            with sqlite3.connect(db) as conn:
                found = {row[0] for row in conn.execute("SELECT source_ref FROM documents WHERE origin = ?",
                                                         (str(path),))}  # fmt: skip
            lost[kind].append(len(good_refs(trial, fmt) - found))
            path.unlink()
    return lost
