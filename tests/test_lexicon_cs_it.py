"""Czech and Italian: the lexicons through the language-agnostic engine. One claim written in English and in each
language yields the same kind, stance, claimant, accused, agent and places; non-chemical provocations, ordinary
war news and White Helmets smears yield nothing. Sentences written for these tests."""

from __future__ import annotations

import tomllib
from datetime import date

import pytest

from forewarn.cues import match_cues
from forewarn.detect import Detector
from forewarn.evaluate import evaluate, read_labelled
from forewarn.extract import all_canonical, extract_stance
from forewarn.lexicon import ACCUSED, CLAIMANTS, Lexicon, compile_patterns, for_language
from forewarn.model import Document
from forewarn.narratives import bundled_terms
from forewarn.places import Gazetteer
from forewarn.text import detect_language, normalise

from .conftest import REPO
from .gates import (
    assert_covers_every_class,
    assert_meets_floors,
    assert_screen_fast_path,
    count_matching_stances,
    same_claim_outlet,
)
from .gates import claim_fields as fields
from .gates import detect_text as detect

LANGUAGES = ("cs", "it")
EVAL_SET = REPO / "tests" / "data" / "eval_cs_it.jsonl"
FLOORS = tomllib.loads((REPO / "tests" / "floors.toml").read_text(encoding="utf-8"))["cs_it"]


def lexicon(language: str) -> Lexicon:
    found = for_language(language)
    assert found is not None and found.language == language
    return found


@pytest.mark.parametrize("language", LANGUAGES)
def test_keys_are_the_canonical_values(language: str) -> None:
    lex = lexicon(language)
    assert set(lex.claimants) <= set(CLAIMANTS) and set(lex.accused) <= set(ACCUSED)
    for family in ("insufficient", "date", "vague_time", "state_outlet", "relay", "rebuttal", "blame"):
        assert lex.extra.get(family), family
    # what a claim is about is the chemical narrative's, in this language too
    terms = bundled_terms(language)
    assert terms.context and terms.past_incident and dict(terms.agent_of) and dict(terms.place_of)


# -- one claim in three languages ---------------------------------------------------------------------------
SAME_CLAIM = {
    "pre-emptive, asserted": {
        "en": "Militants are preparing to stage a chlorine attack in Idlib, the Russian Defence Ministry said, adding "
              "that foreign film crews had arrived.",
        "cs": "Ozbrojenci v Idlibu připravují inscenaci útoku chlórem, uvedlo ruské ministerstvo obrany a dodalo, že "
              "už dorazily zahraniční televizní štáby.",
        "it": "I miliziani stanno preparando la messa in scena di un attacco al cloro a Idlib, ha dichiarato il "
              "ministero della Difesa russo, aggiungendo che sono arrivate troupe televisive straniere.",
    },
    "pre-emptive, reported and rebutted": {
        "en": "Moscow is falsely claiming that rebels are preparing a fake chemical attack in Saraqib.",
        "cs": "Moskva nepravdivě tvrdí, že povstalci v Saráqibu chystají falešný chemický útok.",
        "it": "Mosca sostiene falsamente che i ribelli stanno preparando un falso attacco chimico a Saraqib.",
    },
    "retrospective denial": {
        "en": "The chemical attack in Douma last April was staged by the White Helmets.",
        "cs": "Chemický útok v Dúmě loni v dubnu byl zinscenován Bílými helmami.",
        "it": "L'attacco chimico di Douma dello scorso aprile è stato inscenato dai Caschi Bianchi.",
    },
    "pre-emptive, Foreign Ministry, Western services, Jisr al-Shughur": {
        "en": "Western intelligence services and the White Helmets are planning a provocation with toxic substances "
              "in Jisr al-Shughur, Zakharova said.",
        "cs": "Západní tajné služby a Bílé helmy plánují v Džisr aš-Šughúru provokaci s jedovatými látkami, "
              "prohlásila Zacharovová.",
        "it": "I servizi segreti occidentali e i Caschi Bianchi pianificano una provocazione con sostanze tossiche "
              "a Jisr al-Shughur, ha detto Zakharova.",
    },
    "pre-emptive, Reconciliation Centre, Eastern Ghouta": {
        "en": "Terrorists of Jabhat al-Nusra intend to fake a sarin attack in Eastern Ghouta in the coming days, the "
              "Russian Centre for Reconciliation reported.",
        "cs": "Teroristé z Fronty an-Nusrá hodlají ve Východní Ghútě v nejbližších dnech zinscenovat útok sarinem, "
              "oznámilo ruské Centrum pro usmíření znepřátelených stran.",
        "it": "I terroristi del Fronte al-Nusra intendono simulare un attacco con il sarin nella Ghouta orientale nei "
              "prossimi giorni, ha riferito il Centro russo per la riconciliazione.",
    },
}


@pytest.mark.parametrize("case", sorted(SAME_CLAIM))
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_same_claim_yields_the_same_fields_as_english(case: str, language: str) -> None:
    outlet = same_claim_outlet(case)
    english = detect("en", SAME_CLAIM[case]["en"], outlet)
    other = detect(language, SAME_CLAIM[case][language], outlet)
    assert len(english) == 1, english
    assert [fields(c) for c in other] == [fields(english[0])]


NOTHING = {
    "non-chemical provocation": {
        "en": "Kyiv is preparing provocations on the border, the Russian Defence Ministry said.",
        "cs": "Kyjev připravuje provokace na hranicích, uvedlo ruské ministerstvo obrany.",
        "it": "Kiev prepara provocazioni al confine, ha dichiarato il ministero della Difesa russo.",
    },
    "ordinary war news": {
        "en": "Government troops advanced in southern Idlib, residents said; fighting continues near Saraqib.",
        "cs": "Vládní jednotky postoupily na jihu provincie Idlib, uvedli obyvatelé; boje u Saráqibu pokračují.",
        "it": "Le truppe governative sono avanzate nel sud della provincia di Idlib, secondo gli abitanti; i "
              "combattimenti continuano vicino a Saraqib.",
    },
    "White Helmets smear without staging": {
        "en": "The White Helmets are linked to terrorists, Zakharova said.",
        "cs": "Bílé helmy jsou napojeny na teroristy, prohlásila Zacharovová.",
        "it": "I Caschi Bianchi sono legati ai terroristi, ha detto Zakharova.",
    },
    "border provocation with a drone, in the coming days": {
        "en": "The Ukrainian army is preparing a provocation with drones in the coming days, Moscow claims.",
        "cs": "Ukrajinská armáda v nejbližších dnech chystá provokaci s drony, tvrdí Moskva.",
        "it": "L'esercito ucraino prepara una provocazione con i droni nei prossimi giorni, sostiene Mosca.",
    },
    "chemical plant accident": {
        "en": "A fire broke out at a chemical plant near Homs; two workers were injured.",
        "cs": "V chemickém závodě u Homsu vypukl požár, dva dělníci byli zraněni.",
        "it": "Un incendio è scoppiato in un impianto chimico vicino a Homs; due operai sono rimasti feriti.",
    },
}


@pytest.mark.parametrize("case", sorted(NOTHING))
@pytest.mark.parametrize("language", ["en", *LANGUAGES])
def test_texts_without_a_staging_claim_yield_nothing(case: str, language: str) -> None:
    assert detect(language, NOTHING[case][language]) == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_language_is_identified_and_picks_the_lexicon(language: str) -> None:
    text = SAME_CLAIM["pre-emptive, asserted"][language]
    assert detect_language(text) == language
    [claim] = Detector().detect(Document(source="t", source_ref="1", text=text, outlet="RT"))
    assert claim.language == language and claim.kind == "PREEMPTIVE" and claim.agent == "chlorine"


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("cs", "BÍLÉ HELMY PŘIPRAVUJÍ CHEMICKOU PROVOKACI V IDLIBU"),
        ("cs", "Bile helmy pripravuji chemickou provokaci v Idlibu"),
        ("it", "I CASCHI BIANCHI PREPARANO UNA PROVOCAZIONE CHIMICA A IDLIB"),
    ],
)
def test_capitals_and_missing_diacritics(language: str, text: str) -> None:
    [claim] = detect(language, text)
    assert (claim.kind, claim.accused, claim.places[0].id) == ("PREEMPTIVE", ("White Helmets",), "SY-ID")


# -- cue families -------------------------------------------------------------------------------------------
FAMILY_CASES = [
    ("cs", "staging", "zinscenovaný útok", "obyčejný útok"),
    ("cs", "staging", "chemická provokace", "chemická výroba"),
    ("cs", "prospective", "ozbrojenci připravují útok", "ozbrojenci zaútočili"),
    ("cs", "prospective", "chtějí v Idlibu zinscenovat útok", "v Idlibu zinscenovali útok"),
    ("cs", "prospective", "zinscenují útok", "zinscenovali útok"),
    ("cs", "retrospective", "útok byl zinscenován Bílými helmami", "útok se připravuje"),
    ("cs", "retrospective", "tzv. chemický útok", "chemický útok"),
    ("cs", "retrospective", "údajný chemický útok", "chemický útok"),
    ("cs", "rebuttal", "Moskva tvrdí bez jakýchkoli důkazů", "Moskva tvrdí"),
    ("cs", "negation", "ozbrojenci nepřipravují žádnou provokaci", "ozbrojenci připravují provokaci"),
    ("cs", "evidence", "do města přivezli kanystry s chlórem", "do města přivezli potraviny"),
    ("it", "staging", "una messa in scena macabra", "una scena del crimine"),
    ("it", "staging", "una provocazione chimica", "una produzione chimica"),
    ("it", "prospective", "i ribelli stanno per colpire", "i ribelli hanno colpito"),
    ("it", "prospective", "inscenerà un attacco", "ha inscenato un attacco"),
    ("it", "retrospective", "l'attacco è stato inscenato", "l'attacco sarà inscenato"),
    ("it", "retrospective", "il presunto attacco chimico", "l'attacco chimico imminente"),
    ("it", "rebuttal", "Mosca afferma senza prove", "Mosca afferma"),
    ("it", "negation", "i ribelli non preparano alcuna provocazione", "i ribelli preparano una provocazione"),
    ("it", "evidence", "sono state consegnate bombole di cloro", "sono stati consegnati pacchi"),
]


@pytest.mark.parametrize(("language", "family", "positive", "negative"), FAMILY_CASES)
def test_each_cue_family(language: str, family: str, positive: str, negative: str) -> None:
    lex = lexicon(language)
    patterns = getattr(lex, family) if hasattr(lex, family) else lex.extra[family]
    pattern = compile_patterns(tuple(patterns))
    assert pattern is not None
    assert pattern.search(normalise(positive, language)), positive
    assert not pattern.search(normalise(negative, language)), negative


@pytest.mark.parametrize(
    ("language", "text", "negated"),
    [
        ("cs", "Ozbrojenci nepřipravují žádnou chemickou provokaci", True),
        ("cs", "Ozbrojenci připravují chemickou provokaci", False),
        ("it", "I combattenti non preparano alcuna provocazione chimica", True),
        ("it", "Non è escluso che i combattenti preparino una provocazione chimica", False),
    ],
)
def test_negation_governs_the_act(language: str, text: str, negated: bool) -> None:
    assert match_cues(lexicon(language), normalise(text, language)).negated_act is negated


@pytest.mark.parametrize(
    ("language", "text", "outlet", "stance"),
    [
        ("cs", "Podle ruského ministerstva obrany ozbrojenci připravují provokaci", "Sputnik CZ", "asserted"),
        ("cs", "Podle ruského ministerstva obrany ozbrojenci připravují provokaci", "Aeronet", "asserted"),
        ("cs", "Podle ruského ministerstva obrany ozbrojenci připravují provokaci", "Seznam Zprávy", "reported"),
        ("cs", "Ruské ministerstvo obrany bez důkazů tvrdí, že ozbrojenci připravují provokaci", "Sputnik CZ",
         "reported"),
        ("it", "Secondo il ministero della Difesa russo, i miliziani preparano una provocazione", "L'AntiDiplomatico",
         "asserted"),
        ("it", "Secondo il ministero della Difesa russo, i miliziani preparano una provocazione", "la Repubblica",
         "reported"),
        ("it", "Il ministero della Difesa russo afferma senza prove che i miliziani preparano una provocazione",
         "Sputnik Italia", "reported"),
    ],
)
def test_stance(language: str, text: str, outlet: str, stance: str) -> None:
    lex = lexicon(language)
    cues = match_cues(lex, normalise(text, language))
    assert extract_stance(lex, cues, "Russian Ministry of Defence", outlet) == stance


@pytest.mark.parametrize(
    ("language", "text", "wrong"),
    [
        ("cs", "Ukrajinské ministerstvo obrany uvedlo", "Russian Ministry of Defence"),
        ("cs", "Ministerstvo obrany Ukrajiny uvedlo", "Russian Ministry of Defence"),
        ("cs", "Svobodná syrská armáda uvedla", "Syrian Arab Army"),
        ("it", "Il ministero della Difesa ucraino ha dichiarato", "Russian Ministry of Defence"),
        ("it", "L'Esercito siriano libero ha dichiarato", "Syrian Arab Army"),
    ],
)
def test_foreign_institutions_are_not_russian_or_syrian_claimants(language: str, text: str, wrong: str) -> None:
    assert wrong not in all_canonical(lexicon(language).claimants, normalise(text, language))


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("cs", "Bílé helmy plánují 8. září v Idlibu zinscenovat útok chlórem."),
        ("it", "I Caschi Bianchi preparano un attacco al cloro inscenato a Idlib l'8 settembre."),
    ],
)
def test_predicted_dates_in_each_language(language: str, text: str) -> None:
    [claim] = detect(language, text)
    assert claim.kind == "PREEMPTIVE" and claim.predicted_date == date(2018, 9, 8)


@pytest.mark.parametrize(
    ("language", "text", "wrong"),
    [
        ("cs", "Na Ukrajině se v chemickém závodě chystá obnovení výroby.", "Ukraine"),
        ("it", "In Ucraina un impianto chimico si prepara a riprendere la produzione.", "Ukraine"),
    ],
)
def test_a_country_named_as_the_place_is_not_accused(language: str, text: str, wrong: str) -> None:
    assert wrong not in all_canonical(lexicon(language).accused, normalise(text, language))
    assert detect(language, text) == []


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("cs", "Státní duma schválila zákon o chemických zbraních."),
        ("it", "La Duma di Stato ha approvato una legge sulle armi chimiche."),
    ],
)
def test_the_russian_parliament_is_not_douma(language: str, text: str) -> None:
    lex = lexicon(language)
    assert not match_cues(lex, normalise(text, language)).has("past_incident")
    assert [m.place.id for m in Gazetteer.default().find(text)] == []


# -- places -------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "place_id"),
    [
        ("v Idlibu", "SY-ID"), ("v provincii Idlib", "SY-ID"), ("nella provincia di Idlib", "SY-ID"),
        ("Východní Ghúta", "forewarn:eastern-ghouta"), ("ve Východní Ghútě", "forewarn:eastern-ghouta"),
        ("z Východní Ghúty", "forewarn:eastern-ghouta"), ("nella Ghouta orientale", "forewarn:eastern-ghouta"),
        ("v Dúmě", "geonames:170592"), ("v Dúmá", "geonames:170592"), ("a Douma", "geonames:170592"),
        ("v Džisr aš-Šughúru", "geonames:169023"), ("Džisr aš-Šughúr", "geonames:169023"),
        ("a Jisr al-Shughur", "geonames:169023"),
        ("v Chán Šajchúnu", "geonames:168325"), ("a Khan Sheikhun", "geonames:168325"),
        ("v Saráqibu", "geonames:164816"), ("a Saraqib", "geonames:164816"),
        ("u Aleppa", "geonames:170063"), ("v Aleppu", "geonames:170063"), ("Halab", "geonames:170063"),
        ("vicino ad Aleppo", "geonames:170063"),
        ("v Damašku", "geonames:170654"), ("Damašek", "geonames:170654"), ("a Damasco", "geonames:170654"),
        ("v Sýrii", "SY"), ("Sýrie", "SY"), ("in Siria", "SY"),
    ],
)
def test_czech_and_italian_place_names_resolve(text: str, place_id: str) -> None:
    assert [m.place.id for m in Gazetteer.default().find(text)] == [place_id]


# -- the screen's fast path -----------------------------------------------------------------------------------
ORDINARY_NEWS = {
    "cs": "Vládní jednotky dobyly dvě vesnice u Hamá, uvedlo ministerstvo obrany. Ozbrojenci se stáhli k hranici. "
          "Ceny plynu a chleba rostou, obyvatelé prchají.",
    "it": "Le truppe governative hanno conquistato due villaggi vicino a Hama, ha detto il ministero della Difesa. "
          "I combattenti si sono ritirati verso il confine. Il prezzo del pane sale e gli abitanti fuggono.",
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_screen_keeps_its_fast_path(language: str) -> None:
    assert_screen_fast_path(language, ORDINARY_NEWS[language])


# -- the labelled set ---------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def eval_rows():  # type: ignore[no-untyped-def]
    return read_labelled(EVAL_SET)


def test_the_labelled_set_is_big_enough(eval_rows) -> None:  # type: ignore[no-untyped-def]
    assert_covers_every_class(eval_rows, LANGUAGES, minimum=15)


@pytest.mark.parametrize("language", LANGUAGES)
def test_labelled_set_meets_the_floors(eval_rows, language: str) -> None:  # type: ignore[no-untyped-def]
    rows = [r for r in eval_rows if r.document.language == language]
    assert_meets_floors(evaluate(rows, Detector()), FLOORS)


def test_stance_on_the_labelled_set(eval_rows) -> None:  # type: ignore[no-untyped-def]
    assert count_matching_stances(eval_rows) >= 44
