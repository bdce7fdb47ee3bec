"""Screening: documents → candidate sentences, the only text the classifier ever reads.

1. A document that never names any loaded narrative's weapon or context (chlorine, a dirty bomb, pathogens, the
   White Helmets, the OPCW) is done after one search of literal prefixes: most news never passes.
2. Each sentence that does (the title counts as a sentence: many records are just a headline) is a candidate,
   assigned to the narrative whose weapon it names — one that names only a past incident ("Douma") must also tell
   of the act or the past (`_about_the_narrative`); a document offers at most `MAX_CANDIDATE_CHARS` of them.
   Quotations of four words or more inside it are candidates of their own (a headline quoted by an article is a
   claim of its own, whatever the sentence around it says).
3. A claim split over two adjacent sentences — the plot in one, the weapon in the next («Боевики готовят
   очередную провокацию. Они намерены применить отравляющие вещества в Саракибе.») — is one more candidate
   spanning both (`sentence_pairs`).

Pure functions over a `Document`, a language pack and the narratives' terms.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .cues import Cues, CueSet, cue_set
from .lexicon import Lexicon
from .model import Document
from .narratives import NarrativeSet
from .text import normalise, split_sentences


def document_text(doc: Document) -> str:
    """The text evidence offsets point into: title, a newline, then the body."""
    return f"{doc.title}\n{doc.text}"


@dataclass(frozen=True)
class Candidate:
    """A sentence that passed the screen, with its cues (or two adjacent sentences read together, `paired`)."""

    start: int
    end: int
    sentence: str
    normalised: str
    cues: Cues
    is_title: bool
    previous: str  # the normalised sentence before it (for the claimant of "It said militants …")
    narrative: str
    context: str = ""  # the original text of the sentences around it, for the classifier's window embedding
    paired: bool = False  # a weapon sentence joined with the act sentence next to it (see `sentence_pairs`)
    quoted: bool = False  # a quotation inside a sentence


def cue_sets(lexicon: Lexicon, narratives: NarrativeSet) -> tuple[CueSet, ...]:
    """The language pack joined with each narrative's terms for its language, in the narratives' order."""
    return tuple(cue_set(lexicon, terms) for terms in narratives.terms(lexicon.language))


def passes(sets: Sequence[CueSet], normalised: str) -> bool:
    return any(s.passes_screen(normalised) for s in sets)


def assign(sets: Sequence[CueSet], normalised: str) -> CueSet | None:
    """The narrative a sentence belongs to: the first (in priority order) whose weapon it names, else the first
    whose context it names (a narrative's actors without its weapon), else None."""
    screened = [s for s in sets if s.passes_screen(normalised) and _about_the_narrative(s, normalised)]
    named = next((s for s in screened if s.fires("agent", normalised)), None)
    return named or (screened[0] if screened else None)


def _about_the_narrative(cue_set: CueSet, normalised: str) -> bool:
    """The weapon or the narrative's actors are named; or only a past incident is ("Douma", "Khan Shaykhun") and
    the sentence tells of the act or of the past ("the Douma attack was staged"). A past incident's name alone is
    a town in the war news: "shelling near Douma" is no candidate (it was 92 % of a war-news sample's documents)."""
    if cue_set.fires("agent", normalised) or cue_set.fires("context", normalised):
        return True
    return cue_set.fires("staging", normalised) or cue_set.fires("retrospective", normalised)


# The characters of candidate text one document may hand the classifier (each costs the encoder ~0.1 ms, twice
# with its window): a long real article has a few dozen candidate sentences (under 10,000 characters); a hostile
# one of distinct cue-laden text would otherwise make every sentence one (350,000 characters: 38 CPU s). The
# title and the document's opening come first, so what a claim needs most is never what is cut.
MAX_CANDIDATE_CHARS = 40_000


def candidates(doc: Document, lexicon: Lexicon, narratives: NarrativeSet, *, pairs: bool = True) -> list[Candidate]:
    """Sentences of the document that name a narrative's weapon or context, each once (syndicated records
    often repeat their headline in the body); then, with `pairs`, the claims split over two adjacent sentences.
    At most `MAX_CANDIDATE_CHARS` of candidate text, in document order."""
    sets = cue_sets(lexicon, narratives)
    full = document_text(doc)
    language = lexicon.language
    if not passes(sets, normalise(full, language)):
        return []
    spans = split_sentences(full)
    sentences = [(start, end, normalise(full[start:end], language)) for start, end in spans]
    found: list[Candidate] = []
    seen: set[str] = set()
    screened: dict[int, CueSet] = {}
    title_end = len(doc.title)
    budget = MAX_CANDIDATE_CHARS
    for index, (start, end, normalised) in enumerate(sentences):
        if budget <= 0:
            break
        if is_page_furniture(normalised):
            continue
        chosen = assign(sets, normalised)
        if chosen is None:
            continue
        screened[index] = chosen
        previous = sentences[index - 1][2] if index else ""
        window = _window(full, spans, index)
        for q_start, q_end in [*quoted_spans(full, start, end), (start, end)]:
            text = normalise(full[q_start:q_end], language)
            owner = assign(sets, text)
            if text in seen or owner is None:
                continue
            seen.add(text)
            budget -= q_end - q_start
            found.append(Candidate(q_start, q_end, full[q_start:q_end], text, owner.match(text), end <= title_end,
                                   previous, owner.narrative, window, quoted=(q_start, q_end) != (start, end)))
    if pairs:
        found.extend(sentence_pairs(full, spans, sentences, screened, found))
    return found


# Lines a web page wraps around its article: related-link strips, photo captions and credits, "share" bars. A
# headline in a "Read also:" strip is another article's claim (often weeks older), a caption names the photo's
# place: neither is a claim this document makes.
_FURNITURE = re.compile(
    r"^\W*(?:read (?:also|more)|also read|related(?: articles?| stories| news)?|see also|more on this|recommended|"
    r"photo(?: credit)?|picture|image|file photo|caption|video|share this|follow us|"
    r"читайте (?:также|еще)|читайте|смотрите (?:также)?|по теме|еще по теме|подробнее|фото|видео|"
    r"читайте також|дивіться також|фото|"
    r"اقرا (?:ايضا|المزيد)|اقرا|شاهد (?:ايضا)?|مواضيع ذات صله|صوره|الصوره|"
    r"lesen sie (?:auch|mehr)|mehr zum thema|lire aussi|à lire aussi|a lire aussi|voir aussi|leer también|"
    r"lea también|vea también|leia também|leggi anche|čtěte také|czytaj (?:też|także)|zobacz też|foto)\s*[:|»›>\-–—]"
)


def is_page_furniture(normalised: str) -> bool:
    return bool(_FURNITURE.match(normalised))


def _window(full: str, spans: Sequence[tuple[int, int]], index: int) -> str:
    """The sentence with its neighbours, as written: what the classifier's context embedding reads."""
    first, last = max(0, index - 1), min(len(spans) - 1, index + 1)
    return " ".join(full[s:e] for s, e in spans[first : last + 1])


# What makes the weapon sentence of a pair part of the plot: the act, its preparation or cited evidence. An
# accused party alone does not ("… captured a principal of the terrorist group's chemical weapons programme"
# next to "operatives plotting attacks abroad" is a real terror plot, dev.jsonl).
PLOT_FAMILIES = ("staging", "prospective", "evidence")
# The families the act sentence is matched on (negation so "are not preparing" stays negated; retrospective so
# cited evidence of a past act is not read as forward-looking).
ACT_FAMILIES = (*PLOT_FAMILIES, "accused", "retrospective", "negation")


def sentence_pairs(full: str, spans: Sequence[tuple[int, int]], sentences: Sequence[tuple[int, int, str]],
                   screened: dict[int, CueSet], found: Sequence[Candidate]) -> list[Candidate]:
    """A claim split over two adjacent sentences: one has a forward-looking, un-negated act or accused party but
    no weapon, the sentence next to it (after or before) names the weapon and carries a cue of the plot itself
    (`PLOT_FAMILIES`). The pair is read as one candidate spanning both. A weapon sentence with no cue of its own
    ("A chlorine leak at a water plant injured two workers") is not joined: a military or border story next to an
    unrelated chemical one stays two stories (tests/data/two_sentence.jsonl). Only sentences that passed the
    screen are looked at, and only their two neighbours, so unscreened text costs nothing more."""
    whole = {(c.start, c.end): c.cues for c in found}
    paired: list[Candidate] = []
    for index, owner in screened.items():
        start, end, _ = sentences[index]
        weapon = whole.get((start, end))
        if weapon is None or not any(weapon.has(f) for f in PLOT_FAMILIES):
            continue
        for other in (index - 1, index + 1):
            if not 0 <= other < len(sentences) or other in screened:
                continue
            text = sentences[other][2]
            if not (owner.fires("staging", text) or owner.fires("accused", text)):
                continue
            if not _act_without_weapon(owner.match(text, ACT_FAMILIES)):
                continue
            first, last = min(index, other), max(index, other)
            span_start, span_end = sentences[first][0], sentences[last][1]
            text = normalise(full[span_start:span_end], owner.language)
            previous = sentences[first - 1][2] if first else ""
            paired.append(Candidate(span_start, span_end, full[span_start:span_end], text, owner.match(text), False,
                                    previous, owner.narrative, _window(full, spans, first), paired=True))
    return paired


def forward_looking(cues: Cues) -> bool:
    """Something is still to happen: a prospective cue ("preparing", "plans to", "in the coming days"), or cited
    evidence of preparation ("canisters were delivered") in a sentence without retrospective cues; and no
    negation governs the act ("are not preparing")."""
    if cues.negated_act:
        return False
    return cues.has("prospective") or (cues.has("evidence") and not cues.has("retrospective"))


def _act_without_weapon(cues: Cues) -> bool:
    """A forward-looking act or an accused party preparing it, with no weapon named (that sentence would be a
    candidate of its own)."""
    return forward_looking(cues) and (cues.has("staging") or cues.has("accused"))


def quoted_spans(full: str, start: int, end: int) -> list[tuple[int, int]]:
    """Quotations of at least four words inside a sentence: a headline or statement quoted by an article is a
    claim of its own, whatever the sentence around it says ("… ran a headline '…' before the Douma attack")."""
    spans = []
    for match in _QUOTED.finditer(full, start, end):
        inner_start, inner_end = match.start(1), match.end(1)
        if len(full[inner_start:inner_end].split()) >= 4 and (inner_start, inner_end) != (start, end):
            spans.append((inner_start, inner_end))
    return spans


# An opening quote never follows a letter and a closing one never precedes one: otherwise the text between an
# inner quote's closing mark and the outer closing mark ('"Militants of the "White Helmets" are preparing …,"
# the ministry said') reads as a quotation of its own, and the claim loses the claimant and the accused outside
# it. With the marks told apart the whole sentence is the candidate.
_QUOTED = re.compile(r"(?<!\w)[\"“«„]([^\"“”«»„]{12,400}?)[,.]?[\"”»“](?!\w)")
