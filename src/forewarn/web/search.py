"""The search page's form: query parameters read leniently (a bad value is a message on the page, not a
500 or a JSON error), then one forewarn.queries listing of claims or documents."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from .. import queries
from ..queries import ClaimFilter, DocumentFilter
from ..queries.paging import optional_day
from ..serialise import claim_rows_json, to_json

if TYPE_CHECKING:
    from ..api.state import ServerState

WHAT = ("claims", "documents")
PAGE_SIZE = 25
MAX_CHARS = 300


@dataclass(frozen=True)
class SearchForm:
    what: str = "claims"
    q: str = ""
    kind: str = ""
    narrative: str = ""
    stance: str = ""
    language: str = ""
    place: str = ""
    outlet: str = ""
    claimant: str = ""
    review: str = ""
    since: str = ""
    until: str = ""
    sort: str = "-published"
    cursor: str = ""

    @classmethod
    def from_query(cls, params: Mapping[str, str]) -> SearchForm:
        values = {name: str(params.get(name, "") or "").strip()[:MAX_CHARS] for name in cls.__dataclass_fields__}
        if values["what"] not in WHAT:
            values["what"] = "claims"
        values["sort"] = values["sort"] or "-published"
        return cls(**values)

    def params(self, **changes: Any) -> dict[str, str]:
        """The form as query parameters (for links to the next page), without the cursor unless given."""
        return {**asdict(self), "cursor": "", **changes}


def _one(value: str) -> tuple[str, ...] | None:
    return (value,) if value else None


def search_results(state: ServerState, form: SearchForm) -> dict[str, Any]:
    """One page of claims or documents matching the form, serialised as the API serialises it."""
    since, until = optional_day(form.since, "since"), optional_day(form.until, "until")
    cursor = form.cursor or None
    if form.what == "documents":
        flt = DocumentFilter(text=form.q or None, outlet=_one(form.outlet), language=_one(form.language),
                             since=since, until=until)
        sort = form.sort if form.sort in queries.DOCUMENT_SORTS else "-published"
        result: dict[str, Any] = to_json(queries.find_documents(state.store, flt, sort=sort, limit=PAGE_SIZE,
                                                                cursor=cursor))
        return result
    claims = ClaimFilter(
        kind=form.kind or None, narrative=form.narrative or None, stance=form.stance or None,
        language=_one(form.language),
        place_ids=queries.place_scope(state.gazetteer, form.place) if form.place else None,
        outlet=_one(form.outlet), claimant=queries.matching_values(state.store, "claimant", form.claimant),
        review=form.review or None, since=since, until=until, text=form.q or None,
    )
    found: dict[str, Any] = claim_rows_json(queries.find_claim_rows(state.store, claims, sort=form.sort,
                                                                    limit=PAGE_SIZE, cursor=cursor))
    return found
