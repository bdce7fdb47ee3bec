"""Detection: documents → claims, as a fast, explainable cascade.

1. Screen: one compiled regex per language over agent and context terms; a document that never names a
   chemical (or the White Helmets, the OPCW) is done after one search. Most news never passes it.
2. Per candidate sentence (the title counts as a sentence: many records are just a headline), decide
   PREEMPTIVE / RETROSPECTIVE / neither from the lexicon's cue families — by rules, and, where a trained
   model exists for the language, by a small logistic regression over the same cues plus word n-grams.
3. Extract claimant, accused, agent, places and the predicted date (`forewarn.extract`).

The engine knows no language: everything language-specific is in `forewarn.lexicon.<lang>`. Documents whose
language has no lexicon fall back to English (many EUvsDisinfo texts are English paraphrases).
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from . import claimdate, extract
from .extract import Cues
from .lexicon import Lexicon, available_languages, for_language
from .model import Claim, ClaimKind, Document, Evidence
from .store import Store
from .text import detect_language, normalise, split_sentences

FALLBACK_LANGUAGE = "en"
MAX_CONTEXT_CHARS = 6000  # how much of the document body is searched for places when the claim names none
BATCH = 500
DEFAULT_C = 1.0
# How much the rules' verdict counts against the model's probabilities (0: the model alone; 0.5 and above:
# the rules always win when they fire). Chosen by cross-validation, see docs/detection.md.
DEFAULT_RULE_WEIGHT = 0.3
_VERSION_BASE = "cascade-2"  # 2: sentence pairs, quotation marks told apart


def _shipped_model_bytes(language: str) -> bytes | None:
    path = resources.files("forewarn") / "data" / "model" / f"{language}.json"
    return path.read_bytes() if path.is_file() else None


def _version() -> str:
    """The engine's name plus a digest of everything that decides its output: the shipped model and every
    language's lexicon, so editing a Russian pattern re-detects stored documents as surely as retraining."""
    digest = hashlib.sha256(_shipped_model_bytes(FALLBACK_LANGUAGE) or b"rules")
    for language in available_languages():
        digest.update(repr(for_language(language)).encode("utf-8"))
    return f"{_VERSION_BASE}+{digest.hexdigest()[:8]}"


DETECTOR_VERSION: str = _version()


def document_text(doc: Document) -> str:
    """The text evidence offsets point into: title, a newline, then the body."""
    return f"{doc.title}\n{doc.text}"


def lexicon_for(doc: Document) -> Lexicon:
    """The lexicon of the document's language (detected when unknown), else the English one."""
    language = doc.language or detect_language(f"{doc.title}\n{doc.text[:2000]}")
    lexicon = for_language(language) if language else None
    fallback = for_language(FALLBACK_LANGUAGE)
    if lexicon is None and fallback is None:
        raise RuntimeError("forewarn.lexicon.en is missing")
    return lexicon or fallback  # type: ignore[return-value]


def passes_screen(lexicon: Lexicon, normalised: str) -> bool:
    """The cheap first stage: any agent or chemical-context term (literal beginnings first, then the regex)."""
    prefixes = extract.screen_prefixes(lexicon)
    if prefixes is not None and not any(prefix in normalised for prefix in prefixes):
        return False
    pattern = extract.compiled_families(lexicon)["screen"]
    return bool(pattern and pattern.search(normalised))


# -- candidate sentences --------------------------------------------------------------------------------
@dataclass(frozen=True)
class Candidate:
    """A sentence that passed the screen, with its cues (or two adjacent sentences read together, `paired`)."""

    start: int
    end: int
    sentence: str
    normalised: str
    cues: Cues
    is_title: bool
    previous: str  # the normalised sentence before it (for the claimant of "It said militants …")
    paired: bool = False  # a chemical sentence joined with the act sentence next to it (see `sentence_pairs`)


def candidates(doc: Document, lexicon: Lexicon, *, pairs: bool = True) -> list[Candidate]:
    """Sentences of the document that name an agent or a chemical context, each once (syndicated records
    often repeat their headline in the body); then, with `pairs`, the claims split over two adjacent
    sentences (`sentence_pairs`)."""
    full = document_text(doc)
    if not passes_screen(lexicon, normalise(full, lexicon.language)):
        return []
    found: list[Candidate] = []
    seen: set[str] = set()
    sentences = [(start, end, normalise(full[start:end], lexicon.language)) for start, end in split_sentences(full)]
    screened: list[int] = []
    title_end = len(doc.title)
    for index, (start, end, normalised) in enumerate(sentences):
        if not passes_screen(lexicon, normalised):
            continue
        screened.append(index)
        previous = sentences[index - 1][2] if index else ""
        for q_start, q_end in [*quoted_spans(full, start, end), (start, end)]:
            text = normalise(full[q_start:q_end], lexicon.language)
            if text in seen or not passes_screen(lexicon, text):
                continue
            seen.add(text)
            cues = extract.match_cues(lexicon, text)
            found.append(Candidate(q_start, q_end, full[q_start:q_end], text, cues, end <= title_end, previous))
    if pairs:
        found.extend(sentence_pairs(full, sentences, screened, found, lexicon))
    return found


def sentence_pairs(full: str, sentences: Sequence[tuple[int, int, str]], screened: Sequence[int],
                   found: Sequence[Candidate], lexicon: Lexicon) -> list[Candidate]:
    """A claim split over two adjacent sentences: one has a forward-looking, un-negated act or accused party
    (`forward_looking` and `staging` or `accused`) but no chemical element, the sentence next to it (after or
    before) names the chemical and carries a cue of the plot itself (`PLOT_FAMILIES`: the act, its
    preparation or cited evidence) — «Боевики готовят очередную провокацию. Они намерены применить
    отравляющие вещества в Саракибе.» The pair is read as one candidate spanning both. A chemical sentence
    with no cue of its own ("A chlorine leak at a water plant injured two workers") is not joined: a military
    or border story next to an unrelated chemical one stays two stories (tests/data/two_sentence.jsonl).
    Only sentences that passed the screen are looked at, and only their two neighbours, so unscreened text
    costs nothing more."""
    whole = {(c.start, c.end): c.cues for c in found}
    paired: list[Candidate] = []
    for index in screened:
        start, end, _ = sentences[index]
        chemical = whole.get((start, end))
        if chemical is None or not any(chemical.has(f) for f in PLOT_FAMILIES):
            continue
        for other in (index - 1, index + 1):
            if not 0 <= other < len(sentences) or other in screened:
                continue
            text = sentences[other][2]
            if not _names_act(lexicon, text) or not _act_without_chemical(
                    extract.match_cues(lexicon, text, ACT_FAMILIES)):
                continue
            first, last = min(index, other), max(index, other)
            span_start, span_end = sentences[first][0], sentences[last][1]
            text = normalise(full[span_start:span_end], lexicon.language)
            previous = sentences[first - 1][2] if first else ""
            paired.append(Candidate(span_start, span_end, full[span_start:span_end], text,
                                    extract.match_cues(lexicon, text), False, previous, paired=True))
    return paired


# What makes the chemical sentence of a pair part of the plot: the act, its preparation or cited evidence. An
# accused party alone does not ("… captured a principal of the terrorist group's chemical weapons programme"
# next to "operatives plotting attacks abroad" is a real terror plot, dev.jsonl).
PLOT_FAMILIES = ("staging", "prospective", "evidence")
# The families the act sentence is matched on (negation so "are not preparing" stays negated; retrospective so
# cited evidence of a past act is not read as forward-looking).
ACT_FAMILIES = (*PLOT_FAMILIES, "accused", "retrospective", "negation")


def _names_act(lexicon: Lexicon, normalised: str) -> bool:
    """The cheap test first: two searches for the act or an accused party before all the act families."""
    compiled = extract.compiled_families(lexicon)
    return any((pattern := compiled.get(name)) and pattern.search(normalised) for name in ("staging", "accused"))


def _act_without_chemical(cues: Cues) -> bool:
    """A forward-looking act or an accused party preparing it, with no chemical named (that sentence would be a
    candidate of its own)."""
    return forward_looking(cues) and (cues.has("staging") or cues.has("accused"))


def quoted_spans(full: str, start: int, end: int) -> list[tuple[int, int]]:
    """Quotations of at least four words inside a sentence: a headline or statement quoted by an article is a
    claim of its own, whatever the sentence around it says ("… ran a headline '…' before the Douma attack")."""
    spans = []
    for match in _QUOTED.finditer(full, start, end):
        inner_start, inner_end = match.start(1), match.end(1)
        if len(full[inner_start:inner_end].split()) >= 4 and (inner_start, inner_end) != (start, end):
            spans.append((inner_start, inner_end))
    return spans


# An opening quote never follows a letter and a closing one never precedes one: otherwise the text between an
# inner quote's closing mark and the outer closing mark ('"Militants of the "White Helmets" are preparing …,"
# the ministry said') reads as a quotation of its own, and the claim loses the claimant and the accused outside
# it. With the marks told apart the whole sentence is the candidate.
_QUOTED = re.compile(r"(?<!\w)[\"“«„]([^\"“”«»„]{12,400}?)[,.]?[\"”»“](?!\w)")


# -- rules ------------------------------------------------------------------------------------------------
def rule_kind(cues: Cues) -> ClaimKind | None:
    """The hand-written decision, general on purpose (it has to hold on text nobody here has seen).

    PREEMPTIVE: a chemical element, something still to happen (`forward_looking`) and the act (stage, fake,
    provocation), a party accused of it or cited evidence; no "no evidence" statement; a named past incident
    only beside an explicit prospective cue. RETROSPECTIVE: a chemical element with the act and nothing
    forward-looking, or a named past incident denied (a negation) or blamed on an accused party.

    Measured alternative, rejected: calling the act with no forward and no past cue "no claim" instead of
    RETROSPECTIVE lost 6-15% of the retrospective claims of every set and freed no pre-emptive one (those need a
    forward cue either way), so the act alone still reads as retrospective (docs/detection.md, "Hard cases")."""
    chem = cues.has("agent") or cues.has("context")
    if not chem:
        return None
    act = cues.has("staging")
    forward = forward_looking(cues)
    supported = act or cues.has("accused") or cues.has("evidence")
    not_past = cues.has("prospective") or not cues.has("past_incident")
    if forward and supported and not_past and not cues.has("insufficient"):
        return "PREEMPTIVE"
    if cues.has("insufficient") and not act:
        return None
    if act and not forward:
        return "RETROSPECTIVE"
    # a poisoning or attack already on record, retold as a denial or blamed on a party: Navalny, Skripal, Douma.
    # Merely mentioning it is not a claim: the OPCW's procedure ("inspectors arrived in Douma"), its findings
    # ("samples from victims contained sarin") and plain reporting ("Navalny was poisoned with Novichok, the lab
    # found") carry no act, negation or accused party — past-time words, the OPCW or the case name alone do not
    # make a denial (tests/data/hard_negatives.jsonl, docs/detection.md "Hard cases").
    denied = act or cues.has("negation") or cues.has("accused")
    if cues.has("past_incident") and cues.has("agent") and denied:
        return "RETROSPECTIVE"
    return None


def forward_looking(cues: Cues) -> bool:
    """Something is still to happen: a prospective cue ("preparing", "plans to", "in the coming days"), or cited
    evidence of preparation ("canisters were delivered") in a sentence without retrospective cues; and no
    negation governs the act ("are not preparing")."""
    if cues.negated_act:
        return False
    return cues.has("prospective") or (cues.has("evidence") and not cues.has("retrospective"))


def rule_score(cues: Cues, kind: ClaimKind) -> float:
    """A plain confidence for a rules-only decision: more supporting families, higher score."""
    support: tuple[str, ...] = ("staging", "accused", "evidence", "claimant")
    support += ("prospective",) if kind == "PREEMPTIVE" else ("retrospective", "past_incident")
    return round(min(0.95, 0.5 + 0.08 * sum(cues.has(f) for f in support)), 3)


# -- features and the learned model -------------------------------------------------------------------------
def features(candidate: Candidate) -> dict[str, float]:
    """Cue families, a few of their conjunctions, the rule's verdict, and word uni- and bigrams."""
    cues = candidate.cues
    values: dict[str, float] = {f"cue:{family}": 1.0 for family in cues.found}
    for left, right in (("staging", "prospective"), ("staging", "retrospective"), ("accused", "prospective"),
                        ("agent", "prospective"), ("staging", "past_incident"), ("negation", "past_incident")):
        if cues.has(left) and cues.has(right):
            values[f"both:{left}+{right}"] = 1.0
    if cues.negated_act:
        values["cue:negated_act"] = 1.0
    if candidate.is_title:
        values["pos:title"] = 1.0
    values[f"rule:{rule_kind(cues) or 'OTHER'}"] = 1.0
    words = _WORD.findall(candidate.normalised)
    for word in words:
        values[f"w:{word}"] = 1.0
    for left, right in zip(words, words[1:], strict=False):
        values[f"b:{left} {right}"] = 1.0
    return values


_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class SentenceModel:
    """A multinomial logistic regression stored as plain numbers (JSON), so it is inspectable and does not
    depend on the scikit-learn version that trained it."""

    language: str
    classes: tuple[str, ...]
    weights: Mapping[str, tuple[float, ...]]  # feature -> one weight per class
    intercept: tuple[float, ...]
    meta: Mapping[str, Any]

    def probabilities(self, values: Mapping[str, float]) -> dict[str, float]:
        scores = list(self.intercept)
        for name, value in values.items():
            row = self.weights.get(name)
            if row is not None:
                scores = [s + value * w for s, w in zip(scores, row, strict=True)]
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return {label: e / total for label, e in zip(self.classes, exps, strict=True)}

    def top_features(self, values: Mapping[str, float], label: str, n: int = 4) -> list[str]:
        """The features that pushed most towards `label` (for the evidence record)."""
        index = self.classes.index(label)
        pushes = [(w[index] * values[name], name) for name in values if (w := self.weights.get(name))]
        return [name for push, name in sorted(pushes, reverse=True)[:n] if push > 0]

    def to_json(self) -> str:
        body = {"language": self.language, "classes": list(self.classes), "intercept": list(self.intercept),
                "meta": dict(self.meta), "weights": {k: list(v) for k, v in sorted(self.weights.items())}}
        return json.dumps(body, ensure_ascii=False, indent=0, sort_keys=True)

    @classmethod
    def from_json(cls, text: str | bytes) -> SentenceModel:
        body = json.loads(text)
        weights = {k: tuple(float(x) for x in v) for k, v in body["weights"].items()}
        return cls(body["language"], tuple(body["classes"]), weights, tuple(body["intercept"]), body["meta"])


@cache
def shipped_model(language: str) -> SentenceModel | None:
    raw = _shipped_model_bytes(language)
    return SentenceModel.from_json(raw) if raw else None


def training_examples(doc: Document, label: str, lexicon: Lexicon) -> list[tuple[Candidate, str]]:
    """Sentence examples from a document labelled as a whole. Every candidate of an OTHER document is OTHER.
    In a positive document, headline-sized records give their label to every candidate; in a longer one only
    the sentences the rules read the same way carry it (else the first candidate), and the rest are left
    out, since the label does not say which of them made the claim."""
    found = candidates(doc, lexicon, pairs=False)
    if label == "OTHER" or len(found) <= 2:
        return [(c, label) for c in found]
    agreeing = [c for c in found if rule_kind(c.cues) == label]
    return [(c, label) for c in (agreeing or found[:1])]


def _as_document(item: str | Document, position: int) -> Document:
    if isinstance(item, Document):
        return item
    return Document(source="texts", source_ref=str(position), text=item)


# -- the detector -----------------------------------------------------------------------------------------
class Detector:
    """Documents → claims. scikit-learn estimator contract: settings in __init__, `fit` learns the sentence
    model, `predict` labels texts; `detect` is what the pipeline calls.

    model: "default" loads the shipped model (rules only where none exists for a language); None means rules
    only; any other string is the path of a model JSON written by `scripts/train_detector.py`.
    """

    def __init__(self, model: str | None = "default", C: float = DEFAULT_C, min_count: int = 2,
                 rule_weight: float = DEFAULT_RULE_WEIGHT) -> None:
        self.model = model
        self.C = C
        self.min_count = min_count
        self.rule_weight = rule_weight

    # scikit-learn's parameter protocol, by hand so importing forewarn does not import scikit-learn.
    def get_params(self, deep: bool = True) -> dict[str, Any]:
        return {"model": self.model, "C": self.C, "min_count": self.min_count, "rule_weight": self.rule_weight}

    def set_params(self, **params: Any) -> Detector:
        for key, value in params.items():
            if key not in self.get_params():
                raise ValueError(f"Detector has no parameter {key!r}")
            setattr(self, key, value)
        return self

    def fit(self, texts: Iterable[str | Document], labels: Iterable[str]) -> Detector:
        """Learn the sentence model from labelled documents (English lexicon unless a document says
        otherwise)."""
        from sklearn.feature_extraction import DictVectorizer
        from sklearn.linear_model import LogisticRegression

        rows: list[dict[str, float]] = []
        targets: list[str] = []
        for position, (item, label) in enumerate(zip(texts, labels, strict=True)):
            doc = _as_document(item, position)
            for candidate, sentence_label in training_examples(doc, label, lexicon_for(doc)):
                rows.append(features(candidate))
                targets.append(sentence_label)
        rows = _drop_rare(rows, self.min_count)
        vectorizer = DictVectorizer()
        matrix = vectorizer.fit_transform(rows)
        regression = LogisticRegression(C=self.C, max_iter=2000, class_weight="balanced")
        regression.fit(matrix, targets)
        self.model_ = _to_sentence_model(vectorizer, regression, FALLBACK_LANGUAGE, len(targets))
        return self

    def predict(self, texts: Iterable[str | Document]) -> list[str]:
        """One label per text: PREEMPTIVE if any claim is, else RETROSPECTIVE if any is, else OTHER."""
        return [document_label(self.detect(_as_document(item, i))) for i, item in enumerate(texts)]

    def sentence_model(self, language: str) -> SentenceModel | None:
        fitted: SentenceModel | None = getattr(self, "model_", None)
        if fitted is None and self.model is not None:
            fitted = shipped_model(language) if self.model == "default" else _load_model(self.model)
        return fitted if fitted is not None and fitted.language == language else None

    def classify(self, candidate: Candidate, language: str) -> tuple[ClaimKind | None, float, tuple[str, ...]]:
        """(kind or None, score, extra cues) for one candidate sentence."""
        model = self.sentence_model(language)
        if model is None:
            kind = rule_kind(candidate.cues)
            return kind, (rule_score(candidate.cues, kind) if kind else 0.0), (f"rule:{kind}",)
        values = features(candidate)
        probabilities = blend(model.probabilities(values), rule_kind(candidate.cues), self.rule_weight)
        if not forward_looking(candidate.cues):
            probabilities["PREEMPTIVE"] = 0.0  # hard rule: no forward-looking act, or a negated one, is no warning
        label = max(probabilities, key=probabilities.__getitem__)
        if label == "OTHER":
            return None, 0.0, ()
        explained = tuple(f"model:{name}" for name in model.top_features(values, label))
        return label, round(probabilities[label], 3), explained  # type: ignore[return-value]

    def detect(self, doc: Document) -> list[Claim]:
        lexicon = lexicon_for(doc)
        found: list[Claim] = []
        for candidate in candidates(doc, lexicon):
            inside = [c for c in found if candidate.start <= c.evidence.start and c.evidence.end <= candidate.end]
            if inside and not candidate.paired:
                continue  # a quotation inside this sentence already made the claim
            kind, score, explained = self.classify(candidate, lexicon.language)
            if kind is None or (candidate.paired and (kind != "PREEMPTIVE" or any(c.kind == kind for c in inside))):
                continue  # a pair only adds a pre-emptive claim, or turns its sentence's retrospective one pre-emptive
            found = [c for c in found if c not in inside]
            found.append(build_claim(doc, lexicon, candidate, kind, score, explained))
        return found


def blend(probabilities: Mapping[str, float], rule: str | None, weight: float) -> dict[str, float]:
    """Mix the model's class probabilities with the rules' verdict (one-hot): the model can overrule the rules
    only when it is confident, so general rules carry the decision on text unlike the training set."""
    verdict = rule or "OTHER"
    return {label: (1 - weight) * p + (weight if label == verdict else 0.0) for label, p in probabilities.items()}


def _drop_rare(rows: list[dict[str, float]], min_count: int) -> list[dict[str, float]]:
    """Forget n-grams seen fewer than `min_count` times (cue features are always kept)."""
    counts: dict[str, int] = {}
    for row in rows:
        for name in row:
            counts[name] = counts.get(name, 0) + 1
    keep = {n for n, c in counts.items() if c >= min_count or not n.startswith(("w:", "b:"))}
    return [{n: v for n, v in row.items() if n in keep} for row in rows]


def _to_sentence_model(vectorizer: Any, regression: Any, language: str, examples: int) -> SentenceModel:
    classes = tuple(str(c) for c in regression.classes_)
    coef = regression.coef_
    if len(classes) == 2:  # binary LR stores one row: expand to one weight per class
        coef = [[-w for w in coef[0]], list(coef[0])]
        intercept: tuple[float, ...] = (-float(regression.intercept_[0]), float(regression.intercept_[0]))
    else:
        intercept = tuple(float(x) for x in regression.intercept_)
    names = vectorizer.get_feature_names_out()
    weights = {str(name): tuple(round(float(coef[c][i]), 5) for c in range(len(classes)))
               for i, name in enumerate(names)}
    weights = {k: v for k, v in weights.items() if any(abs(w) >= 1e-4 for w in v)}
    meta = {"C": regression.C, "examples": examples}
    return SentenceModel(language, classes, weights, intercept, meta)


@cache
def _load_model(path: str) -> SentenceModel:
    return SentenceModel.from_json(Path(path).read_bytes())


def build_claim(doc: Document, lexicon: Lexicon, candidate: Candidate, kind: ClaimKind, score: float,
                explained: Sequence[str] = ()) -> Claim:
    """Fill a claim's fields from its sentence, with the title and the rest of the document as fallbacks."""
    norm_title = normalise(doc.title, lexicon.language) if not candidate.is_title else ""
    claimant = extract.extract_claimant(lexicon, (candidate.normalised, candidate.previous, norm_title),
                                        doc.outlet)
    body = doc.text[:MAX_CONTEXT_CHARS]
    actors = extract.actor_spans(lexicon, candidate.sentence)
    places = extract.find_places((candidate.sentence, doc.title, body), lexicon.language, actors)
    places = extract.implied_places(lexicon, candidate.normalised, places)
    predicted = extract.extract_date(lexicon, candidate.normalised, doc.published_at) if kind == "PREEMPTIVE" else None
    return Claim(
        document_id=doc.id,
        kind=kind,
        stance=extract.extract_stance(lexicon, candidate.cues, claimant, doc.outlet),  # type: ignore[arg-type]
        evidence=Evidence(candidate.start, candidate.end, candidate.sentence,
                          candidate.cues.names() + tuple(explained)),
        score=score,
        detector_version=DETECTOR_VERSION,
        claimant=claimant,
        accused=extract.extract_accused(lexicon, candidate.normalised),
        agent=extract.extract_agent(lexicon, candidate.normalised),
        places=places,
        predicted_date=predicted,
        language=doc.language or lexicon.language,
        published_at=doc.published_at,
        date_kind=doc.date_kind,
        outlet=doc.outlet,
        source_ref=doc.source_ref,
        **claimdate.claim_date_fields(candidate.sentence, candidate.previous, doc, doc.language or lexicon.language),
    )


def document_label(claims: Iterable[Claim]) -> str:
    kinds = {c.kind for c in claims}
    return "PREEMPTIVE" if "PREEMPTIVE" in kinds else "RETROSPECTIVE" if "RETROSPECTIVE" in kinds else "OTHER"


# -- stage functions --------------------------------------------------------------------------------------
def detect_documents(docs: Iterable[Document], detector: Detector | None = None
                     ) -> Iterator[tuple[Document, list[Claim]]]:
    """Pure: each document with its claims (an empty list for most)."""
    detector = detector or Detector()
    for doc in docs:
        yield doc, detector.detect(doc)


def run_detection(store: Store, *, everything: bool = False, detector: Detector | None = None) -> int:
    """Detect over the documents this detector version has not read (all with `everything`), writing claims
    in batches; returns the number of claims written."""
    docs = store.iter_documents(undetected_by=None if everything else DETECTOR_VERSION)
    written = 0
    ids: list[str] = []
    claims: list[Claim] = []
    for doc, found in detect_documents(docs, detector):
        ids.append(doc.id)
        claims.extend(found)
        if len(ids) >= BATCH:
            written += store.replace_claims(ids, claims, DETECTOR_VERSION)
            ids, claims = [], []
    if ids:
        written += store.replace_claims(ids, claims, DETECTOR_VERSION)
    return written
