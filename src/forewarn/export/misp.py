"""MISP events of a selection, built offline with PyMISP's `MISPEvent` (docs/exports.md).

One event per warning (its place, the statements behind it) and one for the whole claims selection. In each:
- a `geolocation` object per place (coordinates, governorate as region, country code, forewarn place id);
- per statement a MISP `narrative` object (summary, claimant, accused, agent, kind, stance, score in the
  comment) referencing a `news-media` object for each copy (title, sentence, outlet, URL) and the places;
- the DISARM techniques the claims show, as galaxy clusters of the DISARM galaxy that pymispgalaxies ships
  (both the cluster and its galaxy tag, so MISP attaches them on import), tagged on the narrative too;
- the TLP tag of the `export_tlp` setting.
The file is `{"response": [{"Event": …}, …]}`, the shape of MISP's own search results; each event loads with
`MISPEvent.load`. UUIDs are derived from stable keys, so a re-import updates instead of duplicating.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from ..errors import ConfigError, NotFoundError
from ..places import Gazetteer
from ..queries import ClaimView, Statement
from ..settings import Settings
from .disarm import Disarm, Technique
from .selection import Selection

NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://forewarn.invalid/misp")  # a name, never fetched
TLP_TAGS = {"clear": "tlp:clear", "white": "tlp:white", "green": "tlp:green", "amber": "tlp:amber",
            "red": "tlp:red"}


def misp_uuid(key: str) -> str:
    return str(uuid.uuid5(NAMESPACE, key))


def tlp_tag(settings: Settings) -> str:
    try:
        return TLP_TAGS[settings.export_tlp.casefold()]
    except KeyError:
        raise ConfigError(f"export_tlp is one of {', '.join(TLP_TAGS)}, not {settings.export_tlp!r}") from None


def _galaxies(techniques: Sequence[Technique]) -> list[Any]:
    """The DISARM galaxies with the clusters used, from the galaxy definitions pymispgalaxies ships."""
    from pymisp import MISPGalaxy
    from pymispgalaxies import Galaxy

    found = []
    for galaxy_type in sorted({t.galaxy_type for t in techniques}):
        definition = Galaxy(galaxy_type)
        galaxy = MISPGalaxy()
        galaxy.from_dict(uuid=definition.uuid, name=definition.name, type=definition.type,
                         namespace=definition.namespace, description=definition.description, version=definition.version)
        for technique in (t for t in techniques if t.galaxy_type == galaxy_type):
            galaxy.add_galaxy_cluster(
                uuid=technique.galaxy_uuid, type=galaxy_type, value=technique.name, tag_name=technique.tag,
                description=technique.description, source="https://github.com/DISARMFoundation/DISARMframeworks",
                authors=["DISARM Project"], distribution=3, default=True,
                meta={"external_id": [technique.id], "kill_chain": [f"tactics:{t}" for t in technique.tactics],
                      **({"refs": [technique.url]} if technique.url else {})},
            )
        found.append(galaxy)
    return found


class _EventBuilder:
    def __init__(self, key: str, info: str, day: date | None, gazetteer: Gazetteer, disarm: Disarm,
                 settings: Settings) -> None:
        from pymisp import MISPEvent

        self.gazetteer, self.disarm = gazetteer, disarm
        self.event = MISPEvent()
        self.event.uuid = misp_uuid(f"event:{key}")
        self.event.info = info
        if day is not None:
            self.event.date = day
        self.event.distribution = 0  # this organisation only, until an analyst decides to share
        self.event.analysis = 2  # complete: the export is what forewarn knows
        self.event.threat_level_id = 2  # medium
        self.event.add_tag(tlp_tag(settings))
        self.places: dict[str, str] = {}
        self.techniques: dict[str, Technique] = {}

    def place(self, place_id: str) -> str | None:
        if place_id in self.places:
            return self.places[place_id]
        from pymisp import MISPObject

        try:
            place = self.gazetteer.get(place_id)
            containing = self.gazetteer.ancestors(place_id)
        except NotFoundError:
            return None
        item = MISPObject("geolocation", standalone=False)
        item.uuid = misp_uuid(f"{self.event.uuid}:place:{place_id}")
        governorate = next((p.name for p in [place, *containing] if p.level == "governorate"), "")
        country = place.country or next((p.id for p in containing if p.level == "country"), "")
        if place.lat is not None and place.lon is not None:
            item.add_attribute("latitude", place.lat)
            item.add_attribute("longitude", place.lon)
        if place.level == "town":
            item.add_attribute("city", place.name)
        if governorate:
            item.add_attribute("region", governorate)
        if country:
            item.add_attribute("countrycode", country)
        where = ", ".join(p.name for p in containing)
        item.add_attribute("text", f"{place.name} ({place.level}{', in ' + where if where else ''}); "
                                   f"forewarn place id {place.id}")
        item.comment = place.id
        self.event.add_object(item)
        self.places[place_id] = item.uuid
        return item.uuid

    def statement(self, item: Statement) -> str:
        from pymisp import MISPObject

        copies = item.claims
        lead = copies[0].claim
        story = MISPObject("narrative", standalone=False)
        story.uuid = misp_uuid(f"{self.event.uuid}:statement:{item.statement_id}")
        summary = story.add_attribute("narrative-summary", lead.evidence.sentence)
        techniques = self.disarm.techniques_for_all(c.claim for c in copies)
        for technique_id in techniques:
            technique = self.disarm.get(technique_id)
            self.techniques[technique_id] = technique
            if summary is not None:
                summary.add_tag(technique.tag)
        story.comment = _describe(copies)
        for view in copies:
            story.add_reference(self._copy(view, item.statement_id), "derived-from")
        for place_id in dict.fromkeys(p.id for c in copies for p in c.claim.places):
            if (target := self.place(place_id)) is not None:
                story.add_reference(target, "mentions")
        self.event.add_object(story)
        return story.uuid

    def _copy(self, view: ClaimView, statement_id: str) -> str:
        from pymisp import MISPObject

        media = MISPObject("news-media", standalone=False)
        media.uuid = misp_uuid(f"{self.event.uuid}:claim:{view.id}")
        outlet = view.claim.outlet or view.source.outlet
        if view.source.title:
            media.add_attribute("title", view.source.title)
        media.add_attribute("content", view.claim.evidence.sentence)
        if outlet:
            media.add_attribute("source", outlet)
        if view.source.url:
            media.add_attribute("url", view.source.url)
        day = view.claim.published_at.date().isoformat() if view.claim.published_at else "undated"
        media.comment = f"forewarn claim {view.id} (statement {statement_id}), published {day}"
        self.event.add_object(media)
        return media.uuid

    def finish(self) -> Any:
        used = [self.techniques[t] for t in sorted(self.techniques)]
        for technique in used:
            self.event.add_tag(technique.tag)
        for galaxy in _galaxies(used):
            self.event.add_galaxy(galaxy)
        return self.event


def _describe(copies: Iterable[ClaimView]) -> str:
    claims = [c.claim for c in copies]
    lead = claims[0]
    accused = ", ".join(sorted({a for c in claims for a in c.accused})) or "none named"
    return (f"claimant: {lead.claimant or 'unnamed'}; accused: {accused}; agent: {lead.agent or 'unspecified'}; "
            f"kind: {lead.kind}; stance: {', '.join(sorted({c.stance for c in claims}))}; "
            f"score: {max(c.score for c in claims):.2f}; copies: {len(claims)}")


def build_events(selection: Selection, gazetteer: Gazetteer, disarm: Disarm, settings: Settings,
                 title: str = "all claims") -> list[Any]:
    """An event per warning, then one for the claims selection."""
    events = []
    for view in selection.warnings:
        w = view.warning
        state = "open" if w.is_open else f"closed {w.closed_at}"
        builder = _EventBuilder(f"warning:{w.id}", f"forewarn warning: {w.place_name} ({w.level}), opened "
                                f"{w.opened_at}, {state}", w.opened_at, gazetteer, disarm, settings)
        builder.place(w.place_id)
        for statement in view.statements:
            builder.statement(statement)
        builder.event.add_attribute("text", f"forewarn warning {w.id}: score {w.score:.2f}, last evidence "
                                    f"{w.last_evidence_at}; claimants {', '.join(w.claimants) or '-'}; "
                                    + "; ".join(w.context), comment="the warning",
                                    uuid=misp_uuid(f"warning-text:{w.id}"))
        for technique_id in disarm.detection.techniques:
            builder.event.add_tag(disarm.get(technique_id).tag)
            builder.techniques[technique_id] = disarm.get(technique_id)
        events.append(builder.finish())
    first = min((c.claim.published_at.date() for c in selection.claims if c.claim.published_at), default=None)
    builder = _EventBuilder(f"claims:{title}", f"forewarn claims: {title} ({selection.label})", first, gazetteer,
                            disarm, settings)
    for statement in selection.statements:
        builder.statement(statement)
    events.append(builder.finish())
    return events


def events_json(events: Iterable[Any]) -> str:
    """The events as MISP search results: {"response": [{"Event": …}, …]}."""
    documents = [json.loads(event.to_json()) for event in events]
    return json.dumps({"response": documents}, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
