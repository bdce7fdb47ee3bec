"""Per-narrative signals, warnings, backtests and charts; poisoning denials kept out of the attack narrative."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path

from typer.testing import CliRunner

from forewarn.backtest import run_backtest
from forewarn.cli import app
from forewarn.cli import commands as _commands  # noqa: F401  (registers the commands)
from forewarn.model import Claim
from forewarn.places import Gazetteer
from forewarn.settings import Settings
from forewarn.signal_table import read_signals, update_signals
from forewarn.signals import ALL_PLACES, NarrativeScope, compute_signals, load_scopes
from forewarn.store import Store
from forewarn.warning import SurgeRule, refresh_warnings, warnings_from_claims

from .synthetic import claim, gazetteer, place_id
from .test_backtest import INCIDENTS


def radiological(day: str, *places: str, statement: str) -> Claim:
    return replace(claim(day, *places, statement=statement, text=f"dirty bomb provocation {statement}"),
                   narrative="radiological")  # fmt: skip


def abroad(found: Claim, name: str) -> Claim:
    """The claim naming a place outside Syria."""
    place = gazetteer().resolve(name, country="")
    assert place is not None, name
    return replace(found, places=(gazetteer().ref(place.id),))


def mixed() -> list[Claim]:
    return [
        claim("2018-03-13", "Douma", statement="c1"),
        claim("2018-03-15", "Douma", statement="c2"),
        radiological("2018-03-14", "Douma", statement="r1"),
        radiological("2018-03-15", "Douma", statement="r2"),
        radiological("2018-03-16", "Douma", statement="r3"),
    ]


def test_signals_and_warnings_are_kept_per_narrative() -> None:
    douma = place_id("Douma")
    signals = {(s.place_id, s.day, s.narrative): s for s in compute_signals(mixed(), gazetteer())}
    assert signals[(douma, date(2018, 3, 15), "chemical")].preemptive == 1
    assert signals[(douma, date(2018, 3, 15), "radiological")].preemptive == 1
    records = warnings_from_claims(mixed(), gazetteer(), SurgeRule())
    by_narrative = {r.warning.narrative: r.warning for r in records}
    assert set(by_narrative) == {"chemical", "radiological"}
    opened = (by_narrative["chemical"].opened_at, by_narrative["radiological"].opened_at)
    assert opened == (date(2018, 3, 15), date(2018, 3, 15))
    assert by_narrative["chemical"].id != by_narrative["radiological"].id  # same place and day, two warnings
    chemical_ids = {c.id for c in mixed() if c.narrative == "chemical"}
    assert set(by_narrative["chemical"].claim_ids) == chemical_ids


def test_poisoning_denials_stay_out_of_the_chemical_attack_narrative() -> None:
    assert load_scopes()["chemical"] == NarrativeScope(("SY", "UA"), False)
    denials = [
        abroad(claim("2018-03-20", kind="RETROSPECTIVE", statement="p1"), "Salisbury"),  # the Skripal case
        claim("2018-03-21", kind="RETROSPECTIVE", statement="p2"),  # a denial naming no place
        claim("2018-04-10", "Douma", kind="RETROSPECTIVE", statement="d1"),
        claim("2018-02-13", kind="PREEMPTIVE", statement="x1"),  # "a provocation is being prepared": kept
    ]
    rule = SurgeRule()
    signals = compute_signals(denials, gazetteer(), rule.weights, scopes=rule.scopes)
    whole = {s.day: s for s in signals if s.place_id == ALL_PLACES}
    assert set(whole) == {date(2018, 4, 10), date(2018, 2, 13)}
    assert not any(s.place_id in ("forewarn:salisbury", "GB") for s in signals)
    assert len(compute_signals(denials, gazetteer())) > len(signals)  # without scopes everything counts


def test_a_place_outside_the_theatres_never_counts_even_beside_one_inside(store: Store) -> None:
    russia = gazetteer().resolve("Russia", country="")
    assert russia is not None
    # "Russia's defence ministry said militants in Douma prepare a provocation": Russia speaks, Douma is the place
    douma = [claim("2018-03-13", "Douma", statement="b1"), claim("2018-03-15", "Douma", statement="b2")]
    both = [replace(c, places=(*c.places, gazetteer().ref(russia.id))) for c in douma]
    rule = SurgeRule()
    signals = compute_signals(both, gazetteer(), rule.weights, scopes=rule.scopes)
    assert place_id("Douma") in {s.place_id for s in signals}
    assert russia.id not in {s.place_id for s in signals}
    assert {r.warning.place_id for r in warnings_from_claims(both, gazetteer(), rule)} == {place_id("Douma")}
    store.replace_claims({c.document_id for c in both}, both, "test")
    update_signals(store, gazetteer(), rule.weights, rule.scopes)
    assert read_signals(store) == signals  # the incremental table counts the same places
    assert [len(c.places) for c in store.iter_claims()] == [2, 2]  # the claims themselves keep every place


def test_the_signals_table_keeps_narratives_apart_and_updates_incrementally(store: Store) -> None:
    claims = mixed()
    store.replace_claims({c.document_id for c in claims}, claims, "test")
    rule = SurgeRule()
    update_signals(store, gazetteer(), rule.weights, rule.scopes)
    assert read_signals(store) == compute_signals(claims, gazetteer(), rule.weights, scopes=rule.scopes)
    later = radiological("2018-03-17", "Douma", statement="r4")
    store.replace_claims([later.document_id], [later], "test")
    update_signals(store, gazetteer(), rule.weights, rule.scopes)
    assert read_signals(store) == compute_signals([*claims, later], gazetteer(), rule.weights, scopes=rule.scopes)
    assert {s.narrative for s in read_signals(store, narrative="radiological")} == {"radiological"}


def test_backtest_cli_and_report_take_a_narrative(tmp_path: Path) -> None:
    chemical = run_backtest(mixed(), INCIDENTS, gazetteer(), SurgeRule()).to_json()
    radiation = run_backtest(mixed(), INCIDENTS, gazetteer(), SurgeRule(), narrative="radiological").to_json()
    assert (chemical["parameters"]["narrative"], radiation["parameters"]["narrative"]) == ("chemical", "radiological")
    assert chemical["data"]["claims"] == 2 and radiation["data"]["claims"] == 3
    db = str(tmp_path / "narratives.db")
    with Store(f"sqlite:///{db}") as store:
        claims = mixed()
        store.replace_claims({c.document_id for c in claims}, claims, "test")
        store.add_incidents(INCIDENTS)
        refresh_warnings(store, Gazetteer.default(), Settings())
    runner = CliRunner()
    listed = json.loads(runner.invoke(app, ["warnings", "--narrative", "radiological", "--json", "--db", db]).stdout)
    assert [w["narrative"] for w in listed] == ["radiological"]
    result = runner.invoke(app, ["backtest", "--narrative", "radiological", "--json", "--db", db])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["data"]["claims"] == 3
    placebo = runner.invoke(app, ["warnings", "calibrate", "--narrative", "radiological", "--permutations", "2",
                                  "--json", "--db", db])  # fmt: skip
    assert json.loads(placebo.stdout)["narrative"] == "radiological"
