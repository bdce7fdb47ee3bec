"""Training the claim model (`forewarn.classify.ClaimModel`) from documents labelled as a whole.

Labels say what a document claims, not which sentence claims it, so sentence labels are inferred (multiple-
instance learning): every candidate of an OTHER document is OTHER; the only candidate of a positive document
carries its label; in a positive document with several candidates the ones the hand-written reading agrees with
carry it (all of them, down-weighted, when none does), then, after a first fit, only the candidate the model
finds most typical of the label does and the others are left out.

The fit is a class-balanced multinomial logistic regression over the cue features and the two embedding blocks;
its scores are then calibrated (vector scaling: a small multinomial regression over the out-of-fold scores of a
grouped cross-validation), so the probabilities mean what they say on text like the training data. scikit-learn
is needed here only (the `train` extra); the result is plain numbers (`ClaimModel.to_files`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

import numpy as np

from .classify import CLASSES, ClaimModel, StanceModel, rule_reading
from .embeddings import encode
from .errors import ConfigError
from .model import Document

if TYPE_CHECKING:
    from .detect import _Read
    from .narratives import NarrativeSet

CUE_SCALE = 1.0  # block weights in the one regression (chosen by grouped cross-validation, docs/detection.md)
EMBEDDING_SCALE = 1.0
CALIBRATION_FOLDS = 5
MIL_ROUNDS = 1
EXAMPLE_BYTES = 127  # int8 scale of the stored example vectors


@dataclass(frozen=True)
class Rows:
    """Candidate rows of a training set: features, embeddings, the document each came from."""

    cue_rows: list[dict[str, float]]
    stance_rows: list[dict[str, float]]
    sentences: np.ndarray
    windows: np.ndarray
    doc_index: np.ndarray  # row -> document position
    reads: list[Any]


def candidate_rows(docs: Sequence[Document], narratives: NarrativeSet) -> Rows:
    from .detect import Detector

    reader = Detector(narratives, model=None)
    reads: list[_Read] = []
    owners: list[int] = []
    for index, doc in enumerate(docs):
        for read in reader.read(doc):
            reads.append(read)
            owners.append(index)
    sentences = encode([r.candidate.sentence for r in reads])
    windows = encode([r.candidate.context or r.candidate.sentence for r in reads])
    return Rows([r.features for r in reads], [r.stance_features for r in reads], sentences, windows,
                np.asarray(owners, dtype=int), reads)


def initial_labels(rows: Rows, labels: Sequence[str]) -> tuple[list[str | None], np.ndarray]:
    """Sentence labels and weights before any fit (see the module docstring): in a longer positive document,
    the candidates the hand-written reading agrees with (else all of them) share the label's weight."""

    def agreeing(members: list[int], label: str) -> list[int]:
        return [row for row in members if rule_reading(rows.reads[row].candidate.cues) == label] or members

    return _assign(rows, labels, agreeing)


def _assign(rows: Rows, labels: Sequence[str],
            choose: Callable[[list[int], str], list[int]]) -> tuple[list[str | None], np.ndarray]:
    """Every candidate of a claim-free or one-candidate document takes the document's label; in a longer positive
    document only the candidates `choose` picks do, their weights summing to one; the rest stay unlabelled."""
    targets: list[str | None] = [None] * len(rows.reads)
    weights = np.ones(len(rows.reads))
    for doc, members in _by_document(rows).items():
        label = labels[doc]
        if label == "OTHER" or len(members) == 1:
            for row in members:
                targets[row] = label
            continue
        chosen = choose(members, label)
        for row in chosen:
            targets[row] = label
            weights[row] = 1.0 / len(chosen)
    return targets, weights


def _by_document(rows: Rows) -> dict[int, list[int]]:
    per_doc: dict[int, list[int]] = {}
    for row, doc in enumerate(rows.doc_index):
        per_doc.setdefault(int(doc), []).append(row)
    return per_doc


def design_matrix(rows: Rows, vocabulary: Mapping[str, int] | None = None,
                  cue_rows: Sequence[Mapping[str, float]] | None = None) -> tuple[Any, dict[str, int]]:
    """[cue features | sentence embeddings | window embeddings] as one sparse matrix (cue rows: the kind
    features unless `cue_rows` says otherwise)."""
    from scipy import sparse

    cue_rows = rows.cue_rows if cue_rows is None else cue_rows
    if vocabulary is None:
        names = sorted({name for values in cue_rows for name in values})
        vocabulary = {name: i for i, name in enumerate(names)}
    cues = sparse.lil_matrix((len(cue_rows), len(vocabulary)))
    for row, values in enumerate(cue_rows):
        for name, value in values.items():
            column = vocabulary.get(name)
            if column is not None:
                cues[row, column] = value
    matrix = sparse.hstack([cues.tocsr() * CUE_SCALE, sparse.csr_matrix(rows.sentences) * EMBEDDING_SCALE,
                            sparse.csr_matrix(rows.windows) * EMBEDDING_SCALE]).tocsr()
    return matrix, dict(vocabulary)


def _sklearn() -> None:
    try:
        import sklearn  # noqa: F401
    except ImportError as exc:
        raise ConfigError("training the claim model needs scikit-learn: pip install 'forewarn[train]'") from exc


def _regression(C: float) -> Any:
    _sklearn()
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=C, max_iter=5000, class_weight="balanced")


def fit_rows(rows: Rows, labels: Sequence[str], *, C: float = 1.0, rounds: int = MIL_ROUNDS
             ) -> tuple[Any, dict[str, int], list[str | None]]:
    """The regression over `rows` with multiple-instance relabelling; returns (fitted regression, vocabulary,
    the final sentence labels)."""
    matrix, vocabulary = design_matrix(rows)
    targets, weights = initial_labels(rows, labels)
    regression = None
    for round_ in range(rounds + 1):
        keep = [i for i, t in enumerate(targets) if t is not None]
        regression = _regression(C)
        regression.fit(matrix[keep], [targets[i] for i in keep], sample_weight=weights[keep])
        if round_ == rounds:
            break
        targets, weights = _relabel(rows, labels, regression.predict_proba(matrix), list(regression.classes_))
    return regression, vocabulary, targets


def _relabel(rows: Rows, labels: Sequence[str], probabilities: np.ndarray,
             classes: list[str]) -> tuple[list[str | None], np.ndarray]:
    """After a fit: in a longer positive document, the candidate the model finds likeliest carries the label."""
    column = classes.index

    def likeliest(members: list[int], label: str) -> list[int]:
        return [max(members, key=lambda row: probabilities[row, column(label)])]

    return _assign(rows, labels, likeliest)


def to_claim_model(regression: Any, vocabulary: Mapping[str, int], dimension: int,
                   calibration: np.ndarray, meta: Mapping[str, Any]) -> ClaimModel:
    classes = tuple(str(c) for c in regression.classes_)
    if classes != CLASSES:
        raise ValueError(f"training data must hold all of {CLASSES}, found {classes}")
    coef = np.asarray(regression.coef_, dtype=np.float64)
    n_cues = len(vocabulary)
    cue_weights = {name: coef[:, column] * CUE_SCALE for name, column in vocabulary.items()
                   if np.abs(coef[:, column]).max() >= 1e-6}
    sentence = coef[:, n_cues : n_cues + dimension] * EMBEDDING_SCALE
    window = coef[:, n_cues + dimension : n_cues + 2 * dimension] * EMBEDDING_SCALE
    return ClaimModel(classes, cue_weights, sentence, window, np.asarray(regression.intercept_, dtype=np.float64),
                      calibration, dict(meta))


def identity_calibration(n: int = len(CLASSES)) -> np.ndarray:
    return np.hstack([np.eye(n), np.zeros((n, 1))])


def fit_calibration(raw: np.ndarray, targets: Sequence[str]) -> np.ndarray:
    """Vector scaling: calibrated logits = [raw, 1] @ W.T, fitted by a lightly regularised multinomial
    regression on out-of-fold raw scores of candidates whose label is known."""
    from sklearn.linear_model import LogisticRegression

    if len(set(targets)) < len(CLASSES):
        return identity_calibration()
    fitted = LogisticRegression(C=10.0, max_iter=5000).fit(raw, list(targets))
    order = [list(fitted.classes_).index(c) for c in CLASSES]
    weights = np.asarray(fitted.coef_)[order]
    bias = np.asarray(fitted.intercept_)[order][:, None]
    return np.hstack([weights, bias])


def fit_claim_model(docs: Sequence[Document], labels: Sequence[str], narratives: NarrativeSet, *, C: float = 1.0,
                    groups: Sequence[str] | None = None, example_ids: Mapping[int, str] | None = None,
                    meta: Mapping[str, Any] | None = None, calibrate: bool = True,
                    stances: Sequence[str] | None = None) -> ClaimModel:
    """Fit the claim model on labelled documents. `groups` (near-duplicate or episode clusters) keep related
    documents in one fold of the calibration's cross-validation; `example_ids` (document position → id) names the
    documents whose candidates are stored as nearest-example evidence (only texts we wrote ourselves)."""
    rows = candidate_rows(docs, narratives)
    regression, vocabulary, targets = fit_rows(rows, labels, C=C)
    calibration = identity_calibration()
    if calibrate:
        calibration = _out_of_fold_calibration(rows, labels, groups, C)
    info = {"C": C, "documents": len(docs), "candidates": len(rows.reads), **(meta or {})}
    model = to_claim_model(regression, vocabulary, rows.sentences.shape[1], calibration, info)
    if stances is not None:
        model = replace(model, stance=fit_stance(rows, targets, stances, C=C))
    if example_ids:
        model = _with_examples(model, rows, labels, example_ids)
    return model


def _out_of_fold_calibration(rows: Rows, labels: Sequence[str], groups: Sequence[str] | None, C: float) -> np.ndarray:
    from sklearn.model_selection import GroupKFold

    doc_groups = list(groups) if groups is not None else [str(i) for i in range(len(labels))]
    n_docs = len(labels)
    raw = np.zeros((len(rows.reads), len(CLASSES)))
    folds = GroupKFold(n_splits=min(CALIBRATION_FOLDS, len(set(doc_groups))))
    for train_docs, _ in folds.split(np.arange(n_docs), groups=doc_groups):
        train = set(int(d) for d in train_docs)
        in_train = np.array([int(d) in train for d in rows.doc_index])
        sub = _subset(rows, in_train)
        regression, vocabulary, _ = fit_rows(sub, [labels[d] if d in train else "OTHER" for d in range(n_docs)], C=C)
        model = to_claim_model(regression, vocabulary, rows.sentences.shape[1], identity_calibration(), {})
        held = ~in_train
        raw[held] = model.raw_scores([rows.cue_rows[i] for i in np.where(held)[0]], rows.sentences[held],
                                     rows.windows[held])
    targets, _ = _relabel(rows, labels, _softmax(raw), list(CLASSES))
    known = [i for i, t in enumerate(targets) if t is not None]
    return fit_calibration(raw[known], [targets[i] for i in known])  # type: ignore[misc]


def _subset(rows: Rows, mask: np.ndarray) -> Rows:
    index = np.where(mask)[0]
    return Rows([rows.cue_rows[i] for i in index], [rows.stance_rows[i] for i in index], rows.sentences[index],
                rows.windows[index], rows.doc_index[index], [rows.reads[i] for i in index])


def fit_stance(rows: Rows, targets: Sequence[str | None], stances: Sequence[str], *, C: float = 1.0
               ) -> StanceModel | None:
    """The stance head, on the candidates that carry their document's claim (after relabelling) and whose
    document has a gold stance; None when the labels hold fewer than two stances."""
    from sklearn.linear_model import LogisticRegression

    keep = [i for i, t in enumerate(targets) if t in ("PREEMPTIVE", "RETROSPECTIVE")
            and stances[int(rows.doc_index[i])] in ("asserted", "reported")]
    gold = [stances[int(rows.doc_index[i])] for i in keep]
    if len(set(gold)) < 2:
        return None
    matrix, vocabulary = design_matrix(rows, cue_rows=rows.stance_rows)
    fitted = LogisticRegression(C=C, max_iter=5000, class_weight="balanced").fit(matrix[keep], gold)
    sign = 1.0 if list(fitted.classes_).index("reported") == 1 else -1.0
    coef = np.asarray(fitted.coef_[0], dtype=np.float64) * sign
    n_cues, dim = len(vocabulary), rows.sentences.shape[1]
    cue_weights = {name: float(coef[col]) * CUE_SCALE for name, col in vocabulary.items() if abs(coef[col]) >= 1e-6}
    return StanceModel(cue_weights, coef[n_cues : n_cues + dim] * EMBEDDING_SCALE,
                       coef[n_cues + dim : n_cues + 2 * dim] * EMBEDDING_SCALE, float(fitted.intercept_[0]) * sign)


def _softmax(scores: np.ndarray) -> np.ndarray:
    shifted = scores - scores.max(axis=1, keepdims=True)
    exp = np.exp(shifted)
    return exp / exp.sum(axis=1, keepdims=True)


def _with_examples(model: ClaimModel, rows: Rows, labels: Sequence[str], example_ids: Mapping[int, str]) -> ClaimModel:
    keep = [i for i, doc in enumerate(rows.doc_index) if int(doc) in example_ids]
    vectors = np.round(rows.sentences[keep] * EXAMPLE_BYTES).astype(np.int8)
    ids = tuple(example_ids[int(rows.doc_index[i])] for i in keep)
    kinds = tuple(labels[int(rows.doc_index[i])] for i in keep)
    return replace(model, example_ids=ids, example_labels=kinds, example_vectors=vectors)
