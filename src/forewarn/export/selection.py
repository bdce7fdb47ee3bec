"""What an export holds, read through the query layer: the claims a filter selects, grouped into statements,
and the warnings those claims stand behind (each with only the selected evidence, so every reference in an
export resolves inside it)."""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import NotFoundError
from ..places import Gazetteer
from ..queries import ClaimFilter, ClaimView, Statement, WarningView, iter_claims, iter_warnings
from ..queries.records import grouped
from ..store import Store


@dataclass(frozen=True)
class Selection:
    claims: tuple[ClaimView, ...]  # oldest first
    statements: tuple[Statement, ...]  # linked copies once: claims sharing a statement_id form one
    warnings: tuple[WarningView, ...]  # warnings citing a selected claim, oldest first

    @property
    def label(self) -> str:
        return f"{len(self.claims)} claims, {len(self.statements)} statements, {len(self.warnings)} warnings"


def select(store: Store, gazetteer: Gazetteer, flt: ClaimFilter | None = None) -> Selection:
    """The claims matching `flt` (every claim when None) with their statements and warnings."""
    claims = tuple(iter_claims(store, flt, sort="published"))
    by_id = {c.id: c for c in claims}
    warnings = []
    for view in iter_warnings(store, sort="opened"):
        cited = [by_id[i] for i in view.warning.claim_ids if i in by_id]
        if not cited:
            continue
        try:
            place = gazetteer.get(view.warning.place_id)
        except NotFoundError:
            place = None
        warnings.append(WarningView(view.warning, grouped(cited), place))
    return Selection(claims, grouped(claims), tuple(warnings))
