"""Every command the CLI offers is documented in the README (as in datasette's documentation tests)."""

from __future__ import annotations

import re

import typer.main

from forewarn.cli import app, commands  # noqa: F401  (importing commands registers them)

from .conftest import REPO


def command_names() -> set[str]:
    group = typer.main.get_command(app)
    names: set[str] = set()
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        names.add(name)
        for sub in getattr(command, "commands", {}):
            names.add(f"{name} {sub}")
    return names


def test_every_command_is_in_the_readme() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    documented: set[str] = set()
    for words in re.findall(r"`forewarn ([a-z]+(?: [a-z]+)?)", readme):
        documented.update({words, words.split()[0]})
    missing = sorted(n for n in command_names() if n not in documented)
    assert not missing, f"commands missing from README.md: {missing}"


def test_every_command_has_help() -> None:
    group = typer.main.get_command(app)
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        assert (command.help or "").strip(), f"forewarn {name} has no help text"
