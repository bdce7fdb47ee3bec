"""DISARM techniques for the exports: the catalogue from the DISARM galaxy that pymispgalaxies ships, and the
mapping from the parts of a claim to techniques (package data, data/export/disarm.toml).

Ids, names, descriptions and tactics all come from the galaxy; the mapping names ids only, and an id the galaxy
does not know is refused when the mapping loads. STIX exports name the tactics as OpenCTI does (its DISARM
connector imports the framework with kill chain "disarm" and phases in kebab case, "develop-narratives").
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any

from ..errors import ConfigError
from ..lexicon import OFFICIAL_CLAIMANTS
from ..model import Claim

TECHNIQUES_CLUSTER = "disarm-techniques"
DETECTIONS_CLUSTER = "disarm-detections"
KILL_CHAIN = "disarm"  # as OpenCTI's DISARM import names it
PARTS = ("preemptive", "retrospective", "accused", "official_claimant")


@dataclass(frozen=True)
class Technique:
    """One DISARM technique (T…) or detection (F…) as the galaxy describes it."""

    id: str
    name: str
    description: str
    tactics: tuple[str, ...]  # "Develop Narratives", …
    galaxy_uuid: str  # the MISP galaxy cluster value's uuid
    galaxy_type: str  # "disarm-techniques" or "disarm-detections"
    url: str = ""

    @property
    def phases(self) -> tuple[str, ...]:
        """Kill-chain phase names as OpenCTI shows DISARM tactics: "Develop Narratives" → "develop-narratives"."""
        return tuple(re.sub(r"[^a-z0-9]+", "-", t.casefold()).strip("-") for t in self.tactics)

    @property
    def tag(self) -> str:
        """The MISP galaxy tag: misp-galaxy:disarm-techniques="Develop Competing Narratives"."""
        return f'misp-galaxy:{self.galaxy_type}="{self.name}"'


@dataclass(frozen=True)
class PartMapping:
    part: str
    techniques: tuple[str, ...]
    why: str


@dataclass(frozen=True)
class Disarm:
    """The techniques forewarn maps claims to, and why (see `techniques_for`)."""

    catalogue: Mapping[str, Technique]  # id -> technique, every one the mapping names
    parts: Mapping[str, PartMapping]
    detection: PartMapping
    galaxy_version: int

    def get(self, technique_id: str) -> Technique:
        return self.catalogue[technique_id]

    def techniques_for(self, claim: Claim) -> tuple[str, ...]:
        """The DISARM ids one claim shows, in mapping order, without repeats."""
        parts = [claim.kind.lower()]
        if claim.accused:
            parts.append("accused")
        if claim.claimant in OFFICIAL_CLAIMANTS:
            parts.append("official_claimant")
        found = [t for part in parts if part in self.parts for t in self.parts[part].techniques]
        return tuple(dict.fromkeys(found))

    def techniques_for_all(self, claims: Iterable[Claim]) -> tuple[str, ...]:
        return tuple(dict.fromkeys(t for claim in claims for t in self.techniques_for(claim)))


def _cluster_values(name: str) -> dict[str, Technique]:
    from pymispgalaxies import Cluster  # imported here: the CLI pays for it only when it exports

    cluster = Cluster(name)
    found: dict[str, Technique] = {}
    for value in cluster.values():
        extra = value.meta.additional_properties if value.meta else {}
        external_id = extra.get("external_id")
        if not external_id:
            continue
        tactics = tuple(k.split(":", 1)[1] for k in extra.get("kill_chain", []) if k.startswith("tactics:"))
        refs = sorted(value.meta.refs) if value.meta else []
        found[external_id] = Technique(external_id, value.value, value.description or "", tactics,
                                       value.uuid, cluster.type, refs[0] if refs else "")
    return found


def _mapping(raw: Any, known: Mapping[str, Technique], where: str) -> PartMapping:
    ids = tuple(raw.get("techniques", ()))
    unknown = [t for t in ids if t not in known]
    if unknown:
        raise ConfigError(f"{where}: DISARM id(s) {', '.join(unknown)} are not in the shipped DISARM galaxy")
    return PartMapping(str(raw.get("name", where)), ids, " ".join(str(raw.get("why", "")).split()))


@cache
def load_disarm() -> Disarm:
    """The shipped mapping, checked against the shipped galaxy (loaded once per process: it is package data)."""
    from pymispgalaxies import Cluster

    text = (files("forewarn") / "data" / "export" / "disarm.toml").read_text(encoding="utf-8")
    data = tomllib.loads(text)
    techniques = _cluster_values(TECHNIQUES_CLUSTER)
    detections = _cluster_values(DETECTIONS_CLUSTER)
    parts = {}
    for raw in data.get("part", []):
        mapping = _mapping(raw, techniques, f"disarm.toml part {raw.get('name')!r}")
        if mapping.part not in PARTS:
            raise ConfigError(f"disarm.toml: unknown claim part {mapping.part!r}; known: {', '.join(PARTS)}")
        parts[mapping.part] = mapping
    detection = _mapping({"name": "detection", **data.get("detection", {})}, detections, "disarm.toml detection")
    used = {t for m in (*parts.values(), detection) for t in m.techniques}
    catalogue = {t: techniques.get(t) or detections[t] for t in sorted(used)}
    return Disarm(catalogue, parts, detection, int(Cluster(TECHNIQUES_CLUSTER).version))
