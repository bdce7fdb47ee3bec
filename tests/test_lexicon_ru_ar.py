"""The Russian and Arabic lexicons: every cue family, inflections and clitics, negation, relayed/rebutted
stance, and the canonical values they map to. Sentences written for these tests."""

from __future__ import annotations

import re

import pytest

from forewarn.cues import cue_set, match_cues
from forewarn.extract import all_canonical, extract_agent, extract_stance, first_canonical
from forewarn.lexicon import ACCUSED, CLAIMANTS, Lexicon, compile_patterns, for_language
from forewarn.lexicon._compact import compact, top_level_alternatives
from forewarn.narratives import bundled_terms
from forewarn.text import normalise

from .gates import assert_screen_fast_path


def lexicon(language: str) -> Lexicon:
    found = for_language(language)
    assert found is not None
    return found


def fires(language: str, family: str, sentence: str) -> bool:
    """Whether a cue family of the language pack, or of the chemical narrative (context, past_incident), fires."""
    lex = lexicon(language)
    if family in ("context", "past_incident"):
        return cue_set(lex, bundled_terms(language)).fires(family, normalise(sentence, language))
    patterns = getattr(lex, family) if hasattr(lex, family) else lex.extra[family]
    pattern = compile_patterns(tuple(patterns))
    return bool(pattern and pattern.search(normalise(sentence, language)))


@pytest.mark.parametrize("language", ["ru", "ar"])
def test_keys_are_the_canonical_values(language: str) -> None:
    lex = lexicon(language)
    assert set(lex.claimants) <= set(CLAIMANTS)
    assert set(lex.accused) <= set(ACCUSED)
    assert lex.language == language
    for family in ("insufficient", "date", "vague_time", "state_outlet", "rebuttal"):
        assert lex.extra.get(family), family


# -- every cue family, positive and negative --------------------------------------------------------------
FAMILY_CASES = [
    ("ru", "staging", "Боевики готовят инсценировку", "Боевики готовят наступление"),
    ("ru", "staging", "Это была постановочная съёмка", "Постановление правительства вышло вчера"),
    ("ru", "staging", "провокация с применением химоружия", "новая фабрика открылась"),
    ("ru", "prospective", "Террористы планируют атаку", "Террористы атаковали пост"),
    ("ru", "prospective", "в ближайшие дни возможна атака", "в прошлые дни была атака"),
    ("ru", "prospective", "боевики намерены сфальсифицировать удар", "боевики сфальсифицировали удар"),
    ("ru", "prospective", "группы прибыли, чтобы снять инсценировку", "группы прибыли на место"),
    ("ru", "retrospective", "атака была инсценирована «Белыми касками»", "атака готовится «Белыми касками»"),
    ("ru", "retrospective", "так называемая химатака в Думе", "химатака в Думе"),
    ("ru", "reported", "как сообщили в Минобороны", "Минобороны"),
    ("ru", "rebuttal", "Москва без доказательств утверждает", "Москва утверждает"),
    ("ru", "rebuttal", "кремлёвская пропаганда снова за своё", "кремлёвская стена"),
    ("ru", "negation", "боевики не готовят провокацию", "боевики готовят провокацию"),
    ("ru", "evidence", "доставили баллоны с хлором", "доставили гуманитарную помощь"),
    ("ru", "evidence", "съёмочные группы прибыли в город", "группы прибыли в город"),
    ("ru", "context", "«Белые каски» опять в новостях", "белые стены"),
    ("ru", "past_incident", "события в Думе в 2018 году", "заседание в Государственной думе"),
    ("ru", "insufficient", "нет никаких доказательств", "есть доказательства"),
    ("ru", "vague_time", "в ближайшие часы", "в прошлые часы"),
    ("ar", "staging", "لفبركة هجوم", "لتنفيذ هجوم"),
    ("ar", "staging", "مسرحية كيميائية", "مسرح العمليات"),
    ("ar", "staging", "استفزاز جديد", "استقرار جديد"),
    ("ar", "prospective", "المسلحون يحضرون لهجوم", "المسلحون هاجموا"),
    ("ar", "prospective", "خلال الأيام المقبلة", "خلال الأيام الماضية"),
    ("ar", "prospective", "وسيفبركون هجوما", "فبركوا هجوما"),
    ("ar", "prospective", "الإرهابيون يخططون لهجوم", "الإرهابيون شنوا هجوما"),
    ("ar", "retrospective", "تم فبركة الهجوم", "سيتم الهجوم"),
    ("ar", "retrospective", "الهجوم الكيميائي المزعوم", "الهجوم الكيميائي"),
    ("ar", "reported", "بحسب وزارة الدفاع", "وزارة الدفاع"),
    ("ar", "rebuttal", "زعمت موسكو دون أي دليل", "قالت موسكو"),
    ("ar", "rebuttal", "مزاعم روسية", "تصريحات روسية"),
    ("ar", "negation", "لم يحضروا لهجوم", "حضروا لهجوم"),
    ("ar", "evidence", "وصول فرق تصوير أجنبية", "وصول قافلة مساعدات"),
    ("ar", "evidence", "نقلوا اسطوانات الكلور", "نقلوا الجرحى"),
    ("ar", "context", "الخوذ البيضاء", "الخوذ العسكرية"),
    ("ar", "past_incident", "هجوم دوما", "هجوم حماة"),
    ("ar", "insufficient", "لا يوجد دليل", "يوجد دليل"),
    ("ar", "vague_time", "في الأيام القادمة", "في الأيام الماضية"),
]


@pytest.mark.parametrize(("language", "family", "positive", "negative"), FAMILY_CASES)
def test_each_cue_family(language: str, family: str, positive: str, negative: str) -> None:
    assert fires(language, family, positive), positive
    assert not fires(language, family, negative), negative


# -- inflections and clitics --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "table", "expected"),
    [
        ("«Белые каски»", "accused", "White Helmets"),
        ("«Белых касок»", "accused", "White Helmets"),
        ("«Белыми касками»", "accused", "White Helmets"),
        ("«Белым каскам»", "accused", "White Helmets"),
        ("Сирийской гражданской обороны", "accused", "White Helmets"),
        ("Хайят Тахрир аш-Шам", "accused", "Hayat Tahrir al-Sham"),
        ("«Хайят Тахрир аш-Шам»", "accused", "Hayat Tahrir al-Sham"),
        ("Джебхат ан-Нусры", "accused", "Jabhat al-Nusra"),
        ("боевиками", "accused", "militants"),
        ("террористов", "accused", "terrorists"),
        ("западных спецслужб", "accused", "Western special services"),
        ("иностранными специалистами", "accused", "foreign specialists"),
        ("съёмочных групп", "accused", "film crews"),
        ("Министерством обороны России", "claimants", "Russian Ministry of Defence"),
        ("в Минобороны РФ", "claimants", "Russian Ministry of Defence"),
        ("Центра по примирению враждующих сторон", "claimants", "Russian Centre for Reconciliation"),
        ("Генштабом", "claimants", "Russian General Staff"),
        ("МИД России", "claimants", "Russian Foreign Ministry"),
        ("Захаровой", "claimants", "Russian Foreign Ministry"),
        ("Небензи", "claimants", "Russian UN mission"),
        ("постпред России при ООН", "claimants", "Russian UN mission"),
        ("الخوذ البيضاء", "accused", "White Helmets"),
        ("والخوذ البيضاء", "accused", "White Helmets"),
        ("للخوذ البيضاء", "accused", "White Helmets"),
        ("الدفاع المدني", "accused", "White Helmets"),
        ("هيئة تحرير الشام", "accused", "Hayat Tahrir al-Sham"),
        ("وجبهة النصرة", "accused", "Jabhat al-Nusra"),
        ("والمسلحين", "accused", "militants"),
        ("للإرهابيين", "accused", "terrorists"),
        ("أجهزة الاستخبارات الغربية", "accused", "Western special services"),
        ("فرق تصوير", "accused", "film crews"),
        ("لوزارة الدفاع الروسية", "claimants", "Russian Ministry of Defence"),
        ("مركز المصالحة الروسي", "claimants", "Russian Centre for Reconciliation"),
        ("الخارجية الروسية", "claimants", "Russian Foreign Ministry"),
        ("الخارجية السورية", "claimants", "Syrian Foreign Ministry"),
        ("سانا", "claimants", "Syrian government"),
        ("مصدر عسكري", "claimants", "Syrian Arab Army"),
    ],
)
def test_inflected_and_cliticised_names_map_to_canonical_values(text: str, table: str, expected: str) -> None:
    language = "ar" if re.search(r"[\u0600-\u06FF]", text) else "ru"
    assert first_canonical(getattr(lexicon(language), table), normalise(text, language)) == expected


@pytest.mark.parametrize(
    ("language", "text", "agent"),
    [
        ("ru", "баллоны с хлором", "chlorine"),
        ("ru", "следы зарина", "sarin"),
        ("ru", "зариновой атаки", "sarin"),
        ("ru", "отравляющих веществ", "toxic substances"),
        ("ru", "химического оружия", "unspecified chemical"),
        ("ru", "химатаки", "unspecified chemical"),
        ("ru", "иприта", "mustard"),
        ("ar", "بالكلور", "chlorine"),
        ("ar", "غاز السارين", "sarin"),
        ("ar", "بمواد سامة", "toxic substances"),
        ("ar", "هجوم كيماوي", "unspecified chemical"),
        ("ar", "الأسلحة الكيميائية", "unspecified chemical"),
        ("ar", "غاز الخردل", "mustard"),
    ],
)
def test_agents(language: str, text: str, agent: str) -> None:
    assert extract_agent(bundled_terms(language), normalise(text, language)) == agent


@pytest.mark.parametrize(
    ("language", "text", "table", "wrong"),
    [
        ("ru", "Минобороны США заявило", "claimants", "Russian Ministry of Defence"),
        ("ru", "Генштаб ВСУ сообщил", "claimants", "Russian General Staff"),
        ("ar", "الجيش السوري الحر", "claimants", "Syrian Arab Army"),
        ("ar", "اجتماع في دمشق", "claimants", "Syrian government"),
        ("ar", "القوات المسلحة الروسية", "accused", "militants"),
    ],
)
def test_look_alikes_do_not_map(language: str, text: str, table: str, wrong: str) -> None:
    assert wrong not in all_canonical(getattr(lexicon(language), table), normalise(text, language))


def test_free_syrian_army_is_not_the_syrian_army() -> None:
    assert all_canonical(lexicon("ar").accused, normalise("الجيش السوري الحر", "ar")) == ("Free Syrian Army",)


def test_arabic_words_containing_cue_letters_do_not_fire() -> None:
    # أجهزة (agencies) contains جهز (equip), تنفيذ (carrying out) contains نفي (denial), كيف is "how".
    assert not fires("ar", "prospective", "أجهزة الاستخبارات")
    assert not fires("ar", "negation", "تنفيذ الهجوم")
    assert not fires("ar", "rebuttal", "تنفيذ الهجوم")
    assert "Ukraine" not in all_canonical(lexicon("ar").accused, normalise("كيف حدث ذلك", "ar"))


# -- negation and stance --------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("language", "text", "negated"),
    [
        ("ru", "Боевики не готовят химическую провокацию", True),
        ("ru", "Боевики готовят химическую провокацию", False),
        ("ru", "Не исключено, что боевики инсценируют химическую атаку", False),
        ("ar", "المسلحون لا يحضرون لهجوم كيميائي", True),
        ("ar", "المسلحون يحضرون لهجوم كيميائي", False),
    ],
)
def test_negation_governs_the_act(language: str, text: str, negated: bool) -> None:
    assert match_cues(lexicon(language), normalise(text, language)).negated_act is negated


@pytest.mark.parametrize(
    ("language", "text", "claimant", "outlet", "stance"),
    [
        ("ru", "Минобороны без доказательств утверждает, что боевики готовят провокацию",
         "Russian Ministry of Defence", "Медуза", "reported"),
        ("ru", "Как сообщили в Минобороны, боевики готовят провокацию",
         "Russian Ministry of Defence", "ТАСС", "asserted"),
        ("ru", "Как сообщили в Минобороны, боевики готовят провокацию",
         "Russian Ministry of Defence", "Би-би-си", "reported"),
        ("ar", "زعمت وزارة الدفاع الروسية دون تقديم أي دليل أن المسلحين يحضرون لهجوم",
         "Russian Ministry of Defence", "عنب بلدي", "reported"),
        ("ar", "قالت وزارة الدفاع الروسية إن المسلحين يحضرون لهجوم",
         "Russian Ministry of Defence", "روسيا اليوم", "asserted"),
        ("ar", "قالت الوكالة إن المسلحين يحضرون لهجوم", "", "سانا", "asserted"),
    ],
)
def test_stance(language: str, text: str, claimant: str, outlet: str, stance: str) -> None:
    lex = lexicon(language)
    cues = match_cues(lex, normalise(text, language))
    assert extract_stance(lex, cues, claimant, outlet) == stance


# -- pattern regrouping ---------------------------------------------------------------------------------------
def test_top_level_alternatives_respect_groups_classes_and_escapes() -> None:
    assert top_level_alternatives(r"a(?:b|c)|[|x]d|e\|f") == ["a(?:b|c)", "[|x]d", r"e\|f"]


def test_compact_matches_the_same_text() -> None:
    patterns = (r"\bхлор\w*|\bзарин", r"\bов\b", r"x(?:y|z)")
    grouped = compact(patterns, (r"\b",))
    assert grouped == (r"x(?:y|z)", r"\b(?:хлор\w*|зарин|ов\b)")
    original, regrouped = compile_patterns(patterns), compile_patterns(grouped)
    assert original is not None and regrouped is not None
    for text in ("хлором", "дихлор", "зарина", "ов", "повод", "xz", "ab"):
        assert bool(original.search(text)) == bool(regrouped.search(text)), text


@pytest.mark.parametrize("language", ["ru", "ar"])
def test_the_screen_keeps_its_fast_path(language: str) -> None:
    assert_screen_fast_path(language, ORDINARY_NEWS[language])


ORDINARY_NEWS = {
    "ru": "Правительственные войска овладели двумя сёлами под Хамой, сообщили в Минобороны. Боевики отступили "
          "к границе, в районе продолжаются бои. Цены на газ и хлеб выросли, жители сложных районов бегут.",
    "ar": "قصفت القوات الحكومية مواقع المسلحين في ريف حماة، وقالت مصادر إن عناصر من الجيش تقدموا نحو القرى. "
          "وارتفعت أسعار الغاز والخبز، وتحدثت المعارضة عن مواد غذائية تنقص في الأسواق.",
}
