"""Each reader on small files written for the tests."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from forewarn.errors import SourceError
from forewarn.model import Document, Quarantined
from forewarn.settings import Settings
from forewarn.sources import ReadOptions, detect_format, read
from forewarn.sources.common import html_to_text, parse_date
from forewarn.sources.fakes import repair


def documents(records: list[Document | Quarantined]) -> list[Document]:
    return [r for r in records if isinstance(r, Document)]


def problems(records: list[Document | Quarantined]) -> list[Quarantined]:
    return [r for r in records if isinstance(r, Quarantined)]


def write(path: Path, content: str | bytes) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return str(path)


# -- dates and helpers ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2018-02-13", datetime(2018, 2, 13, tzinfo=UTC)),
        ("2018-02-13T10:30:00+03:00", datetime(2018, 2, 13, 7, 30, tzinfo=UTC)),
        ("2018-02-13T10:30:00Z", datetime(2018, 2, 13, 10, 30, tzinfo=UTC)),
        ("Tue, 13 Feb 2018 10:30:00 GMT", datetime(2018, 2, 13, 10, 30, tzinfo=UTC)),
        ("1518517800", datetime(2018, 2, 13, 10, 30, tzinfo=UTC)),
        ("13 февраля 2018", datetime(2018, 2, 13, tzinfo=UTC)),
    ],
)
def test_dates_parse_to_aware_utc(value: str, expected: datetime) -> None:
    parsed = parse_date(value)
    assert parsed is not None and parsed.tzinfo is not None
    assert parsed == expected and parsed.utcoffset() == expected.utcoffset()


def test_unparseable_date_is_none() -> None:
    assert parse_date("not a date at all") is None
    assert parse_date("") is None


def test_html_fragment_becomes_plain_text_without_scripts() -> None:
    text = html_to_text("<p>Militants <b>brought</b> chlorine.</p><script>alert(1)</script><p>Second&nbsp;para</p>")
    assert text == "Militants brought chlorine.\nSecond para"


# -- JSONL and JSON ------------------------------------------------------------------------------------------
def test_jsonl_maps_common_field_names(tmp_path: Path) -> None:
    lines = [
        {"id": "a1", "headline": "Chlorine delivered", "body": "Text one.", "published_at": "2018-02-13T09:00:00Z",
         "publisher": "TASS", "link": "https://tass.example/1", "lang": "en", "section": "world"},
        {"id": "a2", "title": "Second", "content": "Text two.", "date": "2018-02-14"},
    ]
    path = write(tmp_path / "news.jsonl", "\n".join(json.dumps(x) for x in lines) + "\n")
    docs = documents(list(read(path)))
    assert [d.source_ref for d in docs] == ["a1", "a2"]
    first = docs[0]
    assert (first.title, first.text, first.outlet, first.language) == ("Chlorine delivered", "Text one.", "TASS", "en")
    assert first.url == "https://tass.example/1"
    assert first.published_at == datetime(2018, 2, 13, 9, tzinfo=UTC)
    assert first.source == "jsonl:news.jsonl" and first.extra["section"] == "world"
    assert docs[1].title == "Second" and docs[1].text == "Text two."


def test_jsonl_explicit_columns_and_missing_ids(tmp_path: Path) -> None:
    path = write(tmp_path / "x.jsonl", '{"msg": "hello world", "when": "2019-05-01"}\n')
    options = ReadOptions(text_col="msg", date_col="when", source="mine")
    doc = documents(list(read(path, options=options)))[0]
    assert (doc.text, doc.source, doc.source_ref, doc.native_id) == ("hello world", "mine", "line:1", False)
    assert doc.published_at == datetime(2019, 5, 1, tzinfo=UTC)


def test_jsonl_truncated_last_line_is_quarantined(tmp_path: Path) -> None:
    path = write(tmp_path / "t.jsonl", '{"id": 1, "text": "good"}\n\n{"id": 2, "text": "also good"}\n{"id": 3, "te')
    records = list(read(path))
    assert [d.source_ref for d in documents(records)] == ["1", "2"]
    [bad] = problems(records)
    assert bad.position == "line:4" and "truncated" in bad.reason and bad.raw.startswith('{"id": 3')


def test_jsonl_non_objects_and_textless_records_are_quarantined(tmp_path: Path) -> None:
    path = write(tmp_path / "m.jsonl", '[1, 2]\n{"id": "x", "other": 1}\n{"id": "y", "text": "ok"}\n')
    records = list(read(path))
    assert [d.source_ref for d in documents(records)] == ["y"]
    reasons = [q.reason for q in problems(records)]
    assert "expected a JSON object" in reasons[0] and "no text" in reasons[1]


def test_jsonl_oversized_line_is_quarantined_not_loaded(tmp_path: Path) -> None:
    settings = Settings(max_record_chars=100)
    path = write(tmp_path / "big.jsonl", '{"text": "' + "x" * 5000 + '"}\n{"id": "s", "text": "small"}\n')
    records = list(read(path, options=ReadOptions(settings=settings)))
    assert [d.source_ref for d in documents(records)] == ["s"]
    assert "longer than" in problems(records)[0].reason


def test_json_array(tmp_path: Path) -> None:
    path = write(tmp_path / "items.json", json.dumps({"items": [{"id": "1", "text": "a"}, "junk"]}))
    records = list(read(path))
    assert detect_format(Path(path)) == "json"
    assert documents(records)[0].source == "json:items.json" and len(problems(records)) == 1


# -- CSV -----------------------------------------------------------------------------------------------------
def test_csv_auto_columns_and_semicolons(tmp_path: Path) -> None:
    content = "Headline;Article_Content;Published;Outlet\nT1;Body one;2018-09-01;RT\nT2;Body two;;SANA\n"
    path = write(tmp_path / "a.csv", content)
    docs = documents(list(read(path)))
    assert [(d.title, d.text, d.outlet) for d in docs] == [("T1", "Body one", "RT"), ("T2", "Body two", "SANA")]
    assert docs[0].published_at == datetime(2018, 9, 1, tzinfo=UTC) and docs[1].published_at is None
    assert docs[0].source_ref == "row:1" and not docs[0].native_id


def test_csv_column_options_and_multiline_fields(tmp_path: Path) -> None:
    path = write(tmp_path / "b.csv", 'key,words,day\nk1,"line one\nline two",13/02/2018\n')
    options = ReadOptions(text_col="words", id_col="key", date_col="day")
    [doc] = documents(list(read(path, options=options)))
    assert doc.text == "line one\nline two" and doc.source_ref == "k1" and doc.native_id
    assert doc.published_at is not None and doc.published_at.date().isoformat() == "2018-02-13"


def test_latin1_csv_is_decoded(tmp_path: Path) -> None:
    content = "title,text\nCafé,Le régime a démenti l'attaque à Douma\n".encode("latin-1")
    path = write(tmp_path / "latin.csv", content)
    [doc] = documents(list(read(path)))
    assert doc.title == "Café" and "régime" in doc.text


def test_utf16_tab_separated_export_is_read(tmp_path: Path) -> None:
    content = "title\ttext\nДума\tБоевики готовят провокацию\n".encode("utf-16")  # with a BOM, as Excel writes
    path = write(tmp_path / "excel.csv", content)
    [doc] = documents(list(read(path)))
    assert (doc.title, doc.text) == ("Дума", "Боевики готовят провокацию")
    text_file = write(tmp_path / "note.txt", "Заголовок\nТекст".encode("utf-16"))
    assert documents(list(read(text_file)))[0].title == "Заголовок"


def test_forced_wrong_encoding_reports_undecodable_lines(tmp_path: Path) -> None:
    path = write(tmp_path / "l.csv", "title,text\nok,fine\nbad,caf\xe9\n".encode("latin-1"))
    records = list(read(path, options=ReadOptions(encoding="utf-8")))
    assert [d.title for d in documents(records)] == ["ok"]
    assert "cannot decode as utf-8" in problems(records)[0].reason


def test_csv_row_with_too_many_fields_is_quarantined(tmp_path: Path) -> None:
    path = write(tmp_path / "c.csv", "title,text\nA,B\nC,D,E\n")
    records = list(read(path))
    assert len(documents(records)) == 1 and "fields" in problems(records)[0].reason


# -- plain text ----------------------------------------------------------------------------------------------
def test_text_directory_first_line_is_title(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    write(folder / "one.txt", "\n\nMilitants prepare provocation\n\nThe ministry said...\nMore.\n")
    write(folder / "two.md", "# Markdown heading\nDate: 2018-09-01\nSource: RIA\n\nBody text.\n")
    write(folder / ".hidden.txt", "skip me")
    docs = documents(list(read(str(folder))))
    assert [d.source_ref for d in docs] == ["one.txt", "two.md"]
    assert docs[0].title == "Militants prepare provocation" and docs[0].text == "The ministry said...\nMore."
    assert docs[1].title == "Markdown heading" and docs[1].outlet == "RIA" and docs[1].text == "Body text."
    assert docs[1].published_at == datetime(2018, 9, 1, tzinfo=UTC)
    assert {d.source for d in docs} == {"text:articles"}


def test_empty_text_file_is_quarantined(tmp_path: Path) -> None:
    path = write(tmp_path / "e.txt", "\n  \n")
    assert "empty" in problems(list(read(path)))[0].reason


# -- feeds ---------------------------------------------------------------------------------------------------
RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Example Agency</title><link>https://agency.example/</link>
<language>ru-RU</language>
<item><guid>urn:1</guid><title>Боевики готовят провокацию</title><link>https://agency.example/1</link>
<description>&lt;p&gt;Центр по примирению &lt;b&gt;заявил&lt;/b&gt;&lt;/p&gt;
&lt;script&gt;x()&lt;/script&gt;</description>
<pubDate>Tue, 13 Feb 2018 10:30:00 +0300</pubDate><author>desk@agency.example</author></item>
<item><title>No date, no guid</title><link>https://agency.example/2</link><description>Plain.</description></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Outlet</title><link href="https://atom.example/"/>
<id>urn:feed</id><updated>2018-08-26T00:00:00Z</updated>
<entry><id>urn:a1</id><title type="html">White Helmets &lt;i&gt;stage&lt;/i&gt; attack</title>
<updated>2018-08-26T12:00:00Z</updated><content type="html">&lt;p&gt;Full content here.&lt;/p&gt;</content>
<summary>Short</summary></entry></feed>"""


def test_rss_entries_with_html_and_dates(tmp_path: Path) -> None:
    path = write(tmp_path / "feed.rss", RSS)
    docs = documents(list(read(path)))
    first, second = docs
    assert first.source == "feed:https://agency.example/" and first.source_ref == "urn:1"
    assert first.title == "Боевики готовят провокацию" and first.text == "Центр по примирению заявил"
    assert first.published_at == datetime(2018, 2, 13, 7, 30, tzinfo=UTC)
    assert first.language == "ru" and first.outlet == "Example Agency"
    assert second.source_ref == "https://agency.example/2" and second.published_at is None


def test_atom_prefers_full_content(tmp_path: Path) -> None:
    path = write(tmp_path / "atom.xml", ATOM)
    [doc] = documents(list(read(path)))
    assert doc.title == "White Helmets stage attack" and doc.text == "Full content here."
    assert doc.published_at == datetime(2018, 8, 26, 12, tzinfo=UTC)


def test_yandex_full_text_is_preferred_to_the_short_description(tmp_path: Path) -> None:
    feed = RSS.replace('<rss version="2.0">', '<rss version="2.0" xmlns:yandex="http://news.yandex.ru">').replace(
        "<description>Plain.</description>", "<description>Plain.</description><yandex:full-text>The full "
        "article text.</yandex:full-text>"
    )
    docs = documents(list(read(write(tmp_path / "ria.rss", feed))))
    assert docs[1].text == "The full article text."


def test_malformed_rss_keeps_recovered_entries(tmp_path: Path) -> None:
    broken = RSS.replace("</channel></rss>", "<item><title>Third & broken</title><description>x</description>")
    records = list(read(write(tmp_path / "broken.rss", broken)))
    assert len(documents(records)) >= 2
    assert "malformed feed" in problems(records)[0].reason


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<rss version="2.0"><channel><title>&lol3;</title><item><title>&lol3;</title></item></channel></rss>"""


def test_billion_laughs_feed_is_refused(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="billion laughs"):
        list(read(write(tmp_path / "lol.xml", BILLION_LAUGHS)))


# -- HTML ----------------------------------------------------------------------------------------------------
PAGE = """<!doctype html><html><head><title>Page title | Site</title>
<link rel="canonical" href="https://news.example/2018/09/chlorine"/>
<meta property="article:published_time" content="2018-09-01T08:00:00Z"/>
<meta name="author" content="Ivan Petrov"/>
<script>document.write('<p>injected</p>'); alert('x')</script><style>p{color:red}</style></head>
<body><nav>Home | About</nav><article><h1>Militants bring chlorine to Jisr al-Shughur</h1>
<p>The Russian defence ministry said on Saturday that militants had delivered eight canisters of chlorine
to the town of Jisr al-Shughur in Idlib province, where a staged attack was being prepared.</p>
<p onclick="steal()">A group of foreign specialists had arrived to film the provocation, the ministry said.</p>
<img src="x" onerror="alert(1)"/></article></body></html>"""


def test_html_page_text_title_date_canonical(tmp_path: Path) -> None:
    [doc] = documents(list(read(write(tmp_path / "page.html", PAGE))))
    assert doc.source_ref == "https://news.example/2018/09/chlorine" and doc.source == "html:news.example"
    assert doc.title == "Militants bring chlorine to Jisr al-Shughur"
    assert "eight canisters of chlorine" in doc.text and "foreign specialists" in doc.text
    for hostile in ("alert", "<script", "injected", "onclick", "color:red", "<"):
        assert hostile not in doc.text
    assert doc.published_at is not None and doc.published_at.date().isoformat() == "2018-09-01"


def test_html_without_text_is_quarantined(tmp_path: Path) -> None:
    records = list(read(write(tmp_path / "empty.html", "<html><body><script>x()</script></body></html>")))
    assert "no article text" in problems(records)[0].reason


# -- Telegram ------------------------------------------------------------------------------------------------
TELEGRAM = {
    "name": "Минобороны",
    "type": "public_channel",
    "id": 1234567,
    "messages": [
        {"id": 1, "type": "service", "date": "2018-09-01T10:00:00", "action": "create_channel", "text": ""},
        {"id": 2, "type": "message", "date": "2018-09-01T13:00:00", "date_unixtime": "1535796000",
         "text": ["Боевики ", {"type": "bold", "text": "готовят"}, " провокацию ",
                  {"type": "text_link", "text": "подробнее", "href": "https://mil.example/1"}]},
        {"id": 3, "type": "message", "date": "2018-09-02T09:00:00", "forwarded_from": "ТАСС",
         "text": "Переслано из ТАСС"},
        {"id": 4, "type": "message", "date": "2018-09-02T09:00:00", "photo": "photos/1.jpg", "text": ""},
    ],
}


def test_telegram_export(tmp_path: Path) -> None:
    path = write(tmp_path / "export" / "result.json", json.dumps(TELEGRAM, ensure_ascii=False))
    assert detect_format(Path(path)) == "telegram"
    docs = documents(list(read(path)))
    assert [d.source_ref for d in docs] == ["2", "3"]
    first = docs[0]
    assert first.text == "Боевики готовят провокацию подробнее (https://mil.example/1)"
    assert first.source == "telegram:1234567" and first.outlet == "Минобороны"
    assert first.published_at == datetime(2018, 9, 1, 10, tzinfo=UTC)
    assert docs[1].extra["forwarded_from"] == "ТАСС"


def test_telegram_full_export_with_chat_list(tmp_path: Path) -> None:
    path = write(tmp_path / "result.json", json.dumps({"about": "x", "chats": {"list": [TELEGRAM]}}))
    assert len(documents(list(read(path, fmt="telegram")))) == 2


# -- EUvsDisinfo and FA-KES ----------------------------------------------------------------------------------
POSTS = (
    "date,id,title,countries,keywords,languages,outlets\n"
    "2018-02-13,https://euvsdisinfo.eu/report/a/,White Helmets prepare new chemical attack,Syria,"
    "chemical weapons+White helmets,Russian+Arabic,SANA+RIA Novosti\n"
)
FULL_HEADER = (
    '"issue";"date";"outlet";"language";"origin";"reported by";"keywords";"source";"title";"summary";"disproof"'
)
FULL_ROW = '"100";"13.02.2018";"{0}";"Russian";"Syria";"X";"Syria";"{1}";"Case title";"The summary.";"The disproof."'
FULL = "\n".join(
    [
        FULL_HEADER,
        FULL_ROW.format("RT", "https://rt.example/1"),
        FULL_ROW.format("Sputnik", "https://sp.example/1"),
        FULL_ROW.format("RT", "https://rt.example/1"),
    ]
) + "\n"


def test_euvsdisinfo_posts(tmp_path: Path) -> None:
    path = write(tmp_path / "p.csv", POSTS)
    assert detect_format(Path(path)) == "euvsdisinfo-posts"
    [doc] = documents(list(read(path)))
    assert doc.source == "euvsdisinfo" and doc.source_ref == "https://euvsdisinfo.eu/report/a/"
    assert doc.title == doc.text == "White Helmets prepare new chemical attack"
    assert doc.outlet == "SANA" and doc.extra["outlets"] == "SANA+RIA Novosti" and doc.language == "en"
    assert doc.published_at == datetime(2018, 2, 13, tzinfo=UTC)


def test_euvsdisinfo_full_dataset_one_document_per_case_and_outlet(tmp_path: Path) -> None:
    path = write(tmp_path / "f.csv", FULL)
    assert detect_format(Path(path)) == "euvsdisinfo-full"
    docs = documents(list(read(path)))
    assert len({d.id for d in docs}) == 2  # the third row repeats the first exactly
    assert {d.outlet for d in docs} == {"RT", "Sputnik"} and len({d.extra["case"] for d in docs}) == 1
    assert docs[0].title == "Case title" and docs[0].text == "The summary."
    assert "disproof" not in docs[0].text.lower() and docs[0].extra["disproof"] == "The disproof."
    assert docs[0].published_at == datetime(2018, 2, 13, tzinfo=UTC) and docs[0].url == "https://rt.example/1"


FAKES = (
    b"unit_id,article_title,article_content,source,date,location,actor,cause_of_death,nb_children,"
    b"nb_civilians,nb_noncivilians,nb_women,label\r\n"
    b"1,Outrage as Syria \x95_chemical attack\x95_ kills dozens,"
    b"Syria\x95_s Idlib \x95_ monitor. Copyright \x95\x81 2018,"
    b"reuters,4/5/17,idlib,regime,chemical,1,2,0,1,1\r\n"
    b"2,Other,Body,sana,11/18/16,damascus,unknown,shelling,0,1,0,0,0\r\n"
    b"2,Other,Body,sana,11/18/16,aleppo,unknown,shelling,0,1,0,0,0\r\n"
)


def test_fakes_event_dates_repaired_text_and_merged_units(tmp_path: Path) -> None:
    path = write(tmp_path / "fakes.csv", FAKES)
    assert detect_format(Path(path)) == "fakes"
    docs = documents(list(read(path)))
    assert [d.source_ref for d in docs] == ["1", "2"]
    first = docs[0]
    assert first.title == 'Outrage as Syria "chemical attack" kills dozens'
    assert first.text == "Syria's Idlib - monitor. Copyright © 2018"
    assert first.date_kind == "event" and first.published_at == datetime(2017, 4, 5, tzinfo=UTC)
    assert first.outlet == "reuters" and first.extra["label"] == "1"
    assert docs[1].extra["location"] == "damascus+aleppo"


def test_fakes_repair_leaves_clean_text_alone() -> None:
    assert repair("Plain text, nothing odd.") == "Plain text, nothing odd."


# -- detection and whole-source errors -----------------------------------------------------------------------
def test_random_bytes_with_unknown_extension_are_refused(tmp_path: Path) -> None:
    path = write(tmp_path / "blob.bin", bytes(range(256)) * 100)
    with pytest.raises(SourceError, match="binary"):
        list(read(path))


def test_unknown_format_and_missing_file() -> None:
    with pytest.raises(SourceError, match="unknown format"):
        list(read(__file__, fmt="nope"))
    with pytest.raises(SourceError, match="no such file"):
        list(read("/nonexistent/file.jsonl"))
