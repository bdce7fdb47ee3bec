"""One whole process of place matching, for timing side by side with farm-bench: import, load the gazetteer,
`find` over the FA-KES news in 5 KB pieces; prints the number of matches (so both sides can be checked equal).

    farm-bench -n 5 --vs ".venv/bin/python bench/places_process.py OLD/src" -- \\
        .venv/bin/python bench/places_process.py src syria

SRC is any checkout's `src` folder (an older tree without regions loads its one gazetteer); REGIONS a
comma-separated selection (default: every bundled region). Needs ../shared/data/fakes.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "data"


def main(src: str, regions: str = "") -> None:
    sys.path.insert(0, src)
    from forewarn import places

    load = getattr(places, "load_gazetteer", None)
    gazetteer = load(regions.split(",")) if load and regions else places.Gazetteer.default()
    with (SHARED / "fakes" / "fakes.csv").open(encoding="utf-8", errors="replace") as handle:
        text = "\n".join(row["article_title"] + "\n" + row["article_content"] for row in csv.DictReader(handle))
    docs = [text[i : i + 5000] for i in range(0, len(text) - 4999, 5000)]
    print(sum(len(gazetteer.find(doc)) for doc in docs))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else str(Path(__file__).resolve().parent.parent / "src"), *sys.argv[2:3])
