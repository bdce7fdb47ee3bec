"""A read-only TAXII 2.1 server over the STIX export, as a FastAPI router that `forewarn serve` mounts.

    GET /taxii2/                                          discovery
    GET /taxii2/api/                                      the API root
    GET /taxii2/api/collections/                          one collection: every claim, statement and warning
    GET /taxii2/api/collections/{id}/                     the collection
    GET /taxii2/api/collections/{id}/objects/             STIX objects: added_after, limit, next, match[id|type]
    GET /taxii2/api/collections/{id}/objects/{object}/    one object
    GET /taxii2/api/collections/{id}/objects/{object}/versions/
    GET /taxii2/api/collections/{id}/manifest/            id, date_added, version, media type of each object

Objects are those of `forewarn export stix` (the same bundle, so a poller and an export agree). Each object's
`date_added` is its version timestamp (`modified`; the first referencing report's for a `url` observable; a
marking's `created`): forewarn rebuilds the feed from the store, so `added_after` returns the objects whose
version is newer. Pages are ordered by (date_added, id); `next` is the last position of the previous page, so
paging stays stable while the store grows. Responses carry the TAXII 2.1 media type and the
`X-TAXII-Date-Added-First`/`-Last` headers. The bundle is rebuilt when the store changes (its claim, warning and
document counts and latest ingest), and memoised on the server otherwise.
"""

from __future__ import annotations

import base64
import binascii
import json
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import Response
from sqlalchemy import func, select

from .. import schema
from ..api.state import ServerState, server
from ..errors import ConfigError, NotFoundError
from .selection import select as select_claims

TAXII = "application/taxii+json;version=2.1"
STIX = "application/stix+json;version=2.1"
COLLECTION_ID = "2f6b9f0e-6d1c-4c55-9e2b-7a3d5a1c0f21"  # fixed: a poller's configuration names it
MAX_PAGE = 1000
DEFAULT_PAGE = 100
MAX_CONTENT = 100_000_000

router = APIRouter(prefix="/taxii2", tags=["taxii"])
State = Annotated[ServerState, Depends(server)]


class TaxiiResponse(Response):
    media_type = TAXII

    def render(self, content: Any) -> bytes:
        return json.dumps(content, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


@dataclass(frozen=True)
class Feed:
    """The collection's objects in (date_added, id) order."""

    objects: tuple[dict[str, Any], ...]
    added: tuple[str, ...]  # date_added of each object, same order
    keys: tuple[tuple[str, str], ...]  # (date_added, id) of each object, for bisecting a `next` position
    by_id: dict[str, int]


def _fingerprint(state: ServerState) -> tuple[Any, ...]:
    """What the memoised feed is keyed on: the store's change counter where it has one (any commit by anyone,
    a review included), else counts, the latest ingest and evidence days, and this server's writes."""
    if (current := state.store_state()) is not None:
        return (current,)
    with state.store.engine.connect() as conn:
        counts = tuple(int(conn.execute(select(func.count()).select_from(t)).scalar() or 0)
                       for t in (schema.claims, schema.warnings, schema.documents))
        latest = conn.execute(select(func.max(schema.documents.c.ingested_at))).scalar()
        evidence = conn.execute(select(func.max(schema.warnings.c.last_evidence_at))).scalar()
    return (*counts, str(latest), str(evidence), state.generation)


def _date_added(objects: list[dict[str, Any]]) -> dict[str, str]:
    """Each object's version timestamp; an observable (no timestamps of its own) takes the earliest `created` of
    the reports referencing it."""
    added = {o["id"]: o.get("modified") or o["created"] for o in objects if o.get("modified") or o.get("created")}
    for obj in objects:
        for ref in obj.get("object_refs", []):
            if ref.startswith("url--"):
                added[ref] = min(added.get(ref, obj["created"]), obj["created"])
    return added


def feed(state: ServerState) -> Feed:
    key = ("taxii", _fingerprint(state))
    cached = state.cache.get(key)
    if isinstance(cached, Feed):
        return cached
    from .disarm import load_disarm
    from .stix import build_bundle, bundle_json

    selection = select_claims(state.store, state.gazetteer)
    bundle = json.loads(bundle_json(build_bundle(selection, state.gazetteer, load_disarm(), state.settings)))
    objects = bundle["objects"]
    added = _date_added(objects)
    ordered = sorted(objects, key=lambda o: (added.get(o["id"], ""), o["id"]))
    stamps = tuple(added.get(o["id"], "") for o in ordered)
    built = Feed(tuple(ordered), stamps, tuple(zip(stamps, (o["id"] for o in ordered), strict=True)),
                 {o["id"]: n for n, o in enumerate(ordered)})
    for old in [k for k in state.cache if isinstance(k, tuple) and k[:1] == ("taxii",)]:
        del state.cache[old]
    state.cache[key] = built
    return built


def _timestamp(value: str, name: str) -> str:
    """A TAXII timestamp parameter, normalised to STIX's millisecond form for comparison."""
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise ConfigError(f"{name} must be a timestamp like 2018-02-13T00:00:00.000Z, not {value!r}") from None
    moment = moment.astimezone(UTC) if moment.tzinfo else moment.replace(tzinfo=UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def _encode_next(position: tuple[str, str]) -> str:
    return base64.urlsafe_b64encode("|".join(position).encode("utf-8")).decode("ascii").rstrip("=")


def _decode_next(token: str) -> tuple[str, str]:
    try:
        stamp, _, object_id = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode("utf-8").partition("|")
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise ConfigError("invalid next: pass back the `next` of the previous page unchanged") from None
    if not object_id:
        raise ConfigError("invalid next: pass back the `next` of the previous page unchanged")
    return stamp, object_id


def _collection(id_: str) -> None:
    if id_ != COLLECTION_ID:
        raise NotFoundError(f"no TAXII collection {id_!r}")


def _collection_resource() -> dict[str, Any]:
    return {"id": COLLECTION_ID, "title": "forewarn claims and warnings",
            "description": "Every statement, claimant, accused party, place, DISARM technique and warning forewarn "
                           "holds, as STIX 2.1 (the objects of `forewarn export stix`).",
            "can_read": True, "can_write": False, "media_types": [STIX]}


def _select(state: ServerState, request: Request, added_after: str | None, limit: int | None,
            next_token: str | None) -> tuple[list[int], bool, str | None]:
    """Indexes into the feed of one page, whether more follow, and the next token."""
    data = feed(state)
    start = 0
    if next_token:
        start = bisect_right(data.keys, _decode_next(next_token))
    elif added_after:
        start = bisect_right(data.added, _timestamp(added_after, "added_after"))
    wanted_ids = set(filter(None, ",".join(request.query_params.getlist("match[id]")).split(",")))
    wanted_types = set(filter(None, ",".join(request.query_params.getlist("match[type]")).split(",")))
    size = DEFAULT_PAGE if limit is None else limit
    picked: list[int] = []
    index = start
    while index < len(data.objects) and len(picked) < size:
        obj = data.objects[index]
        if (not wanted_ids or obj["id"] in wanted_ids) and (not wanted_types or obj["type"] in wanted_types):
            picked.append(index)
        index += 1
    more = any((not wanted_ids or o["id"] in wanted_ids) and (not wanted_types or o["type"] in wanted_types)
               for o in data.objects[index:])
    following = _encode_next(data.keys[picked[-1]]) if more and picked else None
    return picked, more, following


def _paged(body: dict[str, Any], added: list[str]) -> TaxiiResponse:
    headers = {"X-TAXII-Date-Added-First": added[0], "X-TAXII-Date-Added-Last": added[-1]} if added else {}
    return TaxiiResponse(body, headers=headers)


def _page(state: ServerState, request: Request, collection_id: str, added_after: str | None, limit: int | None,
          next_token: str | None, item: Callable[[Feed, int], dict[str, Any]]) -> TaxiiResponse:
    """One page of the collection (objects or manifest records), with `more`, `next` and the date headers."""
    _collection(collection_id)
    picked, more, following = _select(state, request, added_after, limit, next_token)
    data = feed(state)
    body: dict[str, Any] = {"more": more, "objects": [item(data, i) for i in picked]}
    if following:
        body["next"] = following
    return _paged(body, [data.added[i] for i in picked])


Limit = Annotated[int | None, Query(ge=1, le=MAX_PAGE, description="Objects per page.")]
AddedAfter = Annotated[str | None, Query(max_length=40, description="Only objects added after this timestamp.")]
Next = Annotated[str | None, Query(alias="next", max_length=400, description="The `next` of the previous page.")]
CollectionId = Annotated[str, Path(max_length=64)]
ObjectId = Annotated[str, Path(max_length=200)]


@router.get("/", response_class=TaxiiResponse)
def discovery(request: Request) -> TaxiiResponse:
    """TAXII 2.1 discovery: forewarn's one API root."""
    root = str(request.url_for("api_root"))
    return TaxiiResponse({"title": "forewarn TAXII 2.1", "description": "Pre-emptive chemical-attack staging "
                          "claims and the warnings they open, read-only.", "default": root, "api_roots": [root]})


@router.get("/api/", response_class=TaxiiResponse, name="api_root")
def api_root() -> TaxiiResponse:
    return TaxiiResponse({"title": "forewarn", "description": "Claims, statements, places and warnings as STIX 2.1.",
                          "versions": [TAXII], "max_content_length": MAX_CONTENT})


@router.get("/api/collections/", response_class=TaxiiResponse)
def collections() -> TaxiiResponse:
    return TaxiiResponse({"collections": [_collection_resource()]})


@router.get("/api/collections/{collection_id}/", response_class=TaxiiResponse)
def collection(collection_id: CollectionId) -> TaxiiResponse:
    _collection(collection_id)
    return TaxiiResponse(_collection_resource())


@router.get("/api/collections/{collection_id}/objects/", response_class=TaxiiResponse)
def objects(state: State, request: Request, collection_id: CollectionId, added_after: AddedAfter = None,
            limit: Limit = None, next_token: Next = None) -> TaxiiResponse:
    """STIX objects in date_added order, paged (`more`, `next`)."""
    return _page(state, request, collection_id, added_after, limit, next_token,
                 lambda data, i: data.objects[i])


@router.get("/api/collections/{collection_id}/manifest/", response_class=TaxiiResponse)
def manifest(state: State, request: Request, collection_id: CollectionId, added_after: AddedAfter = None,
             limit: Limit = None, next_token: Next = None) -> TaxiiResponse:
    return _page(state, request, collection_id, added_after, limit, next_token,
                 lambda data, i: {"id": data.objects[i]["id"], "date_added": data.added[i],
                                  "version": data.objects[i].get("modified") or data.added[i], "media_type": STIX})


def _one(state: ServerState, collection_id: str, object_id: str) -> tuple[Feed, int]:
    _collection(collection_id)
    data = feed(state)
    if object_id not in data.by_id:
        raise NotFoundError(f"no object {object_id!r} in the collection")
    return data, data.by_id[object_id]


@router.get("/api/collections/{collection_id}/objects/{object_id}/", response_class=TaxiiResponse)
def one_object(state: State, collection_id: CollectionId, object_id: ObjectId) -> TaxiiResponse:
    data, index = _one(state, collection_id, object_id)
    return _paged({"more": False, "objects": [data.objects[index]]}, [data.added[index]])


@router.get("/api/collections/{collection_id}/objects/{object_id}/versions/", response_class=TaxiiResponse)
def versions(state: State, collection_id: CollectionId, object_id: ObjectId) -> TaxiiResponse:
    data, index = _one(state, collection_id, object_id)
    version = data.objects[index].get("modified") or data.added[index]
    return _paged({"more": False, "versions": [version]}, [data.added[index]])
