"""Honest figures for the claim model: grouped cross-validation, a time split and the held-out sets, per
language, narrative and set, each F1 with a 95 % bootstrap interval.

- Grouped cross-validation: documents of one group (an episode-month of realweb, EUvsDisinfo copies of one case,
  variants of one of our examples) are never split across folds, so a copy never tests its twin. With
  `by="episode"` whole episodes (Douma 2018, the 2022 dirty-bomb claims …) are held out at once: the model must
  recognise a campaign it has never seen.
- Time split: trained on what was published before a date, tested on what came after.
- Held-out sets (`forewarn.corpora.HELD_OUT_SETS`): never read by training.

Every figure is out of sample except where a report says "in-sample". scripts/validate_detector.py prints them;
docs/detection.md quotes them with that command.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from .corpora import Corpus, Row
from .detect import Detector, detect_documents, document_label
from .evaluate import field_accuracy, per_class
from .model import Claim
from .narratives import load_narratives
from .training import fit_claim_model

BOOTSTRAP = 1000
SEED = 7


@dataclass(frozen=True)
class Prediction:
    row: Row
    label: str
    claims: tuple[Claim, ...]


def fit_detector(corpus: Corpus, **params: Any) -> Detector:
    narratives = load_narratives()
    model = fit_claim_model(corpus.documents, corpus.labels, narratives, groups=corpus.groups,
                            C=params.pop("C", 1.0), stances=corpus.stances)
    return Detector(narratives, model=model, **params)


def predict(detector: Detector, rows: Sequence[Row]) -> list[Prediction]:
    found = detect_documents([r.document for r in rows], detector)
    return [Prediction(row, document_label(claims), tuple(claims))
            for row, (_, claims) in zip(rows, found, strict=True)]


def cross_validate(corpus: Corpus, *, folds: int = 5, by: str = "group", **params: Any) -> list[Prediction]:
    """Out-of-fold predictions for every row. `by`: "group" (near-duplicate/episode-month clusters) or
    "episode" (realweb episodes whole; other sets by group)."""
    keys = [_episode(r) if by == "episode" else r.group for r in corpus.rows]
    order = sorted(set(keys))
    rng = random.Random(SEED)
    rng.shuffle(order)
    fold_of = {key: i % folds for i, key in enumerate(order)}
    out: dict[int, Prediction] = {}
    for fold in range(folds):
        test = [i for i, k in enumerate(keys) if fold_of[k] == fold]
        train = Corpus(tuple(r for i, r in enumerate(corpus.rows) if fold_of[keys[i]] != fold))
        detector = fit_detector(train, **dict(params))
        for i, prediction in zip(test, predict(detector, [corpus.rows[i] for i in test]), strict=True):
            out[i] = prediction
    return [out[i] for i in range(len(corpus.rows))]


def _episode(row: Row) -> str:
    episode = row.labelled.gold.get("episode", "")
    return f"episode|{episode}" if episode else row.group


def time_split(corpus: Corpus, cutoff: datetime, **params: Any) -> tuple[list[Prediction], int]:
    """Trained on rows published before `cutoff`, predictions for the dated rows on or after it."""
    cutoff = cutoff if cutoff.tzinfo else cutoff.replace(tzinfo=UTC)
    before = Corpus(tuple(r for r in corpus.rows if r.document.published_at and r.document.published_at < cutoff))
    after = [r for r in corpus.rows if r.document.published_at and r.document.published_at >= cutoff]
    return predict(fit_detector(before, **params), after), len(before.rows)


# -- scoring --------------------------------------------------------------------------------------------
def report(predictions: Sequence[Prediction], *, slices: Sequence[str] = ("set", "language", "narrative")
           ) -> dict[str, Any]:
    """Overall and per-slice figures: per-class P/R/F1 with bootstrap intervals, claim-free texts flagged,
    field accuracies (claimant, stance, place …) on the correctly found positives."""
    out: dict[str, Any] = {"all": score(predictions)}
    for name in slices:
        groups: dict[str, list[Prediction]] = {}
        for p in predictions:
            groups.setdefault(SLICES[name](p.row), []).append(p)
        out[f"by_{name}"] = {key: score(group) for key, group in sorted(groups.items())}
    return out


SLICES: dict[str, Callable[[Row], str]] = {
    "set": lambda r: r.set_name,
    "language": lambda r: r.document.language or "en",
    "narrative": lambda r: r.labelled.gold.get("narrative") or ("none" if r.label == "OTHER" else "chemical"),
}


def at_threshold(predictions: Sequence[Prediction], preemptive: float, retrospective: float) -> list[Prediction]:
    """The predictions a detector with higher thresholds would have made: claims whose calibrated score falls
    below their kind's threshold are dropped (predictions must come from a run at thresholds no higher)."""
    limits = {"PREEMPTIVE": preemptive, "RETROSPECTIVE": retrospective}
    out = []
    for p in predictions:
        kept = tuple(c for c in p.claims if c.score >= limits[c.kind])
        out.append(Prediction(p.row, document_label(kept), kept))
    return out


def sweep(predictions: Sequence[Prediction], thresholds: Sequence[float] = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)
          ) -> list[dict[str, Any]]:
    """F1 of each kind and the share of claim-free texts flagged, at each threshold (both kinds alike)."""
    rows = []
    for threshold in thresholds:
        chosen = at_threshold(predictions, threshold, threshold)
        table = per_class([p.row.label for p in chosen], [p.label for p in chosen])
        others = [p for p in chosen if p.row.label == "OTHER"]
        rows.append({"threshold": threshold, "preemptive_f1": table["PREEMPTIVE"]["f1"],
                     "retrospective_f1": table["RETROSPECTIVE"]["f1"],
                     "other_flagged": round(sum(p.label != "OTHER" for p in others) / len(others), 4) if others
                     else None})
    return rows


def score(predictions: Sequence[Prediction]) -> dict[str, Any]:
    gold = [p.row.label for p in predictions]
    predicted = [p.label for p in predictions]
    table = per_class(gold, predicted)
    result: dict[str, Any] = {"n": len(predictions)}
    for label in ("PREEMPTIVE", "RETROSPECTIVE"):
        figures: dict[str, Any] = dict(table[label])
        if figures["support"]:
            figures["f1_95"] = f1_interval(gold, predicted, label)
        result[label] = figures
    others = [p for p in predictions if p.row.label == "OTHER"]
    flagged = sum(1 for p in others if p.label != "OTHER")
    result["other_flagged"] = {"flagged": flagged, "of": len(others),
                               "share": round(flagged / len(others), 4) if others else None}
    radiological = [p for p in predictions if p.row.label == "PREEMPTIVE"
                    and p.row.labelled.gold.get("narrative") == "radiological"]
    if radiological:
        result["radiological_recall"] = round(sum(p.label == "PREEMPTIVE" for p in radiological) / len(radiological), 4)
    accuracy, counts = field_accuracy([p.row.labelled for p in predictions], predicted,
                                      [list(p.claims) for p in predictions])
    result["fields"] = {name: {"accuracy": accuracy[name], "scored": counts[name]} for name in accuracy}
    return result


def f1_interval(gold: Sequence[str], predicted: Sequence[str], label: str,
                rounds: int = BOOTSTRAP) -> tuple[float, float]:
    """A 95 % percentile-bootstrap interval for one class's F1 (documents resampled with replacement)."""
    rng = random.Random(SEED)
    n = len(gold)
    values = []
    for _ in range(rounds):
        index = [rng.randrange(n) for _ in range(n)]
        g = [gold[i] for i in index]
        p = [predicted[i] for i in index]
        values.append(per_class(g, p)[label]["f1"])
    values.sort()
    return round(values[int(0.025 * rounds)], 3), round(values[int(0.975 * rounds) - 1], 3)

