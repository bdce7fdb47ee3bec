"""Classification: each candidate sentence → PREEMPTIVE, RETROSPECTIVE or no claim, with a calibrated probability.

The decision is learned (`forewarn.training` fits it on labelled real text and our own examples; the result
ships as `data/model/claims.json` plus `claims-examples.npz`, plain numbers, no pickle). Its inputs:

- the candidate's multilingual sentence embedding and the embedding of the sentence with its neighbours
  (`forewarn.embeddings`): what generalises across wording and languages;
- cue features (`forewarn.cues`): which families fired (staging, prospective, retrospective, negated act,
  reported, accused, evidence, …), a few conjunctions of them, and where the sentence stands (title, quotation,
  pair). They carry what the language packs know and are the claim's explanation; they decide nothing alone.

Scores are a multinomial logistic regression, then a calibration map fitted on out-of-fold scores (vector
scaling), so a probability of 0.8 means about 8 in 10 on text like the training data. A candidate is a claim
when its probability passes the kind's threshold (`Settings.preemptive_threshold`, `retrospective_threshold`).
The nearest labelled examples (cosine on the sentence embedding) are kept as evidence.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from .cues import Cues
from .errors import ConfigError
from .screen import Candidate, forward_looking

CLASSES = ("OTHER", "PREEMPTIVE", "RETROSPECTIVE")
MODEL_FILE = "claims.json"
EXAMPLES_FILE = "claims-examples.npz"
NEAREST = 3  # labelled examples kept as a claim's evidence


# -- features ---------------------------------------------------------------------------------------------
_CONJUNCTIONS = (("staging", "prospective"), ("staging", "retrospective"), ("accused", "prospective"),
                 ("agent", "prospective"), ("staging", "past_incident"), ("negation", "past_incident"),
                 ("prospective", "retrospective"), ("staging", "accused"), ("evidence", "accused"),
                 ("staging", "reported"), ("context", "prospective"), ("past_use", "accused"),
                 ("past_use", "claimant"))


def cue_features(candidate: Candidate, *, generic_pack: bool = False) -> dict[str, float]:
    """Cue families, some conjunctions, the hand-written reading (`rule_reading`) and the candidate's position.
    Family names only — never words — so a feature means the same in every language."""
    cues = candidate.cues
    values: dict[str, float] = {f"cue:{family}": 1.0 for family in cues.found if ":" not in family}
    if any(family.startswith("agent_of:") for family in cues.found):
        values["cue:agent_of"] = 1.0
    for left, right in _CONJUNCTIONS:
        if cues.has(left) and cues.has(right):
            values[f"both:{left}+{right}"] = 1.0
    if cues.negated_act:
        values["cue:negated_act"] = 1.0
    if forward_looking(cues):
        values["cue:forward_looking"] = 1.0
    values[f"rule:{_pack_reading(cues, generic_pack)}"] = 1.0
    for flag in ("is_title", "paired", "quoted"):
        if getattr(candidate, flag):
            values[f"pos:{flag}"] = 1.0
    if generic_pack:
        values["pack:generic"] = 1.0
    return values


def _pack_reading(cues: Cues, generic_pack: bool) -> str:
    """The hand-written reading as a feature. The generic pack has no tense lexicon, so it cannot tell an act
    still to come from one done: its reading of an act would always be "past" (RETROSPECTIVE) and pull every
    claim in a language without a pack that way. There it says only that a tenseless act was read ("UNTENSED")."""
    reading = rule_reading(cues)
    return "UNTENSED" if generic_pack and reading != "OTHER" else reading


def rule_reading(cues: Cues) -> str:
    """The old hand-written decision, kept as one feature among others: the weapon, something still to happen
    and the act, an accused party or cited evidence read as PREEMPTIVE; the act with nothing forward-looking, or
    a named past incident denied or blamed, as RETROSPECTIVE."""
    if not (cues.has("agent") or cues.has("context")):
        return "OTHER"
    act = cues.has("staging")
    forward = forward_looking(cues)
    supported = act or cues.has("accused") or cues.has("evidence")
    not_past = cues.has("prospective") or not cues.has("past_incident")
    if forward and supported and not_past and not cues.has("insufficient"):
        return "PREEMPTIVE"
    if cues.has("insufficient") and not act:
        return "OTHER"
    if act and not forward:
        return "RETROSPECTIVE"
    denied = act or cues.has("negation") or cues.has("accused")
    if cues.has("past_incident") and cues.has("agent") and denied:
        return "RETROSPECTIVE"
    return "OTHER"


# -- the model --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Decision:
    kind: str  # one of CLASSES
    probability: float  # calibrated probability of `kind`
    probabilities: Mapping[str, float]
    explanation: tuple[str, ...] = ()  # cue features that pushed most towards `kind`
    nearest: tuple[str, ...] = ()  # "id (LABEL 0.83)" of the nearest labelled examples
    reported: float | None = None  # the stance head's probability that the text relays or rebuts the claim


@dataclass(frozen=True, eq=False)
class StanceModel:
    """Whether a claim is asserted (the claimant, or media aligned with it, stating it as fact) or reported (a
    third party attributing or rebutting it): a binary logistic regression over stance features (outlet known and
    state-aligned, a named claimant, attribution and rebuttal cues) and the candidate's two embeddings."""

    cue_weights: Mapping[str, float]
    sentence_weights: np.ndarray  # (dim,)
    window_weights: np.ndarray  # (dim,)
    intercept: float

    def reported(self, cue_rows: Sequence[Mapping[str, float]], sentences: np.ndarray,
                 windows: np.ndarray) -> np.ndarray:
        scores = sentences @ self.sentence_weights + windows @ self.window_weights + self.intercept
        for row, values in enumerate(cue_rows):
            scores[row] += sum(value * self.cue_weights.get(name, 0.0) for name, value in values.items())
        return 1.0 / (1.0 + np.exp(-scores))

    def to_json(self) -> dict[str, Any]:
        return {"cue_weights": {k: round(float(v), 6) for k, v in sorted(self.cue_weights.items())},
                "sentence_weights": _array_text(self.sentence_weights.astype(np.float32)),
                "window_weights": _array_text(self.window_weights.astype(np.float32)),
                "intercept": round(float(self.intercept), 6)}

    @classmethod
    def from_json(cls, body: Mapping[str, Any]) -> StanceModel:
        return cls({k: float(v) for k, v in body["cue_weights"].items()},
                   _array_from_text(body["sentence_weights"]).astype(np.float64),
                   _array_from_text(body["window_weights"]).astype(np.float64), float(body["intercept"]))


@dataclass(frozen=True, eq=False)
class ClaimModel:
    """A multinomial logistic regression over cue features and two embedding blocks, with a calibration map.
    Stored as plain numbers (JSON + an .npz of float arrays), so it is inspectable, reproducible and does not
    depend on the scikit-learn version that trained it."""

    classes: tuple[str, ...]
    cue_weights: Mapping[str, np.ndarray]  # feature -> one weight per class
    sentence_weights: np.ndarray  # (classes, dim)
    window_weights: np.ndarray  # (classes, dim)
    intercept: np.ndarray  # (classes,)
    calibration: np.ndarray  # (classes, classes + 1): calibrated logits = [raw logits, 1] @ calibration.T
    meta: Mapping[str, Any] = field(default_factory=dict)
    example_ids: tuple[str, ...] = ()
    example_labels: tuple[str, ...] = ()
    example_vectors: np.ndarray | None = None  # (n, dim) int8, L2-normalised × 127
    stance: StanceModel | None = None

    def raw_scores(self, cue_rows: Sequence[Mapping[str, float]], sentences: np.ndarray,
                   windows: np.ndarray) -> np.ndarray:
        scores = sentences @ self.sentence_weights.T + windows @ self.window_weights.T + self.intercept
        for row, values in enumerate(cue_rows):
            for name, value in values.items():
                weights = self.cue_weights.get(name)
                if weights is not None:
                    scores[row] += value * weights
        return scores

    def probabilities(self, cue_rows: Sequence[Mapping[str, float]], sentences: np.ndarray,
                      windows: np.ndarray) -> np.ndarray:
        raw = self.raw_scores(cue_rows, sentences, windows)
        calibrated = np.hstack([raw, np.ones((len(raw), 1))]) @ self.calibration.T
        calibrated -= calibrated.max(axis=1, keepdims=True)
        exp = np.exp(calibrated)
        return exp / exp.sum(axis=1, keepdims=True)

    def explain(self, values: Mapping[str, float], label: str, n: int = 4) -> tuple[str, ...]:
        index = self.classes.index(label)
        pushes = [(float(weights[index]) * values[name], name) for name in values
                  if (weights := self.cue_weights.get(name)) is not None]
        return tuple(name for push, name in sorted(pushes, reverse=True)[:n] if push > 0)

    def nearest(self, sentence: np.ndarray, n: int = NEAREST) -> tuple[str, ...]:
        if self.example_vectors is None or not len(self.example_ids):
            return ()
        similarity = self.example_vectors @ sentence / 127.0
        best = np.argsort(-similarity)[:n]
        return tuple(f"{self.example_ids[i]} ({self.example_labels[i]} {similarity[i]:.2f})" for i in best)

    def decide(self, cue_rows: Sequence[Mapping[str, float]], sentences: np.ndarray, windows: np.ndarray,
               thresholds: Mapping[str, float], stance_rows: Sequence[Mapping[str, float]] | None = None
               ) -> list[Decision]:
        """One decision per candidate: the most probable claim kind whose probability passes its threshold, and,
        with a stance head and `stance_rows`, the probability that the claim is reported."""
        probabilities = self.probabilities(cue_rows, sentences, windows)
        reported = (self.stance.reported(stance_rows, sentences, windows)
                    if self.stance is not None and stance_rows is not None else None)
        decisions = []
        for row, values in enumerate(cue_rows):
            by_class = {label: round(float(p), 4) for label, p in zip(self.classes, probabilities[row], strict=True)}
            claims = [k for k in ("PREEMPTIVE", "RETROSPECTIVE") if by_class.get(k, 0.0) >= thresholds.get(k, 0.5)]
            kind = max(claims, key=by_class.__getitem__) if claims else "OTHER"
            if kind == "OTHER":
                decisions.append(Decision(kind, by_class.get("OTHER", 0.0), by_class))
                continue
            decisions.append(Decision(kind, by_class[kind], by_class, self.explain(values, kind),
                                      self.nearest(sentences[row]),
                                      None if reported is None else round(float(reported[row]), 4)))
        return decisions

    # -- storage ----------------------------------------------------------------------------------------
    def to_files(self, directory: Path) -> tuple[Path, Path]:
        directory.mkdir(parents=True, exist_ok=True)
        arrays = {"sentence_weights": self.sentence_weights, "window_weights": self.window_weights}
        body = {
            "format": "forewarn-claim-model/1",
            "classes": list(self.classes),
            "intercept": [round(float(x), 6) for x in self.intercept],
            "calibration": [[round(float(x), 6) for x in row] for row in self.calibration],
            "cue_weights": {k: [round(float(x), 6) for x in v] for k, v in sorted(self.cue_weights.items())},
            "embedding_blocks": {name: _array_text(a.astype(np.float32)) for name, a in arrays.items()},
            "meta": dict(self.meta),
        }
        if self.stance is not None:
            body["stance"] = self.stance.to_json()
        model_path = directory / MODEL_FILE
        model_path.write_text(json.dumps(body, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        examples_path = directory / EXAMPLES_FILE
        vectors = self.example_vectors if self.example_vectors is not None else np.zeros((0, 0), dtype=np.int8)
        buffer = io.BytesIO()
        np.savez_compressed(buffer, ids=np.array(self.example_ids, dtype=str),
                            labels=np.array(self.example_labels, dtype=str), vectors=vectors)
        examples_path.write_bytes(buffer.getvalue())
        return model_path, examples_path

    @classmethod
    def from_files(cls, model_path: Path, examples_path: Path | None = None) -> ClaimModel:
        try:
            body = json.loads(model_path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ConfigError(f"cannot read claim model {model_path}: {exc}") from exc
        if body.get("format") != "forewarn-claim-model/1":
            raise ConfigError(f"{model_path} is not a forewarn claim model")
        blocks = {name: _array_from_text(text) for name, text in body["embedding_blocks"].items()}
        ids: tuple[str, ...] = ()
        labels: tuple[str, ...] = ()
        vectors = None
        if examples_path is not None and examples_path.is_file():
            with np.load(examples_path, allow_pickle=False) as stored:
                ids, labels = tuple(str(x) for x in stored["ids"]), tuple(str(x) for x in stored["labels"])
                vectors = stored["vectors"].astype(np.float32)
        return cls(
            classes=tuple(body["classes"]),
            cue_weights={k: np.asarray(v, dtype=np.float64) for k, v in body["cue_weights"].items()},
            sentence_weights=blocks["sentence_weights"].astype(np.float64),
            window_weights=blocks["window_weights"].astype(np.float64),
            intercept=np.asarray(body["intercept"], dtype=np.float64),
            calibration=np.asarray(body["calibration"], dtype=np.float64),
            meta=body.get("meta", {}),
            example_ids=ids,
            example_labels=labels,
            example_vectors=vectors,
            stance=StanceModel.from_json(body["stance"]) if "stance" in body else None,
        )


def _array_text(array: np.ndarray) -> str:
    """A float32 array as base64 of its .npy bytes (exact, compact, no pickle)."""
    buffer = io.BytesIO()
    np.save(buffer, array, allow_pickle=False)
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def _array_from_text(text: str) -> np.ndarray:
    return np.load(io.BytesIO(base64.b64decode(text)), allow_pickle=False)


def shipped_model_directory() -> Path:
    return Path(str(resources.files("forewarn") / "data" / "model"))


@lru_cache(maxsize=4)
def load_model(directory: str | None = None) -> ClaimModel | None:
    """The claim model in `directory` (the shipped one when None); None when there is none."""
    folder = Path(directory) if directory else shipped_model_directory()
    path = folder / MODEL_FILE
    if not path.is_file():
        if directory:
            raise ConfigError(f"no claim model in {folder} (expected {MODEL_FILE})")
        return None
    return ClaimModel.from_files(path, folder / EXAMPLES_FILE)


def model_digest(directory: str | None = None) -> str:
    """A digest of the model files, for the detector version: retraining re-detects stored documents."""
    folder = Path(directory) if directory else shipped_model_directory()
    digest = hashlib.sha256()
    for name in (MODEL_FILE, EXAMPLES_FILE):
        path = folder / name
        digest.update(path.read_bytes() if path.is_file() else b"-")
    return digest.hexdigest()[:8]
