"""Gazetteer load time/memory and `Gazetteer.find` throughput, per region selection.

    .venv/bin/python bench/places.py [--regions syria]      # the default: every bundled region

English: the FA-KES news articles in ../shared/data/fakes (skipped when absent), cut into ~5 KB pieces.
Russian, Arabic and Ukrainian (and Russian about Ukraine): sentences written for this benchmark, repeated into
~5 KB pieces.
"""

from __future__ import annotations

import argparse
import csv
import resource
import sys
import time
import tracemalloc
from collections import Counter
from pathlib import Path

SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "data"

RUSSIAN = (
    "По данным Центра по примирению, боевики готовят провокацию с применением отравляющих веществ в Идлибе. "
    "Ранее сообщалось о доставке хлора в Джиср-эш-Шугур и в Хан-Шейхун. Депутаты Госдумы обсудили ситуацию "
    "в Восточной Гуте и в Думе, а также положение в провинции Хама и в Латакии. "
)
UKRAINIAN = (
    "За даними джерел, бойовики готують провокацію із застосуванням хімічної зброї у Краматорську та "
    "Слов'янську. Раніше повідомлялося про обстріли Запорізької АЕС в Енергодарі, а також у Харкові, "
    "на Сумщині та в Донецькій області. Президент заявив, що перемога буде за нами. "
)
RUSSIAN_UKRAINE = (
    "Министерство обороны сообщает, что украинские националисты готовят провокацию с применением "
    "отравляющих веществ в Краматорске и Славянске, а также на Запорожской АЭС в Энергодаре. Ранее "
    "поступали сведения о доставке хлора в Харьков и Артемовск. Депутаты Госдумы обсудили ситуацию. "
)
ARABIC = (
    "أفادت مصادر بأن المسلحين يحضرون لهجوم كيميائي مفبرك في إدلب وفي جسر الشغور، كما نقلوا غاز الكلور إلى "
    "خان شيخون. وفي الغوطة الشرقية ودوما استمرت الاشتباكات، بينما ناقش مجلس الدوما الروسي الوضع في حلب وحماة. "
)


def pieces(text: str, size: int = 5000) -> list[str]:
    return [text[i : i + size] for i in range(0, len(text) - size + 1, size)]


def english_pieces() -> list[str]:
    path = SHARED / "fakes" / "fakes.csv"
    if not path.exists():
        return []
    with path.open(encoding="utf-8", errors="replace") as handle:
        text = "\n".join(row["article_title"] + "\n" + row["article_content"] for row in csv.DictReader(handle))
    return pieces(text)


def throughput(gazetteer: object, docs: list[str]) -> tuple[float, int]:
    find = gazetteer.find  # type: ignore[attr-defined]
    for doc in docs[:50]:
        find(doc)
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        matches = sum(len(find(doc)) for doc in docs)
        best = min(best, time.perf_counter() - start)
    kilobytes = sum(len(doc.encode("utf-8")) for doc in docs) / 1000
    return best * 1000 / kilobytes, matches


def main() -> None:
    parser = argparse.ArgumentParser(description="gazetteer load and find throughput")
    parser.add_argument("--regions", default="", help="comma-separated regions (default: every bundled one)")
    regions = [r for r in parser.parse_args().regions.split(",") if r] or None
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
    start = time.perf_counter()
    from forewarn.places import load_gazetteer

    imported = time.perf_counter()
    gazetteer = load_gazetteer(regions)
    built = time.perf_counter()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1000
    from forewarn.places import clear_cache, token_forms

    clear_cache()
    token_forms.cache_clear()
    tracemalloc.start()
    load_gazetteer(regions)
    size, peak = (value / 1e6 for value in tracemalloc.get_traced_memory())
    tracemalloc.stop()
    print(f"regions: {', '.join(gazetteer.regions)} (+ world); {len(list(gazetteer.places()))} places")
    levels = Counter((p.country, p.level) for p in gazetteer.places() if p.country in {"SY", "UA"})
    print("  " + "; ".join(f"{country} {level} {n}" for (country, level), n in sorted(levels.items())))
    print(
        f"import forewarn.places {imported - start:.2f} s; load_gazetteer() {built - imported:.2f} s; "
        f"gazetteer memory {size:.0f} MB (peak {peak:.0f} MB while building); process RSS {rss:.0f} MB"
    )
    del gazetteer
    print(f"{'corpus':<10} {'pieces':>7} {'ms/KB':>7} {'ms/5KB':>7} {'matches':>8}")
    gazetteer = load_gazetteer(regions)
    for name, docs in (
        ("English", english_pieces()),
        ("Russian", pieces(RUSSIAN * 100)),
        ("Arabic", pieces(ARABIC * 100)),
        ("Ukrainian", pieces(UKRAINIAN * 100)),
        ("Russian-UA", pieces(RUSSIAN_UKRAINE * 100)),
    ):
        if not docs:
            print(f"{name:<10} skipped (../shared/data absent)")
            continue
        per_kb, matches = throughput(gazetteer, docs)
        print(f"{name:<10} {len(docs):>7} {per_kb:>7.3f} {per_kb * 5:>7.2f} {matches:>8}")


if __name__ == "__main__":
    main()
