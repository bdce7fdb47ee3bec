"""Narratives as data: the bundled ones, a new one added by a data folder alone, bad files refused clearly."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from forewarn.detect import Detector
from forewarn.errors import ConfigError
from forewarn.ingest import ingest
from forewarn.lexicon import for_language
from forewarn.model import Document
from forewarn.narratives import bundled_terms, load_narratives, read_narrative
from forewarn.pipeline import process
from forewarn.screen import assign, cue_sets
from forewarn.settings import load_settings
from forewarn.store import Store
from forewarn.text import normalise

# Our own toy narrative: a staged dam breach, a shape of claim forewarn was never trained on by name.
TOY = """
[narrative]
name = "dam"
title = "Staged dam breach"
description = "A dam said to be about to be blown up by one side, to be blamed on the other."

[agents."dam breach"]
en = ['\\bdams?\\b', '\\breservoirs?\\b', '\\bhydro(?:electric)? (?:plant|station)s?\\b']
ru = ['\\bплотин\\w*', '\\bдамб\\w*', '\\bводохранилищ\\w*', '\\bгэс\\b']
"*" = ['\\bdam\\b', '\\bплотин\\w*']
"""


def test_the_bundled_narratives_load_with_the_default_first() -> None:
    narratives = load_narratives()
    assert narratives.names[0] == "chemical"
    assert {"chemical", "radiological", "biological"} <= set(narratives.names)
    for narrative in narratives:
        assert narrative.agents and narrative.examples_path is not None, narrative.name


def test_arabic_patterns_are_folded_as_text_is() -> None:
    # written with ة and أ in the file, matched against normalised text (ه, ا)
    terms = bundled_terms("ar", "radiological")
    text = normalise("حذرت موسكو من أن كييف تعد لتفجير القنبلة القذرة", "ar")
    assert any(re.search(p, text) for _, patterns in terms.agents for p in patterns)


@pytest.mark.parametrize(("text", "narrative"), [
    ("Kyiv is preparing a provocation with a dirty bomb, the ministry said.", "radiological"),
    ("Militants are preparing to stage a chlorine attack in Idlib.", "chemical"),
    ("Drones carrying pathogens are to be released near the border as a provocation.", "biological"),
])
def test_a_sentence_belongs_to_the_narrative_whose_weapon_it_names(text: str, narrative: str) -> None:
    english = for_language("en")
    assert english is not None
    owner = assign(cue_sets(english, load_narratives()), normalise(text, "en"))
    assert owner is not None and owner.narrative == narrative


def _write_toy(root: Path) -> Path:
    folder = root / "dam"
    folder.mkdir(parents=True)
    (folder / "narrative.toml").write_text(TOY, encoding="utf-8")
    return root


def test_a_narrative_added_by_a_data_folder_works_end_to_end(tmp_path: Path) -> None:
    settings = load_settings(None, db=str(tmp_path / "x.db"), narrative_dirs=str(_write_toy(tmp_path / "mine")))
    source = tmp_path / "news.jsonl"
    records = [
        {"id": "1", "date": "2023-05-30", "outlet": "TASS", "language": "en",
         "text": "Saboteurs are preparing to blow up the Nova Kakhovka dam and film the flooding to blame the "
                 "Russian army, the defence ministry said."},
        {"id": "2", "date": "2023-05-30", "outlet": "TASS", "language": "en",
         "text": "Engineers inspected the dam after heavy rain and found no damage."},
    ]
    source.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    with Store(settings.db_url) as store:
        ingest([str(source)], store, settings)
        process(store, settings)
        found = list(store.iter_claims())
    assert [(c.narrative, c.kind, c.agent) for c in found] == [("dam", "PREEMPTIVE", "dam breach")]
    assert found[0].claimant == "Russian Ministry of Defence"


def test_only_the_narratives_asked_for_are_detected(tmp_path: Path) -> None:
    text = "Kyiv is preparing a provocation with a dirty bomb, the Russian defence ministry said."
    doc = Document(source="t", source_ref="1", text=text, language="en")
    assert [c.narrative for c in Detector(load_narratives()).detect(doc)] == ["radiological"]
    assert Detector(load_narratives(["chemical"])).detect(doc) == []


def test_a_bad_narrative_file_is_refused_with_its_name(tmp_path: Path) -> None:
    folder = tmp_path / "broken"
    folder.mkdir()
    (folder / "narrative.toml").write_text('[narrative]\nname = "broken"\n[agents.x]\nen = ["(unclosed"]\n')
    with pytest.raises(ConfigError, match="broken.*does not compile"):
        read_narrative(folder)
    (folder / "narrative.toml").write_text("[narrative\n")
    with pytest.raises(ConfigError, match="not valid TOML"):
        read_narrative(folder)
    with pytest.raises(ConfigError, match="unknown narrative"):
        load_narratives(["nosuch"])
