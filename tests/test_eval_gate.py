"""The quality gate on real labelled data (skipped without ../shared), and the `forewarn eval` command."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from forewarn.cli import (
    app,
    commands,  # noqa: F401  (registers every command)
)
from forewarn.detect import Detector
from forewarn.errors import ConfigError
from forewarn.evaluate import check_accused, check_agent, check_governorate, cross_validate, evaluate, read_labelled

from .conftest import REPO

FLOORS = tomllib.loads((REPO / "tests" / "floors.toml").read_text(encoding="utf-8"))
runner = CliRunner()


@pytest.fixture(scope="module")
def dev_rows():  # type: ignore[no-untyped-def]
    path = REPO.parent / "shared" / "data" / "labels" / "dev.jsonl"
    if not path.is_file():
        pytest.skip("../shared/data is not present: the quality gate needs the labelled set")
    return read_labelled(path)


@pytest.mark.shared
def test_dev_set_meets_the_floors(shared_data: Path, dev_rows) -> None:  # type: ignore[no-untyped-def]
    report = evaluate(dev_rows, Detector())
    floors = FLOORS["dev"]
    assert report.per_class["PREEMPTIVE"]["f1"] >= floors["preemptive_f1"], report.per_class
    assert report.per_class["RETROSPECTIVE"]["f1"] >= floors["retrospective_f1"], report.per_class
    assert (report.fields["governorate"] or 0) >= floors["governorate_accuracy"], report.fields


@pytest.mark.shared
@pytest.mark.slow
def test_cross_validated_estimate_meets_its_floors(shared_data: Path, dev_rows) -> None:  # type: ignore[no-untyped-def]
    """The shipped model has seen dev.jsonl; this is the figure that says whether it learnt or memorised."""
    report = cross_validate(dev_rows)
    floors = FLOORS["cross_validated"]
    assert report["per_class"]["PREEMPTIVE"]["f1"] >= floors["preemptive_f1"], report["per_class"]
    assert report["per_class"]["RETROSPECTIVE"]["f1"] >= floors["retrospective_f1"], report["per_class"]


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
