"""forewarn.text: sentences, normalisation, language identification and date preparation in en/ru/ar."""

from __future__ import annotations

import dateparser
import pytest

from forewarn.text import (
    detect_language,
    detect_languages_by_sentence,
    fold_arabic,
    normalise,
    prepare_dates,
    script_language,
    split_sentences,
)


def sentences(text: str) -> list[str]:
    return [text[start:end] for start, end in split_sentences(text)]


def test_sentences_end_at_arabic_question_mark_but_not_at_arabic_comma_or_semicolon() -> None:
    text = "قالت الوزارة، إن المسلحين يحضرون لهجوم؛ وأضافت أن الفرق وصلت. هل هذا صحيح؟ لا أحد يعرف."
    assert sentences(text) == [
        "قالت الوزارة، إن المسلحين يحضرون لهجوم؛ وأضافت أن الفرق وصلت.",
        "هل هذا صحيح؟",
        "لا أحد يعرف.",
    ]


def test_sentences_keep_russian_quotes_and_abbreviations_inside() -> None:
    text = (
        "«Боевики готовят провокацию», — заявил генерал. В 2018 г. боевики доставили хлор. "
        "Об этом сообщил В. Небензя. Минобороны: «Съёмки начнутся завтра.» Далее."
    )
    assert sentences(text) == [
        "«Боевики готовят провокацию», — заявил генерал.",
        "В 2018 г. боевики доставили хлор.",
        "Об этом сообщил В. Небензя.",
        "Минобороны: «Съёмки начнутся завтра.»",
        "Далее.",
    ]


def test_sentence_offsets_point_into_the_original_text() -> None:
    text = "  Title line\nThe U.S. envoy said so.  Mr. Smith agreed! "
    spans = split_sentences(text)
    assert [text[s:e] for s, e in spans] == ["Title line", "The U.S. envoy said so.", "Mr. Smith agreed!"]


def test_russian_normalisation_folds_case_and_yo() -> None:
    assert normalise("«Белые Каски» ЕЩЁ готовят съёмки", "ru") == '"белые каски" еще готовят съемки'


def test_arabic_normalisation_folds_letters_and_drops_marks() -> None:
    raw = "إنَّ «الخوذ البيضاء» تُحضِّرُ لمسرحيةٍ كيميائيـــة في إدلب، أليس كذلك؟ ى آ أ"
    assert normalise(raw, "ar") == 'ان "الخوذ البيضاء" تحضر لمسرحيه كيميائيه في ادلب, اليس كذلك? ي ا ا'


def test_arabic_indic_and_eastern_digits_become_ascii() -> None:
    assert normalise("٨ أيلول ٢٠١٨ و۱۲۳", "ar") == "8 ايلول 2018 و123"


def test_normalisation_is_safe_on_mixed_text_and_presentation_forms() -> None:
    assert normalise("Idlib إدلب Идлиб ﻻ", "") == "idlib ادلب идлиб لا"


def test_fold_arabic_leaves_regular_expressions_intact() -> None:
    assert fold_arabic(r"\W\bأسلحة\S") == r"\W\bاسلحه\S"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("8 أيلول 2018", "2018-09-08"),
        ("٨ أيلول ٢٠١٨", "2018-09-08"),
        ("في 7 نيسان 2018", "2018-04-07"),
        ("21 آب 2013", "2013-08-21"),
        ("15 آذار 2013م", "2013-03-15"),
        ("1 تشرين الأول 2019", "2019-10-01"),
        ("3 تشرين الثاني 2019", "2019-11-03"),
        ("9 كانون الأول 2019", "2019-12-09"),
        ("4 كانون الثاني 2020", "2020-01-04"),
        ("4 شباط 2018", "2018-02-04"),
        ("5 أيار 2018", "2018-05-05"),
        ("8 حزيران 2018", "2018-06-08"),
        ("1 تموز 2018", "2018-07-01"),
        ("8 أيلول/سبتمبر 2018", "2018-09-08"),
        ("8 ايلول 2018", "2018-09-08"),  # as normalise leaves it
        ("8 сентября 2018 года", "2018-09-08"),
    ],
)
def test_prepare_dates_lets_dateparser_read_levantine_months_and_arabic_digits(raw: str, expected: str) -> None:
    parsed = dateparser.parse(prepare_dates(raw, "ar"), languages=["en", "ru", "ar"])
    assert parsed is not None and parsed.date().isoformat() == expected


def test_prepare_dates_leaves_the_word_father_alone() -> None:
    assert prepare_dates("قال الأب إن آب الماضي كان حاراً", "ar") == "قال الأب إن آب الماضي كان حاراً"
    assert prepare_dates("3 آب", "ar") == "3 أغسطس"


def test_language_of_documents() -> None:
    assert detect_language("Боевики готовят инсценировку химической атаки в Идлибе") == "ru"
    assert detect_language("قالت وزارة الدفاع الروسية إن المسلحين يحضرون لهجوم كيميائي") == "ar"
    assert detect_language("Militants are preparing to stage a chemical attack in Idlib") == "en"
    assert detect_language("  ") == ""


def test_script_language() -> None:
    assert script_language("Хан-Шейхун") == "ru"
    assert script_language("خان شيخون") == "ar"
    assert script_language("Khan Shaykhun") == "en"
    assert script_language("2018 — 12") == ""


def test_languages_by_sentence_in_a_mixed_document() -> None:
    text = (
        "Russia says militants are preparing a chemical attack in Idlib province, officials said. "
        "قالت وزارة الدفاع الروسية إن المسلحين يحضرون لفبركة هجوم كيميائي في إدلب. "
        "Минобороны: боевики готовят провокацию с химоружием в Идлибе. ТАСС."
    )
    found = detect_languages_by_sentence(text, default="en")
    assert [language for _, _, language in found] == ["en", "ar", "ru", "ru"]
    assert text[found[1][0] : found[1][1]].startswith("قالت")


def test_prepare_dates_leaves_latin_and_cyrillic_text_alone() -> None:
    assert prepare_dates("on 8 September 2018", "en") == "on 8 September 2018"
    assert prepare_dates("8 сентября 2018 года", "ru") == "8 сентября 2018 года"
