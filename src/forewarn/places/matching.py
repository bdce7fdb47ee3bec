"""Words and their canonical forms: what the gazetteer's index and its scan of a text both key on.

Every word gets a canonical *form* (Latin: accents, apostrophes, doubled letters and common transliteration
variants folded, the articles al/el/ash/as/ad/… unified; Cyrillic: case folded, ё → е, the apostrophe variants
' ’ ʼ made one; Arabic: letters normalised, the article ال dropped, plus forms without the prefix clitics و ف ب
ل ك). Cyrillic inflection is learnt per gazetteer (`learn_cyrillic`): every inflected form of a word used in
its names maps to one representative, so «Идлибе», «Думы», «Києві», «Харкова» match «Идлиб», «Дума»,
«Київ», «Харків».
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

_LATIN_ARTICLES = frozenset(
    {"al", "el", "ash", "as", "ad", "ar", "at", "az", "an", "ath", "adh", "ech", "esh", "es", "ed", "er", "et", "ez",
     "en", "ul", "il"}
)  # fmt: skip
_CYRILLIC_ARTICLES = frozenset(
    {"аль", "эль", "эш", "аш", "эд", "ад", "эр", "ар", "эс", "ас", "эт", "ат", "эз", "аз", "эн", "ан", "ль"}
)
_ARABIC_LETTERS = str.maketrans(
    {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ی": "ي", "ة": "ه", "ک": "ك", "ؤ": "و", "ئ": "ي"}
)
_ARABIC_DROPPED = dict.fromkeys([*range(0x064B, 0x0660), 0x0670, 0x0640, 0x200C, 0x200D, 0x200E, 0x200F])
_APOSTROPHES = dict.fromkeys(map(ord, "'’‘ʿʾʼ`´"))
# Ukrainian writes its apostrophe (Слов'янськ, Мар'їнка) as ' ’ ʼ or `: one form for all of them.
_CYRILLIC_APOSTROPHES = str.maketrans(dict.fromkeys("’‘ʼ`´", "'"))
# Arabic words kept with their article: "الدوما" is the Russian Duma, the town is "دوما".
_ARABIC_KEEP_ARTICLE = frozenset({"الدوما"})
# A word: letters, inner apostrophes ("Ma'arrat"), Arabic diacritics and tatweel, Latin combining marks.
_TOKEN = re.compile(
    r"[^\W\d_][\w\u0300-\u036f\u064b-\u065f\u0670\u0640]*(?:['’‘ʿʾʼ`][^\W\d_][\w\u0300-\u036f\u064b-\u065f\u0670\u0640]*)*"
)
_POSSESSIVES = frozenset({"'s", "’s", "ʼs"})
_ELISION = re.compile(r"(?:[dlDL]|[Qq]u|[Jj]usqu|[Ll]orsqu)['’]")
# Turkish case endings written after an apostrophe on a proper name ("İdlib'de", "Duma'daki", "Mariupol'e",
# "Doğu Guta'nın"): the name is the part before it. An ending that starts with a vowel follows a consonant only
# (after a vowel Turkish inserts y or n: "Duma'ya"), so transliterated names with an ayn ("Mare'a") are left whole.
_TURKISH_CASE = re.compile(
    r"(?:['’](?:[dt][ae]|[dt][ae]n|[dt][ae]ki|n[ıiuü]n|n[ıiuü]nd[ae]|n[ae]|y[ae]|y[ıiuü]|y?l[ae]|d[ıiuü]r)"
    r"|(?<=[^\Waeıioöuü])['’](?:[ıiuü]n|[ıiuü]nd[ae]|[ae]|[ıiuü]))(?:ki)?$",
    re.IGNORECASE,
)
_DOUBLED = re.compile(r"(.)\1+")
_DIPHTHONG = re.compile(r"e[iy]|a[iy]")
_FINAL_H = re.compile(r"(?<=[aeiou])h$")


def script_of(char: str) -> str:
    if "\u0600" <= char <= "\u06ff":
        return "ar"
    if "\u0400" <= char <= "\u04ff":
        return "ru"  # any Cyrillic: Russian and Ukrainian share the forms machinery
    return "latin"


def _latin_form(token: str) -> str:
    folded = "".join(c for c in unicodedata.normalize("NFKD", token) if not unicodedata.combining(c))
    form = folded.casefold().translate(_APOSTROPHES)
    if form in _LATIN_ARTICLES:
        return "al"
    form = form.replace("ou", "u").replace("oo", "u").replace("ee", "i").replace("gh", "g")
    form = _DOUBLED.sub(r"\1", _DIPHTHONG.sub("ay", form))
    return _FINAL_H.sub("", form) or form


def _cyrillic_form(token: str) -> str:
    form = token.casefold().replace("ё", "е").translate(_CYRILLIC_APOSTROPHES)
    return "аль" if form in _CYRILLIC_ARTICLES else form


def _arabic_norm(token: str) -> str:
    return token.translate(_ARABIC_DROPPED).translate(_ARABIC_LETTERS)


def _without_article(token: str) -> str:
    if token in _ARABIC_KEEP_ARTICLE:
        return token
    return token[2:] if token.startswith("ال") and len(token) >= 4 else token


def _arabic_forms(token: str) -> tuple[str, ...]:
    """The article-less form, then the forms with one or two prefix clitics removed (وبإدلب → ادلب)."""
    norm = _arabic_norm(token)
    forms = [_without_article(norm)]
    stack = [(norm, 0)]
    while stack:
        word, depth = stack.pop()
        if depth == 2 or len(word) < 4:
            continue
        if word.startswith("لل"):  # ل + ال with the alef dropped: للغوطة
            forms.append(word[2:])
        if word[0] in "وفبلك":
            rest = word[1:]
            forms.extend((rest, _without_article(rest)))
            stack.append((rest, depth + 1))
    return tuple(dict.fromkeys(f for f in forms if len(f) >= 2)) or (norm,)


@lru_cache(maxsize=200_000)
def token_forms(token: str) -> tuple[str, ...]:
    """Canonical form of a word first, then (Arabic only) its forms without prefix clitics. Cyrillic case
    endings are handled by the gazetteer, which maps the inflected forms of its own names (learn_cyrillic)."""
    script = script_of(token[0])
    if script == "ar":
        return _arabic_forms(token)
    if script == "ru":
        return (_cyrillic_form(token),)
    return (_latin_form(token),)


Token = tuple[int, int, tuple[str, ...]]  # start, end, forms


def tokenize(text: str) -> list[Token]:
    tokens: list[Token] = []
    append, forms_of = tokens.append, token_forms
    for match in _TOKEN.finditer(text):
        word = match.group()
        start, end = match.span()
        if word[-2:] in _POSSESSIVES and end - start > 3:  # "Idlib's"
            end -= 2
            word = word[:-2]
        case = _TURKISH_CASE.search(word) if word[:1].isupper() else None
        if case:  # "İdlib'de" → "İdlib"
            end -= len(word) - case.start()
            word = word[: case.start()]
        elision = _ELISION.match(word)
        if elision and word[elision.end() :][:1].isupper():  # French "province d'Idleb", "près d'Alep"
            start += elision.end()
            word = word[elision.end() :]
        append((start, end, forms_of(word)))
    return tokens


# ------------------------------------------------------------------------------------------- inflection

# Russian declension of place names, by how the nominative ends: feminine -а/-я, -ия, adjectives, soft signs,
# plurals; consonant-final names (Идлиб, Хомс, Джиср-эш-Шугур) decline like masculine nouns; names in -о, -и,
# -у, -е, -э (Алеппо) do not decline.
_RU_PARADIGMS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("ая", ("ая", "ой", "ую", "ою")),
    ("яя", ("яя", "ей", "юю", "ею")),
    ("ый", ("ый", "ого", "ому", "ым", "ом")),
    ("ий", ("ий", "ого", "его", "ому", "ему", "им", "ом", "ем")),
    ("ое", ("ое", "ого", "ому", "ым", "ом")),
    ("ые", ("ые", "ых", "ым", "ыми")),
    ("ия", ("ия", "ии", "ию", "ией")),
    ("а", ("а", "ы", "и", "е", "у", "ой", "ою")),
    ("я", ("я", "и", "е", "ю", "ей", "ею")),
    ("ь", ("ь", "я", "ю", "е", "ем", "и", "ью")),
    ("й", ("й", "я", "ю", "е", "ем")),
    ("ы", ("ы", "ов", "ам", "ах", "ами")),
)


def russian_forms(word: str) -> list[str]:
    """Inflected forms of a lower-case Russian place-name word (its own form included)."""
    if word[-1] in "оиуеэю" or len(word) < 2:
        return [word]
    for ending, endings in _RU_PARADIGMS:
        if word.endswith(ending):
            stem = word[: -len(ending)]
            return [stem + e for e in endings]
    return [word, *(word + e for e in ("а", "у", "е", "ом", "ы", "ов"))]


# Ukrainian declension of place names. Adjectives (Донецька область, Краматорський район, Рубіжне) and nouns
# (Одеса, Авдіївка, Запоріжжя, Маріуполь, Суми); a final -а noun or adjective gets both paradigms (the
# gazetteer cannot tell «Одеса» from «Донецька»), and к/г/х soften to ц/з/с before -і (в Авдіївці).
_UK_PARADIGMS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("ий", ("ий", "ого", "ому", "им", "ім")),
    ("ій", ("ій", "ього", "ьому", "ім")),
    ("а", ("а", "и", "і", "у", "ою", "ої", "ій")),
    ("ія", ("ія", "ії", "ію", "ією")),
    ("ля", ("ля", "лі", "лю", "лею", "лям")),  # Чорнобиля, Запоріжжя-like neuters and soft feminines
    ("я", ("я", "ї", "і", "ю", "єю", "ею", "ям")),
    ("е", ("е", "ого", "ому", "им", "ім", "я", "і", "ем")),  # neuters: Рубіжне, Мирне (adjectives), Гуляйполе
    ("о", ("о", "а", "у", "і", "ом", "ові")),  # Дніпро, Дніпра, у Дніпрі
    ("ь", ("ь", "я", "ю", "ем", "і", "еві")),
    ("й", ("й", "я", "ю", "єм", "ї")),
    ("и", ("и", "", "ів", "ам", "ах", "ами")),  # plurals: Суми, до Сум, Черкаси, Пологи
)
_UK_SOFTENING = {"к": "ц", "г": "з", "х": "с"}
_UK_CONSONANT_ENDINGS = ("а", "у", "ові", "і", "ом", "ів")
# Харків → Харкова, Київ → Києва, Миколаїв → Миколаєва, Ірпінь → Ірпеня: і/ї of a final closed syllable.
_UK_ALTERNATION = re.compile(r"[іїо](?=[^аеєиіїоуюяь']+ь?$)")


def ukrainian_forms(word: str) -> list[str]:
    """Inflected forms of a lower-case Ukrainian place-name word (its own form included). Over-generates on
    purpose: a wrong form only ever matches a word that no name has."""
    if len(word) < 3 or word[-1] in "уюі":
        return [word]
    for ending, endings in _UK_PARADIGMS:
        if word.endswith(ending):
            stem = word[: -len(ending)]
            forms = [stem + e for e in endings]
            if ending == "а" and stem[-1:] in _UK_SOFTENING:
                forms.append(stem[:-1] + _UK_SOFTENING[stem[-1]] + "і")
            if ending in ("ь", "й"):
                forms += [alt + e for alt in _alternated(stem) for e in endings[1:]]
            return forms
    return [word, *(s + e for s in (word, *_alternated(word)) for e in _UK_CONSONANT_ENDINGS)]


def _alternated(stem: str) -> list[str]:
    match = _UK_ALTERNATION.search(stem)
    if match is None or match.group() == "о":
        return []
    start = match.start()
    if match.group() == "ї":
        return [stem[:start] + "є" + stem[start + 1 :]]
    return [stem[:start] + vowel + stem[start + 1 :] for vowel in ("о", "е")]


INFLECTIONS = {"ru": russian_forms, "uk": ukrainian_forms}


def learn_cyrillic(words: Iterable[tuple[str, tuple[str, ...]]]) -> dict[str, str]:
    """Map every inflected form of every Cyrillic word (lower-case canonical form, with the languages whose
    declension applies to it) to one representative, the same for names and for text ("Сирии" in "юг Сирии"
    and "Сирия" share one). Shorter words claim their forms first."""
    languages: dict[str, set[str]] = {}
    for word, langs in words:
        languages.setdefault(word, set()).update(langs)
    mapping: dict[str, str] = {}
    for word in sorted(languages, key=lambda w: (len(w), w)):
        forms = [word]
        for language in sorted(languages[word]):
            forms += INFLECTIONS[language](word)
        forms = list(dict.fromkeys(forms))
        representative = next((mapping[f] for f in forms if f in mapping), word)
        for form in forms:
            mapping.setdefault(form, representative)
    return mapping
