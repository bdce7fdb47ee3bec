"""The built gazetteer is kept on disk (places/cache.py): read back instead of rebuilt, never stale, never fatal."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from forewarn.places import clear_cache, load_gazetteer, regions
from forewarn.places.regions import bundled_folder

TEXT = "Militants prepare a staged chemical attack in Khan Shaykhun, Saraqib and Douma, Идлиб и Дума"


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    folder = tmp_path / "cache"
    monkeypatch.setenv("FOREWARN_CACHE_DIR", str(folder))
    clear_cache()
    yield folder
    clear_cache()  # later tests load from their own cache folder again


def found(gazetteer: object) -> list[tuple[str, int, int]]:
    return [(m.place.id, m.start, m.end) for m in gazetteer.find(TEXT)]  # type: ignore[attr-defined]


def test_a_second_process_reads_the_index_instead_of_building_it(cache_dir: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    built = load_gazetteer(["syria"])
    assert built.fingerprint and [p.name for p in cache_dir.iterdir()] == [f"{built.fingerprint}.gazetteer"]
    clear_cache()  # as a new process starts

    def no_build(*_: object) -> None:
        raise AssertionError("the index was built again")

    monkeypatch.setattr(regions, "_build", no_build)
    loaded = load_gazetteer(["syria"])
    assert loaded is not built and loaded.fingerprint == built.fingerprint
    assert found(loaded) == found(built) and len(found(built)) >= 4
    assert [p.id for p in loaded.places()] == [p.id for p in built.places()]
    assert loaded.ancestors(found(built)[0][0]) == built.ancestors(found(built)[0][0])


def test_an_edited_region_is_built_again_under_another_name(cache_dir: Path, tmp_path: Path) -> None:
    first = load_gazetteer(["syria"]).fingerprint
    mine = tmp_path / "regions" / "syria"
    shutil.copytree(str(bundled_folder().joinpath("syria")), mine)
    clear_cache()
    assert load_gazetteer(["syria"], [tmp_path / "regions"]).fingerprint == first  # the same files, the same index
    with (mine / "words.txt").open("a", encoding="utf-8") as handle:
        handle.write("\n")
    clear_cache()
    edited = load_gazetteer(["syria"], [tmp_path / "regions"])
    assert edited.fingerprint != first
    assert len(list(cache_dir.glob("*.gazetteer"))) == 2


def test_a_damaged_or_unwritable_cache_only_costs_the_build(cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    key = load_gazetteer(["syria"]).fingerprint
    (cache_dir / f"{key}.gazetteer").write_bytes(b"not a pickle")
    clear_cache()
    rebuilt = load_gazetteer(["syria"])
    assert rebuilt.fingerprint == key and len(found(rebuilt)) >= 4
    assert (cache_dir / f"{key}.gazetteer").stat().st_size > 1000  # written again, whole
    blocked = cache_dir / "blocked"
    blocked.write_text("a file where the folder should be")
    monkeypatch.setenv("FOREWARN_CACHE_DIR", str(blocked))
    clear_cache()
    assert found(load_gazetteer(["syria"])) == found(rebuilt)
