"""The dashboard's form posts: sign in with the write token, sign out, and an analyst's verdict on a claim.

Every post carries the session's CSRF token (sessions.check_form); a verdict also needs a signed-in session
on a server that allows writes. After a post the browser is sent back (303) to a page of this server."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from .. import queries
from ..errors import AccessError, AuthError, ConfigError, ForewarnError, NotFoundError
from ..feedback import Verdict, record
from ..queries import WarningFilter
from .pages import web
from .sessions import Session, check_form, local_path, set_cookie

if TYPE_CHECKING:
    from ..api.state import ServerState

router = APIRouter(include_in_schema=False)
Field = Annotated[str, Form(max_length=2000)]
Optional = Annotated[str | None, Form(max_length=2000)]  # a correction field: None when the form did not send it
CORRECTABLE = ("kind", "stance", "claimant", "accused", "agent", "place", "narrative", "predicted_date")


def back_to(target: str, session: Session | None = None, request: Request | None = None) -> RedirectResponse:
    response = RedirectResponse(target, status_code=303)
    if session is not None and request is not None:
        set_cookie(request, response, session)
    return response


@router.get("/login")
def login_page(request: Request, next: str = "/") -> HTMLResponse:
    return web(request).page(request, "login.html", section="login", next=local_path(next), error="")


@router.post("/login")
def login(request: Request, token: Field = "", analyst: Annotated[str, Form(max_length=200)] = "",
          csrf: Field = "", next: Field = "/") -> Response:
    page = web(request)
    session = check_form(request, page.sessions.find(request), csrf)
    try:
        page.state.check_write(token.strip())
    except (AuthError, AccessError) as exc:
        status = 401 if isinstance(exc, AuthError) else 403
        message = "that is not this server's token" if isinstance(exc, AuthError) else str(exc)
        return page.page(request, "login.html", section="login", session=session, next=local_path(next),
                         error=message, status=status)
    signed = page.sessions.renewed(session)
    signed.signed_in = True
    signed.analyst = analyst.strip()
    signed.flash(f"Signed in{' as ' + signed.analyst if signed.analyst else ''}: you can give feedback on claims.")
    return back_to(local_path(next), signed, request)


@router.post("/logout")
def logout(request: Request, csrf: Field = "") -> Response:
    page = web(request)
    session = check_form(request, page.sessions.find(request), csrf)
    page.sessions.drop(session)
    response = back_to("/")
    response.delete_cookie("forewarn_session", path="/")
    return response


@router.post("/claims/{claim_id}/feedback")
def claim_feedback(request: Request, claim_id: str, csrf: Field = "", verdict: Field = "", back: Field = "",
                   note: Field = "", kind: Optional = None, stance: Optional = None, claimant: Optional = None,
                   accused: Optional = None, agent: Optional = None, place: Optional = None, narrative: Optional = None,
                   predicted_date: Optional = None) -> Response:
    page = web(request)
    state = page.state
    session = check_form(request, page.sessions.find(request), csrf)
    if not state.writable:
        raise AccessError("this server does not take feedback (read-only, or started without a token)")
    if not session.signed_in:
        raise AuthError("sign in with the server's token to give feedback")
    view = queries.get_claim(state.store, claim_id)
    given = {"kind": kind, "stance": stance, "claimant": claimant, "accused": accused, "agent": agent,
             "place": place, "narrative": narrative, "predicted_date": predicted_date}
    corrections = changed_fields(view, given)
    chosen = "corrected" if verdict == "corrected" or (not verdict and corrections) else verdict
    target = local_path(back, f"/claims/{view.id}")
    if chosen == "corrected" and not corrections:
        session.flash("Nothing was changed: edit a field to correct it.")
        return back_to(target)
    before = {w.id: w for w in queries.find_warnings(state.store, WarningFilter(claim_id=view.id), limit=500).items}
    try:
        record(state.store, state.gazetteer, state.settings,
               Verdict(view.id, chosen, corrections if chosen == "corrected" else {}, session.analyst, note.strip()))
    except (ConfigError, NotFoundError) as exc:
        session.flash(f"Not saved: {exc}")
        return back_to(target)
    state.changed()
    session.flash(f"Claim {view.id[:10]} marked {chosen}." if chosen != "corrected" else
                  f"Claim {view.id[:10]} corrected ({', '.join(sorted(corrections))}).")
    return back_to(after_feedback(state, session, target, before))


def changed_fields(view: queries.ClaimView, given: dict[str, str | None]) -> dict[str, str]:
    """The form's fields that differ from the claim as shown (the form is pre-filled with its values); a field
    the form did not send is unchanged, one it sent empty is cleared."""
    claim = view.claim
    shown = {"kind": claim.kind, "stance": claim.stance, "claimant": claim.claimant,
             "accused": "; ".join(claim.accused), "agent": claim.agent,
             "place": claim.places[0].name if claim.places else "", "narrative": claim.narrative,
             "predicted_date": claim.predicted_date.isoformat() if claim.predicted_date else ""}
    return {name: value.strip() for name, value in given.items()
            if value is not None and name in CORRECTABLE and value.strip() != shown[name].strip()}


def after_feedback(state: ServerState, session: Session, target: str, before: dict[str, queries.WarningView]) -> str:
    """Where to go after a verdict, and what to say about the warnings it changed: back to the warning page
    when it still stands; to the warning that replaced it at the same place; or to the place page."""
    if not target.startswith("/warnings/"):
        return target
    shown_id = target.removeprefix("/warnings/").split("?")[0]
    old = next((w for w in before.values() if w.id.startswith(shown_id)), None)
    if old is None:
        return target
    try:
        now = queries.get_warning(state.store, old.id, limit=1)
    except ForewarnError:
        now = None
    if now is not None:
        session.flash(f"The warning at {now.warning.place_name} now rests on {len(now.warning.claim_ids)} claims "
                      f"(was {len(old.warning.claim_ids)}).")
        return target
    here = queries.find_warnings(state.store, WarningFilter(place_ids=frozenset({old.warning.place_id})),
                                 sort="-opened", limit=1).items
    if here:
        session.flash(f"The warning at {old.warning.place_name} no longer opens on {old.warning.opened_at}: "
                      f"it now opens on {here[0].warning.opened_at}.")
        return f"/warnings/{here[0].id}"
    session.flash(f"No warning stands at {old.warning.place_name} any more.")
    return f"/places/{old.warning.place_id}"
