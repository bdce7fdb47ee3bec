"""Cues: which families of words fire in a normalised sentence, for one language pack and one narrative.

A `CueSet` joins a language pack (`forewarn.lexicon`: how the language says staged, prepared, past, relayed,
denied, and who says it) with a narrative's terms for that language (`forewarn.narratives`: the weapon, the actors
and incidents tied to it). Families:

- from the narrative: `agent` (the weapon), `context` (White Helmets, OPCW, IAEA …), `past_incident`,
  `agent_of:<agent>`, `place_of:<place>`;
- from the language pack: `staging`, `prospective`, `retrospective`, `reported`, `negation`, `claimant`,
  `accused`, `evidence` and its extras (`insufficient`, `date`, `vague_time`, `state_outlet`, `rebuttal` …).

Cues are features and explanations for the classifier (`forewarn.classify`), not verdicts. Everything here is
pure and cached per (pack, narrative terms) pair.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache

from .lexicon import Lexicon, compile_patterns
from .narratives import IncidentDate, NarrativeTerms

# The families every cue set has, in the order cues are reported.
FAMILIES = ("agent", "context", "staging", "prospective", "retrospective", "reported", "negation",
            "claimant", "accused", "evidence")
# How close (in characters, on normalised text) a negation must stand before a cue to negate it.
NEGATION_REACH = 24
# Words this short between a negation and a cue are function words (yet, been, will, ещё, было, будут): the
# negation reaches past them. A longer word is the verb the negation governs.
MAX_FUNCTION_WORD = 5
MAX_PARTICLE = 3  # не, not, ne, no, pas, لا, لم: verb negators; longer negations govern a noun phrase
_META = set("\\.^$*+?{}[]()|")


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


def before_incidents(cues: Cues, incidents: Iterable[IncidentDate]) -> Cues:
    """The cues without the past-incident names of incidents that had not yet happened when the text was
    written (`Narrative.incidents_after`): before 7 April 2018 "Douma" is a town, not the Douma attack."""
    surfaces = cues.found.get("past_incident")
    incidents = tuple(incidents)
    if not surfaces or not incidents:
        return cues
    kept = tuple(s for s in surfaces if not any(incident.named_in(s) for incident in incidents))
    if kept == surfaces:
        return cues
    found = {family: found for family, found in cues.found.items() if family != "past_incident"}
    if kept:
        found["past_incident"] = kept
    return replace(cues, found=found)


@dataclass(frozen=True, eq=False)
class CueSet:
    """A language pack and a narrative's terms for that language, compiled once."""

    lexicon: Lexicon
    terms: NarrativeTerms

    @property
    def language(self) -> str:
        return self.lexicon.language

    @property
    def narrative(self) -> str:
        return self.terms.narrative

    @cached_property
    def patterns(self) -> dict[str, tuple[str, ...]]:
        lexicon, terms = self.lexicon, self.terms
        families: dict[str, tuple[str, ...]] = {
            "agent": tuple(p for _, patterns in terms.agents for p in patterns),
            "context": terms.context,
            "staging": lexicon.staging,
            "prospective": lexicon.prospective,
            "retrospective": lexicon.retrospective,
            "reported": lexicon.reported,
            "negation": lexicon.negation,
            "claimant": tuple(p for patterns in lexicon.claimants.values() for p in patterns),
            "accused": tuple(p for patterns in lexicon.accused.values() for p in patterns),
            "evidence": lexicon.evidence,
            "past_incident": terms.past_incident,
        }
        families.update({f"agent_of:{agent}": patterns for agent, patterns in terms.agent_of})
        families.update({f"place_of:{place}": patterns for place, patterns in terms.place_of})
        for name, patterns in lexicon.extra.items():
            families.setdefault(name, tuple(patterns))
        return families

    @cached_property
    def compiled(self) -> dict[str, re.Pattern[str] | None]:
        return {name: compile_patterns(patterns) for name, patterns in self.patterns.items()}

    @cached_property
    def screen(self) -> re.Pattern[str] | None:
        """One alternation over the narrative's agent and context terms: what makes a sentence a candidate."""
        return screen_pattern(self.terms.screen)

    @cached_property
    def screen_prefixes(self) -> tuple[str, ...] | None:
        """Literal beginnings of the screen patterns ("chlorine", "toxi", "white helmet"): a text holding none
        of them cannot match the screen, and `in` tests run far faster than the regex. None when some pattern
        has no literal beginning (then the regex alone decides)."""
        return minimal_prefixes(self.terms.screen)

    def passes_screen(self, normalised: str) -> bool:
        """The cheap first stage: any agent or context term (literal beginnings first, then the regex)."""
        prefixes = self.screen_prefixes
        if prefixes is not None and not any(prefix in normalised for prefix in prefixes):
            return False
        return bool(self.screen and self.screen.search(normalised))

    def match(self, normalised: str, families: Iterable[str] | None = None) -> Cues:
        """Which cue families fire in a normalised sentence (all of them unless `families` narrows it)."""
        compiled = self.compiled
        wanted = list(compiled) if families is None else families
        found = {name: _surfaces(compiled.get(name), normalised) for name in wanted}
        return Cues({name: s for name, s in found.items() if s}, _act_negated(compiled, normalised))

    def fires(self, family: str, normalised: str) -> bool:
        pattern = self.compiled.get(family)
        return bool(pattern and pattern.search(normalised))


@lru_cache(maxsize=1024)
def cue_set(lexicon: Lexicon, terms: NarrativeTerms) -> CueSet:
    return CueSet(lexicon, terms)


def _surfaces(pattern: re.Pattern[str] | None, text: str) -> tuple[str, ...]:
    if pattern is None:
        return ()
    return tuple(dict.fromkeys(m.group(0).strip() for m in pattern.finditer(text) if m.group(0).strip()))


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


# -- the screen's fast path -----------------------------------------------------------------------------
def minimal_prefixes(patterns: Iterable[str]) -> tuple[str, ...] | None:
    prefixes: list[str] = []
    for pattern in patterns:
        found = literal_prefixes(pattern)
        if found is None:
            return None
        prefixes.extend(found)
    # a prefix containing another is implied by it ("chemical" by "chem")
    minimal = [p for p in dict.fromkeys(prefixes) if not any(q != p and q in p for q in prefixes)]
    return tuple(minimal) or None


def literal_prefixes(pattern: str) -> list[str] | None:
    """Literal texts one of which any match of `pattern` must contain (a substring test rules the pattern out
    before the regex runs): "\\bchem[- ]?weapons?" → ["chem"], "(?:poison|toxic) gas" → ["poison gas",
    "toxic gas"], "(?<!state )\\bd[uú]ma" → ["duma", "dúma"]. Zero-width assertions and leading optional items
    ("[وفبل]?", "(?:ال)?") are skipped, small character classes expanded; None when some way to match has no
    literal of at least two characters."""
    body = _skip_leading(pattern)
    if body.startswith("(?:"):
        close = _closing_paren(body)
        if close is None:
            return None
        after = body[close + 1 :]
        if after[:1] in ("?", "*", "{"):
            return None  # the group may be absent (nested, so not skipped above): nothing certain starts the match
        tails = _literal_runs(after)
        prefixes: list[str] = []
        for alternative in (_skip_leading(a) for a in _top_level_split(body[3:close])):
            runs = _literal_runs(alternative)
            # an alternative that is wholly literal continues with what follows the group
            prefixes += [r + t for r in runs for t in tails] if _is_literal(alternative) else runs
    else:
        prefixes = _literal_runs(body)
    return prefixes if prefixes and all(len(p) >= 2 for p in prefixes) and len(prefixes) <= 32 else None


_CLASS = re.compile(r"\[([^\]\\^-]{1,4})\](?![?*{])")  # a small class of plain characters, not optional
_OPTIONAL_ITEM = re.compile(r"(?:\[[^\]]*\]|\(\?:[^()]*\)|[^\\()\[\]|])[?*]")


def _skip_leading(pattern: str) -> str:
    """Drop what consumes no text or may be absent at the start: word boundaries, lookarounds, optional items."""
    body = pattern
    while True:
        if body.startswith(r"\b"):
            body = body[2:]
        elif body.startswith(("(?<!", "(?<=", "(?!", "(?=")):
            close = _closing_paren(body)
            if close is None:
                return body
            body = body[close + 1 :]
        elif optional := _OPTIONAL_ITEM.match(body):
            body = body[optional.end() :]
        else:
            return body


def _closing_paren(text: str) -> int | None:
    depth, escaped = 0, False
    for index, char in enumerate(text):
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return index
    return None


def _top_level_split(text: str) -> list[str]:
    parts: list[str] = []
    depth, escaped, current = 0, False, ""
    for char in text:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        elif char == "|" and depth == 0:
            parts.append(current)
            current = ""
            continue
        current += char
    return [*parts, current]


def _is_literal(body: str) -> bool:
    return not any(char in _META for char in body)


def _literal_runs(body: str) -> list[str]:
    """The literal texts `body` starts with, up to its first special character (the last character dropped
    when a quantifier makes it optional: "helmets?" needs only "helmet"); a small class multiplies them."""
    runs = [""]
    index = 0
    while index < len(body):
        char = body[index]
        if char == "[" and (small := _CLASS.match(body, index)) and len(runs) * len(small.group(1)) <= 32:
            runs = [r + c for r in runs for c in small.group(1)]
            index = small.end()
            continue
        if char in _META:
            if char in "?*{":
                runs = [r[:-1] for r in runs]
            break
        runs = [r + char for r in runs]
        index += 1
    return list(dict.fromkeys(runs))


def screen_pattern(patterns: Iterable[str]) -> re.Pattern[str] | None:
    """One alternation for the document screen, with the leading word boundary most patterns share factored
    out: Python's regex engine then tests the alternatives only at word starts. Case-sensitive on purpose:
    the text is already case-folded, and IGNORECASE makes every test slower (together about 4x on news)."""
    patterns = tuple(patterns)
    bounded = [p[2:] for p in patterns if p.startswith(r"\b")]
    free = [p for p in patterns if not p.startswith(r"\b")]
    parts = ([r"\b(?:" + "|".join(f"(?:{p})" for p in bounded) + ")"] if bounded else []) + free
    return re.compile("|".join(f"(?:{p})" for p in parts)) if parts else None


def match_cues(lexicon: Lexicon, normalised: str, narrative: str = "") -> Cues:
    """Cues of one sentence for a language pack and a bundled narrative (the default one unless named): a
    convenience for tests and notebooks; the detector builds its cue sets from the narratives it was given."""
    from .narratives import DEFAULT_NARRATIVE, load_narratives

    terms = load_narratives().get(narrative or DEFAULT_NARRATIVE).terms(lexicon.language)
    return cue_set(lexicon, terms).match(normalised)
