"""Checks shared by the export tests on the sample and on the real corpora: a STIX bundle validates strictly and
keeps, for every claim, its places, claimant and DISARM techniques."""

from __future__ import annotations

import json
from typing import Any

import stix2
from stix2validator import ValidationOptions, validate_string

from forewarn.export.disarm import Disarm
from forewarn.queries import ClaimView


def strict_problems(text: str) -> list[str]:
    """Every error and warning stix2-validator reports in strict mode (warnings count as errors there)."""
    results = validate_string(text, ValidationOptions(version="2.1", strict=True))
    found = [str(e) for e in results.errors] + [str(w) for w in results.warnings]
    for result in getattr(results, "object_results", []) or []:
        found += [f"{result.object_id}: {e}" for e in result.errors]
        found += [f"{result.object_id}: {w}" for w in result.warnings]
    return found if found or results.is_valid else ["invalid, without a message"]


def assert_claims_survive(text: str, claims: list[ClaimView], disarm: Disarm) -> None:
    """Parse the bundle back with stix2 and find, for each claim, its statement report and through it every
    place it cites, its claimant and the DISARM ids forewarn maps it to."""
    bundle: Any = stix2.parse(json.loads(text), allow_custom=True)  # custom objects (narrative) stay dicts
    by_id = {o["id"]: o for o in bundle.objects}
    report_of: dict[str, Any] = {}
    for obj in bundle.objects:
        if obj["type"] == "report" and "forewarn-statement" in obj["labels"]:
            assert isinstance(obj, stix2.Report)
            for ref in obj.external_references:
                if ref.source_name == "forewarn claim":
                    report_of[ref.external_id] = obj
    assert claims
    for view in claims:
        claim = view.claim
        report = report_of[claim.id]
        refs = [by_id[r] for r in report.object_refs]
        places = {ext["external_id"] for o in refs if o["type"] == "location" for ext in o["external_references"]
                  if ext["source_name"] == "forewarn gazetteer"}
        assert {p.id for p in claim.places} <= places, claim.id
        names = {o["name"] for o in refs if o["type"] in ("threat-actor", "identity")}
        assert not claim.claimant or claim.claimant in names, claim.id
        techniques = {ext["external_id"] for o in refs if o["type"] == "attack-pattern"
                      for ext in o["external_references"] if ext["source_name"] == "DISARM"}
        expected = set(disarm.techniques_for(claim))
        assert expected and expected <= techniques, claim.id
