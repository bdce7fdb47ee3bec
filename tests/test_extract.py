"""Extraction: cues, claimant, stance, agent, accused, places, predicted dates."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from forewarn import cues as cuelib
from forewarn import extract
from forewarn.detect import Detector
from forewarn.lexicon import for_language
from forewarn.model import Document
from forewarn.narratives import bundled_terms
from forewarn.places import Gazetteer
from forewarn.text import normalise

EN = for_language("en")
assert EN is not None
CHEMICAL_EN = bundled_terms("en")


def _cues(text: str) -> cuelib.Cues:
    return cuelib.match_cues(EN, normalise(text, "en"))


def test_cues_name_their_family_and_surface() -> None:
    cues = _cues("Terrorists are preparing to stage a chlorine attack")
    assert cues.has("agent") and cues.has("staging") and cues.has("prospective") and cues.has("accused")
    assert "agent:chlorine" in cues.names()
    assert not cues.negated_act


@pytest.mark.parametrize("text", [
    "The militants are not preparing a chemical attack",
    "Rebels have no plans to stage a chlorine attack",
    "The White Helmets never staged anything",
])
def test_negation_governs_the_act(text: str) -> None:
    assert _cues(text).negated_act


def test_negation_in_another_clause_does_not_count() -> None:
    assert not _cues("No one was hurt, but terrorists are preparing a chlorine attack").negated_act


@pytest.mark.parametrize(("text", "agent"), [
    ("militants brought chlorine cylinders and toxic substances", "chlorine"),
    ("a sarin attack", "sarin"),
    ("poisoning of Sergei Skripal was staged", "novichok"),
    ("toxic chemicals were delivered", "toxic substances"),
    ("White Helmets prepare provocation", "unspecified chemical"),
])
def test_agent_is_the_most_specific(text: str, agent: str) -> None:
    assert extract.extract_agent(CHEMICAL_EN, normalise(text, "en")) == agent


@pytest.mark.parametrize(("text", "claimant"), [
    ("Russia's defence ministry said militants brought chlorine", "Russian Ministry of Defence"),
    ("The Russian Centre for Reconciliation of Opposing Sides in Syria said", "Russian Centre for Reconciliation"),
    ("Maria Zakharova told reporters", "Russian Foreign Ministry"),
    ("Moscow is falsely claiming that rebels are preparing a fake attack", "Russian government"),
    ("According to local residents, a film crew arrived", "local residents"),
])
def test_claimant_is_normalised(text: str, claimant: str) -> None:
    assert extract.extract_claimant(EN, normalise(text, "en"), outlet="Some Outlet") == claimant


def test_claimant_falls_back_to_previous_sentence_then_a_state_outlet_never_another_outlet() -> None:
    sentence = normalise("Militants are preparing a chlorine attack.", "en")
    previous = normalise("The Russian General Staff held a briefing.", "en")
    assert extract.extract_claimant(EN, sentence, previous=previous, outlet="RT") == "Russian General Staff"
    assert extract.extract_claimant(EN, sentence, outlet="RT") == "RT"
    assert extract.extract_claimant(EN, sentence, outlet="The Guardian") == ""


@pytest.mark.parametrize(("text", "claimant"), [
    ("The defence ministry said militants plan a chlorine attack to blame the Syrian army.",
     "Russian Ministry of Defence"),
    ("MOSCOW, October 27 (TASS) - Russia's defence minister Sergei Shoigu said Kiev is preparing a dirty bomb.",
     "Russian Ministry of Defence"),
    ("Terrorists are preparing a provocation in order to accuse Damascus, the Centre for Reconciliation said.",
     "Russian Centre for Reconciliation"),
])
def test_the_blamed_party_and_the_dateline_are_not_the_claimant(text: str, claimant: str) -> None:
    assert extract.extract_claimant(EN, normalise(text, "en")) == claimant


@pytest.mark.parametrize(("language", "text", "claimant"), [
    # the speaker named last, after the army the staged film is to be pinned on
    ("en", "Militants will film a fake chlorine strike and attribute it to the Syrian army, the Russian defence "
           "ministry said.", "Russian Ministry of Defence"),
    ("en", "The Syrian army is to be accused of a gas attack that militants are staging, Maria Zakharova told "
           "a briefing.", "Russian Foreign Ministry"),
    ("ru", "Боевики готовят постановочное видео «химической атаки» правительственных войск, сообщили в "
           "российском военном ведомстве.", "Russian Ministry of Defence"),
    ("es", "Los terroristas preparan un ataque químico que se atribuirá al Ejército sirio, según el Ministerio de "
           "Defensa ruso.", "Russian Ministry of Defence"),
    ("ar", "قالت وزارة الدفاع الروسية إن المسلحين يحضرون مسرحية كيميائية تنسب إلى الجيش العربي السوري.",
     "Russian Ministry of Defence"),
])
def test_the_speaker_is_the_claimant_wherever_it_stands(language: str, text: str, claimant: str) -> None:
    pack = for_language(language)
    assert pack is not None
    assert extract.extract_claimant(pack, normalise(text, language), outlet="Some Outlet") == claimant


@pytest.mark.parametrize(("language", "text", "claimant"), [
    ("en", "The Russian leader said militants are preparing a chlorine provocation.", "Russian government"),
    ("en", "Russia's top diplomat said the White Helmets plan to fake a gas attack.", "Russian Foreign Ministry"),
    ("en", "Syria's president said terrorists had brought chlorine to the town.", "Syrian government"),
    ("ru", "Министр обороны России заявил, что боевики готовят провокацию с хлором.", "Russian Ministry of Defence"),
    ("ru", "Российский лидер заявил, что Киев готовит «грязную бомбу».", "Russian government"),
    ("ar", "قال الرئيس الروسي إن المسلحين يحضرون لاستفزاز كيميائي.", "Russian government"),
])
def test_a_claimant_named_by_function(language: str, text: str, claimant: str) -> None:
    pack = for_language(language)
    assert pack is not None
    assert extract.extract_claimant(pack, normalise(text, language)) == claimant


def test_an_official_channel_named_as_the_outlet_is_the_body_itself() -> None:
    sentence = normalise("Chlorine containers have been brought to the town for a staged attack.", "en")
    assert extract.extract_claimant(EN, sentence, outlet="@mod_russia (Telegram)") == "Russian Ministry of Defence"
    assert extract.extract_claimant(EN, sentence, outlet="Russian Ministry of Defence") == "Russian Ministry of Defence"
    assert extract.extract_claimant(EN, sentence, outlet="The Guardian") == ""


@pytest.mark.parametrize(("language", "text", "claimant"), [
    # languages without a pack of their own read institutions and the state as speaker from the shared names
    ("pl", "Rosyjskie Ministerstwo Obrony twierdzi, że bojownicy szykują prowokację z chlorem.",
     "Russian Ministry of Defence"),
    ("nl", "Rusland beweert dat militanten een aanval met chloor in scène zetten.", "Russian government"),
    ("sr", "Borci pripremaju provokaciju sa hlorom, saopštilo je rusko Ministarstvo odbrane.",
     "Russian Ministry of Defence"),
])
def test_shared_claimant_names_serve_languages_without_a_pack(language: str, text: str, claimant: str) -> None:
    from forewarn.lexicon import pack_for

    pack = pack_for(language)
    assert extract.extract_claimant(pack, normalise(text, language)) == claimant


def test_stance() -> None:
    relay = _cues("Moscow falsely claimed rebels were preparing a chemical attack")
    assert extract.extract_stance(EN, relay, "Russian government", "The Guardian") == "reported"
    plain = _cues("The defence ministry said militants brought chlorine")
    assert extract.extract_stance(EN, plain, "Russian Ministry of Defence", "RT English") == "asserted"
    assert extract.extract_stance(EN, plain, "Russian Ministry of Defence", "Reuters") == "reported"
    headline = _cues("White Helmets preparing chemical attack")
    assert extract.extract_stance(EN, headline, "Sputnik", "Sputnik") == "asserted"


def test_accused_canonical_in_order() -> None:
    found = extract.all_canonical(EN.accused, normalise("The US ordered terrorists and the White Helmets", "en"))
    assert found == ("United States", "terrorists", "White Helmets")
    assert extract.all_canonical(EN.accused, normalise("They told us nothing", "en")) == ()


PUBLISHED = datetime(2018, 9, 5, tzinfo=UTC)


@pytest.mark.parametrize(("text", "expected"), [
    ("Militants plan to stage a chlorine attack on 8 September in Idlib", date(2018, 9, 8)),
    ("Militants plan to stage a chlorine attack on September 8", date(2018, 9, 8)),
    ("Terrorists will stage a chemical provocation on 2 January", date(2019, 1, 2)),
    ("Militants will stage a chemical provocation in the coming days", None),
    ("Militants will stage a chemical provocation tomorrow", date(2018, 9, 6)),
])
def test_predicted_date(text: str, expected: date | None) -> None:
    assert extract.extract_date(EN, normalise(text, "en"), PUBLISHED) == expected


def test_predicted_date_reaches_the_claim() -> None:
    doc = Document(source="t", source_ref="1", published_at=PUBLISHED, language="en",
                   text="The Russian defence ministry said terrorists plan to stage a chlorine attack in Saraqib "
                        "on 8 September.")
    claims = Detector().detect(doc)
    assert [c.kind for c in claims] == ["PREEMPTIVE"]
    assert claims[0].predicted_date == date(2018, 9, 8)
    assert claims[0].places[0].governorate_id == "SY-ID"


def test_places_prefer_the_claim_sentence_then_add_inside_a_country() -> None:
    gazetteer = Gazetteer.default()
    specific = extract.find_places(gazetteer, ("terrorists in Saraqib", "Idlib news", "Homs and Hama"), "en")
    assert [p.name for p in specific][:1] == ["Saraqib"]
    only_country = extract.find_places(gazetteer, ("chemical attack in Syria", "", "fighting around Khan Shaykhun"),
                                       "en")
    assert only_country[0].governorate_id == "SY-ID" and only_country[-1].id == "SY"
    assert extract.find_places(gazetteer, ("nothing here", "", ""), "en") == ()


@pytest.mark.parametrize(("pattern", "prefixes"), [
    (r"\bchem[- ]?weapons?\b", ["chem"]),
    (r"\bwhite helmets?\b", ["white helmet"]),
    (r"\b(?:poison|toxic) gas(?:es)?\b", ["poison gas", "toxic gas"]),
    (r"\bx?abc", ["abc"]),  # a leading optional item: what follows it must still occur
    (r"(?:a|b)?cd", ["cd"]),
    (r"(?<!state )\bd[uú]ma", ["duma", "dúma"]),  # lookbehinds consume nothing; small classes expand
    (r"(?<!\w)(?:[وفبل]?دوما(?!\w))", ["دوما"]),  # Arabic proclitics are optional
    (r"(?:ab)?c", None),  # nothing of two characters is certain
    (r"(?:(?:a|b)c|de)?fg", None),
])
def test_literal_prefixes_are_necessary_beginnings(pattern: str, prefixes: list[str] | None) -> None:
    assert cuelib.literal_prefixes(pattern) == prefixes


def test_screen_prefilter_agrees_with_the_regex() -> None:
    cue_set = cuelib.cue_set(EN, CHEMICAL_EN)
    regex = cue_set.screen
    assert regex is not None
    texts = ["militants brought chlorine", "the opcw report", "white helmets prepare provocation",
             "wheat prices rose", "a gas attack", "gasoline is scarce", "chemical weapons", "Las Vegas shooting"]
    for text in texts:
        normalised = normalise(text, "en")
        assert cue_set.passes_screen(normalised) == bool(regex.search(normalised)), text
