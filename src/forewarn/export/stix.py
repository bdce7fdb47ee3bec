"""A STIX 2.1 bundle of an export selection, built with the `stix2` library (docs/exports.md has the model).

- each statement (its linked copies once) is a `report`: a published piece of (dis)information with its date,
  its copies (external references and `url` observables) and what it involves in `object_refs`;
- each claimant is a `threat-actor` (the party spreading the narrative), each accused party and each outlet
  an `identity` (the accused are the targets of the smear, never threat actors because a claim names them);
- each cited place is a `location` with coordinates, country and administrative area, and its hierarchy as
  `related-to` relationships to the places containing it;
- DISARM techniques are `attack-pattern`s (external reference DISARM T…, kill chain "disarm" as OpenCTI
  names it); each warning is a `report` referencing its place and the statements behind it;
- the narrative is OpenCTI's `narrative` object (its extension; off with `export_opencti_narratives`).

Deterministic: ids are derived from stable keys (uuid5 of forewarn's namespace and the key, stamped as version
4 because STIX 2.1 asks SDO and SRO ids to be UUIDv4, which the strict validator enforces), timestamps come
from the data (a statement's first and last publication, a warning's opening and last change; fixed for
reference objects), and objects are sorted, so the same store gives a byte-identical bundle.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from typing import Any

import stix2

from ..errors import ConfigError, NotFoundError
from ..lexicon import OFFICIAL_CLAIMANTS
from ..model import Place
from ..places import Gazetteer
from ..queries import ClaimView, Statement, WarningView
from ..settings import Settings
from .disarm import KILL_CHAIN, Disarm
from .selection import Selection

NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://forewarn.invalid/stix")  # a name, never fetched
REFERENCE_TIME = datetime(2013, 1, 1, tzinfo=UTC)  # created/modified of reference objects (places, actors)
REFERENCE_STAMP = "2013-01-01T00:00:00.000Z"  # the same, as STIX writes it (for objects stix2 does not model)
OPENCTI_EXTENSION = "extension-definition--ea279b3e-5c71-4632-ac08-831c66a786ba"  # OpenCTI's own SDOs
TLP = {"clear": stix2.TLP_WHITE, "white": stix2.TLP_WHITE, "green": stix2.TLP_GREEN,
       "amber": stix2.TLP_AMBER, "red": stix2.TLP_RED}
STATE_ACTORS = {"United States", "United Kingdom", "France", "Ukraine"}  # accused parties that are states


def stix_id(kind: str, key: str) -> str:
    """A deterministic STIX id: uuid5(NAMESPACE, kind:key) with the version-4 marker STIX 2.1 asks for."""
    digest = uuid.uuid5(NAMESPACE, f"{kind}:{key}")
    return f"{kind}--{uuid.UUID(bytes=digest.bytes, version=4)}"


def tlp_marking(settings: Settings) -> stix2.MarkingDefinition:
    try:
        return TLP[settings.export_tlp.casefold()]
    except KeyError:
        raise ConfigError(f"export_tlp is one of {', '.join(TLP)} (STIX 2.1 defines these), "
                          f"not {settings.export_tlp!r}") from None


def _moment(value: datetime | date | None) -> datetime | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.astimezone(UTC) if value.tzinfo else value.replace(tzinfo=UTC)
    return datetime.combine(value, time.min, tzinfo=UTC)


@dataclass
class _Span:
    first: datetime
    last: datetime
    descriptions: set[str] = field(default_factory=set)

    def add(self, first: datetime, last: datetime) -> None:
        self.first, self.last = min(self.first, first), max(self.last, last)


class _Builder:
    def __init__(self, gazetteer: Gazetteer, disarm: Disarm, settings: Settings) -> None:
        self.gazetteer, self.disarm, self.settings = gazetteer, disarm, settings
        self.marking = tlp_marking(settings)
        self.objects: dict[str, Any] = {}
        self.relations: dict[tuple[str, str, str], _Span] = {}
        self.producer = stix2.Identity(
            id=stix_id("identity", "forewarn"), created=REFERENCE_TIME, modified=REFERENCE_TIME,
            name="forewarn", identity_class="system", object_marking_refs=[self.marking.id],
            description="forewarn: early warning of chemical attacks from pre-emptive staging claims in state media. "
                        "Claims are detected automatically; each carries the detector's confidence.",
        )
        self.objects[self.producer.id] = self.producer

    def _common(self) -> dict[str, Any]:
        return {"created_by_ref": self.producer.id, "object_marking_refs": [self.marking.id]}

    def _reference(self, cls: Any, kind: str, key: str, **properties: Any) -> str:
        object_id = stix_id(kind, key)
        if object_id not in self.objects:
            self.objects[object_id] = cls(id=object_id, created=REFERENCE_TIME, modified=REFERENCE_TIME,
                                          **self._common(), **properties)
        return object_id

    def relate(self, kind: str, source: str, target: str, first: datetime, last: datetime, why: str = "") -> str:
        key = (kind, source, target)
        if key in self.relations:
            self.relations[key].add(first, last)
        else:
            self.relations[key] = _Span(first, last)
        if why:
            self.relations[key].descriptions.add(why)
        return stix_id("relationship", "|".join(key))

    # -- reference objects --------------------------------------------------------------------------------
    def location(self, place_id: str) -> str | None:
        """The place and, once each, the places containing it, linked innermost to outermost."""
        try:
            place = self.gazetteer.get(place_id)
            chain = [place, *self.gazetteer.ancestors(place_id)]
        except NotFoundError:
            return None
        ids = [self._place(p, chain[n + 1:]) for n, p in enumerate(chain)]
        for inner, outer, container in zip(ids, ids[1:], chain[1:], strict=False):
            self.relate("related-to", inner, outer, REFERENCE_TIME, REFERENCE_TIME,
                        f"lies within {container.name} ({container.level})")
        return ids[0]

    def _place(self, place: Place, containing: list[Place]) -> str:
        governorate = next((p for p in [place, *containing] if p.level == "governorate"), None)
        country = place.country or next((p.id for p in containing if p.level == "country"), "")
        where = ", ".join(p.name for p in containing)
        properties: dict[str, Any] = {
            "name": place.name,
            "description": f"{place.level} in {where}" if where else place.level,
            "external_references": [{"source_name": "forewarn gazetteer", "external_id": place.id}],
        }
        if place.lat is not None and place.lon is not None:
            properties.update(latitude=place.lat, longitude=place.lon)
        if country:
            properties["country"] = country
        if governorate is not None:
            properties["administrative_area"] = governorate.name
        if place.level == "town":
            properties["city"] = place.name
        if not ({"country", "latitude"} & set(properties)):
            properties["region"] = "western-asia"  # a location needs one of region, country, coordinates
        if place.id.startswith("geonames:"):
            properties["external_references"].append({"source_name": "geonames",
                                                      "external_id": place.id.split(":", 1)[1]})
        return self._reference(stix2.Location, "location", place.id, **properties)

    def claimant(self, name: str) -> str:
        """A state claimant is a `threat-actor` (it runs the messaging DISARM describes); anyone else cited as
        the source (residents, an outlet speaking for itself) is an `identity`: forewarn does not make a
        threat actor of a voice it only saw quoted."""
        if name not in OFFICIAL_CLAIMANTS:
            return self._reference(stix2.Identity, "identity", f"claimant:{name}", name=name,
                                   identity_class="unknown",
                                   description="Cited as the source of staging claims that forewarn detects.")
        return self._reference(
            stix2.ThreatActor, "threat-actor", name, name=name, threat_actor_types=["nation-state"],
            resource_level="government",
            description="Makes staging claims that forewarn detects: a state party spreading the narrative (a "
                        "threat actor in the information space, as DISARM describes such actors).",
        )

    def accused(self, name: str) -> str:
        state = name in STATE_ACTORS
        return self._reference(
            stix2.Identity, "identity", f"accused:{name}", name=name,
            identity_class="organization" if state else "group",
            **({"sectors": ["government-national"]} if state else {}),
            description="Accused in staging claims of preparing or faking a chemical attack: the target of the "
                        "smear, not an actor found to have done so.",
        )

    def outlet(self, name: str) -> str:
        return self._reference(stix2.Identity, "identity", f"outlet:{name}", name=name,
                               identity_class="organization", sectors=["communications"],
                               description="An outlet that published or relayed a staging claim.")

    def technique(self, technique_id: str) -> str:
        technique = self.disarm.get(technique_id)
        return self._reference(
            stix2.AttackPattern, "attack-pattern", f"disarm:{technique_id}", name=technique.name,
            description=technique.description or technique.name,
            external_references=[{"source_name": "DISARM", "external_id": technique_id}],
            kill_chain_phases=[{"kill_chain_name": KILL_CHAIN, "phase_name": p} for p in technique.phases],
        )

    def narrative(self, name: str) -> str | None:
        if not self.settings.export_opencti_narratives:
            return None
        object_id = stix_id("narrative", name)
        if object_id not in self.objects:
            self.objects[object_id] = stix2.parse({
                "type": "narrative", "spec_version": "2.1", "id": object_id, "created": REFERENCE_STAMP,
                "modified": REFERENCE_STAMP, **self._common(), "name": f"Staged {name} attack",
                "description": f"Claims that an adversary is preparing, or staged, a {name} attack to blame on "
                               "the claimant's side (forewarn narrative '" + name + "').",
                "extensions": {OPENCTI_EXTENSION: {"extension_type": "new-sdo"}},
            }, allow_custom=True)
        return object_id

    # -- statements and warnings -----------------------------------------------------------------------------
    def statement(self, item: Statement) -> str:
        copies = item.claims
        times = [t for c in copies if (t := _moment(c.claim.published_at)) is not None]
        first, last = (min(times), max(times)) if times else (REFERENCE_TIME, REFERENCE_TIME)
        report_id = stix_id("report", f"statement:{item.statement_id}")
        refs: list[str] = []
        claimants = sorted({c.claim.claimant for c in copies} - {""})
        actors = [self.claimant(name) for name in claimants]
        accused = [self.accused(name) for name in sorted({a for c in copies for a in c.claim.accused})]
        places = [p for p in dict.fromkeys(self.location(ref.id) for c in copies for ref in c.claim.places) if p]
        techniques = [self.technique(t) for t in self.disarm.techniques_for_all(c.claim for c in copies)]
        outlets = [self.outlet(o) for o in sorted({c.claim.outlet or c.source.outlet for c in copies} - {""})]
        urls = []
        for url in sorted({c.source.url for c in copies} - {""}):
            observable = stix2.URL(value=url, object_marking_refs=[self.marking.id])
            self.objects[observable.id] = observable
            urls.append(observable.id)
        for actor in (a for a in actors if a.startswith("threat-actor--")):
            refs += [self.relate("uses", actor, t, first, last) for t in techniques]
            refs += [self.relate("targets", actor, a, first, last) for a in accused]
            refs += [self.relate("targets", actor, p, first, last, "named as the scene of a staged attack")
                     for p in places]
            if (story := self.narrative(_narrative(copies))) is not None:
                refs.append(self.relate("related-to", actor, story, first, last, "spreads this narrative"))
        story = self.narrative(_narrative(copies))
        refs = [*actors, *accused, *places, *techniques, *outlets, *urls, *([story] if story else []), *refs]
        lead = copies[0]
        kinds = sorted({c.claim.kind.lower() for c in copies})
        self.objects[report_id] = stix2.Report(
            id=report_id, created=first, modified=last, published=first, **self._common(),
            name=_statement_name(lead), description=_statement_description(copies),
            report_types=["threat-report"], object_refs=list(dict.fromkeys(refs)),
            labels=["forewarn-statement", *kinds, *sorted({c.claim.stance for c in copies})],
            confidence=round(max(c.claim.score for c in copies) * 100),
            lang=lead.claim.language or None,
            external_references=[_copy_reference(c) for c in copies], allow_custom=story is not None,
        )
        return report_id

    def warning(self, view: WarningView, statements: dict[str, str]) -> str:
        w = view.warning
        opened = _moment(w.opened_at) or REFERENCE_TIME
        changed = max(m for m in (_moment(w.last_evidence_at), _moment(w.closed_at), opened) if m is not None)
        place = self.location(w.place_id)
        evidence = [statements[s.statement_id] for s in view.statements if s.statement_id in statements]
        actors = [self.claimant(c) for c in w.claimants if c]  # as cited: the claimants of its evidence
        detection = self.disarm.detection.techniques
        report_id = stix_id("report", f"warning:{w.id}")
        state = "open" if w.is_open else f"closed on {w.closed_at}"
        lines = [f"Warning for {w.place_name} ({w.level}), opened {w.opened_at}, {state}; last evidence "
                 f"{w.last_evidence_at}; score {w.score:.2f}.",
                 f"Claimants: {', '.join(w.claimants) or 'none named'}. Outlets: {', '.join(w.outlets) or '-'}.",
                 *w.context]
        self.objects[report_id] = stix2.Report(
            id=report_id, created=opened, modified=changed, published=opened, **self._common(),
            name=f"forewarn warning: {w.place_name}, opened {w.opened_at}", description="\n".join(lines),
            report_types=["threat-report"], object_refs=list(dict.fromkeys([*([place] if place else []),
                                                                             *evidence, *actors])),
            labels=["forewarn-warning", "open" if w.is_open else "closed"],
            external_references=[{"source_name": "forewarn warning", "external_id": w.id},
                                 *({"source_name": "DISARM", "external_id": t} for t in detection)],
        )
        return report_id

    def relationships(self) -> None:
        for (kind, source, target), span in self.relations.items():
            relation_id = stix_id("relationship", f"{kind}|{source}|{target}")
            extra = {"description": "; ".join(sorted(span.descriptions))} if span.descriptions else {}
            timing = {} if span.first == REFERENCE_TIME else {"start_time": span.first, "stop_time": span.last}
            if timing and span.first == span.last:
                timing = {"start_time": span.first}
            self.objects[relation_id] = stix2.Relationship(
                id=relation_id, relationship_type=kind, source_ref=source, target_ref=target, allow_custom=True,
                created=span.first, modified=span.last, **self._common(), **timing, **extra,
            )


def _narrative(copies: Iterable[ClaimView]) -> str:
    return next((n for c in copies if (n := getattr(c.claim, "narrative", ""))), "chemical")


def _statement_name(lead: ClaimView) -> str:
    title = lead.source.title.strip() or lead.claim.evidence.sentence[:120]
    who = lead.claim.claimant or "unnamed claimant"
    return f"{who}: {title}"


def _statement_description(copies: Iterable[ClaimView]) -> str:
    lines = []
    for view in copies:
        claim = view.claim
        day = claim.published_at.date().isoformat() if claim.published_at else "undated"
        places = ", ".join(p.name for p in claim.places) or "no place"
        lines.append(f"{day}, {claim.outlet or view.source.outlet or 'unknown outlet'} ({claim.language or '?'}; "
                     f"{claim.kind.lower()}, {claim.stance}; {places}): {claim.evidence.sentence}")
        if view.source.url:
            lines.append(f"  source: {view.source.url}")
    return "\n".join(lines)


def _copy_reference(view: ClaimView) -> dict[str, str]:
    """One copy of the statement: the forewarn claim id, where and when it appeared. (No `url` key: STIX asks
    a hash with a URL, and forewarn cannot vouch for a page's bytes; the URL is a `url` object instead.)"""
    claim = view.claim
    day = claim.published_at.date().isoformat() if claim.published_at else "undated"
    title = view.source.title.strip() or "untitled"
    return {"source_name": "forewarn claim", "external_id": claim.id,
            "description": f"{claim.outlet or view.source.outlet or 'unknown outlet'}, {day}: {title}"}


def build_bundle(selection: Selection, gazetteer: Gazetteer, disarm: Disarm, settings: Settings) -> stix2.Bundle:
    """The selection as one STIX 2.1 bundle, objects sorted by type and id."""
    builder = _Builder(gazetteer, disarm, settings)
    statements = {s.statement_id: builder.statement(s) for s in selection.statements}
    for view in selection.warnings:
        builder.warning(view, statements)
    builder.relationships()
    objects = [builder.marking, *sorted(builder.objects.values(), key=lambda o: (o["type"], o["id"]))]
    digest = hashlib.sha256("\n".join(f"{o['id']}|{o.get('modified', '')}" for o in objects).encode()).hexdigest()
    return stix2.Bundle(objects=objects, id=stix_id("bundle", digest), allow_custom=True)


def bundle_json(bundle: stix2.Bundle) -> str:
    """The bundle as JSON text, the same bytes for the same bundle: keys sorted, two-space indent. (stix2's own
    pretty printing orders properties for reading but takes ~30 s on a few hundred objects.)"""
    return json.dumps(json.loads(bundle.serialize()), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
