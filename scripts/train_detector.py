"""Rebuild the shipped claim model (src/forewarn/data/model/claims.json + claims-examples.npz).

    .venv/bin/python scripts/train_detector.py [--C 1.0] [--output DIR]

Trains on `forewarn.corpora.TRAINING_SETS`: the labelled EUvsDisinfo/FA-KES texts (../shared/data/labels/
dev.jsonl), the training part of ../shared/data/realweb/realweb.jsonl (its fixed test part is never read), every
narrative's examples.jsonl and our own earlier sets in tests/data; never the held-out sets
(`forewarn.corpora.HELD_OUT_SETS`). The model is plain numbers, deterministic for the same inputs; only the
nearest-example evidence keeps per-example vectors, and only of texts we wrote ourselves. Honest figures for this
recipe come from scripts/validate_detector.py (grouped cross-validation, time split, held-out sets).
"""

from __future__ import annotations

import argparse
import hashlib
import json
from pathlib import Path

from forewarn.classify import shipped_model_directory
from forewarn.corpora import load_training
from forewarn.narratives import load_narratives
from forewarn.training import fit_claim_model

REPO = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--C", type=float, default=1.0, help="inverse regularisation strength")
    parser.add_argument("--output", type=Path, default=shipped_model_directory())
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared" / "data")
    args = parser.parse_args()

    corpus = load_training(args.shared, REPO)
    digest = hashlib.sha256()
    for row in corpus.rows:
        digest.update(f"{row.set_name}|{row.document.source_ref}|{row.label}".encode())
    meta = {"trained_on": {name: count for name, count in corpus.counts().items()},
            "training_digest": digest.hexdigest()[:16]}
    model = fit_claim_model(corpus.documents, corpus.labels, load_narratives(), C=args.C, groups=corpus.groups,
                            example_ids=corpus.own_example_ids(), meta=meta, stances=corpus.stances)
    model_path, examples_path = model.to_files(args.output)
    print(json.dumps(meta, indent=2))
    print(f"wrote {model_path} ({model_path.stat().st_size // 1024} KiB) and {examples_path} "
          f"({examples_path.stat().st_size // 1024} KiB, {len(model.example_ids)} example sentences)")


if __name__ == "__main__":
    main()
