"""Detection: documents → claims, in four stages, each with its own module:

1. screen (`forewarn.screen`): sentences that name a loaded narrative's weapon or context; most news never passes;
2. cues (`forewarn.cues`): which families of the language pack and the narrative fire in each candidate;
3. classify (`forewarn.classify`): a learned, calibrated decision over the candidate's multilingual embedding
   and its cues (rules only when no model is available);
4. extract (`forewarn.extract`): claimant, accused, agent, places, dates and stance.

`Detector` holds what varies — the narratives, the gazetteer, the model, the thresholds — and follows the
scikit-learn estimator contract (`fit`, `predict`, `get_params`); `detect_documents` is the pure stage function
the pipeline and a Dask engine map over documents; `run_detection` is the store-bound wrapper. A language with no
pack is read with the generic pack and the model, never as English (`language_support`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import cached_property
from typing import TYPE_CHECKING, Any

from . import claimdate, extract
from .classify import ClaimModel, Decision, cue_features, load_model, model_digest, rule_reading
from .cues import CueSet, before_incidents
from .embeddings import ENCODER_LANGUAGES, encode
from .lexicon import Lexicon, available_languages, for_language, pack_for
from .model import Claim, ClaimKind, Document, Evidence, Stance
from .narratives import NarrativeSet, load_narratives
from .screen import Candidate, candidates, cue_sets, document_text
from .text import detect_language, normalise

if TYPE_CHECKING:
    from .places import Gazetteer
    from .settings import Settings
    from .store import Store

MAX_CONTEXT_CHARS = 6000  # how much of the document body is searched for places when the claim names none
LEAD_CHARS = 400  # the opening of the body, where wire copy names who spoke ("Russia's defence ministry said …")
BATCH = 256  # documents whose candidates are embedded together
DEFAULT_PREEMPTIVE_THRESHOLD = 0.5
DEFAULT_RETROSPECTIVE_THRESHOLD = 0.5
_VERSION_BASE = "learned-1"

__all__ = ["Detector", "detect_documents", "document_label", "document_text", "language_support", "run_detection"]


def language_support(language: str) -> str:
    """How forewarn reads a language: "pack" (a language pack and the model), "encoder" (the model and the
    generic pack: the encoder was trained on the language), "partial" (the generic pack and an encoder that only
    shares the script) or "none" (no language identified)."""
    if not language:
        return "none"
    if for_language(language) is not None:
        return "pack"
    return "encoder" if language in ENCODER_LANGUAGES else "partial"


@dataclass(frozen=True)
class _Read:
    """One candidate on its way to a claim."""

    doc: Document
    lexicon: Lexicon
    candidate: Candidate
    features: dict[str, float]
    stance_features: dict[str, float]


class Detector:
    """Documents → claims.

    narratives: the narratives to detect (all bundled ones by default); gazetteer: the places claims are resolved
    to (all bundled regions by default); model: "default" (the shipped model), None (rules only) or the folder of
    a model written by `forewarn.training`; thresholds: the calibrated probability a candidate needs to be a
    claim of each kind.
    """

    def __init__(self, narratives: NarrativeSet | None = None, gazetteer: Gazetteer | None = None,
                 model: str | ClaimModel | None = "default",
                 preemptive_threshold: float = DEFAULT_PREEMPTIVE_THRESHOLD,
                 retrospective_threshold: float = DEFAULT_RETROSPECTIVE_THRESHOLD, C: float = 1.0) -> None:
        self.narratives = narratives
        self.gazetteer = gazetteer
        self.model = model
        self.preemptive_threshold = preemptive_threshold
        self.retrospective_threshold = retrospective_threshold
        self.C = C

    @classmethod
    def from_settings(cls, settings: Settings, gazetteer: Gazetteer | None = None) -> Detector:
        narratives = load_narratives(settings.narratives or None, settings.narrative_dirs)
        return cls(narratives, gazetteer, settings.detector_model or "default",
                   settings.preemptive_threshold, settings.retrospective_threshold)

    # scikit-learn's parameter protocol, by hand so importing forewarn does not import scikit-learn.
    def get_params(self, deep: bool = True) -> dict[str, Any]:
        return {"narratives": self.narratives, "gazetteer": self.gazetteer, "model": self.model,
                "preemptive_threshold": self.preemptive_threshold,
                "retrospective_threshold": self.retrospective_threshold, "C": self.C}

    def set_params(self, **params: Any) -> Detector:
        for key, value in params.items():
            if key not in self.get_params():
                raise ValueError(f"Detector has no parameter {key!r}")
            setattr(self, key, value)
        for derived in ("version", "narrative_set", "places"):
            self.__dict__.pop(derived, None)
        return self

    # -- what it holds ----------------------------------------------------------------------------------
    # The defaults are loaded on first use and kept apart from the parameters, which stay as given (the
    # estimator contract: `get_params` returns what `__init__` received).
    @cached_property
    def narrative_set(self) -> NarrativeSet:
        return self.narratives if self.narratives is not None else load_narratives()

    @cached_property
    def places(self) -> Gazetteer:
        if self.gazetteer is not None:
            return self.gazetteer
        from .places import Gazetteer

        return Gazetteer.default()

    @property
    def claim_model(self) -> ClaimModel | None:
        fitted: ClaimModel | None = getattr(self, "model_", None)
        if fitted is not None:
            return fitted
        if isinstance(self.model, ClaimModel):
            return self.model
        if self.model is None:
            return None
        return load_model(None if self.model == "default" else self.model)

    @cached_property
    def version(self) -> str:
        """The engine's name plus a digest of everything that decides its output — the model, every language
        pack, every narrative's terms, the thresholds — so changing any of them re-detects stored documents."""
        digest = hashlib.sha256()
        fitted = getattr(self, "model_", None)
        if fitted is not None or isinstance(self.model, ClaimModel):
            digest.update(repr(sorted((fitted or self.model).meta.items())).encode())  # type: ignore[union-attr]
        elif self.model is not None:
            digest.update(model_digest(None if self.model == "default" else self.model).encode())
        for language in available_languages():
            digest.update(repr(_pack_state(for_language(language))).encode("utf-8"))
        for narrative in self.narrative_set:
            digest.update(repr((narrative.name, narrative.agents, narrative.context, narrative.past_incident,
                                narrative.agent_of, narrative.place_of, narrative.incident_dates)).encode("utf-8"))
        digest.update(f"{self.preemptive_threshold}:{self.retrospective_threshold}".encode())
        return f"{_VERSION_BASE}+{digest.hexdigest()[:8]}"

    # -- the estimator contract -------------------------------------------------------------------------
    def fit(self, texts: Iterable[str | Document], labels: Iterable[str]) -> Detector:
        """Learn the claim model from labelled documents (see `forewarn.training.fit_claim_model`)."""
        from .training import fit_claim_model

        docs = [_as_document(item, i) for i, item in enumerate(texts)]
        self.model_ = fit_claim_model(docs, list(labels), self.narrative_set, C=self.C)
        self.__dict__.pop("version", None)
        return self

    def predict(self, texts: Iterable[str | Document]) -> list[str]:
        """One label per text: PREEMPTIVE if any claim is, else RETROSPECTIVE if any is, else OTHER."""
        docs = [_as_document(item, i) for i, item in enumerate(texts)]
        return [document_label(found) for found in self.detect_batch(docs)]

    # -- detection --------------------------------------------------------------------------------------
    def detect(self, doc: Document) -> list[Claim]:
        return self.detect_batch([doc])[0]

    def detect_batch(self, docs: Sequence[Document]) -> list[list[Claim]]:
        """Claims per document. Candidates of the whole batch are embedded together (one encoder call)."""
        reads = [self.read(doc) for doc in docs]
        flat = [r for rs in reads for r in rs]
        decisions = self.decide(flat)
        out: list[list[Claim]] = []
        position = 0
        for doc_reads in reads:
            mine = decisions[position : position + len(doc_reads)]
            position += len(doc_reads)
            out.append(self._claims(doc_reads, mine))
        return out

    def read(self, doc: Document) -> list[_Read]:
        """Screen and cue one document: its candidates with their cue features."""
        language = doc.language or detect_language(f"{doc.title}\n{doc.text[:2000]}")
        lexicon = pack_for(language or "en")
        generic = for_language(lexicon.language) is None
        found = [self._dated(doc, c) for c in candidates(doc, lexicon, self.narrative_set)]
        return [_Read(doc, lexicon, c, cue_features(c, generic_pack=generic),
                      extract.stance_features(lexicon, c.cues, c.normalised, doc.outlet))
                for c in found]

    def _dated(self, doc: Document, candidate: Candidate) -> Candidate:
        """The candidate without past-incident cues for incidents after the document's date (none when undated)."""
        if doc.published_at is None or not candidate.cues.has("past_incident"):
            return candidate
        later = self.narrative_set.get(candidate.narrative).incidents_after(doc.published_at.date())
        cues = before_incidents(candidate.cues, later)
        return candidate if cues is candidate.cues else replace(candidate, cues=cues)

    def decide(self, reads: Sequence[_Read]) -> list[Decision]:
        if not reads:
            return []
        model = self.claim_model
        if model is None:
            return [_rule_decision(r.candidate) for r in reads]
        sentences = encode([r.candidate.sentence for r in reads])
        windows = encode([r.candidate.context or r.candidate.sentence for r in reads])
        thresholds = {"PREEMPTIVE": self.preemptive_threshold, "RETROSPECTIVE": self.retrospective_threshold}
        return model.decide([r.features for r in reads], sentences, windows, thresholds,
                            [r.stance_features for r in reads])

    def _claims(self, reads: Sequence[_Read], decisions: Sequence[Decision]) -> list[Claim]:
        found: list[Claim] = []
        for read, decision in zip(reads, decisions, strict=True):
            candidate = read.candidate
            inside = [c for c in found if candidate.start <= c.evidence.start and c.evidence.end <= candidate.end]
            if inside and not candidate.paired:
                continue  # a quotation inside this sentence already made the claim
            if decision.kind == "OTHER":
                continue
            if candidate.paired and (decision.kind != "PREEMPTIVE" or any(
                    c.kind == decision.kind and c.score >= decision.probability for c in inside)):
                # a pair only adds a pre-emptive claim, turns its sentence's retrospective one pre-emptive, or
                # replaces a weaker one with evidence spanning both sentences
                continue
            found = [c for c in found if c not in inside]
            found.append(self.build_claim(read, decision))
        return found

    def build_claim(self, read: _Read, decision: Decision) -> Claim:
        """Fill a claim's fields from its sentence, with the title and the rest of the document as fallbacks."""
        doc, lexicon, candidate = read.doc, read.lexicon, read.candidate
        owner = _owner(lexicon, self.narrative_set, candidate.narrative)
        norm_title = normalise(doc.title, lexicon.language) if not candidate.is_title else ""
        lead = normalise(doc.text[:LEAD_CHARS], lexicon.language)
        claimant = extract.extract_claimant(lexicon, candidate.normalised, previous=candidate.previous,
                                            title=norm_title, lead=lead, outlet=doc.outlet)
        actors = extract.actor_spans(lexicon, candidate.sentence)
        blamed = extract.blamed_spans(lexicon, candidate.normalised) if len(candidate.normalised) == len(
            candidate.sentence) else []
        places = extract.find_places(self.places, (candidate.sentence, doc.title, doc.text[:MAX_CONTEXT_CHARS]),
                                     lexicon.language, actors, blamed)
        places = extract.implied_places(self.places, owner.terms, candidate.normalised, places)
        kind: ClaimKind = decision.kind  # type: ignore[assignment]
        predicted = (extract.extract_date(lexicon, candidate.normalised, doc.published_at)
                     if kind == "PREEMPTIVE" else None)
        explained = tuple(f"model:{name}" for name in decision.explanation)
        explained += tuple(f"nearest:{n}" for n in decision.nearest)
        if for_language(lexicon.language) is None:
            explained += ("pack:generic",)
        return Claim(
            document_id=doc.id,
            kind=kind,
            stance=_stance(decision, lexicon, candidate, claimant, doc.outlet),
            evidence=Evidence(candidate.start, candidate.end, candidate.sentence,
                              candidate.cues.names() + explained),
            score=round(decision.probability, 3),
            detector_version=self.version,
            claimant=claimant,
            accused=extract.extract_accused(lexicon, candidate.normalised),
            agent=extract.extract_agent(owner.terms, candidate.normalised),
            places=places,
            predicted_date=predicted,
            language=doc.language or lexicon.language,
            published_at=doc.published_at,
            date_kind=doc.date_kind,
            outlet=doc.outlet,
            source_ref=doc.source_ref,
            narrative=candidate.narrative,
            **claimdate.claim_date_fields(candidate.sentence, candidate.previous, doc,
                                          doc.language or lexicon.language),
        )


def _stance(decision: Decision, lexicon: Lexicon, candidate: Candidate, claimant: str, outlet: str) -> Stance:
    """The stance head's reading where the model has one, else the hand-written rules (`extract.extract_stance`)."""
    if decision.reported is not None:
        return "reported" if decision.reported >= 0.5 else "asserted"
    return extract.extract_stance(lexicon, candidate.cues, claimant, outlet)  # type: ignore[return-value]


def _owner(lexicon: Lexicon, narratives: NarrativeSet, name: str) -> CueSet:
    return next(s for s in cue_sets(lexicon, narratives) if s.narrative == name)


def _pack_state(lexicon: Lexicon | None) -> Any:
    return None if lexicon is None else (lexicon.staging, lexicon.prospective, lexicon.retrospective,
                                         lexicon.reported, lexicon.negation, lexicon.claimants, lexicon.accused,
                                         lexicon.evidence, lexicon.extra)


def _rule_decision(candidate: Candidate) -> Decision:
    """Rules only (no model): the hand-written reading with a plain confidence."""
    kind = rule_reading(candidate.cues)
    if kind == "OTHER":
        return Decision("OTHER", 1.0, {"OTHER": 1.0})
    cues = candidate.cues
    support: tuple[str, ...] = ("staging", "accused", "evidence", "claimant")
    support += ("prospective",) if kind == "PREEMPTIVE" else ("retrospective", "past_incident")
    score = round(min(0.95, 0.5 + 0.08 * sum(cues.has(f) for f in support)), 3)
    return Decision(kind, score, {kind: score}, (f"rule:{kind}",))


def _as_document(item: str | Document, position: int) -> Document:
    if isinstance(item, Document):
        return item
    return Document(source="texts", source_ref=str(position), text=item)


def document_label(claims: Iterable[Claim]) -> str:
    kinds = {c.kind for c in claims}
    return "PREEMPTIVE" if "PREEMPTIVE" in kinds else "RETROSPECTIVE" if "RETROSPECTIVE" in kinds else "OTHER"


# -- stage functions --------------------------------------------------------------------------------------
def detect_documents(docs: Iterable[Document], detector: Detector | None = None, *, batch: int = BATCH
                     ) -> Iterator[tuple[Document, list[Claim]]]:
    """Pure: each document with its claims (an empty list for most), in order, `batch` documents at a time."""
    detector = detector or Detector()
    chunk: list[Document] = []
    for doc in docs:
        chunk.append(doc)
        if len(chunk) >= batch:
            yield from zip(chunk, detector.detect_batch(chunk), strict=True)
            chunk = []
    if chunk:
        yield from zip(chunk, detector.detect_batch(chunk), strict=True)


def run_detection(store: Store, *, everything: bool = False, detector: Detector | None = None) -> int:
    """Detect over the documents this detector version has not read (all with `everything`), writing claims
    in batches; returns the number of claims written."""
    detector = detector or Detector()
    version = detector.version
    docs = store.iter_documents(undetected_by=None if everything else version)
    written = 0
    ids: list[str] = []
    claims: list[Claim] = []
    for doc, found in detect_documents(docs, detector):
        ids.append(doc.id)
        claims.extend(found)
        if len(ids) >= BATCH:
            written += store.replace_claims(ids, claims, version)
            ids, claims = [], []
    if ids:
        written += store.replace_claims(ids, claims, version)
    return written


def default_version() -> str:
    return Detector().version


def __getattr__(name: str) -> Any:
    """`DETECTOR_VERSION`: the default detector's version, computed on first use (it reads the model files)."""
    if name == "DETECTOR_VERSION":
        return default_version()
    raise AttributeError(name)

