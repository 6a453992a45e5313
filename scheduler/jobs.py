"""The proactive work, as plain async functions of `now`; they write rows, never chat."""

from __future__ import annotations

import asyncio
import itertools
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from core.clock import Clock
from core.digest import DAILY, WEEKLY, owe_digests
from core.followups import SWEEP_BATCH, sweep_due
from core.journal import prune as prune_journal
from core.meetings import sweep as sweep_meetings_due
from core.outbox import refresh_statistics as refresh_outbox_statistics
from core.ratelimit import prune as prune_send_counts
from core.report_schedule import owe_reports
from core.retention import DEFAULT_POLICY, PurgeReport, RetentionPolicy, run_nightly
from core.status import record_sweep
from core.tension import DEFAULT_TIGHTENING, Tightening
from scheduler.surveys import run_due as run_surveys_due
from storage.engine import Database

log = logging.getLogger(__name__)

ANALYZE_AFTER = 200  # reminders owed in one sweep after which the planner gets new statistics


def _sweep(db: Database, now: datetime) -> int:
    """Owe reminders SWEEP_BATCH follow-ups at a time, each batch in its own transaction (its
    locks held briefly), until one comes back short: thousands due after downtime are all owed
    in one sweep instead of 500 per SWEEP_SECONDS. Each further batch is stamped a microsecond
    later than the one before, so a batched message ("these are due") lists exactly the
    follow-ups of its own batch, never those of a batch written after it was sent."""
    count = 0
    for batch in itertools.count():
        with db.session() as session:
            swept = sweep_due(session, now + timedelta(microseconds=batch), SWEEP_BATCH)
        count += swept
        if swept < SWEEP_BATCH:
            break
    if count >= ANALYZE_AFTER:
        with db.session() as session:
            refresh_outbox_statistics(session)
    with db.session() as session:  # apart, so processes never wait on it while sweeping
        record_sweep(session, now)
    return count


def _housekeeping(db: Database, now: datetime) -> int:
    with db.session() as session:
        prune_journal(session, now)  # handled updates are kept two days against redelivery
        prune_send_counts(session, now.timestamp())  # a minute of send counts is enough
    return 0


async def keep_house(db: Database, now: datetime) -> int:
    """Prune the technical rows that only matter for a short while (the update journal's
    ids, the per-second send counts)."""
    return await asyncio.to_thread(_housekeeping, db, now)


async def sweep_follow_ups(db: Database, now: datetime) -> int:
    """Owe a reminder for every follow-up that has become due; returns how many."""
    count = await asyncio.to_thread(_sweep, db, now)
    if count:
        log.info("follow-up sweep: %d reminder(s) owed", count)
    return count


def _digests(db: Database, now: datetime, at: time, kinds: frozenset[str],
             tightening: Tightening) -> int:
    with db.session() as session:
        return owe_digests(session, now, at, kinds, tightening)


async def sweep_digests(db: Database, now: datetime, at: time,
                        kinds: frozenset[str] = frozenset({DAILY, WEEKLY}),
                        tightening: Tightening = DEFAULT_TIGHTENING) -> int:
    """Compose the morning digests and/or the week's overview that are due; returns how many."""
    count = await asyncio.to_thread(_digests, db, now, at, kinds, tightening)
    if count:
        log.info("digest sweep: %d digest(s) owed", count)
    return count


def _reports(db: Database, now: datetime) -> int:
    with db.session() as session:
        return owe_reports(session, now)


async def sweep_reports(db: Database, now: datetime) -> int:
    """Owe the automatic trend reports whose moment has come (09:00 on a period's first
    working day), once per subscriber and period; the files are made when delivered."""
    count = await asyncio.to_thread(_reports, db, now)
    if count:
        log.info("report sweep: %d report(s) owed", count)
    return count


def _meetings(db: Database, now: datetime) -> int:
    with db.session() as session:
        return sweep_meetings_due(session, now)


async def sweep_meetings(db: Database, now: datetime) -> int:
    """Owe the area meetings' agenda proposals, partners' dates and reminders, and the
    "how did it go?" prompts that are due; returns how many messages."""
    count = await asyncio.to_thread(_meetings, db, now)
    if count:
        log.info("meeting sweep: %d message(s) owed", count)
    return count


def _retention(db: Database, now: datetime, policy: RetentionPolicy) -> PurgeReport | None:
    with db.session() as session:
        return run_nightly(session, now, policy)


async def purge_past_terms(db: Database, now: datetime,
                           policy: RetentionPolicy = DEFAULT_POLICY) -> PurgeReport | None:
    """The nightly retention run (handed-over concerns included), once per night across
    processes; None when it is not due or already ran. Logs counts, never content."""
    report = await asyncio.to_thread(_retention, db, now, policy)
    if report is not None and not report.is_empty():
        log.info("retention run: %s; technical rows: %s", dict(report.records),
                 dict(report.technical))
    return report


async def sweep_surveys(db: Database, now: datetime, tz: ZoneInfo) -> int:
    """Open scheduled survey rounds, owe the one reminder, close rounds at their deadline
    (their summary owed); returns how many things happened."""
    result = await asyncio.to_thread(run_surveys_due, db, now, tz)
    if result.opened or result.reminded or result.closed:
        log.info("survey sweep: %d opened, %d reminded, %d closed", result.opened,
                 result.reminded, result.closed)
    return result.opened + result.reminded + result.closed


@dataclass(frozen=True)
class Work:
    """One kind of proactive work, run by the scheduler as a job of its own.

    `run` does the work at a moment and returns how many messages (or things) it owed;
    `every` is how often it looks; `grace` is APScheduler's misfire grace (None: a late run
    still runs, once, however late); `delivers`: messages it owed go out right after it;
    `after`: in a fresh process this job first waits for that job's first attempt (the
    morning digest replaces the separate reminders it lists, so it goes before them).
    """

    name: str
    run: Callable[[datetime], Awaitable[int]]
    every: float
    grace: int | None = None
    delivers: bool = True
    after: str | None = None


FOLLOW_UPS = "follow_ups"
DIGEST = "digest"
WEEKLY_OVERVIEW = "weekly_overview"
SURVEY_ROUNDS = "survey_rounds"
SCHEDULED_REPORTS = "scheduled_reports"
MEETINGS = "meetings"
RETENTION = "retention"
HOUSEKEEPING = "housekeeping"


def proactive_work(db: Database, clock: Clock, sweep_seconds: float, digest_time: time,
                   retention: RetentionPolicy = DEFAULT_POLICY,
                   tightening: Tightening = DEFAULT_TIGHTENING) -> list[Work]:
    """Every kind of proactive work, in the order one round (`sweep_due_work`) runs them.

    Each looks in the database for what is owed at `now` (a row per occurrence makes it once
    across processes and restarts), so a run missed while the bot was down is made up by the
    next one: none of them is a cron trigger that would forget a missed time.
    """
    async def digest(now: datetime) -> int:
        return await sweep_digests(db, now, digest_time, frozenset({DAILY}), tightening)

    async def weekly(now: datetime) -> int:
        return await sweep_digests(db, now, digest_time, frozenset({WEEKLY}), tightening)

    async def follow_ups(now: datetime) -> int:
        return await sweep_follow_ups(db, now)

    async def reports(now: datetime) -> int:
        return await sweep_reports(db, now)

    async def meetings(now: datetime) -> int:
        return await sweep_meetings(db, now)

    async def surveys(now: datetime) -> int:
        return await sweep_surveys(db, now, clock.tz)

    async def purge(now: datetime) -> int:
        report = await purge_past_terms(db, now, retention)
        return 0 if report is None else 1

    async def housekeeping(now: datetime) -> int:
        return await keep_house(db, now)

    rare = max(int(sweep_seconds), 300)  # nightly or technical work: every five minutes is ample
    return [
        Work(DIGEST, digest, sweep_seconds),
        Work(WEEKLY_OVERVIEW, weekly, sweep_seconds),
        Work(FOLLOW_UPS, follow_ups, sweep_seconds, after=DIGEST),
        Work(SCHEDULED_REPORTS, reports, sweep_seconds),
        Work(MEETINGS, meetings, sweep_seconds),
        Work(SURVEY_ROUNDS, surveys, sweep_seconds),
        # A purge that comes very late waits for the next look rather than piling up.
        Work(RETENTION, purge, rare, grace=rare, delivers=False),
        Work(HOUSEKEEPING, housekeeping, rare, grace=rare, delivers=False),
    ]


async def sweep_due_work(db: Database, clock: Clock, digest_time: time,
                         retention: RetentionPolicy,
                         tightening: Tightening = DEFAULT_TIGHTENING) -> None:
    """Every kind of work once, one after the other, errors raised: `App.tick` (tests, and a
    one-off round). The running bot does not use this: each kind is its own scheduler job
    there (scheduler.runner), so one failing never holds up another."""
    for work in proactive_work(db, clock, 30.0, digest_time, retention, tightening):
        await work.run(clock.now())
