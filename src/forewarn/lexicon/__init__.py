"""Per-language cue lexicons for the detector, and the normalised values every language maps to.

Each language module (en, ru, ar) defines one `LEXICON`. Patterns are regular expressions matched,
case-insensitively, against `forewarn.text.normalise(sentence, language)`; so Russian patterns are written
for lower-case text with ё folded to е, and Arabic ones for normalised letters without diacritics. The
dictionary keys are the normalised values a Claim carries, identical across languages, so an English, a
Russian and an Arabic version of one claim yield the same claimant, accused and agent.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache, lru_cache

# Canonical values (use these exact strings as dictionary keys in every language).
CLAIMANTS = (
    "Russian Ministry of Defence",
    "Russian Centre for Reconciliation",
    "Russian General Staff",
    "Russian Foreign Ministry",
    "Russian UN mission",
    "Russian OPCW mission",
    "Russian intelligence services",
    "Russian government",
    "Russian state media",
    "Syrian government",
    "Syrian Foreign Ministry",
    "Syrian Arab Army",
    "Iranian government",
    "Ukrainian government",
    "Ukrainian military intelligence",
    "DPR authorities",
    "local residents",
)
# Claimants that speak for a state: their statements weigh more than relays and anonymous "residents".
OFFICIAL_CLAIMANTS = frozenset(CLAIMANTS) - {"local residents", "Russian state media"}
ACCUSED = (
    "White Helmets",
    "Hayat Tahrir al-Sham",
    "Jabhat al-Nusra",
    "Islamic State",
    "Jaysh al-Islam",
    "Free Syrian Army",
    "militants",
    "terrorists",
    "United States",
    "United Kingdom",
    "France",
    "Western special services",
    "foreign specialists",
    "film crews",
    "Ukraine",
)


@dataclass(frozen=True, eq=False)  # one object per language, compared and cached by identity
class Lexicon:
    """A language pack's cue words: how the language says that something is staged, prepared, past, relayed or
    denied, and who says it. What the claim is about (the weapon) is the narratives' (`forewarn.narratives`)."""

    language: str
    staging: tuple[str, ...]  # the act: stage, fake, fabricate, provocation, false flag, film, scenario
    prospective: tuple[str, ...]  # preparing, planning, about to, in the coming days, will, intend
    retrospective: tuple[str, ...]  # was staged, last April, so-called attack, the alleged attack in …
    reported: tuple[str, ...]  # relay or rebuttal: falsely claimed, without evidence, according to …
    negation: tuple[str, ...]  # no, not, never, denied …
    claimants: Mapping[str, tuple[str, ...]]  # canonical claimant -> patterns
    accused: Mapping[str, tuple[str, ...]]  # canonical accused -> patterns
    evidence: tuple[str, ...] = ()  # cited evidence: film crews arrived, canisters delivered, residents said
    extra: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # further families a detector may use


def available_languages() -> tuple[str, ...]:
    """The ISO 639-1 codes forewarn has a lexicon for, sorted."""
    found = (m.name for m in pkgutil.iter_modules(__path__) if not m.name.startswith("_"))
    return tuple(sorted(name for name in found if for_language(name) is not None))


@cache
def shared_claimants() -> dict[str, tuple[str, ...]]:
    """Claimants by name in every script (data/actors/claimants.toml), added to every pack's own patterns."""
    import tomllib
    from importlib import resources

    from ..text import fold_arabic

    raw = (resources.files("forewarn") / "data" / "actors" / "claimants.toml").read_bytes()
    table = tomllib.loads(raw.decode("utf-8"))
    unknown = set(table) - set(CLAIMANTS)
    if unknown:
        raise ValueError(f"data/actors/claimants.toml names unknown claimants: {sorted(unknown)}")
    return {name: tuple(fold_arabic(p).replace("ё", "е") for p in entry.get("names", ()))
            for name, entry in table.items()}


def with_shared_claimants(lexicon: Lexicon) -> Lexicon:
    from dataclasses import replace

    shared = shared_claimants()
    merged = {name: tuple(lexicon.claimants.get(name, ())) + shared.get(name, ())
              for name in CLAIMANTS if lexicon.claimants.get(name) or shared.get(name)}
    return replace(lexicon, claimants=merged)


def pack_for(language: str) -> Lexicon:
    """The lexicon of `language`, or for a language forewarn has none for, the generic pack: cross-lingual stems
    of the act ("provoc-", "инсцен-", "fake") with no claimants or accused. The classifier then decides mostly
    from the sentence embedding; the claim records that no language pack read it (`cues` holds "nolex")."""
    return for_language(language) or generic_pack(language)


@cache
def generic_pack(language: str) -> Lexicon:
    from ._generic import generic_lexicon

    return with_shared_claimants(generic_lexicon(language))


@cache
def for_language(language: str) -> Lexicon | None:
    """The lexicon for an ISO 639-1 code, or None when forewarn has none for that language."""
    try:
        module = importlib.import_module(f"{__name__}.{language}")
    except ModuleNotFoundError:
        return None
    lexicon = getattr(module, "LEXICON", None)
    return with_shared_claimants(lexicon) if isinstance(lexicon, Lexicon) else None


@lru_cache(maxsize=4096)
def compile_patterns(patterns: tuple[str, ...]) -> re.Pattern[str] | None:
    """One alternation over a pattern family (None when the family is empty)."""
    if not patterns:
        return None
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE | re.UNICODE)
