"""Safe terminal output: every CLI command prints untrusted text (outlets, claimants, titles, paths, error
messages) through this module.

Two dangers, both closed here:
- Rich markup: a claimant such as ``[/]`` or ``[link=javascript:…]`` must not be read as markup. Every
  console made here has markup, emoji codes and highlighting off; text is printed verbatim.
- Terminal control: an escape sequence in a headline (``\\x1b]8;;http://evil\\x07`` makes a hidden link, colour
  codes repaint the screen, ``\\r`` or backspaces overwrite what was printed, a right-to-left override reorders
  it) must never reach the terminal. ``safe()`` replaces each such character with a visible escape
  (``\\x1b``, ``\\u202e``), so the analyst sees that it was there.

API for commands (and for tables built on top):
- ``safe(value, newlines=True)``: the sanitised string (use ``newlines=False`` for one-line cells).
- ``plain(value, style="")``: a ``rich.text.Text`` of the sanitised string: a table cell or a styled part.
- ``console(stderr=False)``: a ``rich.console.Console`` with markup, emoji and highlighting off.
- ``print_error(message, console)``: ``error: <message>`` with the message never interpreted, and passwords
  and SQL dumps removed (``redact``).
- ``debug_logging(console)``: with --debug, the "forewarn" logger's tracebacks on that console, sanitised.
- ``json_text(value)``: JSON for stdout; C1 controls and bidi overrides escaped as ``\\uXXXX`` (JSON already
  escapes C0 controls), lone surrogates too, so piping ``--json`` output to a terminal is safe as well.
"""

from __future__ import annotations

import json
import logging
import re
from typing import Any

from rich.console import Console
from rich.text import Text

# C0 controls (tab and newline are allowed separately), DEL, C1 controls, lone surrogates, and the Unicode
# bidirectional controls and line/paragraph separators, which reorder or break what the terminal shows.
BIDI_AND_SEPARATORS = r"\u2028\u2029\u202a-\u202e\u2066-\u2069"  # not the RLM/LRM marks of Arabic text
UNSAFE = re.compile(rf"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff{BIDI_AND_SEPARATORS}]")
UNSAFE_ONE_LINE = re.compile(rf"[\x00-\x1f\x7f-\x9f\ud800-\udfff{BIDI_AND_SEPARATORS}]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if match.group() == "\n":
        return "\\n"
    if match.group() == "\t":
        return "\\t"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def safe(value: object, *, newlines: bool = True) -> str:
    """`value` as text with every terminal control character shown as a visible escape."""
    text = value if isinstance(value, str) else str(value)
    return (UNSAFE if newlines else UNSAFE_ONE_LINE).sub(_escape, text)


def plain(value: object, style: str = "", *, newlines: bool = True) -> Text:
    """A Rich Text holding the sanitised value: markup inside it is never interpreted."""
    return Text(safe(value, newlines=newlines), style=style)


def console(*, stderr: bool = False) -> Console:
    """A console that prints strings verbatim: no markup, no emoji codes, no automatic highlighting."""
    return Console(stderr=stderr, markup=False, emoji=False, highlight=False, soft_wrap=True)


# user:password in a URL; SQLAlchemy's appendices (the statement, its parameters, the "background" link)
URL_PASSWORD = re.compile(r"(?P<head>[a-zA-Z][a-zA-Z0-9+.-]*://[^:/@\s]*):[^@\s/]*@")
SQLALCHEMY_NOISE = re.compile(
    r"\s*\[SQL: .*?\](?=\s*(\[|\(Background|$))|\s*\[parameters: .*?\](?=\s*(\(Background|$))"
    r"|\s*\(Background on this error at: [^)]*\)",
    re.DOTALL,
)


def redact(message: object) -> str:
    """An error message fit to show: passwords in URLs masked, SQL statements, parameters and library
    "background" links dropped (they repeat data and internals, never help the user)."""
    text = URL_PASSWORD.sub(r"\g<head>:***@", str(message))
    return SQLALCHEMY_NOISE.sub("", text).strip()


def print_error(message: object, to: Console, *, label: str = "error") -> None:
    """`error: message` in bold red; the message (paths, user input, exception text) is printed literally,
    with secrets masked (see `redact`)."""
    to.print(Text.assemble((f"{label}:", "bold red"), " ", plain(redact(message))))


JSON_UNSAFE = re.compile(rf"[\x7f-\x9f\ud800-\udfff{BIDI_AND_SEPARATORS}]")


def json_text(value: Any) -> str:
    """Indented JSON, non-ASCII kept readable, but characters a terminal would act on escaped."""
    text = json.dumps(value, ensure_ascii=False, indent=2, default=str)
    return JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


class _SafeHandler(logging.Handler):
    """Log records (with tracebacks) on a console, sanitised: they quote the input that caused them."""

    def __init__(self, to: Console) -> None:
        super().__init__(logging.DEBUG)
        self.to = to
        self.setFormatter(logging.Formatter("debug: %(name)s: %(message)s"))

    def emit(self, record: logging.LogRecord) -> None:
        self.to.print(safe(redact(self.format(record))))


def debug_logging(to: Console) -> None:
    """--debug: forewarn's debug log (the tracebacks of records and sources that failed unexpectedly) on `to`."""
    logger = logging.getLogger("forewarn")
    if not any(isinstance(h, _SafeHandler) for h in logger.handlers):
        logger.addHandler(_SafeHandler(to))
    logger.setLevel(logging.DEBUG)
