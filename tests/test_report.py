from __future__ import annotations

from pathlib import Path

import matplotlib.image
from markupsafe import escape

from forewarn.backtest import run_backtest
from forewarn.report import write_report
from forewarn.warning import SurgeRule

from .synthetic import claim, gazetteer
from .test_backtest import INCIDENTS, story


def test_report_writes_a_page_with_the_rule_the_table_and_readable_charts(tmp_path: Path) -> None:
    rule = SurgeRule()
    result = run_backtest(story(), INCIDENTS, gazetteer(), rule)
    page = write_report(result, tmp_path / "report")
    html = page.read_text(encoding="utf-8")
    assert str(escape(rule.describe())) in html
    assert "Precision (hits / warnings)" in html and "naive baseline" in html
    assert "Douma" in html and "false alarm" in html
    for name in ("timeline.png", "narrative.png"):
        assert f'src="{name}"' in html
        pixels = matplotlib.image.imread(tmp_path / "report" / name)
        height, width = pixels.shape[:2]
        assert width >= 1200 and height >= 300
        assert pixels.std() > 0.01  # something was drawn


def test_untrusted_text_is_escaped(tmp_path: Path) -> None:
    hostile = '<script>alert("x")</script>'
    claims = [*story(), claim("2018-02-14", "Douma", statement="d9", outlet=hostile)]
    page = write_report(run_backtest(claims, INCIDENTS, gazetteer(), SurgeRule()), tmp_path)
    html = page.read_text(encoding="utf-8")
    assert hostile not in html and "&lt;script&gt;" in html
