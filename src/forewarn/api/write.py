"""The write endpoints — upload a file to ingest, load incidents, analyst feedback. Each needs the server's
token (`Authorization: Bearer …`, compared in constant time) and is refused on a read-only server."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path as FilePath
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Request, UploadFile

from .. import queries
from ..errors import SourceError, TooLargeError
from ..facade import ingest
from ..feedback import Verdict, record
from ..serialise import to_json
from . import models
from .responses import WRITE_ERRORS, Json
from .state import ServerState, bearer, state_of

router = APIRouter(prefix="/api/v1", responses=WRITE_ERRORS)
CHUNK = 1 << 16


async def writer(request: Request) -> ServerState:
    """The server state, once the request has shown the right to write (async: see state.server)."""
    state = state_of(request)
    state.check_write(bearer(request))
    return state


Writer = Annotated[ServerState, Depends(writer)]


def _suffix(filename: str | None) -> str:
    """The upload's extension, which picks the reader (.jsonl, .csv, .rss, .html, .json, .txt); only letters."""
    match = re.search(r"\.([A-Za-z0-9]{1,10})$", filename or "")
    return f".{match.group(1).lower()}" if match else ".txt"


def _save(upload: UploadFile, folder: FilePath, cap: int) -> FilePath:
    path = folder / f"upload{_suffix(upload.filename)}"
    written = 0
    with path.open("wb") as handle:
        while chunk := upload.file.read(CHUNK):
            written += len(chunk)
            if written > cap:
                raise TooLargeError(f"upload over the {cap:,}-byte cap (max_upload_bytes)")
            handle.write(chunk)
    return path


@router.post("/documents", response_model=models.IngestOut, status_code=201, tags=["writes"])
def upload_documents(state: Writer, file: UploadFile) -> Json:
    """Ingest one uploaded file (its extension picks the reader), then detect, link and update the warnings.
    Bad records are quarantined, never fatal."""
    from ..pipeline import detector_for, process

    with tempfile.TemporaryDirectory(prefix="forewarn-upload-") as folder:
        path = _save(file, FilePath(folder), state.settings.max_upload_bytes)
        detector = detector_for(state.settings)  # each batch detected before it is written
        summary = ingest([str(path)], state.store, state.settings, detector=detector)
    if summary.read == 0 and summary.quarantined:
        raise SourceError("nothing in the upload could be read (see GET /api/v1/quarantine)")
    result: dict[str, Any] = {"read": summary.read, "new": summary.new, "duplicate": summary.duplicate,
                              "quarantined": summary.quarantined}
    if summary.new:
        stages = process(state.store, state.settings, detector=detector)
        result["stages"] = {**stages, "claims_written": stages["claims_written"] + summary.claims}
    state.changed()
    return Json(result, status_code=201)


@router.post("/incidents", response_model=models.IncidentLoadOut, tags=["writes"])
def upload_incidents(state: Writer, file: UploadFile) -> Json:
    """Replace the stored incidents with those of an uploaded CSV shaped like confirmed.csv."""
    from ..incidents import read_incidents

    with tempfile.TemporaryDirectory(prefix="forewarn-upload-") as folder:
        path = _save(file, FilePath(folder), state.settings.max_upload_bytes)
        loaded = read_incidents(path, state.gazetteer)
    state.store.replace_incidents(loaded.incidents)
    state.store.add_quarantined(loaded.quarantined)
    state.changed()
    return Json({"loaded": len(loaded.incidents), "quarantined": len(loaded.quarantined),
                 "unresolved": sorted(i.place for i in loaded.incidents if not i.place_id)})


@router.post("/claims/{claim_id}/feedback", response_model=models.FeedbackOut, tags=["writes"])
def claim_feedback(state: Writer, claim_id: Annotated[str, Path(max_length=64)], body: models.FeedbackIn) -> Json:
    """Mark a claim right or wrong, or correct its fields. A claim marked wrong leaves the signals and the
    warnings at once; a correction counts as corrected (another place, another claimant)."""
    claim = queries.get_claim(state.store, claim_id)
    record(state.store, state.gazetteer, state.settings,
           Verdict(claim.id, body.verdict, body.corrections, body.analyst, body.note))
    state.changed()
    counts = [v.warning.is_open for v in queries.iter_warnings(state.store)]
    return Json({"claim": to_json(queries.get_claim(state.store, claim.id)), "warnings": len(counts),
                 "open_warnings": sum(counts)})
