"""German, French and Spanish: the lexicons through the language-agnostic engine. One claim written in English and
in each language yields the same kind, stance, claimant, accused, agent and places; non-chemical provocations,
ordinary war news and White Helmets smears yield nothing. Sentences written for these tests."""

from __future__ import annotations

import tomllib
from datetime import UTC, date, datetime

import pytest

from forewarn.cues import match_cues
from forewarn.detect import Detector
from forewarn.evaluate import evaluate, read_labelled
from forewarn.extract import extract_stance
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

LANGUAGES = ("de", "fr", "es")
EVAL_SET = REPO / "tests" / "data" / "eval_de_fr_es.jsonl"
FLOORS = tomllib.loads((REPO / "tests" / "floors.toml").read_text(encoding="utf-8"))["de_fr_es"]
T0 = datetime(2018, 9, 1, 9, tzinfo=UTC)


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


# -- one claim in four languages --------------------------------------------------------------------------
SAME_CLAIM = {
    "pre-emptive, asserted": {
        "en": "Militants are preparing to stage a chlorine attack in Idlib, the Russian Defence Ministry said, adding "
              "that foreign film crews had arrived.",
        "de": "Kämpfer bereiten in Idlib die Inszenierung eines Chlorangriffs vor, teilte das russische "
              "Verteidigungsministerium mit; ausländische Kamerateams seien bereits eingetroffen.",
        "fr": "Des combattants préparent une mise en scène d'attaque au chlore à Idleb, a déclaré le ministère russe "
              "de la Défense, ajoutant que des équipes de télévision étrangères sont arrivées.",
        "es": "Los militantes preparan la escenificación de un ataque con cloro en Idlib, informó el Ministerio de "
              "Defensa ruso, que añadió que equipos de filmación extranjeros han llegado.",
    },
    "pre-emptive, reported and rebutted": {
        "en": "Moscow is falsely claiming that rebels are preparing a fake chemical attack in Saraqib.",
        "de": "Moskau behauptet fälschlicherweise, Rebellen bereiteten in Sarakib einen fingierten "
              "Chemiewaffenangriff vor.",
        "fr": "Moscou affirme faussement que des rebelles préparent une fausse attaque chimique à Saraqeb.",
        "es": "Moscú afirma falsamente que los rebeldes preparan un falso ataque químico en Saraqib.",
    },
    "retrospective denial": {
        "en": "The chemical attack in Douma last April was staged by the White Helmets.",
        "de": "Der Chemiewaffenangriff in Duma im vergangenen April wurde von den Weißhelmen inszeniert.",
        "fr": "L'attaque chimique de Douma en avril dernier a été mise en scène par les Casques blancs.",
        "es": "El ataque químico en Duma el pasado abril fue escenificado por los Cascos Blancos.",
    },
    "pre-emptive, Foreign Ministry, Western services, Jisr al-Shughur": {
        "en": "Western intelligence services and the White Helmets are planning a provocation with toxic substances "
              "in Jisr al-Shughur, Zakharova said.",
        "de": "Westliche Geheimdienste und die Weißhelme planen in Dschisr asch-Schughur eine Provokation mit "
              "Giftstoffen, sagte Sacharowa.",
        "fr": "Les services secrets occidentaux et les Casques blancs planifient une provocation aux substances "
              "toxiques à Jisr al-Choghour, a déclaré Zakharova.",
        "es": "Los servicios secretos occidentales y los Cascos Blancos planean una provocación con sustancias "
              "tóxicas en Yisr al Shugur, dijo Zajárova.",
    },
    "pre-emptive, Reconciliation Centre, Eastern Ghouta": {
        "en": "Terrorists of Jabhat al-Nusra intend to fake a sarin attack in Eastern Ghouta in the coming days, the "
              "Russian Centre for Reconciliation reported.",
        "de": "Terroristen der al-Nusra wollen in den kommenden Tagen in der Ost-Ghuta einen Sarin-Angriff "
              "vortäuschen, meldete das russische Versöhnungszentrum.",
        "fr": "Des terroristes du Front al-Nosra comptent simuler une attaque au sarin dans la Ghouta orientale dans "
              "les prochains jours, a indiqué le Centre russe pour la réconciliation.",
        "es": "Terroristas del Frente al Nusra pretenden simular un ataque con sarín en Guta Oriental en los "
              "próximos días, informó el Centro ruso para la Reconciliación.",
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
        "de": "Kiew bereitet Provokationen an der Grenze vor, erklärte das russische Verteidigungsministerium.",
        "fr": "Kiev prépare des provocations à la frontière, a déclaré le ministère russe de la Défense.",
        "es": "Kiev prepara provocaciones en la frontera, afirmó el Ministerio de Defensa ruso.",
    },
    "ordinary war news": {
        "en": "Government troops advanced in southern Idlib, residents said; fighting continues near Saraqib.",
        "de": "Regierungstruppen rückten im Süden der Provinz Idlib vor, sagten Anwohner; die Kämpfe bei Sarakib "
              "dauern an.",
        "fr": "Les troupes gouvernementales ont progressé dans le sud de la province d'Idleb, selon des habitants ; "
              "les combats se poursuivent près de Saraqeb.",
        "es": "Las tropas gubernamentales avanzaron en el sur de la provincia de Idlib, según vecinos; los combates "
              "continúan cerca de Saraqib.",
    },
    "White Helmets smear without staging": {
        "en": "The White Helmets are linked to terrorists, Zakharova said.",
        "de": "Die Weißhelme haben Verbindungen zu Terroristen, sagte Sacharowa.",
        "fr": "Les Casques blancs sont liés aux terroristes, a déclaré Zakharova.",
        "es": "Los Cascos Blancos están vinculados a los terroristas, dijo Zajárova.",
    },
    "border provocation with a drone, in the coming days": {
        "en": "The Ukrainian army is preparing a provocation with drones in the coming days, Moscow claims.",
        "de": "Die ukrainische Armee bereitet in den kommenden Tagen eine Provokation mit Drohnen vor, behauptet "
              "Moskau.",
        "fr": "L'armée ukrainienne prépare une provocation avec des drones dans les prochains jours, affirme Moscou.",
        "es": "El Ejército ucraniano prepara una provocación con drones en los próximos días, afirma Moscú.",
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
        ("de", "WEISSHELME BEREITEN GIFTGAS-PROVOKATION IN IDLIB VOR"),
        ("de", "Weisshelme bereiten Giftgas-Provokation in Idlib vor"),
        ("fr", "LES CASQUES BLANCS PREPARENT UNE PROVOCATION CHIMIQUE A IDLEB"),
        ("fr", "Les Casques blancs preparent une provocation chimique a Idleb"),
        ("es", "LOS CASCOS BLANCOS PREPARAN UNA PROVOCACION QUIMICA EN IDLIB"),
        ("es", "Los Cascos Blancos preparan una provocacion quimica en Idlib"),
    ],
)
def test_capitals_and_missing_accents_and_umlauts(language: str, text: str) -> None:
    [claim] = detect(language, text)
    assert (claim.kind, claim.accused, claim.places[0].id) == ("PREEMPTIVE", ("White Helmets",), "SY-ID")


# -- cue families -------------------------------------------------------------------------------------------
FAMILY_CASES = [
    ("de", "staging", "eine inszenierte Attacke", "eine gewöhnliche Attacke"),
    ("de", "staging", "ein gefälschtes Video", "ein neues Gesetz"),
    ("de", "prospective", "die Kämpfer bereiten einen Angriff vor", "die Kämpfer griffen an"),
    ("de", "prospective", "sie wollen in Idlib einen Angriff inszenieren", "sie haben einen Angriff inszeniert"),
    ("de", "retrospective", "der Angriff wurde von den Weißhelmen inszeniert", "der Angriff wird vorbereitet"),
    ("de", "rebuttal", "Moskau behauptet ohne jegliche Beweise", "Moskau behauptet"),
    ("de", "negation", "sie bereiten keine Provokation vor", "sie bereiten eine Provokation vor"),
    ("de", "evidence", "Kanister mit Chlor wurden in die Stadt gebracht", "Lebensmittel wurden in die Stadt gebracht"),
    ("fr", "staging", "une mise en scène macabre", "une scène de crime"),
    ("fr", "prospective", "les rebelles s'apprêtent à frapper", "les rebelles ont frappé"),
    ("fr", "prospective", "ils mettront en scène une attaque", "ils ont mis en scène une attaque"),
    ("fr", "retrospective", "l'attaque a été mise en scène", "l'attaque sera mise en scène"),
    ("fr", "rebuttal", "Moscou affirme sans la moindre preuve", "Moscou affirme"),
    ("fr", "evidence", "des bonbonnes de chlore ont été livrées", "des colis ont été livrés"),
    ("es", "staging", "un montaje grotesco", "un mensaje claro"),
    ("es", "prospective", "los rebeldes se disponen a atacar", "los rebeldes atacaron"),
    ("es", "prospective", "escenificarán un ataque", "escenificaron un ataque"),
    ("es", "retrospective", "el ataque fue escenificado", "el ataque será escenificado"),
    ("es", "rebuttal", "Moscú afirma sin aportar pruebas", "Moscú afirma"),
    ("es", "evidence", "trasladaron bombonas de cloro a la ciudad", "trasladaron heridos a la ciudad"),
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
        ("de", "Die Kämpfer bereiten keine chemische Provokation vor", True),
        ("de", "Es ist nicht auszuschließen, dass Kämpfer eine Chemie-Provokation vorbereiten", False),
        ("fr", "Les combattants ne préparent pas de provocation chimique", True),
        ("fr", "Les combattants préparent une provocation chimique", False),
        ("es", "Los combatientes no preparan ninguna provocación química", True),
        ("es", "No se descarta que los combatientes preparen una provocación química", False),
    ],
)
def test_negation_governs_the_act(language: str, text: str, negated: bool) -> None:
    assert match_cues(lexicon(language), normalise(text, language)).negated_act is negated


@pytest.mark.parametrize(
    ("language", "text", "outlet", "stance"),
    [
        ("de", "Laut Verteidigungsministerium bereiten Kämpfer eine Provokation vor", "RT DE", "asserted"),
        ("de", "Laut Verteidigungsministerium bereiten Kämpfer eine Provokation vor", "Der Spiegel", "reported"),
        ("fr", "Selon le ministère russe de la Défense, les combattants préparent une provocation", "Sputnik France",
         "asserted"),
        ("fr", "Le ministère russe de la Défense affirme sans preuve que les combattants préparent une provocation",
         "RT France", "reported"),
        ("es", "Según el Ministerio de Defensa ruso, los militantes preparan una provocación", "RT en Español",
         "asserted"),
        ("es", "Según el Ministerio de Defensa ruso, los militantes preparan una provocación", "El País", "reported"),
    ],
)
def test_stance(language: str, text: str, outlet: str, stance: str) -> None:
    lex = lexicon(language)
    cues = match_cues(lex, normalise(text, language))
    assert extract_stance(lex, cues, "Russian Ministry of Defence", outlet) == stance


@pytest.mark.parametrize(
    ("language", "text", "wrong"),
    [
        ("de", "Das ukrainische Verteidigungsministerium teilte mit", "Russian Ministry of Defence"),
        ("de", "Der Generalstab der Ukraine meldete", "Russian General Staff"),
        ("fr", "Le ministère de la Défense ukrainien a indiqué", "Russian Ministry of Defence"),
        ("fr", "L'Armée syrienne libre a indiqué", "Syrian Arab Army"),
        ("es", "El Ministerio de Defensa de Ucrania informó", "Russian Ministry of Defence"),
        ("es", "El Ejército Sirio Libre informó", "Syrian Arab Army"),
    ],
)
def test_foreign_institutions_are_not_russian_or_syrian_claimants(language: str, text: str, wrong: str) -> None:
    from forewarn.extract import all_canonical

    assert wrong not in all_canonical(lexicon(language).claimants, normalise(text, language))


def test_german_date_expressions_are_read() -> None:
    from forewarn.extract import extract_date

    text = normalise("Die Weißhelme planen, am 8. September einen Chlorangriff zu inszenieren", "de")
    assert extract_date(lexicon("de"), text, T0) == date(2018, 9, 8)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("de", "Die Weißhelme planen, am 8. September in Idlib einen Chlorangriff zu inszenieren."),
        ("fr", "Les Casques blancs préparent une attaque au chlore mise en scène à Idleb le 8 septembre."),
        ("es", "Los Cascos Blancos preparan un ataque con cloro escenificado en Idlib el 8 de septiembre."),
    ],
)
def test_predicted_dates_in_each_language(language: str, text: str) -> None:
    [claim] = detect(language, text)
    assert claim.kind == "PREEMPTIVE" and claim.predicted_date == date(2018, 9, 8)


# -- places -------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "place_id"),
    [
        ("in der Ost-Ghuta", "forewarn:eastern-ghouta"), ("in der Ostghuta", "forewarn:eastern-ghouta"),
        ("dans la Ghouta orientale", "forewarn:eastern-ghouta"), ("en Guta Oriental", "forewarn:eastern-ghouta"),
        ("in Duma", "geonames:170592"), ("à Douma", "geonames:170592"),
        ("in der Provinz Idlib", "SY-ID"), ("dans la province d'Idleb", "SY-ID"), ("en la provincia de Idlib", "SY-ID"),
        ("in Dschisr asch-Schughur", "geonames:169023"), ("à Jisr al-Choghour", "geonames:169023"),
        ("en Yisr al Shugur", "geonames:169023"),
        ("in Chan Schaichun", "geonames:168325"), ("à Khan Cheikhoun", "geonames:168325"),
        ("en Jan Sheijun", "geonames:168325"),
        ("in Sarakib", "geonames:164816"), ("à Saraqeb", "geonames:164816"),
        ("bei Aleppo", "geonames:170063"), ("près d'Alep", "geonames:170063"), ("cerca de Alepo", "geonames:170063"),
        ("in Damaskus", "geonames:170654"), ("à Damas", "geonames:170654"), ("en Damasco", "geonames:170654"),
        ("in Syrien", "SY"), ("en Syrie", "SY"), ("en Siria", "SY"),
        ("in der Provinz Hama", "SY-HM"), ("dans la province de Hama", "SY-HM"), ("en la provincia de Hama", "SY-HM"),
    ],
)
def test_german_french_and_spanish_place_names_resolve(text: str, place_id: str) -> None:
    assert [m.place.id for m in Gazetteer.default().find(text)] == [place_id]


# -- the screen's fast path -----------------------------------------------------------------------------------
ORDINARY_NEWS = {
    "de": "Regierungstruppen haben zwei Dörfer bei Hama eingenommen, teilte das Verteidigungsministerium mit. Die "
          "Kämpfer zogen sich zur Grenze zurück. Die Preise für Gas und Brot steigen, Bewohner fliehen.",
    "fr": "Les troupes gouvernementales ont pris deux villages près de Hama, a indiqué le ministère de la Défense. "
          "Les combattants se sont repliés vers la frontière. Le prix du pain augmente et des habitants fuient.",
    "es": "Las tropas gubernamentales tomaron dos aldeas cerca de Hama, informó el Ministerio de Defensa. Los "
          "combatientes se replegaron hacia la frontera. El precio del pan sube y los vecinos huyen.",
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
    assert count_matching_stances(eval_rows) >= 27
