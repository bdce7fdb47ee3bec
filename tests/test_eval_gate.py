"""`forewarn eval` and how gold hints are compared (the quality gates themselves: tests/test_claim_model.py)."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from typer.testing import CliRunner

from forewarn.cli import (
    app,
    commands,  # noqa: F401  (registers every command)
)
from forewarn.errors import ConfigError
from forewarn.evaluate import check_accused, check_agent, check_claimant, check_governorate, check_stance

runner = CliRunner()


def test_gold_hints_are_compared_leniently_but_honestly() -> None:
    from forewarn.detect import Detector as D
    from forewarn.model import Document

    claims = D().detect(Document(source="t", source_ref="1", language="en",
                                 text="White Helmets plotting false flag chemical attack in Saraqib"))
    assert check_governorate("Idlib", claims) is True
    assert check_governorate("Hama; Idlib", claims) is True
    assert check_governorate("Aleppo", claims) is False
    assert check_governorate("somewhere unknown", claims) is None  # an unresolvable hint is not scored
    assert check_accused("White Helmets;militants/terrorists", claims) is True
    assert check_accused("UK", claims) is False
    assert check_agent("unspecified chemical", claims) is True
    assert check_agent("sarin (Khan Sheikhoun)", claims) is False
    assert check_claimant("Russian UN envoy (Nebenzia)", [replace(claims[0], claimant="Russian UN mission")])
    assert check_claimant("Zakharova", [replace(claims[0], claimant="Russian Foreign Ministry")])
    assert check_claimant("Russian Ministry of Defence", [replace(claims[0], claimant="Syrian Arab Army")]) is False
    assert check_stance("reported", [replace(claims[0], stance="reported")]) is True
    assert check_stance("", claims) is None


def _labelled_file(tmp_path: Path) -> Path:
    lines = [
        {"id": "a", "title": "Terrorists preparing chemical provocation in Idlib", "text": "", "date": "2018-09-01",
         "label": "PREEMPTIVE", "governorate": "Idlib", "place": "Idlib", "agent": "unspecified chemical",
         "accused": "terrorists"},
        {"id": "b", "text": "The chemical attack in Douma was staged by the White Helmets", "label": "RETROSPECTIVE",
         "place": "Douma", "agent": "chlorine", "accused": "White Helmets"},
        {"id": "c", "text": "Wheat prices rose in Aleppo", "label": "OTHER"},
    ]
    path = tmp_path / "labelled.jsonl"
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    return path


def test_eval_command_json_and_predictions(tmp_path: Path) -> None:
    path = _labelled_file(tmp_path)
    predictions = tmp_path / "predictions.jsonl"
    result = runner.invoke(app, ["eval", str(path), "--json", "--predictions", str(predictions)])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert set(report) >= {"per_class", "confusion", "fields"}
    assert report["per_class"]["PREEMPTIVE"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0, "support": 1}
    assert report["confusion"]["RETROSPECTIVE"]["RETROSPECTIVE"] == 1
    assert report["fields"]["governorate"] == 1.0
    rows = [json.loads(line) for line in predictions.read_text(encoding="utf-8").splitlines()]
    assert [(r["id"], r["predicted"]) for r in rows] == [("a", "PREEMPTIVE"), ("b", "RETROSPECTIVE"), ("c", "OTHER")]
    assert rows[0]["claims"][0]["places"][0]["governorate_id"] == "SY-ID"


def test_eval_command_table_and_bad_input(tmp_path: Path) -> None:
    table = runner.invoke(app, ["eval", str(_labelled_file(tmp_path))])
    assert table.exit_code == 0 and "PREEMPTIVE" in table.stdout and "governorate" in table.stdout
    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"id": "x", "text": "t", "label": "MAYBE"}\n', encoding="utf-8")
    bad = runner.invoke(app, ["eval", str(broken)])
    assert bad.exit_code != 0 and isinstance(bad.exception, ConfigError)
