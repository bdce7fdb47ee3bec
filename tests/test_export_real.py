"""The STIX export of the three real corpora (EUvsDisinfo posts.csv and full_dataset.csv, FA-KES): ingested,
detected, linked and warned once for the module, exported twice (byte-identical), validated strictly by
stix2-validator 3.2.0 with no error and no warning, and parsed back keeping every claim's places, claimant and
DISARM ids. Skips without ../shared/data."""

from __future__ import annotations

import pytest

from forewarn.export import export_text
from forewarn.export.disarm import load_disarm
from forewarn.places import Gazetteer
from forewarn.queries import iter_claims
from forewarn.settings import Settings
from forewarn.store import Store

from .conftest import SHARED_DATA
from .exportchecks import assert_claims_survive, strict_problems

pytestmark = [pytest.mark.shared, pytest.mark.slow]


@pytest.fixture(scope="module")
def real_store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    if not SHARED_DATA.is_dir():
        pytest.skip("../shared/data is not present (a user's clone): real-data checks skipped")
    from forewarn.ingest import ingest
    from forewarn.pipeline import process

    path = tmp_path_factory.mktemp("real") / "real.db"
    sources = [SHARED_DATA / "euvsdisinfo" / "posts.csv", SHARED_DATA / "euvsdisinfo" / "full_dataset.csv",
               SHARED_DATA / "fakes" / "fakes.csv"]
    settings = Settings(db=str(path))
    with Store(f"sqlite:///{path}") as opened:
        ingest([str(s) for s in sources], opened, settings)
        process(opened, settings)
        yield opened


def test_real_corpora_bundle_validates_strictly_and_repeats_byte_for_byte(real_store: Store) -> None:
    options = {"gazetteer": Gazetteer.default(), "settings": Settings()}
    first, result = export_text(real_store, "stix", **options)
    second, _ = export_text(real_store, "stix", **options)
    assert first == second
    claims = list(iter_claims(real_store))
    assert len(claims) > 200 and result.selection.warnings  # the corpora hold hundreds of claims and warnings
    assert strict_problems(first) == []
    assert_claims_survive(first, claims, load_disarm())
