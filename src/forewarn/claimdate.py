"""When a claim was *made*: the date of the statement, not of the article that carries it.

An article published on 20 September that says "On 13 March the General Staff warned that militants were
preparing a provocation in Eastern Ghouta" quotes a statement made on 13 March. Counted on 20 September it would
revive Eastern Ghouta six months late; counted on 13 March it sits where it belongs. `date_made` reads the claim
sentence (then the sentence before it) for a time expression attached to a verb of saying or a statement noun
("said on 13 March", "On 13 March, the ministry warned", "in a statement last week", "earlier this month",
"13 марта заявили", "قالت الأسبوع الماضي") and resolves it against the document's date with dateparser
(RELATIVE_BASE = the document's date); the result is never after the document's date. Without such an expression
the claim was made on the document's date. A claim dated by the event it reports (FA-KES, `date_kind="event"`)
keeps that date.

Vague expressions stand for the middle of the span they name: "earlier this month" → halfway between the 1st and
the day before the document; "in mid-March" → 15 March; "last week" → seven days before. "Earlier" without a
date ("Ранее Минобороны заявляло…") marks the claim as a quotation but leaves the document's date, the latest the
statement can have been made.

The rules per language are data (`data/claimdate/<language>.toml`); a language without a file keeps the
document's date. Everything here is pure.
"""

from __future__ import annotations

import calendar
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import cache
from importlib import resources
from typing import Any, TypedDict

from .model import Document
from .text import normalise, prepare_dates

# A day and month without a year that falls this few days after the document is a prediction ("warned of an
# attack on 13 March" in a 10 March article), not a date in the previous year.
FORWARD_DAYS = 90
SPEECH_REACH = 3  # default words allowed between a verb of saying and the time after it (per-language in data)
LEADING_REACH = 6  # words allowed between a sentence-initial time and the verb ("On 13 March, the Russian MoD said")
RANGES = {"early": (1, 10), "mid": (11, 20), "late": (21, 31)}


@dataclass(frozen=True)
class MadeDate:
    """When a claim was made, whether it quotes an earlier statement, and the words that said so."""

    made_on: date | None
    quoted: bool = False
    expression: str = ""  # the time expression read, "" when the document's date was used


class ClaimDateFields(TypedDict):
    """The Claim fields `date_made` fills (see `claim_date_fields`)."""

    made_on: date | None
    quoted: bool
    made_expression: str


@dataclass(frozen=True)
class _Time:
    resolve: str
    days: int


@dataclass(frozen=True)
class _Rules:
    language: str
    forms: tuple[re.Pattern[str], ...]  # speech-then-time, time-then-speech, statement-then-time
    times: tuple[_Time, ...]
    months: Mapping[str, int]
    weekdays: Mapping[str, int]
    parts: Mapping[str, str]
    previous: re.Pattern[str] | None  # marks a weekday strictly before the document's day ("last Monday")


def _between(reach: int, boundary: str) -> str:
    """Up to `reach` words within one clause: no comma or colon, none of the language's clause words."""
    word = rf"(?!(?:{boundary})(?!\w))\w+" if boundary else r"\w+"
    return rf"(?:[^\w,;:،؛]+{word}){{0,{reach}}}?[^\w,;:،؛]+"


def _compile(language: str, data: Mapping[str, Any]) -> _Rules:
    entries = data.get("time", [])
    alternatives = []
    for index, entry in enumerate(entries):
        named = re.sub(r"\(\?P<(\w+)>", lambda m, i=index: f"(?P<t{i}_{m.group(1)}>", entry["pattern"])  # type: ignore[misc]
        alternatives.append(f"(?P<t{index}>{named})")
    times = "(?P<time>" + "|".join(alternatives) + ")"
    speech, statement = data["speech"], data["statement"]
    between = _between(int(data.get("speech_reach", SPEECH_REACH)), data.get("clause_words", ""))
    forms = (
        # "said on 13 March", "قالت وزارة الدفاع الأسبوع الماضي"
        rf"(?<!\w){speech}(?!\w){between}{times}(?!\w)",
        # "On 13 March, the General Staff warned", "13 марта в Генштабе заявили": the time opens the sentence
        rf"^\W*(?:(?:and|but|и|а|но|و|ف)\W+)?{times}(?!\w)(?:\W+\w+){{0,{LEADING_REACH}}}?\W+{speech}(?!\w)",
        # "in a statement on 13 March", "в заявлении от 13 марта"
        rf"(?<!\w){statement}(?!\w){between}{times}(?!\w)",
    )
    return _Rules(
        language=language,
        forms=tuple(re.compile(f) for f in forms),
        times=tuple(_Time(e["resolve"], int(e.get("days", 0))) for e in entries),
        months=dict(data.get("months", {})),
        weekdays=dict(data.get("weekdays", {})),
        parts=dict(data.get("parts", {})),
        previous=re.compile(data["previous"]) if data.get("previous") else None,
    )


@cache
def rules_for(language: str) -> _Rules | None:
    """The compiled rules of a language, or None when forewarn has none for it."""
    if not re.fullmatch(r"[a-z]{2,3}", language or ""):
        return None
    path = resources.files("forewarn") / "data" / "claimdate" / f"{language}.toml"
    if not path.is_file():
        return None
    return _compile(language, tomllib.loads(path.read_text(encoding="utf-8")))


def document_day(published: datetime | None) -> date | None:
    """The document's day in UTC."""
    if published is None:
        return None
    return (published.astimezone(UTC) if published.tzinfo else published).date()


def date_made(
    sentence: str, surroundings: str, published: datetime | None, language: str, date_kind: str = "published"
) -> MadeDate:
    """Pure: when the claim in `sentence` was made. `surroundings` is the text just before it (the previous
    sentence), read when the sentence itself says nothing about when; `published` is the document's date."""
    base = document_day(published)
    rules = rules_for(language)
    if base is None or date_kind == "event" or rules is None:
        return MadeDate(base)
    for text in (sentence, surroundings):
        found = _read(rules, text, base) if text else None
        if found is not None:
            return found
    return MadeDate(base)


def claim_date_fields(sentence: str, surroundings: str, doc: Document, language: str) -> ClaimDateFields:
    """`date_made` for a claim of `doc`, as the Claim fields it fills (detect.build_claim calls this)."""
    made = date_made(sentence, surroundings, doc.published_at, language, doc.date_kind)
    return {"made_on": made.made_on, "quoted": made.quoted, "made_expression": made.expression}


def _read(rules: _Rules, text: str, base: date) -> MadeDate | None:
    folded = normalise(prepare_dates(text, rules.language), rules.language)
    matches = sorted(
        (m for form in rules.forms for m in form.finditer(folded)), key=lambda m: (m.start("time"), -m.end("time"))
    )
    undated: MadeDate | None = None
    for match in matches:
        index = next(i for i in range(len(rules.times)) if match.group(f"t{i}") is not None)
        kind = rules.times[index]
        expression = match.group("time").strip()
        if kind.resolve == "earlier":
            undated = undated or MadeDate(base, True, expression)
            continue
        groups = {k.split("_", 1)[1]: v for k, v in match.groupdict().items() if k.startswith(f"t{index}_") and v}
        made = _resolve(rules, kind, expression, groups, base)
        if made is not None and made <= base:
            return MadeDate(made, made < base, expression)
    return undated


def _resolve(rules: _Rules, kind: _Time, expression: str, groups: Mapping[str, str], base: date) -> date | None:
    if kind.resolve == "days_before":
        return base - timedelta(days=kind.days)
    if kind.resolve == "parse":
        return _parse(rules, expression, groups, base)
    if kind.resolve == "part_of_month":
        return _part_of_month(rules, groups, base)
    if kind.resolve == "weekday":
        return _weekday(rules, expression, base)
    if kind.resolve == "earlier_this_week":
        monday = base - timedelta(days=base.weekday())
        return _middle(monday, base - timedelta(days=1)) if monday < base else base - timedelta(days=1)
    if kind.resolve == "earlier_this_month":
        first = base.replace(day=1)
        return _middle(first, base - timedelta(days=1)) if first < base else base - timedelta(days=1)
    if kind.resolve == "last_month":
        last = base.replace(day=1) - timedelta(days=1)
        return last.replace(day=15)
    raise ValueError(f"claimdate/{rules.language}.toml: unknown resolver {kind.resolve!r}")


def _weekday(rules: _Rules, expression: str, base: date) -> date | None:
    """The latest such weekday up to the document's day ("said on Wednesday" in a Wednesday paper is that day);
    strictly before it after "last"."""
    day = next((n for name, n in rules.weekdays.items() if name in expression), None)
    if day is None:
        return None
    back = (base.weekday() - day) % 7
    if back == 0 and rules.previous is not None and rules.previous.search(expression):
        back = 7
    return base - timedelta(days=back)


_NOISE = re.compile(r"^(?:(?:on|of|the|last|в|во|прошл\w*|في|يوم|من)\s+)+")


def _parse(rules: _Rules, expression: str, groups: Mapping[str, str], base: date) -> date | None:
    """A day and month (maybe a year), read by dateparser relative to the document's date, the past preferred;
    one dateparser cannot read is read with the language's month names."""
    import dateparser

    cleaned = _NOISE.sub("", expression)
    settings = {"RELATIVE_BASE": datetime.combine(base, datetime.min.time()), "PREFER_DATES_FROM": "past",
                "RETURN_AS_TIMEZONE_AWARE": False}  # fmt: skip
    parsed = dateparser.parse(cleaned, languages=[rules.language], settings=settings)
    found = parsed.date() if parsed else _day_month(rules, cleaned, groups)
    if found is None or "month" not in groups or "year" in groups:
        return found
    return _without_year(found, base)


def _day_month(rules: _Rules, expression: str, groups: Mapping[str, str]) -> date | None:
    month = rules.months.get(groups.get("month", ""))
    day = re.search(r"\d{1,2}", expression)
    year = groups.get("year")
    if month is None or day is None:
        return None
    try:
        return date(int(year) if year else 2000, month, int(day.group()))  # the year is set by _without_year
    except ValueError:
        return None


def _without_year(found: date, base: date) -> date | None:
    """A day and month with no year: this year's if on or before the document's date; None if it falls within
    FORWARD_DAYS after it (a prediction, not a quotation); else last year's."""
    try:
        this_year = found.replace(year=base.year)
    except ValueError:  # 29 February
        return None
    if this_year <= base:
        return this_year
    if (this_year - base).days <= FORWARD_DAYS:
        return None
    return this_year.replace(year=base.year - 1) if not (this_year.month == 2 and this_year.day == 29) else None


def _part_of_month(rules: _Rules, groups: Mapping[str, str], base: date) -> date | None:
    month = rules.months.get(groups.get("month", ""))
    if month is None:
        return None
    low, high = RANGES.get(rules.parts.get(groups.get("part", ""), ""), (1, 31))
    year = int(groups["year"]) if "year" in groups else base.year
    if "year" not in groups and date(year, month, low) > base:
        if (date(year, month, low) - base).days <= FORWARD_DAYS:
            return None
        year -= 1
    last = calendar.monthrange(year, month)[1]
    start, end = date(year, month, min(low, last)), min(date(year, month, min(high, last)), base)
    return _middle(start, end) if start <= end else None


def _middle(start: date, end: date) -> date:
    return start + timedelta(days=(end - start).days // 2)
