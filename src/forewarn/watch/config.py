"""What a watched source is, and the `sources.toml` file that lists them.

```toml
[defaults]                      # optional: applies to every source below unless it says otherwise
interval = "10m"

[[source]]
name = "statenews-en"           # optional: derived from the location when left out
url = "https://statenews.example.org/en/rss.xml"
kind = "feed"                   # feed | page | folder (optional: a URL is a feed, a path a folder)
interval = "5m"                 # seconds as a number, or "90s", "5m", "2h", "1d"
language = "en"                 # hint for items that do not declare their language
outlet = "Statenews"            # stored as each item's outlet
tier = "state media"            # official | state media | relay | independent

[[source]]
url = "https://ministry.example/en/news/"
kind = "page"                   # a listing page: the article pages it links to are read
follow = "/en/news/\\d{4}/"     # regex on the link URL (default: links under the listing's own path)

[[source]]
path = "/data/drop/telegram"    # a folder where Telegram exports or other files are dropped
tier = "relay"
```
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ..errors import ConfigError, FetchError
from ..sources import is_url

KINDS = ("feed", "page", "folder")
TIERS = ("official", "state media", "relay", "independent")
UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
MIN_INTERVAL = 1.0  # seconds; tests and benchmarks poll this fast, real sources should not
NAME = re.compile(r"^[\w.@:+-]{1,100}$")


@dataclass(frozen=True)
class SourceSpec:
    """A source as the user described it (the health the watcher keeps is in book.SourceState)."""

    name: str
    kind: str
    location: str  # URL for feed and page, folder path for folder
    interval: float  # seconds
    language: str = ""
    outlet: str = ""
    tier: str = ""
    follow: str = ""
    allow_private: bool = False

    def describe(self) -> str:
        return f"{self.name} ({self.kind}, every {format_interval(self.interval)}): {self.location}"


def parse_interval(value: object, what: str = "interval") -> float:
    """Seconds from a number or '90s', '5m', '2h', '1d'."""
    if isinstance(value, bool):
        raise ConfigError(f"{what}: expected seconds or a duration like '5m', got {value!r}")
    if isinstance(value, int | float):
        seconds = float(value)
    else:
        found = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*", str(value))
        if not found:
            raise ConfigError(f"{what}: expected seconds or a duration like '90s', '5m', '2h', '1d', got {value!r}")
        seconds = float(found.group(1)) * UNITS[found.group(2) or "s"]
    if not seconds >= MIN_INTERVAL:
        raise ConfigError(f"{what}: {value!r} is under the {MIN_INTERVAL:g} s minimum")
    return seconds


def format_interval(seconds: float) -> str:
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds >= size and seconds % size == 0:
            return f"{int(seconds // size)}{unit}"
    return f"{seconds:g}s"


def normalise_tier(value: str) -> str:
    tier = " ".join(value.replace("_", " ").replace("-", " ").lower().split())
    if tier and tier not in TIERS:
        raise ConfigError(f"tier {value!r}: expected one of {', '.join(TIERS)}")
    return tier


def default_name(kind: str, location: str) -> str:
    if kind == "folder":
        return "folder:" + (Path(location).name or "root")
    parts = urlsplit(location)
    host = (parts.hostname or "").removeprefix("www.")
    path = "/".join(p for p in parts.path.split("/") if p)[:60]
    return re.sub(r"[^\w.@:+-]", "-", f"{host}:{path}" if path else host)


def make_spec(
    location: str,
    *,
    interval: float | str,
    name: str = "",
    kind: str = "",
    language: str = "",
    outlet: str = "",
    tier: str = "",
    follow: str = "",
    allow_private: bool = False,
) -> SourceSpec:
    """A checked SourceSpec: kind inferred from the location, URL scheme, folder, name, tier, pattern valid."""
    location = location.strip()
    kind = (kind or ("feed" if is_url(location) else "folder")).lower()
    if kind not in KINDS:
        raise ConfigError(f"source kind {kind!r}: expected one of {', '.join(KINDS)}")
    if kind == "folder":
        if is_url(location):
            raise ConfigError(f"{location}: a folder source takes a path, not a URL")
        location = str(Path(location).expanduser().resolve())
    else:
        from ..sources.fetch import check_scheme  # here: the fetcher brings httpx, which `forewarn --help` needs not

        try:
            check_scheme(location)  # only http(s): refused here already, not at the first poll
        except FetchError as exc:
            raise ConfigError(str(exc)) from None
    if follow:
        try:
            re.compile(follow)
        except re.error as exc:
            raise ConfigError(f"follow pattern {follow!r}: {exc}") from exc
    name = name.strip() or default_name(kind, location)
    if not NAME.match(name):
        raise ConfigError(f"source name {name!r}: use letters, digits and . @ : + - _ (up to 100)")
    if language and not re.fullmatch(r"[a-z]{2,3}", language):
        raise ConfigError(f"language {language!r}: expected an ISO 639-1 code such as 'en', 'ru', 'ar'")
    return SourceSpec(name, kind, location, parse_interval(interval), language, outlet.strip(),
                      normalise_tier(tier), follow, bool(allow_private))


SPEC_KEYS = {f.name for f in fields(SourceSpec)} | {"url", "path"}


def specs_from_toml(path: Path, default_interval: float) -> list[SourceSpec]:
    """Every [[source]] of a sources.toml file; ConfigError names the file and the source at fault."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"cannot read {path}: {exc.strerror or exc}") from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path} is not valid TOML: {exc}") from exc
    entries = data.get("source", [])
    defaults = data.get("defaults", {})
    if not isinstance(entries, list) or not isinstance(defaults, Mapping):
        raise ConfigError(f"{path}: expected [[source]] tables and an optional [defaults] table")
    specs = [_spec(path, i, {**defaults, **entry}, default_interval) for i, entry in enumerate(entries, 1)]
    names = [s.name for s in specs]
    doubled = sorted({n for n in names if names.count(n) > 1})
    if doubled:
        raise ConfigError(f"{path}: source names must be unique; repeated: {', '.join(doubled)}")
    return specs


def _spec(path: Path, index: int, entry: Any, default_interval: float) -> SourceSpec:
    where = f"{path}, source {index}"
    if not isinstance(entry, Mapping):
        raise ConfigError(f"{where}: expected a table")
    unknown = sorted(set(entry) - SPEC_KEYS)
    if unknown:
        raise ConfigError(f"{where}: unknown key(s) {', '.join(unknown)}; known: {', '.join(sorted(SPEC_KEYS))}")
    location = entry.get("url") or entry.get("path") or entry.get("location")
    if not isinstance(location, str) or not location:
        raise ConfigError(f"{where}: needs url = \"...\" (feed, page) or path = \"...\" (folder)")
    values = {k: v for k, v in entry.items() if k not in ("url", "path", "location")}
    for key, value in values.items():
        if key != "interval" and not isinstance(value, str | bool):
            raise ConfigError(f"{where}: {key} must be a string, got {value!r}")
    if "path" in entry and "kind" not in values:
        values["kind"] = "folder"
    try:
        return make_spec(location, interval=values.pop("interval", default_interval), **values)
    except ConfigError as exc:
        raise ConfigError(f"{where}: {exc}") from None


def to_toml(specs: Iterable[SourceSpec]) -> str:
    """sources.toml text for these sources (what `forewarn sources list --toml` prints)."""
    blocks = []
    for spec in specs:
        lines = ["[[source]]", f"name = {_quote(spec.name)}",
                 f"{'path' if spec.kind == 'folder' else 'url'} = {_quote(spec.location)}",
                 f"kind = {_quote(spec.kind)}", f"interval = {_quote(format_interval(spec.interval))}"]
        lines += [f"{key} = {_quote(getattr(spec, key))}" for key in ("language", "outlet", "tier", "follow")
                  if getattr(spec, key)]
        if spec.allow_private:
            lines.append("allow_private = true")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"


def _quote(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    escaped = "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in escaped)
    return f'"{escaped}"'

