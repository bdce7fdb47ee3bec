"""Ukrainian normalisation and sentence splitting; Russian and Arabic untouched by the language argument."""

from __future__ import annotations

import pytest

from forewarn.text import normalise, split_sentences


@pytest.mark.parametrize("spelling", ["Слов'янськ", "Слов’янськ", "Словʼянськ", "Слов`янськ", "СЛОВ'ЯНСЬК"])
def test_ukrainian_apostrophes_and_case_fold_to_one_form(spelling: str) -> None:
    assert normalise(spelling, "uk") == "слов'янськ"


def test_ukrainian_letters_fold_case() -> None:
    assert normalise("ЇЖАК, ЄВРОПА, ҐАНОК, ІРПІНЬ", "uk") == "їжак, європа, ґанок, ірпінь"


@pytest.mark.parametrize(
    "text",
    [
        "Боевики готовят провокацию с хлором в Идлибе; «Белые каски» снимут ролик. Ёлка, Maʼarrat.",
        "أفادت مصادر بأن المسلحين يحضرون لهجوم كيميائي مفبرك في إدلب، وفي جسر الشغور؟ نعم.",
        "Militants in Maʼarrat al-Nuʼman prepare a `staged` attack.",
    ],
)
def test_other_languages_are_byte_identical(text: str) -> None:
    assert normalise(text, "ru") == normalise(text) == normalise(text, "ar") == normalise(text, "en")


def test_ukrainian_sentences_keep_contractions_inside() -> None:
    text = "Вибух стався у м. Київ, біля вул. Хрещатик, о 5 год. Потім обстріляли с. Роботине. Далі — тиша."
    sentences = [text[s:e] for s, e in split_sentences(text, "uk")]
    assert sentences == ["Вибух стався у м. Київ, біля вул. Хрещатик, о 5 год.", "Потім обстріляли с. Роботине.",
                         "Далі — тиша."]  # fmt: skip
    assert split_sentences(text) == split_sentences(text, "ru")  # other languages as before
