"""The bundled illustrative demo sample: every file parses, every item is labelled, the story's dates hold.

The files are read here with the standard library (and defusedxml), independently of forewarn's readers, so a
broken sample is caught even before the readers that ingest it exist.
"""

from __future__ import annotations

import csv
import json
import re
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from defusedxml import ElementTree

import forewarn
from forewarn.lexicon import ACCUSED, CLAIMANTS
from forewarn.narratives import known_agents
from forewarn.text import detect_language

SAMPLE = Path(next(iter(forewarn.__path__))) / "data" / "sample"  # forewarn is a namespace package (no __init__)
ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
MOSCOW = timezone(timedelta(hours=3))  # the Telegram export's local time
INCIDENT_COLUMNS = [
    "incident_date", "place", "alt_names", "governorate", "lat", "lon", "coord_quality", "agent", "finding",
    "attributed_to", "report", "report_date", "source_seen", "verified", "notes",
]  # fmt: skip
LABELS = {"PREEMPTIVE", "RETROSPECTIVE", "OTHER"}
SCRIPT_SENTINEL = "fwSampleTracker"


@dataclass(frozen=True)
class Item:
    file: str
    ref: str
    language: str
    published: datetime
    text: str  # title + "\n" + body; for Telegram the flattened message text


# ------------------------------------------------------------------------------------- readers (test-only)


class _TextOnly(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def strip_tags(html: str) -> str:
    parser = _TextOnly()
    parser.feed(html)
    return "".join(parser.parts).strip()


def rss_items() -> list[Item]:
    channel = ElementTree.parse(SAMPLE / "feeds/statenews.rss").getroot().find("channel")
    language = channel.findtext("language")
    return [
        Item("feeds/statenews.rss", item.findtext("guid"), language, parsedate_to_datetime(item.findtext("pubDate")),
             item.findtext("title") + "\n" + strip_tags(item.findtext("description")))
        for item in channel.iter("item")
    ]  # fmt: skip


def atom_items() -> list[Item]:
    feed = ElementTree.parse(SAMPLE / "feeds/monitor.atom").getroot()
    items = []
    for entry in feed.iter(f"{ATOM}entry"):
        body = entry.findtext(f"{ATOM}summary") or strip_tags(entry.findtext(f"{ATOM}content"))
        title = entry.findtext(f"{ATOM}title")
        published = datetime.fromisoformat(entry.findtext(f"{ATOM}published"))
        items.append(Item("feeds/monitor.atom", entry.findtext(f"{ATOM}id"), feed.get(XML_LANG), published,
                          f"{title}\n{body}"))  # fmt: skip
    return items


def wire_records() -> list[dict[str, Any]]:
    lines = (SAMPLE / "wire.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


def wire_items() -> list[Item]:
    return [
        Item("wire.jsonl", r["id"], r["language"], datetime.fromisoformat(r["date"]), f"{r['title']}\n{r['text']}")
        for r in wire_records()
    ]


def telegram_export() -> dict[str, Any]:
    return json.loads((SAMPLE / "telegram/result.json").read_text(encoding="utf-8"))


def flatten(text: str | list[str | dict[str, str]]) -> str:
    if isinstance(text, str):
        return text
    return "".join(part if isinstance(part, str) else part["text"] for part in text)


def telegram_items() -> list[Item]:
    """Text-bearing channel messages (the service message and the caption-less photo are not items)."""
    messages = telegram_export()["messages"]
    return [
        Item("telegram/result.json", str(m["id"]), "ru", datetime.fromtimestamp(int(m["date_unixtime"]), UTC),
             flatten(m["text"]))
        for m in messages
        if m["type"] == "message" and flatten(m["text"]).strip()
    ]  # fmt: skip


class PageParser(HTMLParser):
    """What a careful reader keeps of a page: metadata, the article's heading and paragraphs, apart from scripts."""

    def __init__(self) -> None:
        super().__init__()
        self.lang = ""
        self.meta: dict[str, str] = {}
        self.title = ""
        self.heading = ""
        self.paragraphs: list[str] = []
        self.scripts: list[str] = []
        self.tags: set[str] = set()
        self._stack: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.tags.add(tag)
        if tag == "html":
            self.lang = attributes.get("lang") or ""
        elif tag == "meta":
            key = attributes.get("property") or attributes.get("name")
            if key:
                self.meta[key] = attributes.get("content") or ""
        elif tag == "link" and attributes.get("rel") == "canonical":
            self.meta["canonical"] = attributes.get("href") or ""
        if tag not in ("meta", "link"):
            self._stack.append((tag, attributes))

    def handle_endtag(self, tag: str) -> None:
        while self._stack and self._stack.pop()[0] != tag:
            pass

    def handle_data(self, data: str) -> None:
        if not self._stack:
            return
        tag, attributes = self._stack[-1]
        inside_article = any(t == "article" for t, _ in self._stack)
        if tag == "title":
            self.title += data
        elif tag == "script":
            self.scripts.append(data)
        elif inside_article and tag == "h1":
            self.heading += data
        elif inside_article and tag == "p" and attributes.get("class") != "byline":
            self.paragraphs.append(data)


def parse_page(path: Path) -> PageParser:
    parser = PageParser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def page_items() -> list[Item]:
    items = []
    for path in sorted((SAMPLE / "pages").glob("*.html")):
        page = parse_page(path)
        published = datetime.fromisoformat(page.meta["article:published_time"])
        items.append(Item(f"pages/{path.name}", path.name, page.lang, published,
                          page.heading + "\n" + "\n".join(page.paragraphs)))  # fmt: skip
    return items


def note_items() -> list[Item]:
    items = []
    for path in sorted((SAMPLE / "notes").glob("*.txt")):
        title, *rest = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        published = datetime.fromisoformat(rest[0].removeprefix("Date: ")).replace(tzinfo=UTC)
        items.append(Item(f"notes/{path.name}", path.name, "en", published, "\n".join([title, *rest])))
    return items


def all_items() -> list[Item]:
    return rss_items() + atom_items() + wire_items() + telegram_items() + page_items() + note_items()


def labels() -> list[dict[str, str]]:
    lines = (SAMPLE / "labels.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


def label_day(row: dict[str, str]) -> date:
    return datetime.fromisoformat(row["date"]).date()


# ----------------------------------------------------------------------------------------------- the tests


def test_sample_holds_50_to_70_items_in_every_format() -> None:
    folders = {"telegram", "pages", "notes"}  # one group per folder; each feed and the JSONL on its own
    per_file = Counter(next((f for f in folders if item.file.startswith(f"{f}/")), item.file) for item in all_items())
    assert 50 <= sum(per_file.values()) <= 70
    assert set(per_file) == {"feeds/statenews.rss", "feeds/monitor.atom", "wire.jsonl", "telegram", "pages", "notes"}
    assert 4 <= per_file["pages"] <= 6 and per_file["notes"] == 3


def test_labels_cover_every_item_exactly_once() -> None:
    rows = labels()
    assert len({row["id"] for row in rows}) == len(rows)
    assert sorted((row["file"], row["ref"]) for row in rows) == sorted((i.file, i.ref) for i in all_items())


def test_label_text_date_and_language_match_the_item() -> None:
    items = {(item.file, item.ref): item for item in all_items()}
    for row in labels():
        item = items[(row["file"], row["ref"])]
        assert row["text"] == item.text, row["id"]
        assert datetime.fromisoformat(row["date"]) == item.published, row["id"]
        assert row["language"] == item.language == detect_language(item.text), row["id"]


def test_every_language_is_present_in_roughly_the_intended_shares() -> None:
    shares = Counter(row["language"] for row in labels())
    total = sum(shares.values())
    assert set(shares) == {"en", "ru", "ar"}
    assert 0.4 <= shares["en"] / total <= 0.6
    assert 0.2 <= shares["ru"] / total <= 0.4
    assert 0.1 <= shares["ar"] / total <= 0.3


def test_labels_use_the_canonical_values() -> None:
    allowed = {
        "agent": set(known_agents()),
        "accused": set(ACCUSED) | {"unspecified"},
        "claimant": set(CLAIMANTS) | {"outlet only"},
    }
    for row in labels():
        assert row["label"] in LABELS
        is_claim = row["label"] != "OTHER"
        assert row["stance"] in ({"asserted", "reported"} if is_claim else {""}), row["id"]
        for field, values in allowed.items():
            given = set(row[field].split(";")) if row[field] else set()
            assert bool(given) == is_claim and given <= values, (row["id"], field, given - values)
        assert bool(row["place"]) == bool(row["governorate"]) == is_claim, row["id"]


def test_the_story_dates_hold_for_the_backtest() -> None:
    rows = labels()

    def claims(label: str, governorate: str, start: date, end: date) -> int:
        return sum(r["label"] == label and r["governorate"] == governorate and start <= label_day(r) <= end
                   for r in rows)  # fmt: skip

    assert claims("PREEMPTIVE", "Rif Dimashq", date(2018, 2, 13), date(2018, 4, 6)) >= 8
    assert claims("PREEMPTIVE", "Rif Dimashq", date(2018, 4, 7), date(2018, 12, 31)) == 0
    assert claims("RETROSPECTIVE", "Rif Dimashq", date(2018, 4, 8), date(2018, 5, 31)) >= 5
    assert claims("PREEMPTIVE", "Idlib", date(2018, 8, 20), date(2018, 9, 16)) >= 8
    assert not [r["id"] for r in rows if r["label"] == "PREEMPTIVE" and label_day(r) >= date(2018, 9, 17)]
    assert not [r["id"] for r in rows if r["label"] != "OTHER" and label_day(r) < date(2018, 2, 13)]
    assert any("8 сентября" in r["text"] for r in rows if r["label"] == "PREEMPTIVE")


def test_syndicated_statements_appear_in_three_languages_on_one_day() -> None:
    groups: dict[str, list[dict[str, str]]] = {}
    for row in labels():
        if row["statement"]:
            groups.setdefault(row["statement"], []).append(row)
    assert len(groups) >= 2
    for members in groups.values():
        assert {m["language"] for m in members} == {"en", "ru", "ar"}
        assert len({label_day(m) for m in members}) == 1
        assert len({(m["label"], m["governorate"]) for m in members}) == 1


def test_every_link_points_to_an_example_domain() -> None:
    namespaces = {"www.w3.org", "purl.org"}  # XML namespace names, never fetched
    hosts = set()
    for path in SAMPLE.rglob("*"):
        if path.is_file():
            hosts |= set(re.findall(r"https?://([^/\s\"'<>)\]]+)", path.read_text(encoding="utf-8")))
    assert hosts
    assert {h for h in hosts if h not in namespaces and not re.search(r"(^|\.)example\.(org|com)$", h)} == set()


def test_pages_carry_metadata_and_keep_scripts_outside_the_article() -> None:
    items = {item.file: item for item in page_items()}
    for path in sorted((SAMPLE / "pages").glob("*.html")):
        page = parse_page(path)
        assert page.title.startswith(page.heading) and page.meta["author"]
        assert datetime.fromisoformat(page.meta["article:published_time"]).tzinfo is not None
        assert {"nav", "footer", "script"} <= page.tags
        assert any(SCRIPT_SENTINEL in script for script in page.scripts)
        assert SCRIPT_SENTINEL not in items[f"pages/{path.name}"].text
    assert {page.lang for page in map(parse_page, (SAMPLE / "pages").glob("*.html"))} == {"en", "ar"}
    longest = max(items.values(), key=lambda item: len(item.text.split()))
    assert 230 <= len(longest.text.split()) <= 320
    assert "Jisr al-Shughur" in longest.text and "Eastern Ghouta" in longest.text


def test_telegram_export_has_the_desktop_shape() -> None:
    export = telegram_export()
    assert export["type"] == "public_channel" and export["name"] and isinstance(export["id"], int)
    kinds = Counter(m["type"] for m in export["messages"])
    assert kinds["service"] == 1
    assert [m for m in export["messages"] if "photo" in m and m["text"] == ""]
    assert any(isinstance(m["text"], list) for m in export["messages"])
    for message in export["messages"]:
        local = datetime.fromisoformat(message["date"]).replace(tzinfo=MOSCOW)
        assert int(message["date_unixtime"]) == int(local.timestamp())
        assert flatten(message["text"]) == "".join(e["text"] for e in message["text_entities"])
        if message["type"] == "message":
            assert message["from"] == export["name"] and message["from_id"] == f"channel{export['id']}"


def test_wire_lines_have_the_documented_fields() -> None:
    for record in wire_records():
        assert set(record) == {"id", "title", "text", "date", "outlet", "url", "language"}
        assert datetime.fromisoformat(record["date"]).tzinfo is not None


def test_incidents_name_the_investigating_body() -> None:
    with (SAMPLE / "incidents.csv").open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        assert reader.fieldnames == INCIDENT_COLUMNS
        rows = list(reader)
    places = {(r["incident_date"], r["place"], r["governorate"]) for r in rows}
    assert ("2018-04-07", "Douma", "Rif Dimashq") in places
    for row in rows:
        date.fromisoformat(row["incident_date"])
        assert -90 <= float(row["lat"]) <= 90 and -180 <= float(row["lon"]) <= 180
        assert "OPCW" in row["report"] and row["agent"] and row["finding"]


def test_incidents_use_the_shared_column_layout(shared_data: Path) -> None:
    with (shared_data / "incidents/confirmed.csv").open(encoding="utf-8", newline="") as handle:
        assert next(csv.reader(handle)) == INCIDENT_COLUMNS


def test_sample_is_not_copied_from_shared_data(shared_data: Path) -> None:
    with (shared_data / "euvsdisinfo/posts.csv").open(encoding="utf-8", newline="") as handle:
        real_titles = [row["title"].casefold().strip() for row in csv.DictReader(handle)]
    assert len(real_titles) > 1000
    real_blob = "\n".join(real_titles)
    sample_blob = "\n".join(row["text"].casefold() for row in labels())
    sample_titles = [row["text"].split("\n")[0].casefold().strip() for row in labels()]
    assert [t for t in sample_titles if len(t) >= 20 and t in real_blob] == []
    assert [t for t in real_titles if len(t) >= 25 and t in sample_blob] == []


def test_readme_says_it_is_illustrative_and_counts_match() -> None:
    readme = (SAMPLE / "README.md").read_text(encoding="utf-8")
    assert "ILLUSTRATIVE" in readme and "fiction" in readme
    shares = Counter(row["language"] for row in labels())
    kinds = Counter(row["label"] for row in labels())
    assert f"{sum(shares.values())} items in all: {shares['en']} English, {shares['ru']} Russian, " \
           f"{shares['ar']} Arabic" in readme  # fmt: skip
    assert f"{kinds['PREEMPTIVE']} PREEMPTIVE, {kinds['RETROSPECTIVE']} RETROSPECTIVE, {kinds['OTHER']} OTHER" in readme
