"""Which lexicon and narrative alternatives match no labelled text, or only one — a report, not a ban.

    .venv/bin/python scripts/lexicon_report.py [--json] [--show 20]

Every top-level alternative of every cue family (language packs) and of every narrative's agent and context
patterns is matched against the normalised text of every labelled set we have (training and held-out, ours and
../shared/data). An alternative that matches nothing may still be right (a spelling nobody wrote yet); one that
matches a single text may have been written for it. Since cues are features of the learned model, not verdicts,
such alternatives cost little — but they are where to look when a lexicon is cleaned up.
"""

from __future__ import annotations

import argparse
import json
import re
from collections import defaultdict
from pathlib import Path

from forewarn.corpora import HELD_OUT_SETS, TRAINING_SETS, load_sets
from forewarn.lexicon import available_languages, for_language
from forewarn.lexicon._compact import top_level_alternatives
from forewarn.narratives import load_narratives
from forewarn.text import normalise

REPO = Path(__file__).resolve().parent.parent


def alternatives() -> list[tuple[str, str, str, str]]:
    """(language, owner, family, alternative) for every alternative of every pattern."""
    out: list[tuple[str, str, str, str]] = []
    for language in available_languages():
        lexicon = for_language(language)
        assert lexicon is not None
        families: dict[str, tuple[str, ...]] = {
            "staging": lexicon.staging, "prospective": lexicon.prospective, "retrospective": lexicon.retrospective,
            "reported": lexicon.reported, "negation": lexicon.negation, "evidence": lexicon.evidence,
            "claimant": tuple(p for ps in lexicon.claimants.values() for p in ps),
            "accused": tuple(p for ps in lexicon.accused.values() for p in ps), **dict(lexicon.extra),
        }
        for family, patterns in families.items():
            out += [(language, f"pack:{language}", family, alt) for p in patterns for alt in _split(p)]
    for narrative in load_narratives():
        for agent, table in narrative.agents.items():
            out += [(lang, f"narrative:{narrative.name}", f"agent:{agent}", alt)
                    for lang, patterns in table.items() for p in patterns for alt in _split(p)]
        out += [(lang, f"narrative:{narrative.name}", "context", alt)
                for lang, patterns in narrative.context.items() for p in patterns for alt in _split(p)]
    return out


def _split(pattern: str) -> list[str]:
    """Top-level alternatives, with a shared anchor group opened up (`\\b(?:a|b)` → `\\ba`, `\\bb`)."""
    found = []
    for alternative in top_level_alternatives(pattern):
        grouped = re.fullmatch(r"(\\b|\(\?<!\\w\))\(\?:(.*)\)", alternative)
        if grouped:
            found += [grouped.group(1) + inner for inner in top_level_alternatives(grouped.group(2))]
        else:
            found.append(alternative)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--show", type=int, default=20, help="alternatives listed per owner and count")
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared" / "data")
    args = parser.parse_args()
    corpus = load_sets((*TRAINING_SETS, *HELD_OUT_SETS), args.shared, REPO)
    texts: dict[str, list[str]] = defaultdict(list)
    for row in corpus.rows:
        language = row.document.language or "en"
        texts[language].append(normalise(f"{row.document.title}\n{row.document.text}", language))
    report: dict[str, dict[str, list[str]]] = defaultdict(lambda: {"none": [], "one": [], "total": []})
    for language, owner, family, alternative in alternatives():
        try:
            compiled = re.compile(alternative)
        except re.error:
            continue  # a fragment that only compiles inside its group (lookbehind pieces): not counted
        hits = sum(1 for text in texts.get(language, []) if compiled.search(text))
        key = f"{owner} ({language})"
        report[key]["total"].append(alternative)
        if hits <= 1:
            report[key]["none" if hits == 0 else "one"].append(f"{family}: {alternative}")
    summary = {key: {"alternatives": len(v["total"]), "match_none": len(v["none"]), "match_one": len(v["one"]),
                     "examples_none": v["none"][: args.show], "examples_one": v["one"][: args.show]}
               for key, v in sorted(report.items())}
    if args.json:
        print(json.dumps(summary, indent=1, ensure_ascii=False))
        return
    print(f"{'owner':32} {'alternatives':>12} {'match none':>11} {'match one':>10}  texts in the language")
    for key, row in summary.items():
        language = key.rsplit("(", 1)[1].rstrip(")")
        print(f"{key:32} {row['alternatives']:>12} {row['match_none']:>11} {row['match_one']:>10}  "
              f"{len(texts.get(language, []))}")


if __name__ == "__main__":
    main()
