"""Extraction: what a claim sentence says — cues, claimant, accused, agent, places, date, stance.

Everything is driven by a `Lexicon` matched against `forewarn.text.normalise(sentence, language)`, so the
same functions serve English, Russian and Arabic. Nothing here decides whether a sentence is a claim; that
is `forewarn.detect`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from typing import TYPE_CHECKING

from .lexicon import ACCUSED, Lexicon, compile_patterns
from .model import Place, PlaceRef
from .text import normalise

if TYPE_CHECKING:
    from .places import Gazetteer

# The families every lexicon has, in the order cues are reported.
FAMILIES = ("agent", "context", "staging", "prospective", "retrospective", "reported", "negation",
            "claimant", "accused", "evidence")
# How close (in characters, on normalised text) a negation must stand before a cue to negate it.
NEGATION_REACH = 24
# Words this short between a negation and a cue are function words (yet, been, will, ещё, было, будут): the
# negation reaches past them. A longer word is the verb the negation governs.
MAX_FUNCTION_WORD = 5
MAX_PARTICLE = 3  # не, not, ne, no, pas, لا, لم: verb negators; longer negations govern a noun phrase
LEVEL_RANK = {"town": 0, "subdistrict": 1, "district": 2, "region": 3, "governorate": 4, "country": 5}


@dataclass(frozen=True)
class Cues:
    """The cue families that fired in one normalised sentence, with the matched surfaces."""

    found: Mapping[str, tuple[str, ...]]
    negated_act: bool = False  # a negation governs the prospective or staging cue ("are not preparing")

    def has(self, family: str) -> bool:
        return bool(self.found.get(family))

    def names(self) -> tuple[str, ...]:
        """Cue labels for the evidence record, e.g. ("staging:stage", "prospective:preparing")."""
        labels = [f"{family}:{surface}" for family, surfaces in self.found.items() for surface in surfaces]
        return tuple(labels) + (("negated",) if self.negated_act else ())


def _surfaces(pattern: re.Pattern[str] | None, text: str) -> tuple[str, ...]:
    if pattern is None:
        return ()
    return tuple(dict.fromkeys(m.group(0).strip() for m in pattern.finditer(text) if m.group(0).strip()))


def _family_patterns(lexicon: Lexicon) -> dict[str, tuple[str, ...]]:
    families = {
        "agent": tuple(p for patterns in lexicon.agents.values() for p in patterns),
        "context": tuple(lexicon.extra.get("context", ())),
        "staging": lexicon.staging,
        "prospective": lexicon.prospective,
        "retrospective": lexicon.retrospective,
        "reported": lexicon.reported,
        "negation": lexicon.negation,
        "claimant": tuple(p for patterns in lexicon.claimants.values() for p in patterns),
        "accused": tuple(p for patterns in lexicon.accused.values() for p in patterns),
        "evidence": lexicon.evidence,
    }
    for name, patterns in lexicon.extra.items():
        families.setdefault(name, tuple(patterns))
    return families


_COMPILED: dict[int, tuple[Lexicon, dict[str, re.Pattern[str] | None]]] = {}


def compiled_families(lexicon: Lexicon) -> dict[str, re.Pattern[str] | None]:
    """One compiled alternation per cue family, cached per lexicon object (a Lexicon holds dicts, so it is
    not hashable; the cache keeps the object alive so its id stays unique)."""
    entry = _COMPILED.get(id(lexicon))
    if entry is None or entry[0] is not lexicon:
        patterns = _family_patterns(lexicon)
        compiled = {name: compile_patterns(p) for name, p in patterns.items()}
        compiled["screen"] = screen_pattern(patterns["agent"] + patterns.get("context", ()))
        entry = (lexicon, compiled)
        _COMPILED[id(lexicon)] = entry
    return entry[1]


_PREFIXES: dict[int, tuple[Lexicon, tuple[str, ...] | None]] = {}
_META = set("\\.^$*+?{}[]()|")


def screen_prefixes(lexicon: Lexicon) -> tuple[str, ...] | None:
    """Literal beginnings of the screen patterns ("chlorine", "toxi", "white helmet"): a text holding none of
    them cannot match the screen, and `in` tests run far faster than the regex. None when some pattern has no
    literal beginning (then the regex alone decides)."""
    entry = _PREFIXES.get(id(lexicon))
    if entry is None or entry[0] is not lexicon:
        patterns = _family_patterns(lexicon)
        prefixes: list[str] = []
        for pattern in patterns["agent"] + patterns.get("context", ()):
            found = literal_prefixes(pattern)
            if found is None:
                prefixes = []
                break
            prefixes.extend(found)
        # a prefix containing another is implied by it ("chemical" by "chem")
        minimal = [p for p in dict.fromkeys(prefixes) if not any(q != p and q in p for q in prefixes)]
        entry = (lexicon, tuple(minimal) or None)
        _PREFIXES[id(lexicon)] = entry
    return entry[1]


def literal_prefixes(pattern: str) -> list[str] | None:
    """The literal texts any match of `pattern` must start with: "\\bchem[- ]?weapons?" → ["chem"],
    "(?:poison|toxic) gas" → ["poison gas", "toxic gas"] (cut at the first special character); None when
    there is no literal start of at least two characters."""
    body = pattern.removeprefix(r"\b")
    heads = [""]
    group = re.match(r"\(\?:([^()\\\[\]{}.^$*+?]+)\)", body)
    if group and body[group.end() : group.end() + 1] not in ("?", "*", "{"):
        heads = group.group(1).split("|")
        body = body[group.end() :]
    tail = ""
    for char in body:
        if char in _META:
            if char in "?*{":
                tail = tail[:-1]  # the last literal is optional: "helmets?" needs only "helmet"
            break
        tail += char
    prefixes = [head + tail for head in heads]
    return prefixes if all(len(p) >= 2 for p in prefixes) else None


def screen_pattern(patterns: tuple[str, ...]) -> re.Pattern[str] | None:
    """One alternation for the document screen, with the leading word boundary most patterns share factored
    out: Python's regex engine then tests the alternatives only at word starts. Case-sensitive on purpose:
    the text is already case-folded, and IGNORECASE makes every test slower (together about 4x on news)."""
    bounded = [p[2:] for p in patterns if p.startswith(r"\b")]
    free = [p for p in patterns if not p.startswith(r"\b")]
    parts = ([r"\b(?:" + "|".join(f"(?:{p})" for p in bounded) + ")"] if bounded else []) + free
    return re.compile("|".join(f"(?:{p})" for p in parts)) if parts else None


def match_cues(lexicon: Lexicon, normalised: str, families: Iterable[str] | None = None) -> Cues:
    """Which cue families fire in a normalised sentence (all of them unless `families` narrows it)."""
    compiled = compiled_families(lexicon)
    wanted = [n for n in compiled if n != "screen"] if families is None else families
    found = {name: _surfaces(compiled.get(name), normalised) for name in wanted}
    found = {name: surfaces for name, surfaces in found.items() if surfaces}
    return Cues(found, _act_negated(compiled, normalised))


def _act_negated(compiled: Mapping[str, re.Pattern[str] | None], text: str) -> bool:
    """True when a negation stands just before a prospective or staging cue, in the same clause."""
    negation = compiled.get("negation")
    if negation is None:
        return False
    acts = [m.start() for name in ("prospective", "staging") if (p := compiled.get(name)) for m in p.finditer(text)]
    for neg in negation.finditer(text):
        for start in acts:
            gap = text[neg.end() : start]
            if 0 <= start - neg.end() <= NEGATION_REACH and _governs(neg.group(0).strip(), gap):
                return True
    return False


def _governs(negation: str, gap: str) -> bool:
    """Whether a negation still governs a cue after `gap` (same clause in any case). A short negation particle
    (не, not, ne, no, لا) negates the verb right after it: only short function words may stand between it and
    the cue ("not yet preparing", "не будут готовить", "have not been staged"), and a content word in between
    takes the negation itself («призвала не тиражировать постановочные кадры» negates the spreading, not the
    staging). A longer negation (keine, никакой, aucune, ninguna, never) negates the noun phrase after it,
    adjectives included ("keine chemische Provokation")."""
    if re.search(r"[,;:.]", gap):
        return False
    return len(negation) > MAX_PARTICLE or all(len(word) <= MAX_FUNCTION_WORD for word in gap.split())


def first_canonical(table: Mapping[str, tuple[str, ...]], normalised: str) -> str:
    """The canonical value whose pattern matches earliest in the text ("" when none does)."""
    best: tuple[int, str] | None = None
    for canonical, patterns in table.items():
        pattern = compile_patterns(tuple(patterns))
        match = pattern.search(normalised) if pattern else None
        if match and (best is None or match.start() < best[0]):
            best = (match.start(), canonical)
    return best[1] if best else ""


def all_canonical(table: Mapping[str, tuple[str, ...]], normalised: str) -> tuple[str, ...]:
    """Every canonical value that matches, in order of first appearance."""
    hits: list[tuple[int, str]] = []
    for canonical, patterns in table.items():
        pattern = compile_patterns(tuple(patterns))
        match = pattern.search(normalised) if pattern else None
        if match:
            hits.append((match.start(), canonical))
    return tuple(value for _, value in sorted(hits))


def extract_accused(lexicon: Lexicon, normalised: str) -> tuple[str, ...]:
    """Every party accused, in the canonical order of `lexicon.ACCUSED` (not word order), so translations
    of one claim that name the same parties in another order yield the same tuple."""
    found = all_canonical(lexicon.accused, normalised)
    rank = {name: i for i, name in enumerate(ACCUSED)}
    return tuple(sorted(found, key=lambda name: (rank.get(name, len(rank)), name)))


def actor_spans(lexicon: Lexicon, sentence: str) -> list[tuple[int, int]]:
    """Where the sentence names a claimant or an accused party ("Минобороны России", "the Syrian
    government"), as offsets into `sentence`. Empty when normalisation changed the length (offsets would
    not line up), which only drops a refinement, never a place."""
    normalised = normalise(sentence, lexicon.language)
    if len(normalised) != len(sentence):
        return []
    spans: list[tuple[int, int]] = []
    for table in (lexicon.claimants, lexicon.accused):
        for patterns in table.values():
            pattern = compile_patterns(tuple(patterns))
            spans.extend(m.span() for m in pattern.finditer(normalised)) if pattern else None
    return spans


GENERIC_AGENTS = ("toxic substances", "unspecified chemical")


def extract_agent(lexicon: Lexicon, normalised: str) -> str:
    """The most specific agent named (the lexicon lists specific agents first); else the agent of a named
    incident on record (`agent_of:<agent>` families: Skripal → novichok); else a generic agent;
    "unspecified chemical" when the sentence is chemical only by context ("White Helmets preparing …")."""
    named = [c for c, patterns in lexicon.agents.items() if _matches(patterns, normalised)]
    specific = [c for c in named if c not in GENERIC_AGENTS]
    if specific:
        return specific[0]
    for family, patterns in lexicon.extra.items():
        if family.startswith("agent_of:") and _matches(patterns, normalised):
            return family.removeprefix("agent_of:")
    return named[0] if named else "unspecified chemical"


def _matches(patterns: Iterable[str], text: str) -> bool:
    pattern = compile_patterns(tuple(patterns))
    return bool(pattern and pattern.search(text))


def extract_claimant(lexicon: Lexicon, sentences: Sequence[str], outlet: str) -> str:
    """The quoted source of the claim: named in the sentence, else in the sentence before it, else in the
    title; the outlet only when no one else is named. `sentences` = (claim sentence, previous, title),
    all normalised; empty strings are skipped."""
    for text in sentences:
        if text and (found := first_canonical(lexicon.claimants, text)):
            return found
    return outlet


def extract_stance(lexicon: Lexicon, cues: Cues, claimant: str, outlet: str) -> str:
    """`reported` when the text relays or rebuts someone else's claim, else `asserted`.

    A rebuttal word (falsely, baseless, …) always makes it reported. An attribution to a named claimant makes
    it reported unless the outlet is the claimant's own state media (then the outlet asserts it)."""
    # A lexicon may list its rebuttal cues itself (extra["rebuttal"]); else they are told apart by wording.
    listed = lexicon.extra.get("rebuttal")
    rebuttal = compile_patterns(tuple(listed or (p for p in lexicon.reported if _is_rebuttal(p))))
    surfaces = " ".join(cues.found.get("reported", ()))
    if rebuttal and rebuttal.search(surfaces):
        return "reported"
    if not claimant or claimant == outlet:
        return "asserted"
    state = compile_patterns(tuple(lexicon.extra.get("state_outlet", ())))
    if state and state.search(outlet.casefold()):
        return "asserted"
    return "reported"


def _is_rebuttal(pattern: str) -> bool:
    """Rebuttal patterns are the ones that do not merely attribute (said, according to)."""
    return not any(word in pattern for word in ("said", "according", "claim(", "told"))


# -- places -----------------------------------------------------------------------------------------------
@cache
def _gazetteer() -> Gazetteer:
    from .places import Gazetteer

    return Gazetteer.default()


def find_places(
    texts: Sequence[str], language: str, actors: Sequence[tuple[int, int]] = ()
) -> tuple[PlaceRef, ...]:
    """Places named in the first text that names any (claim sentence, then title, then the rest of the
    document), most specific first, each with its governorate resolved. When that text names only countries
    ("in Syria"), the later texts add the places they name inside those countries. A country named inside
    an actor's name in the first text (`actors`: "Минобороны России", "the Syrian government") is the
    claimant's or the accused's, not the claim's place, and is skipped."""
    gazetteer = _gazetteer()
    found: list[Place] = []
    for index, text in enumerate(texts):
        matches = gazetteer.find(text, language=language) if text else []
        if index == 0 and actors:
            matches = [m for m in matches if m.place.level != "country" or not _inside(m.start, m.end, actors)]
        places = _unique_places(m.place for m in matches)
        if found:  # the claim named only countries: add what the document says more precisely inside them
            places = [p for p in places if p.level != "country" and any(
                gazetteer.contains(c.id, p.id) for c in found)]
        found.extend(places)
        if found and any(p.level != "country" for p in found):
            break
    return tuple(gazetteer.ref(p.id) for p in sorted(_unique_places(found), key=_specificity))


def implied_places(lexicon: Lexicon, normalised: str, found: tuple[PlaceRef, ...]) -> tuple[PlaceRef, ...]:
    """`found`, or, when it holds nothing more precise than a country, the places the sentence's cases and
    actors stand for (`place_of:<name>` families), most specific first."""
    if any(p.level != "country" for p in found):
        return found
    gazetteer = _gazetteer()
    implied: list[Place] = []
    for family, patterns in lexicon.extra.items():
        if family.startswith("place_of:") and _matches(patterns, normalised):
            name = family.removeprefix("place_of:")
            place = gazetteer.resolve(name) or gazetteer.resolve(name, country="")
            if place is not None:
                implied.append(place)
    refs = [gazetteer.ref(p.id) for p in sorted(_unique_places(implied), key=_specificity)]
    return tuple({p.id: p for p in [*refs, *found]}.values())


def _inside(start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(s <= start and end <= e for s, e in spans)


def _unique_places(places: Iterable[Place]) -> list[Place]:
    return list({p.id: p for p in places}.values())


def _specificity(place: Place) -> int:
    return LEVEL_RANK.get(place.level, 9)


# -- dates ------------------------------------------------------------------------------------------------
def extract_date(lexicon: Lexicon, normalised: str, published: datetime | None) -> date | None:
    """The date a claim says something will happen ("on 8 September"), read by dateparser relative to the
    document's publication date (a day without a year falls on its next occurrence). Vague times ("in the
    coming days") give None on purpose: they carry no date."""
    pattern = compile_patterns(tuple(lexicon.extra.get("date", ())))
    match = pattern.search(normalised) if pattern else None
    if match is None:
        return None
    return parse_date(match.group(0), published, lexicon.language)


DATE_LANGUAGES = ("en", "ru", "ar")


def parse_date(expression: str, published: datetime | None, language: str = "") -> date | None:
    import dateparser

    from .text import prepare_dates  # Arabic-Indic digits, Levantine month names (أيلول) → what dateparser reads

    settings: dict[str, object] = {"PREFER_DATES_FROM": "future", "RETURN_AS_TIMEZONE_AWARE": False}
    if published is not None:
        settings["RELATIVE_BASE"] = published.replace(tzinfo=None)
    cleaned = prepare_dates(re.sub(r"^(?:on|by|в|к|في|am|bis|le|au|el|para)\s+", "", expression.strip()))
    languages = list(dict.fromkeys([*DATE_LANGUAGES, language] if language else DATE_LANGUAGES))
    parsed = dateparser.parse(cleaned, languages=languages, settings=settings)
    return parsed.date() if parsed else None
