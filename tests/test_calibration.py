"""The placebo test: permuted claim dates (or places) give the false-alarm rate the rule really delivers."""

from __future__ import annotations

import json
import random
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from forewarn.calibration import _statements, permuted, placebo
from forewarn.cli import app
from forewarn.cli import commands as _commands  # noqa: F401  (registers the commands)
from forewarn.errors import ConfigError
from forewarn.model import Claim
from forewarn.signals import made_day, statement_keys
from forewarn.store import Store
from forewarn.warning import SurgeRule

from .synthetic import claim, gazetteer

PLACES = ("Douma", "Saraqib", "Jisr al-Shughur", "Khan Shaykhun", "Idlib", "Ltamenah", "Kafr Zita", "Zamalka")


def stream(seed: int = 7) -> list[Claim]:
    """Two years of statements at eight places, on random days, some relayed twice, and one real burst."""
    rng = random.Random(seed)
    start = date(2017, 1, 1)
    found: list[Claim] = []
    for n in range(80):
        day = start + timedelta(days=rng.randrange(730))
        place = rng.choice(PLACES)
        found.append(claim(day, place, statement=f"s{n}", outlet="TASS"))
        if n % 4 == 0:
            found.append(claim(day + timedelta(days=1), place, statement=f"s{n}", outlet="RT"))
    burst = [claim(date(2018, 2, 20) + timedelta(days=k), "Zamalka", statement=f"b{k}") for k in range(4)]
    return found + burst


def test_a_permutation_keeps_the_statements_their_copies_and_the_daily_volume() -> None:
    claims = stream()
    statements = _statements(claims, statement_keys(claims))
    moved = permuted(statements, random.Random(1), "dates")
    assert sorted(c.id for c in moved) == sorted(c.id for c in claims)
    days = Counter(s.day for s in statements)
    moved_statements = _statements(moved, statement_keys(moved))
    assert Counter(s.day for s in moved_statements) == days  # the same number of statements each day
    assert any(a.day != b.day for a, b in zip(statements, sorted(moved_statements, key=lambda s: s.copies[0].id),
                                              strict=False))  # fmt: skip
    relayed = [c for c in moved if c.statement_id == "s0"]
    assert (made_day(relayed[1]) - made_day(relayed[0])).days in (1, -1)  # copies move together
    by_place = permuted(statements, random.Random(1), "places")
    assert Counter(made_day(c) for c in by_place) == Counter(made_day(c) for c in claims)  # days kept


def test_the_placebo_reports_the_rate_beside_the_budget_and_is_repeatable() -> None:
    claims = stream()
    result = placebo(claims, gazetteer(), SurgeRule(), permutations=12, seed=3)
    assert result == placebo(claims, gazetteer(), SurgeRule(), permutations=12, seed=3)
    assert result.statements == 84 and result.places == len(PLACES) and 1.9 < result.years < 2.2
    assert result.rate == pytest.approx(sum(result.warnings) / len(result.warnings) / result.place_years)
    low, high = result.interval
    assert low <= result.rate <= high and result.within_budget
    assert result.observed >= 1  # the real burst at Zamalka
    data = result.to_json()
    assert data["budget"] == 0.5 and data["within_budget"] is True and len(data["interval_95"]) == 2
    assert "within the budget" in " ".join(result.describe())


def test_a_looser_budget_gives_more_placebo_false_alarms() -> None:
    claims = stream()
    strict = placebo(claims, gazetteer(), SurgeRule(false_alarms_per_place_year=0.5), permutations=8)
    loose = placebo(claims, gazetteer(), SurgeRule(false_alarms_per_place_year=20.0, min_statements=1),
                    permutations=8)  # fmt: skip
    assert loose.rate > strict.rate
    with pytest.raises(ConfigError):
        placebo(claims, gazetteer(), SurgeRule(), shuffle="outlets")


def test_cli_calibrate(tmp_path: Path) -> None:
    db = str(tmp_path / "placebo.db")
    claims = stream()
    with Store(f"sqlite:///{db}") as store:
        store.replace_claims({c.document_id for c in claims}, claims, "test")
    runner = CliRunner()
    result = runner.invoke(app, ["warnings", "calibrate", "--permutations", "4", "--json", "--db", db])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["permutations"] == 4 and data["shuffle"] == "dates" and "false_alarms_per_place_year" in data
    words = runner.invoke(app, ["warnings", "calibrate", "--permutations", "2", "--shuffle", "places", "--db", db])
    assert words.exit_code == 0 and "place-years" in words.stdout


@pytest.mark.shared
def test_the_placebo_on_the_real_timeline_stays_within_the_budget(shared_data: Path, store: Store) -> None:
    from forewarn.detect import run_detection
    from forewarn.ingest import ingest
    from forewarn.link import run_linking
    from forewarn.settings import Settings

    ingest([str(shared_data / "realweb" / "timeline.csv")], store, Settings())
    run_detection(store)
    run_linking(store)
    result = placebo(list(store.iter_claims()), gazetteer(), SurgeRule(), permutations=10)
    assert result.statements >= 25 and result.within_budget
