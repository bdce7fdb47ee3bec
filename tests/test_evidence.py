"""A warning's evidence: each distinct statement once, with a link and its relays; context only from inside."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from typer.testing import CliRunner

from forewarn.backtest import run_backtest
from forewarn.cli import app
from forewarn.cli import commands as _commands  # noqa: F401  (registers the commands)
from forewarn.evidence import load_warning_evidence, statements_of, warning_evidence
from forewarn.model import Claim, Document
from forewarn.report import write_report
from forewarn.settings import Settings
from forewarn.store import Store
from forewarn.warning import SurgeRule, refresh_warnings, warnings_from_claims

from .synthetic import claim, gazetteer, place_id
from .test_backtest import INCIDENTS


def copy(day: str, *places: str, outlet: str, language: str = "en", url: str = "", **kw: object) -> tuple[
    Document, Claim
]:
    """A document and its claim, so the claim's document carries a link."""
    found = claim(day, *places, outlet=outlet, **kw)  # type: ignore[arg-type]
    when = datetime.fromisoformat(day).replace(hour=9, tzinfo=UTC)
    doc = Document(source="test", source_ref=f"{outlet}-{day}-{found.statement_id}", text=found.evidence.sentence,
                   outlet=outlet, url=url, published_at=when, language=language)  # fmt: skip
    return doc, replace(found, document_id=doc.id, language=language)


ONE = "The ministry said militants in Idlib were preparing to stage a chemical attack and blame the army."


def idlib_story() -> list[tuple[Document, Claim]]:
    """Three statements about Idlib in a week, one relayed in three outlets and two languages; denials of an
    attack at Khan Shaykhun (inside Idlib) and of one that names Damascus first and Idlib second."""
    return [
        copy("2018-09-01", "Idlib", outlet="TASS", url="https://tass.example/1", statement="s1", text=ONE),
        copy("2018-09-02", "Idlib", outlet="RT Arabic", language="ar", url="https://rt.example/ar/1", statement="s1",
             text="يحضر المسلحون لاستفزاز كيميائي في إدلب"),
        copy("2018-09-02", "Idlib", outlet="Blog", url="javascript:alert(1)", statement="s1", claimant="",
             stance="reported", text="A blog repeats that militants in Idlib prepare a staged chemical attack."),
        copy("2018-09-02", "Idlib", outlet="Sputnik", url="https://sputnik.example/2", statement="s2",
             text="Militants have brought chlorine cylinders into Idlib to film a fake attack, the ministry said."),
        copy("2018-09-03", "Idlib", outlet="SANA", url="https://sana.example/3", statement="s3",
             text="Terrorists in Idlib are preparing a chemical provocation to blame the army, the ministry said."),
        copy("2018-08-20", "Khan Shaykhun", kind="RETROSPECTIVE", outlet="TASS", statement="r1"),
        copy("2018-08-21", "Khan Shaykhun", kind="RETROSPECTIVE", outlet="RT", statement="r2"),
        copy("2018-08-22", "Damascus", "Idlib", kind="RETROSPECTIVE", outlet="RT", statement="r3"),
    ]


def test_copies_of_a_statement_fold_into_one_with_every_relay() -> None:
    pairs = idlib_story()
    links = {doc.id: doc.url for doc, _ in pairs}
    statements = statements_of([c for _, c in pairs if c.kind == "PREEMPTIVE"], links)
    assert [s.statement_id for s in statements] == ["s1", "s2", "s3"]
    first = statements[0]
    assert first.outlets == ("TASS", "Blog", "RT Arabic") and first.languages == ("en", "ar")
    assert first.url == "https://tass.example/1"  # the official, asserted copy's link
    assert first.claimant == "Russian Ministry of Defence" and first.stance == "asserted"
    assert first.made_on == date(2018, 9, 1) and first.places == ("Idlib Governorate",)
    assert [r.published_on for r in first.relays] == [date(2018, 9, 1), date(2018, 9, 2), date(2018, 9, 2)]


def test_two_sentences_of_one_document_are_one_relay() -> None:
    pairs = idlib_story()
    tass = next(c for _, c in pairs if c.statement_id == "s1" and c.outlet == "TASS")
    second = replace(tass, evidence=replace(tass.evidence, start=tass.evidence.end + 1, sentence="It added more."))
    claims = [c for _, c in pairs if c.kind == "PREEMPTIVE"] + [second]
    first = statements_of(claims)[0]
    assert [r.outlet for r in first.relays] == ["TASS", "Blog", "RT Arabic"]  # TASS once, not once per sentence
    assert first.sentence.endswith("It added more.")  # both sentences of the strongest copy are shown
    unlinked = replace(second, statement_id="s9")  # the linker did not join it: the same briefing all the same
    again = statements_of([c for _, c in pairs if c.kind == "PREEMPTIVE"] + [unlinked])
    assert [s.statement_id for s in again] == ["s1", "s2", "s3"]
    other = replace(unlinked, claimant="local residents")  # another claimant in the same article stays apart
    assert len(statements_of([c for _, c in pairs if c.kind == "PREEMPTIVE"] + [other])) == 4


def test_context_comes_only_from_inside_the_warned_place_and_each_place_once() -> None:
    claims = [c for _, c in idlib_story()]
    (record,) = warnings_from_claims(claims, gazetteer(), SurgeRule())
    assert record.warning.place_id == "SY-ID"
    context = record.warning.context
    assert not any("Damascus" in line for line in context)
    assert [line.split(" was alleged")[0] for line in context] == [
        "an attack at Idlib Governorate", "an attack at Khan Shaykhun"]  # fmt: skip
    assert "2 statements that it was staged, 2018-08-20 to 2018-08-21" in context[1]
    evidence = warning_evidence(record.warning, claims)
    assert len(evidence.statements) == 3 and evidence.context == context


def test_warnings_show_and_the_report_list_each_statement_once_with_a_link(tmp_path: Path) -> None:
    pairs = idlib_story()
    db = tmp_path / "evidence.db"
    with Store(f"sqlite:///{db}") as store:
        store.add_documents([doc for doc, _ in pairs])
        claims = [c for _, c in pairs]
        store.replace_claims({c.document_id for c in claims}, claims, "test")
        (record,) = refresh_warnings(store, gazetteer(), Settings())
        loaded = load_warning_evidence(store, record.warning.id)
    assert [s.url for s in loaded.statements] == ["https://tass.example/1", "https://sputnik.example/2",
                                                  "https://sana.example/3"]  # fmt: skip
    runner = CliRunner()
    shown = runner.invoke(app, ["warnings", "show", record.warning.id, "--db", str(db)], env={"COLUMNS": "400"})
    assert shown.exit_code == 0, shown.output
    text = shown.stdout
    assert "distinct statements behind the warning" in text and "Damascus" not in text
    for statement, link in (("s1", "https://tass.example/1"), ("s2", "https://sputnik.example/2"),
                            ("s3", "https://sana.example/3")):  # fmt: skip
        sentence = next(c.evidence.sentence for _, c in pairs if c.statement_id == statement)
        assert text.count(sentence) == 1, statement  # each distinct statement once, its copies folded
        assert f"{sentence} {link}" in " ".join(text.split()), statement  # with its link
    assert "TASS, Blog, RT Arabic [en, ar]" in text  # the outlets and languages that relayed s1
    as_json = json.loads(runner.invoke(app, ["warnings", "show", record.warning.id, "--json", "--db", str(db)]).stdout)
    assert [s["copies"] for s in as_json["statements"]] == [3, 1, 1]
    assert as_json["statements"][0]["url"] == "https://tass.example/1"

    links = {doc.id: doc.url for doc, _ in pairs}
    result = run_backtest([c for _, c in pairs], INCIDENTS, gazetteer(), SurgeRule(), links=links)
    html = write_report(result, tmp_path / "report").read_text(encoding="utf-8")
    for statement in ("s1", "s2", "s3"):
        sentence = next(c.evidence.sentence for _, c in pairs if c.statement_id == statement)
        assert html.count(f"“{sentence}”") == 1
    assert html.count('href="https://tass.example/1"') == 2  # the statement's source, and TASS as a relay
    assert "javascript:" not in html and "Damascus" not in html


def test_a_place_named_only_inside_a_claim_about_another_is_not_context_for_it() -> None:
    claims = [
        claim("2018-03-13", "Douma", statement="a"),
        claim("2018-03-15", "Douma", statement="b"),
        claim("2018-02-01", "Jobar", kind="RETROSPECTIVE", statement="r"),  # Damascus city, not Douma
    ]
    (record,) = warnings_from_claims(claims, gazetteer(), SurgeRule())
    assert record.warning.place_id == place_id("Douma") and record.warning.context == ()


def test_on_the_sample_a_warning_opens_for_eastern_ghouta_before_douma_with_each_statement_once(
    sample_db: Path,
) -> None:
    with Store(f"sqlite:///{sample_db}") as store:
        warnings = list(store.iter_warnings())
        ghouta = [w for w in warnings if w.place_id in ("forewarn:eastern-ghouta", place_id("Douma"))
                  and w.opened_at <= date(2018, 4, 7) - timedelta(days=30)]  # fmt: skip
        assert ghouta, [(w.place_name, w.opened_at) for w in warnings]
        evidence = load_warning_evidence(store, ghouta[0].id)
    ids = [s.statement_id for s in evidence.statements]
    assert len(ids) == len(set(ids)) >= 2
    assert all(s.sentence for s in evidence.statements)
    assert sum(1 for s in evidence.statements if s.claimant) > len(evidence.statements) // 2  # an outlet alone: none
    assert sum(1 for s in evidence.statements if s.url) >= len(evidence.statements) // 2
    assert all(s.url or not any(r.url for r in s.relays) for s in evidence.statements)  # a link wherever one exists
    documents = [(r.document_id, s.claimant) for s in evidence.statements for r in s.relays]
    assert len(documents) == len(set(documents))  # one claimant's sentences in one document: one statement
