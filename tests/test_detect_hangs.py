"""Hang guards for detection on hostile text, found by `bench/fuzz.py --detect` (what `forewarn ingest` runs
after reading): a document with no sentence break is one "sentence" of hundreds of thousands of characters,
and cue matching, the claimant search, linking and the encoder each cost time in its length (jsonl:109 and
feed:115, 150,000 and 375,000 characters: 14 and 18 CPU s). The tests count the characters the encoder is
handed; the CPU-time bound beside it is generous (a guard, not a speed measurement)."""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Any

import numpy as np
import pytest

from forewarn import embeddings
from forewarn.detect import Detector
from forewarn.model import Document
from forewarn.text import MAX_SENTENCE_CHARS, split_sentences

CPU_BOUND = 20.0  # seconds; the document below takes about 5 CPU s after the fix (30 before)
CLAIM = "Militants are preparing a staged chemical attack near the town of Idlib, the ministry said "


class CountingModel:
    """The real encoder, noting the length of every text it is handed."""

    def __init__(self) -> None:
        self.real, self.lengths = embeddings._model(), []  # type: ignore[var-annotated]

    def encode(self, texts: Sequence[str]) -> Any:
        self.lengths.extend(len(t) for t in texts)
        return self.real.encode(texts)


@pytest.fixture(scope="module")
def detector() -> Detector:
    return Detector()


@pytest.fixture
def counting(monkeypatch: pytest.MonkeyPatch) -> CountingModel:
    model = CountingModel()
    monkeypatch.setattr(embeddings, "_model", lambda: model)
    monkeypatch.setattr(embeddings, "_cache", {})
    return model


def test_text_without_sentence_breaks_is_read_in_pieces() -> None:
    text = CLAIM * 4000  # 364,000 characters, no full stop
    spans = split_sentences(text)
    assert max(end - start for start, end in spans) <= MAX_SENTENCE_CHARS
    assert " ".join(text[s:e] for s, e in spans).split() == text.split()  # every word, in order, once
    assert len(split_sentences("x" * 10_000)) == 4  # no white space at all: cut at the limit
    ordinary = "The ministry spoke. Militants prepare a provocation!\nA new line"
    assert [ordinary[s:e] for s, e in split_sentences(ordinary)] == [
        "The ministry spoke.", "Militants prepare a provocation!", "A new line"]  # fmt: skip


def test_the_encoder_is_handed_a_bounded_text(counting: CountingModel) -> None:
    long = CLAIM * 1000
    vectors = embeddings.encode([long, long[: embeddings.MAX_CHARS]])
    assert counting.lengths == [embeddings.MAX_CHARS]  # one text, cut; the two are the same text
    assert np.allclose(vectors[0], vectors[1])


def test_one_giant_sentence_is_detected_in_bounded_work(detector: Detector, counting: CountingModel) -> None:
    doc = Document(source="t", source_ref="giant", text=CLAIM * 4000, title="Report", language="en")
    started = time.process_time()
    claims = detector.detect(doc)
    cpu = time.process_time() - started
    assert claims and all(c.kind == "PREEMPTIVE" for c in claims)
    assert max(counting.lengths) <= embeddings.MAX_CHARS and sum(counting.lengths) < 200_000  # before: 728,000
    assert cpu < CPU_BOUND, f"{cpu:.1f} CPU s"


def test_distinct_cue_laden_text_hands_the_encoder_a_bounded_budget(detector: Detector,
                                                                    counting: CountingModel) -> None:
    """Every sentence different, every one a candidate: the document's candidate text stops at its budget."""
    from forewarn.screen import MAX_CANDIDATE_CHARS

    text = " ".join(f"Militants are preparing staged chemical attack number {i} near the town of Idlib, the ministry "
                    f"said on day {i}." for i in range(3000))  # 330,000 characters, 3,000 distinct sentences
    doc = Document(source="t", source_ref="distinct", text=text, title="Report", language="en")
    claims = detector.detect(doc)
    assert claims and all(c.kind == "PREEMPTIVE" for c in claims)
    sentences = [len(c.evidence.sentence) for c in claims]
    assert sum(sentences) <= MAX_CANDIDATE_CHARS + max(sentences)
    # each candidate and its window (up to three sentences) are embedded: about four times the budget
    assert sum(counting.lengths) <= 5 * MAX_CANDIDATE_CHARS  # before the budget: 1,352,905 characters, 32 CPU s
