"""When a claim was made: dated quotations keep their date, everything else the document's (texts are our own)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from forewarn import schema
from forewarn.claimdate import date_made
from forewarn.detect import Detector
from forewarn.model import Document
from forewarn.signals import compute_signals, made_day
from forewarn.store import Store
from forewarn.warning import SurgeRule, warnings_from_claims

from .synthetic import claim, gazetteer, place_id

PUBLISHED = datetime(2018, 9, 20, 10, tzinfo=UTC)  # a Thursday


@pytest.mark.parametrize(
    ("language", "sentence", "made", "expression"),
    [
        ("en", "On 13 March the General Staff warned that militants were preparing a provocation in Douma.",
         date(2018, 3, 13), "on 13 march"),
        ("en", "The ministry said on Monday that a staged attack was being prepared.", date(2018, 9, 17), "on monday"),
        ("en", "The ministry said in mid-March that a provocation was planned.", date(2018, 3, 15), "in mid-march"),
        ("en", "The envoy warned last week that chlorine had been delivered.", date(2018, 9, 13), "last week"),
        ("en", "The ministry had warned earlier this month that militants were filming a fake attack.",
         date(2018, 9, 10), "earlier this month"),
        ("en", "In a statement on 3 September, the ministry said toxic agents had been brought in.",
         date(2018, 9, 3), "on 3 september"),
        ("en", "The minister said on 13 March 2017 that militants prepare a staged attack.", date(2017, 3, 13),
         "on 13 march 2017"),
        ("ru", "13 марта в Генштабе заявили, что боевики готовят провокацию.", date(2018, 3, 13), "13 марта"),
        ("ru", "На прошлой неделе Минобороны сообщило, что боевики готовят провокацию.", date(2018, 9, 13),
         "на прошлой неделе"),
        ("ru", "В середине марта министерство предупредило о готовящейся провокации.", date(2018, 3, 15),
         "в середине марта"),
        ("ar", "وكانت الوزارة قد أعلنت في 13 آذار/مارس أن المسلحين يحضرون لاستفزاز كيميائي", date(2018, 3, 13),
         "في 13 مارس"),
        ("ar", "وقالت وزارة الدفاع الروسية الأسبوع الماضي إن المسلحين يعدون لهجوم مفبرك", date(2018, 9, 13),
         "الاسبوع الماضي"),
        ("ar", "حذرت الخارجية منتصف آذار من استفزاز كيميائي يجري التحضير له", date(2018, 3, 15), "منتصف مارس"),
    ],
)
def test_a_dated_quotation_gives_the_date_the_statement_was_made(
    language: str, sentence: str, made: date, expression: str
) -> None:
    found = date_made(sentence, "", PUBLISHED, language)
    assert (found.made_on, found.quoted, found.expression) == (made, True, expression)


@pytest.mark.parametrize(
    ("language", "sentence"),
    [
        ("en", "Militants plan a staged chemical attack in Idlib, the ministry said."),
        # a date in the claim itself is the predicted date, not the date made
        ("en", "Militants are preparing to stage a chemical attack on 25 September, the ministry said."),
        ("en", "The ministry said the attack on 7 April was staged by the rescuers."),
        ("ru", "Минобороны заявило, что атака 7 апреля была инсценировкой."),
        ("ar", "وقالت الوزارة إن هجوم 7 نيسان كان مفبركا"),
        ("pt", "Segundo o ministério, em 13 de março os grupos armados preparavam uma provocação."),  # no rules
    ],
)
def test_without_a_dated_quotation_the_claim_was_made_on_the_documents_day(language: str, sentence: str) -> None:
    found = date_made(sentence, "", PUBLISHED, language)
    assert (found.made_on, found.quoted, found.expression) == (date(2018, 9, 20), False, "")


def test_earlier_without_a_date_flags_a_quotation_but_keeps_the_documents_day() -> None:
    for language, sentence in [
        ("en", "Earlier, the ministry said militants had delivered chlorine to a village."),
        ("ru", "Ранее Минобороны заявляло, что боевики готовят провокацию."),
        ("ar", "وقد أعلنت وزارة الدفاع الروسية في وقت سابق أن مسلحين بدأوا تصوير هجوم مزيف"),
    ]:
        found = date_made(sentence, "", PUBLISHED, language)
        assert (found.made_on, found.quoted) == (date(2018, 9, 20), True), sentence


def test_the_date_made_is_never_after_the_document_and_event_dates_are_kept() -> None:
    early = datetime(2018, 3, 10, tzinfo=UTC)
    # "13 March" three days after the article can only be a prediction: the document's day stands
    assert date_made("The ministry said on 13 March that an attack was coming.", "", early, "en").made_on == date(
        2018, 3, 10
    )
    # a day-month far after the document's date is last year's
    january = datetime(2019, 1, 8, tzinfo=UTC)
    assert date_made("The ministry said on 13 December that an attack was coming.", "", january, "en").made_on == (
        date(2018, 12, 13)
    )
    event = date_made("On 13 March the ministry warned of a provocation.", "", PUBLISHED, "en", "event")
    assert (event.made_on, event.quoted) == (date(2018, 9, 20), False)
    assert date_made("On 13 March the ministry warned.", "", None, "en").made_on is None


def test_a_weekday_is_the_latest_one_up_to_the_documents_day() -> None:
    # PUBLISHED is a Thursday: "on Thursday" is that day, "last Thursday" the week before
    same = date_made("The centre said on Thursday that militants prepare a provocation.", "", PUBLISHED, "en")
    assert (same.made_on, same.quoted) == (date(2018, 9, 20), False)
    assert date_made("The centre said last Thursday that a provocation is planned.", "", PUBLISHED, "en").made_on == (
        date(2018, 9, 13)
    )
    assert date_made("Минобороны заявило в четверг, что готовится провокация.", "", PUBLISHED, "ru").made_on == (
        date(2018, 9, 20)
    )


def test_the_sentence_before_dates_a_claim_that_says_nothing_about_when() -> None:
    found = date_made("Militants are preparing a provocation in Douma.", "On 13 March, the ministry said this.",
                      PUBLISHED, "en")  # fmt: skip
    assert found.made_on == date(2018, 3, 13)


def test_detection_dates_a_claim_quoted_months_later_by_when_it_was_made() -> None:
    text = ("On 13 March the Russian General Staff warned that militants were preparing to stage a chemical "
            "attack in Harasta in order to blame the Syrian army.")  # fmt: skip
    doc = Document(source="test", source_ref="q1", text=text, language="en", published_at=PUBLISHED)
    (found,) = [c for c in Detector().detect(doc) if c.kind == "PREEMPTIVE"]
    assert (found.made_on, found.quoted, found.made_expression) == (date(2018, 3, 13), True, "on 13 march")
    assert made_day(found) == date(2018, 3, 13)


def test_only_the_date_made_counts_in_signals_so_an_old_claim_quoted_later_revives_nothing() -> None:
    douma = place_id("Douma")
    fresh = [claim("2018-09-19", "Douma", statement="a"), claim("2018-09-20", "Douma", statement="b")]
    # the same two statements, quoted in September articles but made in March
    quoted = [replace(c, made_on=date(2018, 3, 12 + n), quoted=True) for n, c in enumerate(fresh)]
    days = {s.day for s in compute_signals(quoted, gazetteer()) if s.place_id == douma}
    assert days == {date(2018, 3, 12), date(2018, 3, 13)}
    assert [r.warning.place_id for r in warnings_from_claims(fresh, gazetteer(), SurgeRule())] == [douma]
    assert warnings_from_claims(quoted, gazetteer(), SurgeRule()) == []  # learnt in September, made in March


def test_a_statement_quoted_a_few_days_later_counts_when_the_replay_learns_of_it() -> None:
    douma = place_id("Douma")
    claims = [
        claim("2018-09-18", "Douma", statement="a"),
        replace(claim("2018-09-21", "Douma", statement="b"), made_on=date(2018, 9, 19), quoted=True),
    ]
    (record,) = warnings_from_claims(claims, gazetteer(), SurgeRule())
    # made on the 19th, within the week, but published (and so known) only on the 21st
    assert (record.warning.place_id, record.warning.opened_at) == (douma, date(2018, 9, 21))


def test_the_store_keeps_the_date_made(store: Store) -> None:
    quoted = replace(claim("2018-09-20", "Douma", statement="a"), made_on=date(2018, 3, 13), quoted=True,
                     made_expression="on 13 march")  # fmt: skip
    store.replace_claims([quoted.document_id], [quoted], "test")
    assert list(store.iter_claims()) == [quoted]


def test_a_store_from_before_claim_dates_gains_them(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    with Store(url, migrate=False) as old:
        old.migrate(3)  # the claims table as version 3 had it (migrations are frozen DDL since version 5)
    with Store(url) as upgraded:
        assert upgraded.version() == schema.LATEST_VERSION
        kept = claim("2018-09-20", "Douma", statement="a")
        upgraded.replace_claims([kept.document_id], [kept], "test")
        assert [(c.made_on, c.quoted) for c in upgraded.iter_claims()] == [(None, False)]
