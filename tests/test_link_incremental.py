"""Incremental linking: each run links only the claims not linked yet, against the stored claims they could copy,
embeds each sentence once ever, and ends with the same statements as linking everything at once."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from importlib.resources import as_file, files
from typing import Any

import pytest

from forewarn.demo import SAMPLE_SOURCES
from forewarn.detect import run_detection
from forewarn.ingest import ingest
from forewarn.link import embed, link_new, link_statements, run_linking
from forewarn.model import Claim, Document
from forewarn.settings import Settings
from forewarn.store import Store

from .test_link import AR, EN, RU, claim

pytestmark = pytest.mark.backends


def _groups(claims: list[Claim]) -> set[frozenset[str]]:
    by_statement: dict[str, set[str]] = {}
    for c in claims:
        by_statement.setdefault(c.statement_id, set()).add(c.id)
    return {frozenset(g) for g in by_statement.values()}


class Counting:
    """The real embedder, counting the sentences it is asked for."""

    def __init__(self) -> None:
        self.sentences: list[str] = []

    def __call__(self, texts: Any) -> Any:
        self.sentences.extend(texts)
        return embed(texts)


def _store_claims(store: Store, claims: list[Claim]) -> list[Claim]:
    docs = [Document("test", c.document_id, c.evidence.sentence, language=c.language, published_at=c.published_at)
            for c in claims]
    store.add_documents(docs)
    stored = [replace(c, document_id=d.id) for c, d in zip(claims, docs, strict=True)]
    store.replace_claims([d.id for d in docs], stored, "test")
    return stored


def test_sample_linked_source_by_source_equals_all_at_once(store: Store, tmp_path: Any) -> None:
    settings = Settings()
    with as_file(files("forewarn") / "data" / "sample") as sample:
        sources = [str(sample / name) for name in SAMPLE_SOURCES]
        with Store(f"sqlite:///{tmp_path / 'once.db'}") as once:
            ingest(sources, once, settings)
            run_detection(once)
            run_linking(once)
            expected = _groups(list(once.iter_claims()))
        for source in reversed(sources):  # later files first: old claims arrive after newer ones too
            ingest([source], store, settings)
            run_detection(store)
            run_linking(store)
    claims = list(store.iter_claims())
    assert "" not in {c.statement_id for c in claims}
    assert _groups(claims) == expected
    assert any(len(g) > 1 for g in expected)  # the sample does have copies across outlets


def test_a_new_copy_joins_the_stored_statement_and_only_its_sentence_is_embedded(store: Store) -> None:
    counting = Counting()
    _store_claims(store, [EN, RU])
    run_linking(store, embedder=counting)
    first = set(counting.sentences)
    assert first and len(_groups(list(store.iter_claims()))) == 1
    counting.sentences.clear()
    _store_claims(store, [AR])
    run_linking(store, embedder=counting)
    assert len(counting.sentences) == 1 and not first & set(counting.sentences)  # EN and RU were stored
    [statement] = _groups(list(store.iter_claims()))
    assert len(statement) == 3


def test_an_earlier_copy_renames_the_statement(store: Store) -> None:
    later = [replace(EN, published_at=EN.published_at + timedelta(hours=20)),  # type: ignore[operator]
             replace(RU, published_at=RU.published_at + timedelta(hours=20))]  # type: ignore[operator]
    _store_claims(store, later)
    run_linking(store)
    before = {c.statement_id for c in store.iter_claims()}
    _store_claims(store, [AR])  # published before both
    run_linking(store)
    after = list(store.iter_claims())
    assert len({c.statement_id for c in after}) == 1 and {c.statement_id for c in after} != before


def test_link_new_with_nothing_known_is_link_statements() -> None:
    claims = [EN, RU, AR, claim("Aid convoys reached Douma on Monday.", "x-1", hours=1)]
    assert link_new(claims) == link_statements(claims)
