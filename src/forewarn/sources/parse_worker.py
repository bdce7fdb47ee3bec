"""Imported once by the forkserver that parse worker processes are forked from (limits.in_worker): the
parsers and the data they load on first use, so each worker starts warm (dateparser alone loads its
languages in 0.7 CPU s; a worker per parse must not pay that every time)."""

from __future__ import annotations

import contextlib

from . import feed, html  # noqa: F401  (imported for the forked workers: trafilatura, htmldate, feedparser)
from .common import InvalidDate, parse_date

with contextlib.suppress(InvalidDate):
    parse_date("4 avril 2018 10:00")  # our dateparser, with the lexicon languages
html.htmldate_parser().get_date_data("2018?-44-07")  # htmldate's fallback parser, the same languages
