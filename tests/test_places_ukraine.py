"""Ukraine: oblasts, raions, cities and sites in English, Russian and Ukrainian text, with their oblast."""

from __future__ import annotations

import pytest

from forewarn.places import Gazetteer, load_gazetteer

KYIV, KHARKIV, ZAPORIZHZHIA = "forewarn:kyiv", "forewarn:kharkiv", "forewarn:zaporizhzhia"
KRAMATORSK, SLOVIANSK, BAKHMUT, ENERHODAR = "geonames:704508", "geonames:693468", "geonames:713174", "geonames:709276"
AVDIIVKA, ZNPP, CHORNOBYL_NPP = "forewarn:avdiivka", "forewarn:zaporizhzhia-npp", "forewarn:chornobyl-npp"
KRAMATORSK_RAION, BAKHMUT_RAION = "katottg:UA14120000000070232", "katottg:UA14020000000013572"


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return load_gazetteer(["ukraine"])


def found(gazetteer: Gazetteer, text: str) -> list[tuple[str, str]]:
    return [(m.place.id, gazetteer.ref(m.place.id).governorate_id) for m in gazetteer.find(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # English, with transliteration variants
        ("Militants prepare a provocation in Kramatorsk, Donetsk region.", [(KRAMATORSK, "UA-14"), ("UA-14", "UA-14")]),
        ("Shelling of the Zaporizhzhia nuclear power plant in Enerhodar", [(ZNPP, "UA-23"), (ENERHODAR, "UA-23")]),
        ("a staged incident at the Zaporozhye NPP near Energodar", [(ZNPP, "UA-23"), (ENERHODAR, "UA-23")]),
        ("from Kiev to Kharkov and Zaporozhye", [(KYIV, "UA-30"), (KHARKIV, "UA-63"), (ZAPORIZHZHIA, "UA-23")]),
        ("in Kyiv, Kharkiv and Zaporizhzhia", [(KYIV, "UA-30"), (KHARKIV, "UA-63"), (ZAPORIZHZHIA, "UA-23")]),
        ("Slavyansk, Sloviansk, Artemovsk and Bakhmut", [(SLOVIANSK, "UA-14"), (SLOVIANSK, "UA-14"),
                                                        (BAKHMUT, "UA-14"), (BAKHMUT, "UA-14")]),
        ("near Avdeyevka and Avdiivka", [(AVDIIVKA, "UA-14"), (AVDIIVKA, "UA-14")]),
        ("inside the Chernobyl exclusion zone, at the Chernobyl NPP",
         [("forewarn:chornobyl-exclusion-zone", "UA-32"), (CHORNOBYL_NPP, "UA-32")]),
        ("in the Kharkov region and in Sumy Oblast", [("UA-63", "UA-63"), ("UA-59", "UA-59")]),
        ("in Kramatorsk Raion of Donetsk Oblast", [(KRAMATORSK_RAION, "UA-14"), ("UA-14", "UA-14")]),
        ("the South Ukraine NPP, the Rivne NPP and the Khmelnytskyi NPP",
         [("forewarn:south-ukraine-npp", "UA-48"), ("forewarn:rivne-npp", "UA-56"),
          ("forewarn:khmelnytskyi-npp", "UA-68")]),
        ("in Crimea and in the Donbas", [("UA-43", "UA-43"), ("forewarn:donbas", "")]),
        # Russian, inflected
        ("Боевики готовят провокацию в Краматорске и Славянске", [(KRAMATORSK, "UA-14"), (SLOVIANSK, "UA-14")]),
        ("в Киеве, под Харьковом и в Запорожье", [(KYIV, "UA-30"), (KHARKIV, "UA-63"), (ZAPORIZHZHIA, "UA-23")]),
        ("на Запорожской АЭС в Энергодаре", [(ZNPP, "UA-23"), (ENERHODAR, "UA-23")]),
        ("в Артемовске и в Авдеевке", [(BAKHMUT, "UA-14"), (AVDIIVKA, "UA-14")]),
        ("в Донецкой области и на Харьковщине", [("UA-14", "UA-14"), ("UA-63", "UA-63")]),
        ("в Краматорском районе", [(KRAMATORSK_RAION, "UA-14")]),
        ("на Чернобыльской АЭС", [(CHORNOBYL_NPP, "UA-32")]),
        # Ukrainian, inflected, with the apostrophe in its three spellings
        ("Бойовики готують провокацію у Києві та під Харковом", [(KYIV, "UA-30"), (KHARKIV, "UA-63")]),
        ("в Запоріжжі, на Запорізькій АЕС в Енергодарі",
         [(ZAPORIZHZHIA, "UA-23"), (ZNPP, "UA-23"), (ENERHODAR, "UA-23")]),
        ("у Краматорську, Слов'янську, Слов’янську і Словʼянську",
         [(KRAMATORSK, "UA-14"), (SLOVIANSK, "UA-14"), (SLOVIANSK, "UA-14"), (SLOVIANSK, "UA-14")]),
        ("в Бахмуті та в Авдіївці", [(BAKHMUT, "UA-14"), (AVDIIVKA, "UA-14")]),
        ("в Донецькій області, на Харківщині", [("UA-14", "UA-14"), ("UA-63", "UA-63")]),
        ("у Миколаєві, в Одесі, у Сумах і в Херсоні", [("forewarn:mykolaiv", "UA-48"), ("forewarn:odesa", "UA-51"),
                                                      ("forewarn:sumy", "UA-59"), ("forewarn:kherson", "UA-65")]),
        ("у Краматорському районі та Бахмутському районі", [(KRAMATORSK_RAION, "UA-14"), (BAKHMUT_RAION, "UA-14")]),
        ("на Чорнобильській АЕС, у Чорнобильській зоні відчуження",
         [(CHORNOBYL_NPP, "UA-32"), ("forewarn:chornobyl-exclusion-zone", "UA-32")]),
    ],
)  # fmt: skip
def test_ukrainian_places_with_their_oblast(gazetteer: Gazetteer, text: str, expected: list[tuple[str, str]]) -> None:
    assert found(gazetteer, text) == expected


def test_every_oblast_and_raion(gazetteer: Gazetteer) -> None:
    oblasts = {p.id for p in gazetteer.places() if p.level == "governorate" and p.country == "UA"}
    assert len(oblasts) == 27 and {"UA-30", "UA-32", "UA-40", "UA-43", "UA-14", "UA-09"} <= oblasts
    raions = [p for p in gazetteer.places() if p.id.startswith("katottg:")]
    assert len(raions) == 136
    assert all(p.level == "district" and p.parent_id in oblasts for p in raions)
    assert gazetteer.contains("UA-14", KRAMATORSK) and gazetteer.contains(KRAMATORSK_RAION, KRAMATORSK)
    assert gazetteer.contains("forewarn:donbas", BAKHMUT) and gazetteer.contains("UA", ZNPP)
    assert [p.id for p in gazetteer.ancestors(ZNPP)][:2] == [ENERHODAR, "katottg:UA23040000000067730"]


def test_ids_stored_before_the_region_existed_stay(gazetteer: Gazetteer) -> None:
    for place_id in ("forewarn:kyiv", "forewarn:kharkiv", "forewarn:donetsk", "forewarn:luhansk", "forewarn:donbas",
                     "forewarn:odesa", "forewarn:avdiivka", "forewarn:rubizhne", "forewarn:sievierodonetsk"):
        assert gazetteer.ref(place_id).country == "UA"
    assert gazetteer.resolve("Kharkov", country="UA").id == KHARKIV  # type: ignore[union-attr]
    assert "geonames:706483" not in {p.id for p in gazetteer.places()}  # Kharkiv's GeoNames row was taken over


def test_capitals_are_marked_for_metonymy(gazetteer: Gazetteer) -> None:
    assert gazetteer.capital_of(KYIV) == "UA" and gazetteer.capital_of(KHARKIV) == ""
    assert Gazetteer.default().capital_of("geonames:170654") == "SY"  # Damascus
    for name, country in [("Kyiv", "UA"), ("Kiev", "UA"), ("Киеве", "UA"), ("Києва", "UA"), ("Moscow", "RU"),
                          ("Москвы", "RU"), ("Москві", "RU"), ("Washington", "US"), ("Вашингтоне", "US"),
                          ("Kharkiv", ""), ("Idlib", "")]:
        assert gazetteer.capital_named(name) == country, name


@pytest.mark.parametrize(
    "text",
    [
        "Перемога буде за нами, сказав він на зустрічі з журналістами.",
        "Мир і Дружба між народами, Надія і Правда: так назвали нову програму.",
        "Слава героям, написав користувач. Свобода слова важлива. Весна прийшла рано.",
        "Победа будет за нами, заявил министр. Мир и Дружба, Надежда и Правда.",
        "Заря новой жизни, Свобода слова, Весна и Маяк: названия кораблей.",
        "Victory Day parade was held on Monday. Hope and Glory, Freedom and Progress.",
        "Президент Зеленський провів нараду з Шмигалем, Буданов і Сирський доповіли.",
        "Министр Лавров и Шойгу, Захарова и Песков сделали заявления.",
        "Майдан, Фронт і Оборона: слова, що часто пишуть з великої літери в заголовках.",
        "Новини дня: Зелене світло для програми, Червоне море, Нове життя.",
    ],
)
def test_ordinary_news_sentences_name_no_place(gazetteer: Gazetteer, text: str) -> None:
    assert gazetteer.find(text) == []


def test_ukraine_does_not_change_syria() -> None:
    """The Syrian results with every region loaded are those of Syria alone (tests/test_places.py runs its
    whole suite on both); here a mixed sentence names each region's places."""
    text = "From Idlib to Kharkiv: «провокация в Идлибе» and «провокація в Харкові»"
    assert [m.place.id for m in Gazetteer.default().find(text)] == ["SY-ID", KHARKIV, "SY-ID", KHARKIV]
