"""Evaluation against labelled texts: per-class precision/recall/F1, the confusion matrix, and how well the
extracted fields agree with the annotators' hints.

Gold hints are free text ("Idlib; Hama", "White Helmets;militants/terrorists", "sarin (Khan Sheikhoun)").
They are compared leniently but honestly (see docs/detection.md):
- governorate: correct when any place of the document's claims lies in any gold governorate (names resolved
  by the gazetteer);
- place: correct when any claim place is a gold place or lies inside one;
- agent: correct when any claim's agent is the canonical agent of any gold part;
- accused: correct when any claim's accused is among the canonical accused found in the gold text.
A field is only scored on correctly found positives whose gold hint resolves to something; the count scored
is reported beside each accuracy.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .detect import Detector, detect_documents, document_label
from .errors import ConfigError
from .extract import all_canonical, extract_agent
from .lexicon import Lexicon, compile_patterns, for_language
from .model import Claim, Document
from .narratives import NarrativeTerms, load_narratives
from .text import detect_language, normalise

if TYPE_CHECKING:
    from .places import Gazetteer

LABELS = ("PREEMPTIVE", "RETROSPECTIVE", "OTHER")
FIELDS = ("governorate", "place", "agent", "accused", "claimant", "stance", "narrative")


@dataclass(frozen=True)
class Labelled:
    document: Document
    label: str
    gold: Mapping[str, str]


@dataclass
class Evaluation:
    per_class: dict[str, dict[str, float]]
    confusion: dict[str, dict[str, int]]
    fields: dict[str, float | None]
    field_counts: dict[str, int]
    predictions: list[dict[str, Any]] = field(default_factory=list)
    languages: dict[str, dict[str, Any]] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"per_class": self.per_class, "confusion": self.confusion, "fields": self.fields,
                "field_counts": self.field_counts, "languages": self.languages}


# -- reading ----------------------------------------------------------------------------------------------
def read_labelled(path: str | Path) -> list[Labelled]:
    """Labelled lines: {"id", "text", "label", optional "title", "date", "language", "outlet", hints…}."""
    rows: list[Labelled] = []
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise ConfigError(f"cannot read {path}: {exc}") from exc
    for number, line in enumerate(lines, 1):
        if line.strip():
            rows.append(_labelled(line, number, str(path)))
    return rows


def _labelled(line: str, number: int, origin: str) -> Labelled:
    try:
        record = json.loads(line)
    except ValueError as exc:
        raise ConfigError(f"{origin}:{number}: not a labelled record ({exc})") from exc
    return labelled_record(record, number, origin)


def labelled_record(record: Any, number: int, origin: str) -> Labelled:
    """One labelled record ({"id", "text", "label", optional "title", "date", "language", "outlet", hints…})."""
    try:
        label = str(record["label"]).upper()
        text = str(record["text"])
    except (KeyError, TypeError) as exc:
        raise ConfigError(f"{origin}:{number}: not a labelled record ({exc})") from exc
    if label not in LABELS:
        raise ConfigError(f"{origin}:{number}: unknown label {label!r}")
    doc = Document(
        source="eval", source_ref=str(record.get("id", number)), text=text, title=str(record.get("title") or ""),
        outlet=str(record.get("outlet") or ""), published_at=_date(record.get("date")),
        language=str(record.get("language") or ""), origin=origin, position=str(number),
    )
    gold = {k: str(v) for k, v in record.items() if k not in ("text", "title") and v is not None}
    return Labelled(doc, label, gold)


def _date(value: object) -> datetime | None:
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(str(value))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


# -- scoring ----------------------------------------------------------------------------------------------
def evaluate(rows: Sequence[Labelled], detector: Detector | None = None) -> Evaluation:
    """Run the detector over labelled documents and score it."""
    detector = detector or Detector()
    predictions: list[dict[str, Any]] = []
    found_claims = [claims for _, claims in detect_documents([row.document for row in rows], detector)]
    for row, claims in zip(rows, found_claims, strict=True):
        predictions.append({"id": row.gold.get("id", row.document.source_ref),
                            "predicted": document_label(claims), "claims": [claim_record(c) for c in claims]})
    predicted = [p["predicted"] for p in predictions]
    gold = [row.label for row in rows]
    accuracy, counts = field_accuracy(rows, predicted, found_claims)
    return Evaluation(per_class(gold, predicted), confusion(gold, predicted), accuracy, counts, predictions,
                      by_language(rows, predicted))


def by_language(rows: Sequence[Labelled], predicted: Sequence[str]) -> dict[str, dict[str, Any]]:
    """Per language: how forewarn reads it (`detect.language_support`), how many texts, and per-class figures.
    A language without a pack is counted here, never silently scored as English."""
    from .detect import language_support

    groups: dict[str, list[int]] = {}
    for index, row in enumerate(rows):
        language = row.document.language or detect_language(row.document.text[:2000]) or "unknown"
        groups.setdefault(language, []).append(index)
    out: dict[str, dict[str, Any]] = {}
    for language, members in sorted(groups.items(), key=lambda item: -len(item[1])):
        table = per_class([rows[i].label for i in members], [predicted[i] for i in members])
        out[language] = {"support": language_support(language if language != "unknown" else ""),
                         "documents": len(members), **{label: table[label] for label in LABELS}}
    return out


def per_class(gold: Sequence[str], predicted: Sequence[str]) -> dict[str, dict[str, float]]:
    table: dict[str, dict[str, float]] = {}
    for label in LABELS:
        tp = sum(g == p == label for g, p in zip(gold, predicted, strict=True))
        n_pred = sum(p == label for p in predicted)
        support = sum(g == label for g in gold)
        precision = tp / n_pred if n_pred else 0.0
        recall = tp / support if support else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        table[label] = {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
                        "support": support}
    return table


def confusion(gold: Sequence[str], predicted: Sequence[str]) -> dict[str, dict[str, int]]:
    """confusion[gold][predicted] = count."""
    matrix = {g: {p: 0 for p in LABELS} for g in LABELS}
    for g, p in zip(gold, predicted, strict=True):
        matrix[g][p] += 1
    return matrix


def field_accuracy(rows: Sequence[Labelled], predicted: Sequence[str], claims: Sequence[list[Claim]]
                   ) -> tuple[dict[str, float | None], dict[str, int]]:
    """Accuracy of each field over the correctly found positives whose gold hint is usable."""
    hits = {name: 0 for name in FIELDS}
    scored = {name: 0 for name in FIELDS}
    for row, label, found in zip(rows, predicted, claims, strict=True):
        if label != row.label or label == "OTHER":
            continue
        relevant = [c for c in found if c.kind == label]
        for name in FIELDS:
            verdict = FIELD_CHECKS[name](row.gold.get(name, ""), relevant)
            if verdict is not None:
                scored[name] += 1
                hits[name] += int(verdict)
    accuracy = {name: (round(hits[name] / scored[name], 4) if scored[name] else None) for name in FIELDS}
    return accuracy, scored


def _parts(hint: str) -> list[str]:
    """'Idlib; Rif Dimashq', 'Daraa/Quneitra (southern Syria)' → ['Idlib', 'Rif Dimashq'], ['Daraa', …]."""
    without_notes = re.sub(r"\([^)]*\)", " ", hint)
    return [p.strip() for p in re.split(r"[;/,]", without_notes) if p.strip()]


def _gazetteer() -> Gazetteer:
    from .places import Gazetteer

    return Gazetteer.default()


def _resolve_all(hint: str) -> list[str]:
    gazetteer = _gazetteer()
    ids: list[str] = []
    for part in _parts(hint):
        place = gazetteer.resolve(part) or gazetteer.resolve(part, country="")
        if place is not None:
            ids.append(place.id)
    return ids


def check_governorate(hint: str, claims: Sequence[Claim]) -> bool | None:
    gold = set(_resolve_all(hint))
    gazetteer = _gazetteer()
    gold_governorates = {gazetteer.ref(i).governorate_id or i for i in gold}
    gold_governorates.discard("")
    if not gold_governorates:
        return None
    return any(_in_governorates(p, gold_governorates) for c in claims for p in c.places)


def _in_governorates(place: Any, governorates: set[str]) -> bool:
    """A place counts when its governorate is a gold one, or when it is a region (not a country) that
    contains one ("southern Syria" for Daraa)."""
    if place.governorate_id in governorates or place.id in governorates:
        return True
    return place.level == "region" and any(_gazetteer().contains(place.id, g) for g in governorates)


def check_place(hint: str, claims: Sequence[Claim]) -> bool | None:
    gold = _resolve_all(hint)
    if not gold:
        return None
    gazetteer = _gazetteer()
    return any(p.id == g or gazetteer.contains(g, p.id) for c in claims for p in c.places for g in gold)


def _english() -> Lexicon:
    lexicon = for_language("en")
    assert lexicon is not None
    return lexicon


def check_agent(hint: str, claims: Sequence[Claim]) -> bool | None:
    if not hint.strip():
        return None
    # the notes count too: "poison (Novichok)" accepts novichok as well as toxic substances
    parts = [normalise(part, "en") for part in re.split(r"[;/,()]", hint) if part.strip()]
    gold = {extract_agent(n.terms("en"), part) for part in parts for n in load_narratives()
            if n.terms("en").agents and _names_agent(n.terms("en"), part)}
    gold = gold or {extract_agent(n.terms("en"), part) for part in parts for n in load_narratives()}
    return any(c.agent in gold for c in claims)


def _names_agent(terms: NarrativeTerms, text: str) -> bool:
    return any(compile_patterns(patterns).search(text) for _, patterns in terms.agents)  # type: ignore[union-attr]


def check_accused(hint: str, claims: Sequence[Claim]) -> bool | None:
    gold = set(all_canonical(_english().accused, normalise(hint.replace("/", " / "), "en")))
    if not gold:
        return None
    return any(a in gold for c in claims for a in c.accused)


_GENERIC_WORDS = frozenset({"russian", "russia", "ministry", "foreign", "defence", "defense", "government",
                            "syrian", "syria", "the", "of", "for", "and", "state", "media", "agency", "centre",
                            "center", "mission", "office", "spokesman", "spokeswoman", "official", "officials"})


def check_claimant(hint: str, claims: Sequence[Claim]) -> bool | None:
    """Right when a claim's claimant is the canonical claimant the gold hint names ("Russian UN envoy (Nebenzia)"
    → Russian UN mission), or, for a hint no canonical claimant covers, when they share a distinctive word."""
    if not hint.strip():
        return None
    folded = normalise(hint.replace("/", " / "), "en")
    gold = set(all_canonical(_english().claimants, folded))
    if gold:
        return any(c.claimant in gold for c in claims)
    words = {w for w in re.findall(r"\w{4,}", folded) if w not in _GENERIC_WORDS}
    return any(words & set(re.findall(r"\w{4,}", normalise(c.claimant, "en"))) for c in claims) if words else None


def check_stance(hint: str, claims: Sequence[Claim]) -> bool | None:
    hint = hint.strip().lower()
    return any(c.stance == hint for c in claims) if hint in ("asserted", "reported") else None


def check_narrative(hint: str, claims: Sequence[Claim]) -> bool | None:
    hint = hint.strip().lower()
    return any(c.narrative == hint for c in claims) if hint else None


FIELD_CHECKS = {"governorate": check_governorate, "place": check_place, "agent": check_agent,
                "accused": check_accused, "claimant": check_claimant, "stance": check_stance,
                "narrative": check_narrative}


# -- records --------------------------------------------------------------------------------------------------
def claim_record(claim: Claim) -> dict[str, Any]:
    """A claim as a JSON-ready dict: the one claim shape of forewarn.serialise."""
    from .serialise import claim_json

    return claim_json(claim)


def write_predictions(path: str | Path, predictions: Iterable[Mapping[str, Any]]) -> int:
    count = 0
    with Path(path).open("w", encoding="utf-8") as handle:
        for record in predictions:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
    return count

