"""Narratives as data: what a claim of one shape is *about* (a chemical, a radiological, a biological incident).

A narrative is a folder holding `narrative.toml` (its weapon terms per language, the actors and incidents that
tie a claim to it, the canonical values claims carry) and, optionally, `examples.jsonl` (labelled examples, used
for training and as evidence). forewarn ships chemical, radiological and biological; an analyst adds one by
writing a folder and naming its parent in the `narrative_dirs` setting — no Python, no engine change.

The detection engine never names a narrative: it screens documents with every loaded narrative's terms, and a
candidate sentence belongs to the narrative whose weapon it names (see `NarrativeSet.assign`). What a staging
claim *is* (prepared, staged, blamed) is the language pack's and the classifier's business and is the same for
every narrative.

Format (all tables optional but `[narrative]` and `[agents]`):

    [narrative]       name, title, description
    [macros]          NAME = 'regex' — written `<<NAME>>` inside patterns (e.g. an Arabic word start with clitics)
    [agents."value"]  per language: patterns naming the weapon; "value" is what `Claim.agent` carries. Listed
                      most specific first; the last ones may be generic ("unspecified chemical").
    [context]         per language: actors or bodies that place a staging claim in the narrative without naming the
                      weapon (the White Helmets, the OPCW, the IAEA).
    [past_incident]   per language: named incidents that already happened (Douma, Skripal): a claim about them
                      looks backwards unless a new plot is announced.
    [agent_of."value"], [place_of."Place name"]  per language: incidents whose agent / place is on record.
    [incident_dates."name"]  date = YYYY-MM-DD, names = 'regex': the day a named past incident happened and its
                      names in any script. Before that day its name is a place, not an incident: "militants in
                      Douma are preparing …" (February 2018) looks forward, so the past_incident cue is dropped.

Language keys are ISO 639-1 codes; the key "*" holds cross-lingual stems used for any language without an entry
of its own. Patterns are regular expressions matched against `forewarn.text.normalise(text, language)`.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import ConfigError
from .text import fold_arabic

ANY_LANGUAGE = "*"
DEFAULT_NARRATIVE = "chemical"
NARRATIVE_FILE = "narrative.toml"
EXAMPLES_FILE = "examples.jsonl"
_MACRO = re.compile(r"<<([A-Za-z_][A-Za-z0-9_]*)>>")

PerLanguage = Mapping[str, tuple[str, ...]]


@dataclass(frozen=True)
class NarrativeTerms:
    """One narrative's patterns for one language (its own entry, else the cross-lingual "*" entry)."""

    narrative: str
    language: str
    agents: tuple[tuple[str, tuple[str, ...]], ...]  # (canonical agent, patterns), most specific first
    context: tuple[str, ...] = ()
    past_incident: tuple[str, ...] = ()
    agent_of: tuple[tuple[str, tuple[str, ...]], ...] = ()
    place_of: tuple[tuple[str, tuple[str, ...]], ...] = ()
    generic_agents: tuple[str, ...] = ()

    @property
    def screen(self) -> tuple[str, ...]:
        """Every pattern that makes a sentence about this narrative: its agents, its context and its named past
        incidents ("the Douma attack was staged" names no agent)."""
        return tuple(p for _, patterns in self.agents for p in patterns) + self.context + self.past_incident

    @property
    def fallback_agent(self) -> str:
        """The agent of a claim that names none (chemical only by context): the last, least specific one."""
        return self.agents[-1][0] if self.agents else ""


@dataclass(frozen=True)
class IncidentDate:
    """A named past incident, the day it happened, and a pattern matching its names in a cue's surface."""

    name: str
    day: date
    names: str

    def named_in(self, surface: str) -> bool:
        return re.search(self.names, surface) is not None


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: loaded once per folder, tables inside
class Narrative:
    name: str
    title: str
    description: str
    agents: Mapping[str, PerLanguage]
    context: PerLanguage = field(default_factory=dict)
    past_incident: PerLanguage = field(default_factory=dict)
    agent_of: Mapping[str, PerLanguage] = field(default_factory=dict)
    place_of: Mapping[str, PerLanguage] = field(default_factory=dict)
    generic_agents: tuple[str, ...] = ()  # agents that say only "something toxic": a named one wins over them
    incident_dates: tuple[IncidentDate, ...] = ()
    path: Path | None = None  # the folder it was read from

    def incidents_after(self, day: date) -> tuple[IncidentDate, ...]:
        """The named past incidents that had not yet happened on `day`."""
        return tuple(incident for incident in self.incident_dates if incident.day > day)

    @property
    def examples_path(self) -> Path | None:
        if self.path is None:
            return None
        candidate = self.path / EXAMPLES_FILE
        return candidate if candidate.is_file() else None

    def languages(self) -> tuple[str, ...]:
        found = {lang for table in self.agents.values() for lang in table}
        return tuple(sorted(found - {ANY_LANGUAGE}))

    def terms(self, language: str) -> NarrativeTerms:
        return _terms(self, language)


@lru_cache(maxsize=512)
def _terms(narrative: Narrative, language: str) -> NarrativeTerms:
    def pick(table: PerLanguage) -> tuple[str, ...]:
        return tuple(table.get(language) or table.get(ANY_LANGUAGE) or ())

    def pairs(tables: Mapping[str, PerLanguage]) -> tuple[tuple[str, tuple[str, ...]], ...]:
        return tuple((value, found) for value, table in tables.items() if (found := pick(table)))

    return NarrativeTerms(
        narrative=narrative.name,
        language=language,
        agents=pairs(narrative.agents),
        context=pick(narrative.context),
        past_incident=pick(narrative.past_incident),
        agent_of=pairs(narrative.agent_of),
        place_of=pairs(narrative.place_of),
        generic_agents=narrative.generic_agents,
    )


@dataclass(frozen=True)
class NarrativeSet:
    """The narratives a detector watches for, in priority order (the default narrative first)."""

    narratives: tuple[Narrative, ...]

    def __iter__(self) -> Any:
        return iter(self.narratives)

    def __len__(self) -> int:
        return len(self.narratives)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(n.name for n in self.narratives)

    def get(self, name: str) -> Narrative:
        for narrative in self.narratives:
            if narrative.name == name:
                return narrative
        raise ConfigError(f"unknown narrative {name!r}; loaded: {', '.join(self.names) or 'none'}")

    def terms(self, language: str) -> tuple[NarrativeTerms, ...]:
        return tuple(n.terms(language) for n in self.narratives)


def bundled_terms(language: str, narrative: str = DEFAULT_NARRATIVE) -> NarrativeTerms:
    """A bundled narrative's terms for one language (the default narrative unless named)."""
    return load_narratives().get(narrative).terms(language)


def known_agents() -> frozenset[str]:
    """Every canonical agent value of the bundled narratives."""
    return frozenset(agent for narrative in load_narratives() for agent in narrative.agents)


# -- loading --------------------------------------------------------------------------------------------
def bundled_directory() -> Path:
    return Path(str(resources.files("forewarn") / "data" / "narratives"))


def discover(dirs: Sequence[str | Path] = ()) -> dict[str, Path]:
    """name → folder for every narrative bundled with forewarn and in `dirs` (each either a narrative folder or
    a folder of them). A user narrative with a bundled name replaces the bundled one."""
    found: dict[str, Path] = {}
    for root in (bundled_directory(), *(Path(d).expanduser() for d in dirs)):
        if (root / NARRATIVE_FILE).is_file():
            found[_read_name(root)] = root
            continue
        if not root.is_dir():
            if root != bundled_directory():
                raise ConfigError(f"narrative folder {root} does not exist")
            continue
        for child in sorted(p for p in root.iterdir() if (p / NARRATIVE_FILE).is_file()):
            found[_read_name(child)] = child
    return found


def load_narratives(names: Iterable[str] | None = None, dirs: Sequence[str | Path] = ()) -> NarrativeSet:
    """The narratives named (all discovered ones when None), the default narrative first."""
    return _load(tuple(names) if names is not None else None, tuple(str(d) for d in dirs))


@lru_cache(maxsize=16)
def _load(names: tuple[str, ...] | None, dirs: tuple[str, ...]) -> NarrativeSet:
    available = discover(dirs)
    wanted = names if names else tuple(available)
    missing = [n for n in wanted if n not in available]
    if missing:
        raise ConfigError(f"unknown narrative(s) {', '.join(missing)}; available: {', '.join(sorted(available))}")
    ordered = sorted(wanted, key=lambda n: (n != DEFAULT_NARRATIVE, wanted.index(n)))
    return NarrativeSet(tuple(read_narrative(available[n]) for n in ordered))


def _read_name(folder: Path) -> str:
    return str(_read_toml(folder / NARRATIVE_FILE).get("narrative", {}).get("name") or folder.name)


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except OSError as exc:
        raise ConfigError(f"cannot read narrative file {path}: {exc}") from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"narrative file {path} is not valid TOML: {exc}") from exc


def read_narrative(folder: str | Path) -> Narrative:
    """Read and check one narrative folder: every pattern must compile, every language table be a list."""
    folder = Path(folder)
    path = folder / NARRATIVE_FILE
    data = _read_toml(path)
    head = data.get("narrative", {})
    name = str(head.get("name") or folder.name)
    if not re.fullmatch(r"[a-z][a-z0-9_-]*", name):
        raise ConfigError(f"{path}: narrative name {name!r} must be lower-case letters, digits, - or _")
    macros = {str(k): str(v) for k, v in data.get("macros", {}).items()}
    agents = _nested(data, "agents", path, macros)
    if not agents:
        raise ConfigError(f"{path}: a narrative needs at least one [agents.\"…\"] table")
    return Narrative(
        name=name,
        title=str(head.get("title", name)),
        description=str(head.get("description", "")),
        agents=agents,
        context=_per_language(data.get("context", {}), f"{path} [context]", macros),
        past_incident=_per_language(data.get("past_incident", {}), f"{path} [past_incident]", macros),
        agent_of=_nested(data, "agent_of", path, macros),
        place_of=_nested(data, "place_of", path, macros),
        generic_agents=tuple(str(a) for a in head.get("generic_agents", ())),
        incident_dates=_incident_dates(data.get("incident_dates", {}), path),
        path=folder,
    )


def _incident_dates(table: Any, path: Path) -> tuple[IncidentDate, ...]:
    if not isinstance(table, Mapping):
        raise ConfigError(f"{path}: [incident_dates] must be a table")
    out = []
    for name, entry in table.items():
        where = f"{path} [incident_dates.{name}]"
        if not isinstance(entry, Mapping) or not isinstance(entry.get("names"), str):
            raise ConfigError(f"{where} needs date = YYYY-MM-DD and names = 'regex'")
        day = entry.get("date")
        if not isinstance(day, date):
            raise ConfigError(f"{where}: date must be a TOML date (YYYY-MM-DD), not {day!r}")
        out.append(IncidentDate(str(name), day, _checked(str(entry["names"]), where)))
    return tuple(out)


def _nested(data: Mapping[str, Any], key: str, path: Path, macros: Mapping[str, str]) -> dict[str, PerLanguage]:
    table = data.get(key, {})
    if not isinstance(table, Mapping):
        raise ConfigError(f"{path}: [{key}] must be a table")
    return {str(value): _per_language(langs, f"{path} [{key}.{value}]", macros) for value, langs in table.items()}


def _per_language(table: Any, where: str, macros: Mapping[str, str]) -> PerLanguage:
    if not isinstance(table, Mapping):
        raise ConfigError(f"{where} must be a table of language = [patterns]")
    out: dict[str, tuple[str, ...]] = {}
    for language, patterns in table.items():
        if isinstance(patterns, str):
            patterns = [patterns]
        if not isinstance(patterns, list) or not all(isinstance(p, str) for p in patterns):
            raise ConfigError(f"{where}: {language} must be a list of strings")
        out[str(language)] = tuple(_checked(_expand(p, macros, where), where) for p in patterns)
    return out


def _expand(pattern: str, macros: Mapping[str, str], where: str) -> str:
    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in macros:
            raise ConfigError(f"{where}: unknown macro <<{name}>> in {pattern!r}")
        return macros[name]

    return _MACRO.sub(replace, pattern)


def _checked(pattern: str, where: str) -> str:
    """The pattern as `normalise` leaves text (Arabic letters folded, ё as е), once it is known to compile."""
    pattern = fold_arabic(pattern).replace("ё", "е")
    try:
        re.compile(pattern)
    except re.error as exc:
        raise ConfigError(f"{where}: pattern {pattern!r} does not compile: {exc}") from exc
    return pattern
