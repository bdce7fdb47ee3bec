"""Pure helpers the pages use to show untrusted text: its direction, a claim's sentence in its passage, the
claims' sentences marked in a document, and links that are safe to follow.

Nothing here escapes: the templates are autoescaped, so these return plain strings and segments and Jinja2
escapes every one of them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

RTL_LANGUAGES = frozenset({"ar", "fa", "he", "ur", "ps", "yi", "ckb", "dv", "sd", "ug"})
_LANGUAGE_TAG = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$")
CONTEXT_CHARS = 220  # of the passage shown on each side of a claim's sentence


def direction(language: str | None) -> str:
    """The `dir` of a text in `language`: "rtl" for Arabic (and the other right-to-left scripts), "auto"
    otherwise, so the browser decides from the text's first strong character."""
    return "rtl" if (language or "").split("-")[0].lower() in RTL_LANGUAGES else "auto"


def script_language(name: str) -> str:
    """"ar" for a name in Arabic script, "ru" for Cyrillic, "" otherwise (the local names shown beside a
    place's English one are Russian and Arabic)."""
    if any("\u0600" <= ch <= "\u06ff" for ch in name):
        return "ar"
    if any("\u0400" <= ch <= "\u04ff" for ch in name):
        return "ru"
    return ""


def language_tag(language: str | None) -> str:
    """`language` if it is a well-formed BCP 47 tag of the simple kind forewarn stores, else "" (no lang)."""
    return language if language and _LANGUAGE_TAG.match(language) else ""


def safe_url(url: str | None) -> str:
    """The URL if a reader can follow it safely (http or https with a host), else "" (shown as text)."""
    if not url:
        return ""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return ""
    return url.strip() if parts.scheme.lower() in ("http", "https") and parts.netloc else ""


@dataclass(frozen=True)
class Passage:
    before: str
    sentence: str
    after: str
    cut_before: bool
    cut_after: bool


def passage(full: str, start: int, end: int, sentence: str, chars: int = CONTEXT_CHARS) -> Passage:
    """The claim's sentence with up to `chars` of the text on each side, cut at a word boundary. When the
    offsets do not point at the sentence (the document changed), the sentence alone."""
    if not (0 <= start < end <= len(full)) or _squash(full[start:end]) != _squash(sentence):
        return Passage("", sentence, "", False, False)
    left = max(0, start - chars)
    right = min(len(full), end + chars)
    if left > 0:
        space = full.find(" ", left, start)
        left = space + 1 if space != -1 else left
    if right < len(full):
        space = full.rfind(" ", end, right)
        right = space if space != -1 else right
    return Passage(full[left:start], full[start:end], full[end:right], left > 0, right < len(full))


def _squash(text: str) -> str:
    return " ".join(text.split())


@dataclass(frozen=True)
class Segment:
    text: str
    marked: bool
    claim_id: str = ""


def marked_segments(text: str, spans: Iterable[tuple[int, int, str]]) -> list[Segment]:
    """`text` cut into plain and marked segments, one marked segment per (start, end, claim id) span; spans
    that overlap an earlier one or fall outside the text are left out."""
    found: list[Segment] = []
    position = 0
    for start, end, claim_id in sorted(spans):
        if start < position or not 0 <= start < end <= len(text):
            continue
        if start > position:
            found.append(Segment(text[position:start], False))
        found.append(Segment(text[start:end], True, claim_id))
        position = end
    if position < len(text):
        found.append(Segment(text[position:], False))
    return found


def document_parts(title: str, body: str, spans: Sequence[tuple[int, int, str]]) -> tuple[list[Segment], list[Segment]]:
    """The title and the body of a document with the claims' sentences marked. Evidence offsets point into
    "title, newline, body" (forewarn.detect.document_text), so they are split between the two here."""
    cut = len(title) + 1
    in_title = [(s, e, c) for s, e, c in spans if e <= len(title)]
    in_body = [(s - cut, e - cut, c) for s, e, c in spans if s >= cut]
    return marked_segments(title, in_title), marked_segments(body, in_body)


def paragraphs(segments: Sequence[Segment]) -> list[list[Segment]]:
    """Segments regrouped into paragraphs at blank lines (or single newlines), a marked segment never split."""
    found: list[list[Segment]] = [[]]
    for segment in segments:
        if segment.marked:
            found[-1].append(segment)
            continue
        pieces = re.split(r"\n\s*\n|\n", segment.text)
        for index, piece in enumerate(pieces):
            if index:
                found.append([])
            if piece:
                found[-1].append(Segment(piece, False))
    return [p for p in found if p]


def snippet(text: str, chars: int = 240) -> str:
    """The start of a text, cut at a word boundary."""
    flat = _squash(text)
    if len(flat) <= chars:
        return flat
    cut = flat.rfind(" ", 0, chars)
    return flat[: cut if cut > chars // 2 else chars] + " …"
