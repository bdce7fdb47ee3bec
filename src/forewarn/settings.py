"""One settings object, built from defaults, then a TOML config file, then explicit overrides (flags).

Only this module looks at the environment (FOREWARN_CONFIG, FOREWARN_DB), so the rest of the code takes
its settings as arguments and stays testable.
"""

from __future__ import annotations

import ipaddress
import math
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from .errors import ConfigError

DEFAULT_CONFIG_NAME = "forewarn.toml"


@dataclass(frozen=True)
class Settings:
    db: str = "forewarn.db"  # a SQLite path or an SQLAlchemy URL
    batch_size: int = 500  # documents written per transaction
    max_fetch_bytes: int = 20_000_000
    fetch_timeout: float = 20.0  # seconds for each connect and each read
    fetch_deadline: float = 60.0  # wall-clock seconds for a whole fetch (redirects and body): slow servers are dropped
    user_agent: str = "forewarn/0.1 (+early-warning research tool)"
    allow_private: bool = False  # allow fetching loopback/private addresses (tests, intranet feeds)
    allow_networks: str = ""  # comma-separated CIDRs fetched even though private, e.g. "10.20.0.0/16"
    ca_bundle: str = ""  # PEM file of the certificate authorities HTTPS sources are checked against ("" = certifi)
    max_file_bytes: int = 2_000_000_000  # files larger than this are refused, not read
    max_record_chars: int = 2_000_000  # a single record's text beyond this is quarantined
    max_quarantined_per_source: int = 1_000  # bad records of one source stored one by one; the rest counted
    horizon_days: int = 60  # backtest: how long after a warning opens an attack counts as caught
    quiet_days: int = 21  # a warning closes after this many days without new evidence
    false_alarms_per_place_year: float = 0.5  # the warning threshold's budget (see README)
    report_dir: str = "forewarn-report"
    parse_timeout: float = 60.0  # seconds: a feed, HTML page or JSON array taking longer is stopped
    max_html_bytes: int = 10_000_000  # HTML pages larger than this are refused before parsing
    max_html_elements: int = 6_000  # after dropping scripts and unwrapping inline tags (the extractor is quadratic)
    max_feed_elements: int = 20_000  # HTML elements in a whole feed, after unwrapping inline tags (~0.3 ms each)
    regions: tuple[str, ...] = ()  # gazetteer regions ("syria", "ukraine"); empty: every region found
    region_dirs: tuple[str, ...] = ()  # folders holding user regions (docs/places.md); the bundled ones always

    serve_host: str = "127.0.0.1"  # forewarn serve: loopback unless asked otherwise
    serve_port: int = 8765
    api_token: str = ""  # forewarn serve: the token writes need ("" = one is made up at start and printed)
    max_upload_bytes: int = 50_000_000  # forewarn serve: an upload over this is refused (HTTP 413)
    export_tlp: str = "clear"  # the TLP marking on STIX/MISP/TAXII exports: clear (white), green, amber, red
    export_opencti_narratives: bool = True  # STIX: add OpenCTI's `narrative` objects (an OpenCTI extension)

    # forewarn watch (docs/watch.md)
    watch_concurrency: int = 8  # sources fetched at once
    watch_interval: float = 600.0  # seconds between polls of a source that does not set its own interval
    watch_max_backoff: float = 21600.0  # a failing source is retried at least this often (seconds)
    watch_stale_factor: float = 4.0  # stale: nothing new for this many times the source's usual gap
    watch_stale_default: float = 172800.0  # the usual gap assumed until a source has shown its own (seconds)
    alert_log: str = "forewarn-alerts.jsonl"  # every alert, one JSON object a line
    alert_webhook: str = ""  # POST each alert as JSON to this URL
    alert_command: str = ""  # run this command for each alert, the alert as JSON on its stdin
    # Detection (part of the detector version: changing one re-detects stored documents).
    narratives: tuple[str, ...] = ()  # the narratives to detect; () = every bundled and user narrative
    narrative_dirs: tuple[str, ...] = ()  # folders of user narratives (each a folder with narrative.toml)
    detector_model: str = ""  # a folder written by scripts/train_detector.py; "" = the shipped model
    preemptive_threshold: float = 0.5  # calibrated probability a candidate needs to be a pre-emptive claim
    retrospective_threshold: float = 0.5  # … and a retrospective one

    def __post_init__(self) -> None:
        for name, (low, high) in RANGES.items():
            value = getattr(self, name)
            if not isinstance(value, int | float) or isinstance(value, bool) or not math.isfinite(value) \
                    or not low <= value <= high:  # fmt: skip
                raise ConfigError(f"setting {name!r} must be a number from {low:,} to {high:,}, not {value!r}")
        for name in ("db", "user_agent", "report_dir"):
            value = getattr(self, name)
            if not isinstance(value, str) or not value.strip() or any(c in value for c in "\r\n\x00"):
                raise ConfigError(f"setting {name!r} must be a non-empty single line, not {value!r}")
        for name in ("regions", "region_dirs", "narratives", "narrative_dirs"):
            value = getattr(self, name)
            if not isinstance(value, tuple) or not all(
                isinstance(item, str) and item.strip() and not any(c in item for c in "\r\n\x00") for item in value
            ):
                raise ConfigError(f"setting {name!r} must be a list of non-empty single-line strings, not {value!r}")
        if not isinstance(self.export_tlp, str) or self.export_tlp.casefold() not in TLP_LEVELS:
            raise ConfigError(f"setting 'export_tlp' is one of {', '.join(TLP_LEVELS)} (the TLP levels STIX 2.1 "
                              f"defines), not {self.export_tlp!r}")
        for part in filter(None, (p.strip() for p in str(self.allow_networks).split(","))):
            try:
                ipaddress.ip_network(part, strict=False)
            except ValueError:
                raise ConfigError(f"setting 'allow_networks': {part!r} is not a network such as 10.20.0.0/16") \
                    from None

    @property
    def db_url(self) -> str:
        return self.db if "://" in self.db else f"sqlite:///{self.db}"


TLP_LEVELS = ("clear", "white", "green", "amber", "red")  # "clear" is TLP 2.0's name for STIX 2.1's TLP:WHITE
# the allowed range of each numeric setting (a negative size, count or time is always a mistake)
RANGES: dict[str, tuple[float, float]] = {
    "batch_size": (1, 1_000_000),
    "max_fetch_bytes": (1, 1 << 40),
    "fetch_timeout": (0.001, 86_400),
    "max_file_bytes": (1, 1 << 50),
    "max_record_chars": (1, 1 << 40),
    "max_quarantined_per_source": (1, 1 << 40),
    "horizon_days": (1, 3650),
    "quiet_days": (1, 3650),
    "false_alarms_per_place_year": (1e-9, 1e6),
    "parse_timeout": (0.001, 86_400),
    "max_html_bytes": (1, 1 << 40),
    "max_html_elements": (1, 1 << 31),
    "serve_port": (1, 65_535),
    "max_upload_bytes": (1, 1 << 40),
    "fetch_deadline": (0.001, 86_400),
    "watch_concurrency": (1, 1000),
    "watch_interval": (1, 365 * 86_400),
    "watch_max_backoff": (1, 365 * 86_400),
    "watch_stale_factor": (1, 1000),
    "watch_stale_default": (1, 365 * 86_400),
    "preemptive_threshold": (0.0, 1.0),
    "retrospective_threshold": (0.0, 1.0),
    "max_feed_elements": (1, 1 << 31),
}
BOOL_WORDS = {"1": True, "true": True, "yes": True, "on": True, "0": False, "false": False, "no": False, "off": False}


def _coerce(name: str, value: Any) -> Any:
    kinds = {f.name: f.type for f in fields(Settings)}
    if name not in kinds:
        raise ConfigError(f"unknown setting {name!r}; known: {', '.join(sorted(kinds))}")
    default = getattr(Settings(), name)
    try:
        if isinstance(default, bool):
            return value if isinstance(value, bool) else BOOL_WORDS[str(value).strip().lower()]
        if isinstance(default, int) and isinstance(value, float) and not value.is_integer():
            raise ValueError("a whole number is needed")
        if isinstance(value, bool) and not isinstance(default, bool):
            raise ValueError("true/false is not a number")
        if isinstance(default, tuple):  # a TOML list, or a comma-separated string from a flag or variable
            items = value.split(",") if isinstance(value, str) else list(value)
            return tuple(str(item).strip() for item in items if str(item).strip())
        return type(default)(value)
    except KeyError:
        raise ConfigError(f"setting {name!r}: {value!r} is not true or false") from None
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"setting {name!r}: cannot use {value!r} ({exc})") from exc


def read_config(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except OSError as exc:
        raise ConfigError(f"cannot read config file {path}: {exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"config file {path} is not valid TOML: {exc}") from exc
    except UnicodeDecodeError as exc:  # TOML files are UTF-8 by definition
        raise ConfigError(f"config file {path} is not UTF-8 text (byte {exc.start}): save it as UTF-8") from exc
    section = data.get("forewarn", data)
    return dict(section) if isinstance(section, Mapping) else {}


def load_settings(config: str | Path | None = None, **overrides: Any) -> Settings:
    """Defaults < config file (explicit, $FOREWARN_CONFIG or ./forewarn.toml) < $FOREWARN_DB < overrides."""
    values: dict[str, Any] = {}
    path = Path(config) if config else Path(os.environ.get("FOREWARN_CONFIG", DEFAULT_CONFIG_NAME))
    if config or path.exists():
        values.update(read_config(path))
    if os.environ.get("FOREWARN_DB"):
        values["db"] = os.environ["FOREWARN_DB"]
    values.update({k: v for k, v in overrides.items() if v is not None})
    return replace(Settings(), **{k: _coerce(k, v) for k, v in values.items()})  # validated in __post_init__
