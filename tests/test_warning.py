from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from scipy.stats import nbinom

from forewarn.model import Claim
from forewarn.settings import Settings
from forewarn.signals import compute_signals
from forewarn.store import Store
from forewarn.warning import (
    SurgeRule,
    narrative_surges,
    refresh_warnings,
    replay,
    tail_probability,
    warnings_from_claims,
)

from .synthetic import claim, gazetteer, place_id

RULE = SurgeRule()


def background(place: str, start: str = "2016-01-03", every: int = 10, times: int = 60) -> list[Claim]:
    """A place named steadily: one official statement every `every` days."""
    first = date.fromisoformat(start)
    return [claim(first + timedelta(days=every * k), place, statement=f"bg-{place}-{k}") for k in range(times)]


def opened(claims: list[Claim], rule: SurgeRule = RULE, end: date | None = None) -> list[tuple[str, date]]:
    return [(r.warning.place_id, r.warning.opened_at) for r in warnings_from_claims(claims, gazetteer(), rule, end=end)]


def test_tail_probability_is_the_negative_binomial_tail() -> None:
    alpha, beta, window = 2.5, 400.0, 7
    for count in (1, 2, 5):
        expected = nbinom.sf(count - 1, alpha, beta / (beta + window))
        assert tail_probability(count, alpha, beta, window) == pytest.approx(expected, rel=1e-9)
    assert tail_probability(0, alpha, beta, window) == 1.0
    assert tail_probability(1.5, alpha, beta, window) < tail_probability(1, alpha, beta, window)


def test_threshold_comes_from_the_false_alarm_budget() -> None:
    strict, lax = SurgeRule(false_alarms_per_place_year=0.5), SurgeRule(false_alarms_per_place_year=2.0)
    assert strict.cutoff == pytest.approx(0.5 / 365)
    assert strict.threshold > lax.threshold
    rule = SurgeRule.from_settings(Settings(false_alarms_per_place_year=1.0, quiet_days=10))
    assert (rule.cutoff, rule.quiet_days) == (pytest.approx(1 / 365), 10)
    words = rule.describe()
    assert "1 false alarm" in words and "10 quiet days" in words and "not fitted" in words


def test_one_statement_is_not_a_surge_but_two_official_ones_in_a_week_at_a_quiet_town_are() -> None:
    assert opened([claim("2018-03-13", "Douma", statement="a")]) == []
    claims = [claim("2018-03-13", "Douma", statement="a"), claim("2018-03-15", "Douma", statement="b")]
    assert opened(claims) == [(place_id("Douma"), date(2018, 3, 15))]


def test_two_sentences_of_one_article_are_one_report_not_a_surge() -> None:
    # one briefing written up once: two claims of one document, each naming Douma
    briefing = [claim("2018-03-13", "Douma", statement=s, text=f"The ministry said {s}") for s in ("a", "b")]
    one_article = [replace(c, document_id="doc-1") for c in briefing]
    assert len({c.statement_id for c in one_article}) == 2
    assert opened(one_article) == []
    assert opened(briefing) == [(place_id("Douma"), date(2018, 3, 13))]  # the same in two articles opens one
    assert "in at least 2 documents" in RULE.describe()


def test_the_warning_is_raised_at_the_most_specific_place_not_its_ancestors_too() -> None:
    claims = [claim(f"2018-03-{d}", "Douma", statement=f"s{d}") for d in (13, 14, 15, 16)]
    places = {p for p, _ in opened(claims)}
    assert places == {place_id("Douma")}


def test_an_ancestor_opens_on_evidence_of_its_own() -> None:
    claims = [claim(f"2018-09-{d:02d}", "Idlib", statement=f"i{d}") for d in (1, 2, 3)]
    assert opened(claims) == [("SY-ID", date(2018, 9, 2))]


def test_relays_and_reported_claims_weigh_less_than_officials() -> None:
    relays = [
        claim("2018-03-13", "Douma", statement="a", claimant="", stance="reported"),
        claim("2018-03-15", "Douma", statement="b", claimant="", stance="reported"),
    ]
    assert opened(relays) == []


def test_a_place_named_steadily_needs_more_than_a_quiet_place() -> None:
    history = background("Idlib")
    burst = [claim("2017-09-20", "Idlib", statement="x1"), claim("2017-09-21", "Idlib", statement="x2")]
    assert ("SY-ID", date(2017, 9, 21)) not in opened([*history, *burst])
    fresh = [claim("2017-09-20", "Saraqib", statement="y1"), claim("2017-09-21", "Saraqib", statement="y2")]
    assert (place_id("Saraqib"), date(2017, 9, 21)) in opened([*history, *fresh])


def test_a_warning_grows_while_evidence_continues_and_closes_after_the_quiet_period() -> None:
    days = ["2018-03-13", "2018-03-15", "2018-03-25", "2018-04-05"]
    claims = [claim(d, "Douma", statement=d, outlet=f"Outlet {n}") for n, d in enumerate(days)]
    (record,) = warnings_from_claims(claims, gazetteer(), RULE, end=date(2018, 6, 1))
    warning = record.warning
    assert (warning.opened_at, warning.last_evidence_at) == (date(2018, 3, 15), date(2018, 4, 5))
    assert warning.closed_at == date(2018, 4, 5) + timedelta(days=RULE.quiet_days)
    assert len(warning.claim_ids) == 4 and len(warning.outlets) == 4
    assert record.first_seen == date(2018, 3, 13) and record.statements == 4


def test_a_warning_still_quiet_free_at_the_end_stays_open() -> None:
    claims = [claim("2018-03-13", "Douma", statement="a"), claim("2018-03-15", "Douma", statement="b")]
    (record,) = warnings_from_claims(claims, gazetteer(), RULE, end=date(2018, 3, 20))
    assert record.warning.is_open


def test_retrospective_claims_appear_as_context() -> None:
    claims = [
        claim("2018-02-10", "Douma", kind="RETROSPECTIVE", statement="r"),
        claim("2018-03-13", "Douma", statement="a"),
        claim("2018-03-15", "Douma", statement="b"),
    ]
    (record,) = warnings_from_claims(claims, gazetteer(), RULE)
    assert any("alleged here" in line and "2018-02-10" in line for line in record.warning.context)


def test_the_replay_never_looks_ahead() -> None:
    claims = [
        *background("Idlib", times=40),
        claim("2018-03-13", "Douma", statement="a"),
        claim("2018-03-15", "Douma", statement="b"),
        claim("2018-06-29", "Jisr al-Shughur", statement="c"),
        claim("2018-06-30", "Jisr al-Shughur", statement="d"),
        claim("2018-07-01", "Jisr al-Shughur", statement="e"),
        claim("2018-07-02", "Jisr al-Shughur", statement="f"),
    ]
    signals = compute_signals(claims, gazetteer())
    cut = date(2018, 6, 30)
    everything = replay(signals, gazetteer(), RULE, end=cut)
    known_then = replay([s for s in signals if s.day <= cut], gazetteer(), RULE, end=cut)
    assert everything == known_then
    later = replay(signals, gazetteer(), RULE)
    assert [(r.warning.place_id, r.warning.opened_at) for r in later if r.warning.opened_at <= cut] == [
        (r.warning.place_id, r.warning.opened_at) for r in everything
    ]


def test_a_narrative_burst_is_reported_with_its_jump() -> None:
    steady = background("Idlib", start="2017-01-01", every=14, times=30)
    burst = [claim("2018-02-13", "Syria", statement=f"b{k}", outlet=f"O{k}") for k in range(6)]
    surges = narrative_surges(compute_signals([*steady, *burst], gazetteer()), RULE)
    assert [s.day for s in surges] == [date(2018, 2, 13)]
    assert surges[0].jump_pct is not None and surges[0].jump_pct > 500


def test_refresh_stores_every_warning_with_its_history(store: Store) -> None:
    claims = [
        claim("2018-03-13", "Douma", statement="a"),
        claim("2018-03-15", "Douma", statement="b"),
        claim("2018-09-01", "Jisr al-Shughur", statement="c"),
        claim("2018-09-02", "Jisr al-Shughur", statement="d"),
    ]
    store.replace_claims({c.document_id for c in claims}, claims, "test")
    records = refresh_warnings(store, gazetteer(), Settings())
    stored = list(store.iter_warnings())
    assert stored == [r.warning for r in records]
    assert [w.is_open for w in stored] == [False, True]
    assert [w.place_id for w in store.iter_warnings(open_only=True)] == [place_id("Jisr al-Shughur")]
    assert refresh_warnings(store, gazetteer(), Settings()) == records  # re-running keeps the history
