"""Exports of the sample store: CSV read back with the csv module, JSONL, GeoJSON validated with `geojson`, a
STIX 2.1 bundle that passes stix2-validator strictly and is byte-identical across runs, MISP events PyMISP loads."""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import geojson
import pytest
from typer.testing import CliRunner

from forewarn.cli import (
    app,
    commands,  # noqa: F401  (registers every command)
)
from forewarn.errors import ConfigError
from forewarn.export import export_text
from forewarn.export.disarm import _mapping, load_disarm
from forewarn.export.tables import CLAIM_EXPORT_COLUMNS
from forewarn.places import Gazetteer
from forewarn.queries import ClaimFilter, iter_claims
from forewarn.settings import Settings
from forewarn.store import Store

from .conftest import REPO
from .exportchecks import assert_claims_survive, strict_problems

runner = CliRunner()


@pytest.fixture(scope="module")
def sample(sample_db: Path) -> Store:
    with Store(f"sqlite:///{sample_db}") as opened:
        yield opened


def exported(store: Store, fmt: str, flt: ClaimFilter | None = None, **settings: Any) -> str:
    text, _ = export_text(store, fmt, gazetteer=Gazetteer.default(), settings=replace(Settings(), **settings),
                          flt=flt)
    return text


def test_csv_has_the_documented_columns_and_one_row_per_claim(sample: Store) -> None:
    rows = list(csv.DictReader(io.StringIO(exported(sample, "csv"))))
    documented = re.search(r"<!-- csv-columns -->(.*?)<!-- /csv-columns -->",
                           (REPO / "docs" / "exports.md").read_text(encoding="utf-8"), re.S)
    assert documented is not None
    assert list(rows[0]) == list(CLAIM_EXPORT_COLUMNS) == re.findall(r"^\| `(\w+)` \|", documented.group(1), re.M)
    claims = list(iter_claims(sample))
    assert [r["claim_id"] for r in rows] == [c.id for c in claims]
    for row, view in zip(rows, claims, strict=True):
        assert row["place_ids"].split("; ") == [p.id for p in view.claim.places] or not view.claim.places
        assert len(row["place_ids"].split("; ")) == len(row["place_names"].split("; "))
        assert (row["title"], row["url"], row["kind"]) == (view.source.title, view.source.url, view.claim.kind)
        assert float(row["score"]) == pytest.approx(view.claim.score)
    assert {r["narrative"] for r in rows} == {"chemical"}
    assert any(r["url"].startswith("https://") for r in rows) and any(r["accused"] for r in rows)


def test_jsonl_is_one_claim_per_line_in_the_serialiser_shape(sample: Store) -> None:
    lines = exported(sample, "jsonl", ClaimFilter(kind="PREEMPTIVE")).splitlines()
    records = [json.loads(line) for line in lines]
    assert records and {r["kind"] for r in records} == {"PREEMPTIVE"}
    assert {"id", "claimant", "places", "evidence", "document"} <= set(records[0])
    assert records[0]["document"]["title"]


def test_geojson_validates_with_counts_and_warning_state(sample: Store) -> None:
    collection = geojson.loads(exported(sample, "geojson"))
    assert collection.is_valid, collection.errors()
    by_name = {f["properties"]["name"]: f["properties"] for f in collection["features"]}
    assert by_name["Douma"]["preemptive"] + by_name["Douma"]["retrospective"] > 0
    states = {p["warning"] for p in by_name.values()}
    assert {"open", "closed", "none"} <= states
    assert all(p["warning_ids"] for p in by_name.values() if p["warning"] != "none")


def test_stix_bundle_validates_strictly_is_byte_identical_and_keeps_every_claim(sample: Store) -> None:
    first, second = exported(sample, "stix"), exported(sample, "stix")
    assert first == second
    assert strict_problems(first) == []
    assert_claims_survive(first, list(iter_claims(sample)), load_disarm())
    bundle = json.loads(first)
    kinds = {o["type"] for o in bundle["objects"]}
    assert {"report", "location", "threat-actor", "identity", "attack-pattern", "relationship", "url",
            "marking-definition", "narrative"} <= kinds
    phases = {p["kill_chain_name"] + ":" + p["phase_name"] for o in bundle["objects"] if o["type"] == "attack-pattern"
              for p in o["kill_chain_phases"]}
    assert "disarm:develop-narratives" in phases
    warnings = [o for o in bundle["objects"] if o["type"] == "report" and "forewarn-warning" in o["labels"]]
    statements = {o["id"] for o in bundle["objects"] if o["type"] == "report" and "forewarn-statement" in o["labels"]}
    assert warnings and all(set(w["object_refs"]) & statements for w in warnings)
    ids = {o["id"] for o in bundle["objects"]}
    assert all(r in ids for o in bundle["objects"] for r in o.get("object_refs", []))  # nothing dangles
    hierarchy = [o for o in bundle["objects"]
                 if o["type"] == "relationship" and "lies within" in o.get("description", "")]
    assert hierarchy  # a town links to its governorate and country


def test_stix_marking_follows_the_setting_and_narratives_can_be_left_out(sample: Store) -> None:
    flt = ClaimFilter(kind="PREEMPTIVE")
    amber = json.loads(exported(sample, "stix", flt, export_tlp="amber", export_opencti_narratives=False))
    markings = {o["id"] for o in amber["objects"] if o["type"] == "marking-definition"}
    assert markings == {"marking-definition--f88d31f6-486f-44da-b317-01333bde0b82"}  # TLP:AMBER, as STIX fixes it
    assert all(o.get("object_marking_refs") == list(markings) for o in amber["objects"]
               if o["type"] not in ("marking-definition",))
    assert "narrative" not in {o["type"] for o in amber["objects"]}
    with pytest.raises(ConfigError, match="export_tlp"):
        exported(sample, "stix", flt, export_tlp="amber+strict")


def test_misp_events_load_back_with_disarm_clusters_places_and_claims(sample: Store) -> None:
    from pymisp import MISPEvent

    document = json.loads(exported(sample, "misp"))
    events = []
    for raw in document["response"]:
        event = MISPEvent()
        event.load(raw)
        events.append(event)
    warnings = [e for e in events if e.info.startswith("forewarn warning")]
    claims_event = events[-1]
    assert warnings and claims_event.info.startswith("forewarn claims: all claims")
    for event in events:
        clusters = {c.meta["external_id"][0] for g in event.galaxies for c in g.clusters}
        assert "T0004" in clusters
        assert "tlp:clear" in {t.name for t in event.tags}
        assert any(o.name == "geolocation" for o in event.objects)
    assert all("F00030" in {c.meta["external_id"][0] for g in e.galaxies for c in g.clusters} for e in warnings)
    claims = list(iter_claims(sample))
    media = [o for o in claims_event.objects if o.name == "news-media"]
    assert len(media) == len(claims)
    narratives = [o for o in claims_event.objects if o.name == "narrative"]
    assert len(narratives) == len({c.claim.statement_id or c.id for c in claims})
    assert all(o.references for o in narratives)


def test_cli_export_writes_a_file_and_refuses_an_unknown_format(sample_db: Path, tmp_path: Path) -> None:
    target = tmp_path / "preemptive.csv"
    result = runner.invoke(app, ["export", "csv", "--kind", "PREEMPTIVE", "--place", "Idlib", "-o", str(target),
                                 "--db", str(sample_db)])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(target.open(encoding="utf-8")))
    assert rows and {r["kind"] for r in rows} == {"PREEMPTIVE"}
    bad = runner.invoke(app, ["export", "pdf", "--db", str(sample_db)])
    assert isinstance(bad.exception, ConfigError)


def test_the_disarm_mapping_names_only_techniques_the_galaxy_ships() -> None:
    disarm = load_disarm()
    assert {"T0004", "T0022.002", "T0068", "T0135.001", "T0002", "F00030"} == set(disarm.catalogue)
    assert disarm.get("T0135.001").name == "Smear" and disarm.get("T0004").phases == ("develop-narratives",)
    with pytest.raises(ConfigError, match="T9999"):
        _mapping({"name": "x", "techniques": ["T0004", "T9999"]}, disarm.catalogue, "test")


def test_the_api_serves_the_same_exports_with_the_claims_filters(sample_db: Path, sample: Store) -> None:
    from .test_api import client_for

    client = client_for(sample_db)
    reply = client.get("/api/v1/export/csv", params={"kind": "PREEMPTIVE", "place": "Idlib"})
    assert reply.status_code == 200 and reply.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(reply.text)))
    assert rows and {r["kind"] for r in rows} == {"PREEMPTIVE"}
    stix = client.get("/api/v1/export/stix")
    assert stix.headers["content-type"] == "application/stix+json;version=2.1"
    assert stix.text == exported(sample, "stix")
    assert 'filename="forewarn.stix.json"' in stix.headers["content-disposition"]
    assert client.get("/api/v1/export/pdf").status_code == 400
