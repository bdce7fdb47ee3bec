"""Alerts: one per new or grown warning, never repeated (also by a restarted watcher), to the log, stdout, a
webhook (retried when it is down, never sent twice) and a command; the real pipeline runs in each poll."""

from __future__ import annotations

import asyncio
import json
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from forewarn.store import Store
from forewarn.watch import SteppedClock, Watcher, make_spec
from forewarn.watch.alerts import Alert
from forewarn.watch.book import SourceBook
from forewarn.watch.service import recent_alerts

from .feedserver import Item, Route, serve
from .test_watch import watch_settings

# Six distinct official statements that militants prepare to stage a chemical attack at one town, a day apart
# (written for these tests): the surge rule opens a warning after a few and it grows with each one after.
STATEMENTS = [
    "The Russian Defence Ministry said militants of Hayat Tahrir al-Sham are preparing to stage a chemical "
    "attack in Saraqib with chlorine in order to accuse the Syrian army.",
    "The Russian Centre for Reconciliation of Opposing Sides warned that the White Helmets have brought "
    "containers of toxic substances into Saraqib to film a staged chemical incident.",
    "Syria's foreign ministry said terrorists in Saraqib are planning a provocation with poisonous gas to blame "
    "government forces and invite Western strikes.",
    "The Russian embassy said that film crews have arrived in Saraqib to record a fake chemical weapons attack "
    "being prepared by militants.",
    "Foreign Minister Sergei Lavrov said militants are preparing a false-flag chemical attack in Saraqib, Idlib "
    "province.",
    "Russia's envoy to the United Nations said the White Helmets are rehearsing a staged chlorine attack in "
    "Saraqib to provoke Western strikes.",
]
FIRST_DAY = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)


def statement(i: int) -> Item:
    return Item(f"statement-{i}", f"Statement {i}", STATEMENTS[i], published=FIRST_DAY + timedelta(days=i))


RECORDER = (
    "import os, sys; open(sys.argv[1], 'a', encoding='utf-8').write("
    "os.environ['FOREWARN_ALERT_ID'] + ' ' + str(len(sys.stdin.read())) + '\\n')"
)


def test_one_alert_per_new_or_grown_warning_delivered_once_everywhere(tmp_path: Path) -> None:
    received = tmp_path / "command.txt"
    with serve() as site, Store(f"sqlite:///{tmp_path / 'a.db'}") as store:
        feed = site.add("/statements.rss", Route(title="Agency", site="https://agency.example/"))
        hook = site.add("/hook", Route(mode="fail"))  # the webhook receiver is down at first
        settings = watch_settings(tmp_path, fetch_deadline=10.0, fetch_timeout=10.0,
                                  alert_webhook=site.url("/hook"),
                                  alert_command=f"{sys.executable} -c \"{RECORDER}\" {received}")
        clock = SteppedClock(datetime(2026, 11, 26, tzinfo=UTC))
        SourceBook(store).add(make_spec(site.url("/statements.rss"), name="agency", interval=60), clock.now())
        printed: list[Alert] = []

        def poll_with(count: int) -> None:
            """Publish the first `count` statements, then run one round with a new watcher (a restart)."""
            feed.items = [statement(i) for i in range(count)]
            clock.advance(61)
            asyncio.run(Watcher(store, settings, clock=clock, printer=printed.append).run(once=True))

        # how many statements the surge rule needs depends on how the detector weighs each one (claimant, stance):
        # publish one more at a time until a warning opens; it must open before the last two statements
        opens_at = 0
        for count in range(1, len(STATEMENTS) - 1):
            poll_with(count)
            if printed:
                opens_at = count
                break
        assert opens_at >= 2  # one statement alone never opens a warning (min_statements)
        assert [a.kind for a in printed] == ["warning-opened"]
        opened = printed[0]
        assert opened.payload["warning"]["place_name"] == "Saraqib" and opened.payload["warning"]["claims"] == opens_at
        assert {c["title"] for c in opened.payload["new_claims"]} == {f"Statement {i}" for i in range(opens_at)}
        hook.mode = "ok"  # the receiver is back: the pending alert is POSTed on the next start
        poll_with(opens_at)
        poll_with(opens_at + 1)
        poll_with(opens_at + 1)
        poll_with(opens_at + 2)
        grew = [a for a in printed if a.kind == "warning-grew"]
        assert [a.payload["warning"]["claims"] for a in grew] == [opens_at + 1, opens_at + 2]
        assert [c["title"] for c in grew[0].payload["new_claims"]] == [f"Statement {opens_at}"]
        stored_ids = [a["id"] for a in reversed(recent_alerts(store))]

    ids = [a.id for a in printed]
    assert len(ids) == len(set(ids)) == 3 and stored_ids == ids
    logged = [json.loads(line)["id"] for line in (tmp_path / "alerts.jsonl").read_text().splitlines()]
    assert logged == ids
    posted = [(json.loads(body)["id"], headers["X-Forewarn-Alert-Id"]) for _path, headers, body in site.posts]
    assert [p[0] for p in posted] == [ids[0], ids[0], ids[1], ids[2]]  # one failed attempt, then each once
    assert all(body_id == header_id for body_id, header_id in posted)
    assert [line.split()[0] for line in received.read_text().splitlines()] == ids  # the command: each once

