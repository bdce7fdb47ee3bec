"""The generic language pack, for languages forewarn has no lexicon for (Portuguese, Turkish, Ukrainian, Serbian,
Persian, Indonesian …): cross-lingual stems only.

It never decides anything: claims in these languages are classified mostly from their multilingual sentence
embedding (see `forewarn.classify`). These stems give the classifier and the evidence record the few cues that
most languages share — the act ("provoc-", "инсцен-", "fake"), the false flag — and a claim read with this pack
says so in its cues ("pack:generic"), so an analyst knows no language pack read it (see `forewarn.classify`).
"""

from __future__ import annotations

from . import Lexicon

STAGING = (
    r"\bprovo[ck]\w*",  # provocation, provocación, provokation, provokacija, provokasyon
    r"\bпрово[кц]\w*",  # провокация, провокація, провокације
    r"(?<!\w)(?:[وف]?(?:لل|[بلك]?(?:ال)?))استفزاز\w*",
    r"\b(?:in|zin)s[cz]en\w*",  # inscenace, insceniran, inszeniert
    r"\b(?:ин|ін)сцен\w*",  # инсценировка, інсценування
    r"\bsahnele\w*",  # Turkish: staged
    r"\bfals\w* (?:flag|bandeir|bander|drapeau|zastav|bayrak)\w*",
    r"\bfak(?:e|ed|es|ing)\b",
    r"\bфейк\w*",
    r"\bfabri[ck]\w*",
    r"\bфабри[кц]\w*",
    r"\bfalsif\w*",
    r"\bфальсиф\w*",
    r"(?<!\w)(?:[وف]?(?:لل|[بلك]?(?:ال)?))(?:فبرك|مسرحي)\w*",
    r"صحنه[‌ ]?ساز\w*",  # Persian: staging
)

NEGATION = (r"\bnão\b", r"\bnie\b", r"\bне\b", r"\bні\b", r"\bне є\b", r"\bdeğil\b", r"\btidak\b", r"(?<!\w)نه(?!\w)")


def generic_lexicon(language: str) -> Lexicon:
    return Lexicon(
        language=language,
        staging=STAGING,
        prospective=(),
        retrospective=(),
        reported=(),
        negation=NEGATION,
        claimants={},
        accused={},
    )
