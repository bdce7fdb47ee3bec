"""Extraction: what a claim sentence says — claimant, accused, agent, places, dates, stance.

Driven by a language pack (`Lexicon`: claimants, accused, relay and rebuttal words, dates), a narrative's terms
(`NarrativeTerms`: agents, incidents on record) and a gazetteer, all passed in, matched against
`forewarn.text.normalise(sentence, language)`: the same functions serve every language. Nothing here decides
whether a sentence is a claim; that is `forewarn.classify`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from .cues import Cues
from .lexicon import ACCUSED, Lexicon, compile_patterns
from .model import Place, PlaceRef
from .narratives import NarrativeTerms
from .text import normalise

if TYPE_CHECKING:
    from .places import Gazetteer

LEVEL_RANK = {"town": 0, "subdistrict": 1, "district": 2, "region": 3, "governorate": 4, "country": 5}


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


def extract_agent(terms: NarrativeTerms, normalised: str) -> str:
    """The most specific agent named (the narrative lists specific agents first); else the agent of a named
    incident on record (Skripal → novichok); else a generic agent; the narrative's least specific agent when the
    sentence belongs to it only by context ("White Helmets preparing …")."""
    named = [agent for agent, patterns in terms.agents if _matches(patterns, normalised)]
    specific = [agent for agent in named if agent not in terms.generic_agents]
    if specific:
        return specific[0]
    for agent, patterns in terms.agent_of:
        if _matches(patterns, normalised):
            return agent
    return named[0] if named else terms.fallback_agent


def _matches(patterns: Iterable[str], text: str) -> bool:
    pattern = compile_patterns(tuple(patterns))
    return bool(pattern and pattern.search(text))


# Claimants that name a state or a crowd rather than the body that spoke ("Moscow", a dateline, "residents"): a
# named ministry, centre or official in the same text wins over them.
GENERIC_CLAIMANTS = frozenset({"Russian government", "Syrian government", "Iranian government", "local residents"})
# A state outlet named as the source ("RIA Novosti reports, citing sources") speaks only when no one else does.
MEDIA_CLAIMANTS = frozenset({"Russian state media"})
SPEAKER_REACH = 30  # characters between a claimant and the speech verb it is the subject or object of
_CLAUSE_MARK = re.compile(r"[,;:.!?()\"«»“”—–]")
BLAME_REACH = 60  # characters after a blame cue ("to blame", "обвинить", "لاتهام") that name the blamed party


def claimants_in(lexicon: Lexicon, normalised: str) -> list[tuple[int, str]]:
    """(position, canonical claimant) for every claimant the text names, in text order — except the party the
    claim blames: a claimant named right after a blame cue of the language pack (`blame` family: "… to blame
    the Syrian army", «чтобы обвинить сирийскую армию») is the target, not the speaker."""
    first: dict[str, int] = {}
    for start, _, canonical in claimant_mentions(lexicon, normalised):
        first.setdefault(canonical, start)
    return sorted((start, canonical) for canonical, start in first.items())


def claimant_mentions(lexicon: Lexicon, normalised: str) -> list[tuple[int, int, str]]:
    """(start, end, canonical claimant) for every mention of a claimant outside the blamed spans, in text order."""
    blamed = blamed_spans(lexicon, normalised)
    found: list[tuple[int, int, str]] = []
    for canonical, patterns in lexicon.claimants.items():
        pattern = compile_patterns(tuple(patterns))
        if pattern is None:
            continue
        found.extend((match.start(), match.end(), canonical) for match in pattern.finditer(normalised)
                     if not any(start <= match.start() < end for start, end in blamed))
    return sorted(found)


def speaker_distances(lexicon: Lexicon, normalised: str) -> dict[str, int]:
    """Claimants named next to a speech verb of the pack (`relay` family) — "…, the ministry said", "said
    Zakharova", «сообщили в военном ведомстве», «по словам Захаровой» — with the gap in characters (at most
    `SPEAKER_REACH`). In a sentence naming several claimants the one that speaks is the claimant, wherever it
    stands: a headline-style sentence names the accused army first and its speaker last."""
    relay = compile_patterns(tuple(lexicon.extra.get("relay", ())))
    if relay is None:
        return {}
    verbs = [(m.start(), m.end()) for m in relay.finditer(normalised)]
    distances: dict[str, int] = {}
    for start, end, canonical in claimant_mentions(lexicon, normalised):
        # After the verb a name must end its clause ("…, said the ministry.", «по словам Захаровой, …»): a name
        # further inside the reported clause ("said a foreign intelligence service had helped") is its subject.
        closes = not normalised[end:].strip() or bool(_CLAUSE_MARK.match(normalised[end:].lstrip()))
        betweens = [normalised[end:v_start] if end <= v_start else normalised[v_end:start]
                    for v_start, v_end in verbs if end <= v_start or (v_end <= start and closes)]
        # A clause boundary between name and verb (the army, then ", сообщили в …") breaks the link.
        gaps = [len(b) for b in betweens if len(b) <= SPEAKER_REACH and not _CLAUSE_MARK.search(b)]
        if gaps:
            distances[canonical] = min(distances.get(canonical, SPEAKER_REACH + 1), *gaps)
    return distances


def blamed_spans(lexicon: Lexicon, normalised: str) -> list[tuple[int, int]]:
    """Where the text names the party a claim blames: from each blame cue to the next punctuation mark, at most
    `BLAME_REACH` characters."""
    pattern = compile_patterns(tuple(lexicon.extra.get("blame", ())))
    if pattern is None:
        return []
    spans = []
    for match in pattern.finditer(normalised):
        stop = re.search(r"[,;:.!?]", normalised[match.end() : match.end() + BLAME_REACH])
        spans.append((match.end(), match.end() + (stop.start() if stop else BLAME_REACH)))
    return spans


def extract_claimant(lexicon: Lexicon, sentence: str, *, previous: str = "", title: str = "", lead: str = "",
                     outlet: str = "") -> str:
    """Who makes the claim: named in the claim sentence, else in the sentence before it, else in the title or
    the document's opening sentences; within each, a specific body (ministry, centre, envoy) before a generic
    one ("Moscow", a dateline), and among those the one next to a speech verb (`speaker_distances`) before the
    first named. With no one named, an outlet that is itself an official body's channel ("@mod_russia", "МИД
    России") is the body; a state outlet speaks for itself (SANA, TASS assert); any other outlet is never the
    claimant (it reports someone's claim), so the claimant stays unknown (""). All texts are normalised."""
    for group in ((sentence,), (previous,), (title, lead)):
        found = [value for text in group if text for _, value in claimants_in(lexicon, text)]
        if not found:
            continue
        speaking: dict[str, int] = {}
        for text in group:
            for value, gap in speaker_distances(lexicon, text).items():
                speaking[value] = min(speaking.get(value, gap), gap)
        specific = [value for value in found if value not in GENERIC_CLAIMANTS | MEDIA_CLAIMANTS]
        generic = [value for value in found if value in GENERIC_CLAIMANTS]
        ranked = specific or generic or found
        voiced = sorted((speaking[value], index) for index, value in enumerate(ranked) if value in speaking)
        return ranked[voiced[0][1]] if voiced else ranked[0]
    channel = [value for _, value in claimants_in(lexicon, normalise(outlet, lexicon.language))] if outlet else []
    official = [value for value in channel if value not in GENERIC_CLAIMANTS | MEDIA_CLAIMANTS]
    if official:
        return official[0]
    return outlet if is_state_outlet(lexicon, outlet) else ""


def is_state_outlet(lexicon: Lexicon, outlet: str) -> bool:
    state = compile_patterns(tuple(lexicon.extra.get("state_outlet", ())))
    return bool(outlet and state and state.search(outlet.casefold()))


def extract_stance(lexicon: Lexicon, cues: Cues, claimant: str, outlet: str) -> str:
    """`reported` when the text relays or rebuts someone else's claim, else `asserted`.

    A rebuttal word (falsely, baseless, …) always makes it reported. A state outlet relaying its government
    asserts. Another outlet that names a claimant reports the claim. With the outlet unknown, only the wording can
    tell: an attribution (said, claimed, according to) marks a relay; a bare statement is asserted."""
    # A lexicon may list its rebuttal cues itself (extra["rebuttal"]); else they are told apart by wording.
    listed = lexicon.extra.get("rebuttal")
    rebuttal = compile_patterns(tuple(listed or (p for p in lexicon.reported if _is_rebuttal(p))))
    surfaces = " ".join(cues.found.get("reported", ()))
    if rebuttal and rebuttal.search(surfaces):
        return "reported"
    if not claimant or claimant == outlet or is_state_outlet(lexicon, outlet):
        return "asserted"
    if not outlet:
        return "reported" if cues.has("reported") else "asserted"
    return "reported"


def stance_features(lexicon: Lexicon, cues: Cues, normalised: str, outlet: str) -> dict[str, float]:
    """What the stance head (`forewarn.classify.StanceModel`) reads beside the embeddings: who publishes (a state
    or state-aligned outlet, an unknown one), whether the sentence names who speaks, and its relay and rebuttal
    cues. Names only, the same in every language."""
    listed = lexicon.extra.get("rebuttal")
    rebuttal = compile_patterns(tuple(listed or (p for p in lexicon.reported if _is_rebuttal(p))))
    values = {f"cue:{family}": 1.0 for family in cues.found if ":" not in family}
    if rebuttal is not None and rebuttal.search(normalised):
        values["stance:rebuttal"] = 1.0
    if not outlet:
        values["outlet:unknown"] = 1.0
    elif is_state_outlet(lexicon, outlet):
        values["outlet:state"] = 1.0
    else:
        values["outlet:other"] = 1.0
    if claimants_in(lexicon, normalised):
        values["claimant:named"] = 1.0
    return values


def _is_rebuttal(pattern: str) -> bool:
    """Rebuttal patterns are the ones that do not merely attribute (said, according to)."""
    return not any(word in pattern for word in ("said", "according", "claim(", "told"))


# -- places -----------------------------------------------------------------------------------------------
def find_places(
    gazetteer: Gazetteer, texts: Sequence[str], language: str, actors: Sequence[tuple[int, int]] = (),
    blamed: Sequence[tuple[int, int]] = (),
) -> tuple[PlaceRef, ...]:
    """Places named in the first text that names any (claim sentence, then title, then the rest of the
    document), most specific first, each with its governorate resolved. When that text names only countries
    ("in Syria"), the later texts add the places they name inside those countries.

    In the claim sentence, a place that stands for a government is not the claim's place: a country inside an
    actor's name (`actors`: "Минобороны России", "the Syrian government"), any place inside an actor's name not
    introduced by a locative word ("Kyiv is preparing a provocation" — a metonym — but "in Kyiv"), and any place
    in the span a blame cue points at (`blamed`: "to blame Damascus", «обвинить Дамаск»)."""
    found: list[Place] = []
    for index, text in enumerate(texts):
        matches = gazetteer.find(text, language=language) if text else []
        if index == 0 and (actors or blamed):
            matches = [m for m in matches if not _stands_for_an_actor(m, text, actors, blamed)]
        places = _unique_places(m.place for m in matches)
        if found:  # the claim named only countries: add what the document says more precisely inside them
            places = [p for p in places if p.level != "country" and any(
                gazetteer.contains(c.id, p.id) for c in found)]
        found.extend(places)
        if found and any(p.level != "country" for p in found):
            break
    return tuple(gazetteer.ref(p.id) for p in sorted(_unique_places(found), key=_specificity))


def implied_places(gazetteer: Gazetteer, terms: NarrativeTerms, normalised: str,
                   found: tuple[PlaceRef, ...]) -> tuple[PlaceRef, ...]:
    """`found`, or, when it holds nothing more precise than a country, the places the sentence's cases and
    actors stand for (the narrative's `place_of` tables), most specific first."""
    if any(p.level != "country" for p in found):
        return found
    implied: list[Place] = []
    for name, patterns in terms.place_of:
        if _matches(patterns, normalised):
            place = gazetteer.resolve(name) or gazetteer.resolve(name, country="")
            if place is not None:
                implied.append(place)
    refs = [gazetteer.ref(p.id) for p in sorted(_unique_places(implied), key=_specificity)]
    return tuple({p.id: p for p in [*refs, *found]}.values())


# Words that introduce a place as a location in most of our languages (with any word of three letters or fewer:
# in, at, to, в, во, из, под, у, في, من); a language pack may list its own (`locative` family).
LOCATIVE_WORDS = frozenset({"near", "outside", "around", "into", "from", "towards", "inside", "около", "возле",
                            "близ", "вблизи", "через", "окрестностях", "районе", "біля", "поблизу", "قرب", "حول",
                            "داخل", "نحو", "الى", "près", "autour", "cerca", "nahe", "bei", "nella", "nelle"})


def _stands_for_an_actor(match: Any, text: str, actors: Sequence[tuple[int, int]],
                         blamed: Sequence[tuple[int, int]]) -> bool:
    if _inside(match.start, match.end, blamed) or any(s <= match.start < e for s, e in blamed):
        return True
    if not _inside(match.start, match.end, actors):
        return False
    if match.place.level == "country":
        return True
    before = text[max(0, match.start - 24) : match.start].split()
    word = before[-1].casefold().strip("\"'«(") if before else ""
    return not (word and (len(word) <= 3 or word in LOCATIVE_WORDS))


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
