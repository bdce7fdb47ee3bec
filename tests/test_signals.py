from __future__ import annotations

from datetime import date

from forewarn import schema
from forewarn.signal_table import read_signals, update_signals
from forewarn.signals import ALL_PLACES, Signal, Weights, compute_signals
from forewarn.store import Store

from .synthetic import MOD, claim, gazetteer, place_id


def by_key(signals: list[Signal]) -> dict[tuple[str, date], Signal]:
    return {(s.place_id, s.day): s for s in signals}


def test_a_town_claim_rolls_up_to_district_region_governorate_country_and_all() -> None:
    douma = place_id("Douma")
    signals = by_key(compute_signals([claim("2018-03-13", "Douma")], gazetteer()))
    places = {p for p, _ in signals}
    assert {douma, "forewarn:eastern-ghouta", "SY-RD", "SY", ALL_PLACES} <= places
    town = signals[(douma, date(2018, 3, 13))]
    governorate = signals[("SY-RD", date(2018, 3, 13))]
    assert (town.level, town.preemptive, town.direct_preemptive) == ("town", 1, 1)
    assert (governorate.level, governorate.preemptive, governorate.direct_preemptive) == ("governorate", 1, 0)


def test_syndicated_copies_count_once_and_keep_every_outlet() -> None:
    copies = [claim("2018-03-13", "Douma", outlet=o, statement="s1") for o in ("TASS", "RT", "Sputnik")]
    other = claim("2018-03-13", "Douma", outlet="RIA", statement="s2", claimant="local residents")
    signal = by_key(compute_signals([*copies, other], gazetteer()))[(place_id("Douma"), date(2018, 3, 13))]
    assert signal.preemptive == 2
    assert signal.outlets == ("RIA", "RT", "Sputnik", "TASS")
    assert signal.documents == 4
    assert signal.claimants == ("Russian Ministry of Defence", "local residents")
    assert signal.preemptive_weight == 1.0 + 0.5


def test_a_statement_counts_on_its_first_day_and_later_official_copies_only_add_the_difference() -> None:
    relay = claim("2018-03-13", "Douma", claimant="", statement="s1", outlet="Blog")
    official = claim("2018-03-15", "Douma", claimant=MOD, statement="s1", outlet="TASS")
    signals = by_key(compute_signals([official, relay], gazetteer()))
    douma = place_id("Douma")
    first, later = signals[(douma, date(2018, 3, 13))], signals[(douma, date(2018, 3, 15))]
    assert (first.preemptive, first.preemptive_weight) == (1, 0.5)
    assert (later.preemptive, later.preemptive_weight) == (0, 0.5)
    assert later.outlets == ("TASS",)


def test_weights_put_officials_above_relays_and_discount_reported_claims() -> None:
    weights = Weights()
    assert weights.of(claim("2018-01-01", "Douma")) == 1.0
    assert weights.of(claim("2018-01-01", "Douma", claimant="")) == 0.5
    assert weights.of(claim("2018-01-01", "Douma", stance="reported")) == 0.5
    assert weights.of(claim("2018-01-01", "Douma", claimant="local residents", stance="reported")) == 0.25


def test_retrospective_claims_and_event_dated_claims_are_counted_apart() -> None:
    claims = [
        claim("2018-04-10", "Douma", kind="RETROSPECTIVE"),
        claim("2018-04-10", "Douma", statement="x", date_kind="event"),
    ]
    signal = by_key(compute_signals(claims, gazetteer()))[(place_id("Douma"), date(2018, 4, 10))]
    assert (signal.preemptive, signal.retrospective, signal.event_dated) == (1, 1, 1)


def test_a_claim_without_place_counts_only_for_the_whole_narrative() -> None:
    signals = compute_signals([claim("2018-04-10")], gazetteer())
    assert [(s.place_id, s.preemptive) for s in signals] == [(ALL_PLACES, 1)]


def test_signals_table_round_trips_and_updates_only_touched_rows(store: Store) -> None:
    first = [claim("2018-03-13", "Douma", statement="a"), claim("2018-09-01", "Jisr al-Shughur", statement="b")]
    store.replace_claims({c.document_id for c in first}, first, "test")
    written = update_signals(store, gazetteer())
    assert written == len(compute_signals(first, gazetteer()))
    assert update_signals(store, gazetteer()) == 0  # nothing new, nothing rewritten

    later = claim("2018-09-02", "Jisr al-Shughur", statement="c")
    store.replace_claims([later.document_id], [later], "test")
    rewritten = update_signals(store, gazetteer())
    assert rewritten == len({(s.place_id, s.day) for s in compute_signals([later], gazetteer())})

    everything = [*first, later]
    assert read_signals(store) == compute_signals(everything, gazetteer())


def test_relinking_a_copy_to_an_earlier_statement_recomputes_its_days(store: Store) -> None:
    a = claim("2018-03-13", "Douma", statement="a", outlet="TASS")
    b = claim("2018-03-14", "Douma", statement="b", outlet="RT")
    store.replace_claims([a.document_id, b.document_id], [a, b], "test")
    update_signals(store, gazetteer())
    store.set_statement_ids({b.id: "a"})  # linking found b is a copy of a
    update_signals(store, gazetteer())
    stored = by_key(read_signals(store, place_ids=[place_id("Douma")]))
    assert stored[(place_id("Douma"), date(2018, 3, 14))].preemptive == 0
    assert read_signals(store) == compute_signals(store.iter_claims(), gazetteer())


def test_removed_claims_leave_the_signals_table(store: Store) -> None:
    a = claim("2018-03-13", "Douma", statement="a")
    store.replace_claims([a.document_id], [a], "test")
    update_signals(store, gazetteer())
    store.replace_claims([a.document_id], [], "test")  # re-detection found nothing
    update_signals(store, gazetteer())
    assert read_signals(store) == []
    with store.engine.connect() as conn:
        assert conn.execute(schema.signal_claims.select()).first() is None
