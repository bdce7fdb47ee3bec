"""Confirmed (or alleged) chemical attacks from a CSV shaped like shared/data/incidents/confirmed.csv.

Each row's place is resolved to a gazetteer id: first by its name, then its alternative names and the parts
of a compound name ("Aleppo - al-Sukkari", "Douma (Karm al-Rasas area)"), keeping only a place inside the
stated governorate; then by the nearest gazetteer place to its coordinates; last, the governorate itself.
A row without a readable date or place is quarantined with the reason, not fatal.

Every incident is `confirmed` (an investigative body found chemical use) or `alleged` (claimed, examined or
not, never confirmed), and carries its source (the file name, or a label). The status comes from, in order:
the caller's explicit status (`--status`), the row's own `status` column, the file's name
(`confirmed.csv` → confirmed; `alleged_unconfirmed.csv`, or any name with "alleged"/"unconfirmed" → alleged).
A file whose status none of these tells is refused: allegations must never pass for confirmed attacks.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Protocol

from .errors import ConfigError, NotFoundError, SourceError
from .model import Incident, IncidentStatus, Place, Quarantined

NEAREST_KM = 5.0  # a coordinate fallback farther than this from any gazetteer place resolves nothing
REQUIRED_COLUMNS = ("incident_date", "place")
STATUSES: tuple[IncidentStatus, ...] = ("confirmed", "alleged")
_ALLEGED_WORDS = {"alleged", "allegation", "allegations", "unconfirmed", "unverified"}
_CONFIRMED_WORDS = {"confirmed", "verified"}


class IncidentGazetteer(Protocol):
    def get(self, place_id: str) -> Place: ...

    def resolve(self, name: str, country: str = "SY") -> Place | None: ...

    def ancestors(self, place_id: str) -> list[Place]: ...

    def nearest(self, lat: float, lon: float, max_km: float) -> Place | None: ...

    def places(self) -> Iterable[Place]: ...


@dataclass(frozen=True)
class IncidentLoad:
    incidents: list[Incident]
    quarantined: list[Quarantined] = field(default_factory=list)
    resolved_by: dict[str, str] = field(default_factory=dict)  # incident id -> "name", "coordinates", …


def load_incidents(
    path: str | Path, gazetteer: IncidentGazetteer, *, status: str | None = None, source: str | None = None
) -> list[Incident]:
    """The incidents of a CSV file, places resolved; unreadable rows are left out (see read_incidents)."""
    return read_incidents(path, gazetteer, status=status, source=source).incidents


def status_from_name(path: str | Path) -> IncidentStatus | None:
    """The status a file's name states, or None. Allegation words are looked for first ("unconfirmed"
    is not "confirmed")."""
    words = set(re.split(r"[^a-z]+", Path(path).stem.casefold()))
    if words & _ALLEGED_WORDS:
        return "alleged"
    if words & _CONFIRMED_WORDS:
        return "confirmed"
    return None


def checked_status(value: str, what: str) -> IncidentStatus:
    folded = value.strip().casefold()
    for status in STATUSES:
        if folded == status:
            return status
    raise ConfigError(f"{what}: an incident status is confirmed or alleged, not {value!r}")


def read_incidents(
    path: str | Path, gazetteer: IncidentGazetteer, *, status: str | None = None, source: str | None = None
) -> IncidentLoad:
    """The incidents of a CSV file with the rows it could not read and how each place was resolved.
    `status` overrides the rows' and the file name's; `source` labels them (default: the file name)."""
    path = Path(path)
    forced = checked_status(status, "status") if status else None
    fallback = forced or status_from_name(path)
    rows = list(_rows(path))
    if fallback is None and any(not row.get("status") for _, row in rows):
        raise ConfigError(
            f"{path.name}: cannot tell whether it lists confirmed or alleged incidents (its name says neither "
            "and it has no status column); say which with --status confirmed|alleged"
        )
    label = source if source is not None else path.name
    resolver = _Resolver(gazetteer)
    incidents: list[Incident] = []
    quarantined: list[Quarantined] = []
    resolved_by: dict[str, str] = {}
    for position, row in rows:
        try:
            row_status = forced or (checked_status(row["status"], "status column") if row.get("status") else fallback)
            incident, how = resolver.incident(row, row_status or "confirmed", label)
        except (ValueError, ConfigError) as exc:
            raw = ",".join(f"{k}={v}" for k, v in row.items() if v)
            quarantined.append(Quarantined(str(path), f"row {position}", str(exc), raw[:2000]))
            continue
        incidents.append(incident)
        resolved_by[incident.id] = how
    incidents.sort(key=lambda i: (i.date, i.place))
    return IncidentLoad(incidents, quarantined, resolved_by)


def _rows(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in REQUIRED_COLUMNS if c not in (reader.fieldnames or [])]
            if missing:
                raise SourceError(f"{path}: not an incidents CSV, missing column(s) {', '.join(missing)}")
            for position, row in enumerate(reader, start=2):  # line 1 is the header
                yield position, {k: (v or "").strip() for k, v in row.items() if k}
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise SourceError(f"cannot read incidents file {path}: {exc}") from exc


def _coordinate(value: str, low: float, high: float) -> float | None:
    try:
        number = float(value)
    except ValueError:
        return None
    return number if low <= number <= high else None


def candidate_names(place: str, alt_names: str) -> list[str]:
    """The names to try, most telling first: the name without its parenthesis, the alternative names, then
    the parts of a compound name (the more specific part first)."""
    base = re.sub(r"\([^)]*\)", "", place).strip()
    inside = [p for group in re.findall(r"\(([^)]*)\)", place) for p in re.split(r"[/,;]", group)]
    parts = [p for p in re.split(r"\s+-\s+|/", base) if p.strip()]
    names = [base, *alt_names.split(";"), *reversed(parts), *inside]
    return list(dict.fromkeys(n.strip() for n in names if n.strip()))


class _Resolver:
    def __init__(self, gazetteer: IncidentGazetteer) -> None:
        self.gazetteer = gazetteer
        self.governorates = {
            _fold(name): p.id
            for p in gazetteer.places()
            if p.level == "governorate" and p.country == "SY"
            for name in (p.name, *p.aliases)
        }

    def incident(self, row: dict[str, str], status: IncidentStatus, source: str) -> tuple[Incident, str]:
        when = row.get("incident_date", "")
        try:
            day = date.fromisoformat(when[:10])
        except ValueError:
            raise ValueError(f"unreadable incident_date {when!r}") from None
        if not row.get("place"):
            raise ValueError("no place")
        lat = _coordinate(row.get("lat", ""), -90, 90)
        lon = _coordinate(row.get("lon", ""), -180, 180)
        governorate_id = self.governorates.get(_fold(row.get("governorate", "")), "")
        place_id, how = self.place(row["place"], row.get("alt_names", ""), governorate_id, lat, lon)
        incident = Incident(
            date=day,
            place=row["place"],
            governorate=row.get("governorate", ""),
            place_id=place_id,
            lat=lat,
            lon=lon,
            agent=row.get("agent", ""),
            finding=row.get("finding", ""),
            attributed_to=row.get("attributed_to", ""),
            report=row.get("report", ""),
            status=status,
            source=source,
        )
        return incident, how

    def place(
        self, name: str, alt_names: str, governorate_id: str, lat: float | None, lon: float | None
    ) -> tuple[str, str]:
        for candidate in candidate_names(name, alt_names):
            found = self.gazetteer.resolve(candidate)
            if found is not None and found.level != "country" and self._inside(found, governorate_id):
                return found.id, f"name: {candidate}"
        if lat is not None and lon is not None:
            near = self.gazetteer.nearest(lat, lon, NEAREST_KM)
            if near is not None and self._inside(near, governorate_id):
                return near.id, f"coordinates: nearest within {NEAREST_KM:g} km"
        if governorate_id:
            return governorate_id, "governorate only"
        return "", "unresolved"

    def _inside(self, place: Place, governorate_id: str) -> bool:
        if not governorate_id or place.id == governorate_id:
            return True
        if place.level == "governorate":
            return False  # another governorate ("Idlib" the province when the row says Hama)
        try:
            return any(a.id == governorate_id for a in self.gazetteer.ancestors(place.id))
        except NotFoundError:
            return False


def _fold(name: str) -> str:
    folded = re.sub(r"\s+(governorate|province|muhafazah)$", "", name.casefold().strip())
    return re.sub(r"^(al|as|ar|ad|ash)[- ]", "", folded).replace("-", " ")
