"""The proactive work, as plain async functions of `now`; they write rows, never chat."""

from __future__ import annotations

import asyncio
import itertools
import logging
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from core.clock import Clock
from core.digest import owe_digests
from core.followups import SWEEP_BATCH, sweep_due
from core.journal import prune as prune_journal
from core.meetings import sweep as sweep_meetings_due
from core.outbox import refresh_statistics as refresh_outbox_statistics
from core.ratelimit import prune as prune_send_counts
from core.report_schedule import owe_reports
from core.retention import DEFAULT_POLICY, PurgeReport, RetentionPolicy, run_nightly
from core.status import record_sweep
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
    with db.session() as session:
        prune_journal(session, now)  # handled updates are kept two days against redelivery
        prune_send_counts(session, now.timestamp())  # a minute of send counts is enough
    return count


async def sweep_follow_ups(db: Database, now: datetime) -> int:
    """Owe a reminder for every follow-up that has become due; returns how many."""
    count = await asyncio.to_thread(_sweep, db, now)
    if count:
        log.info("follow-up sweep: %d reminder(s) owed", count)
    return count


def _digests(db: Database, now: datetime, at: time) -> int:
    with db.session() as session:
        return owe_digests(session, now, at)


async def sweep_digests(db: Database, now: datetime, at: time) -> int:
    """Compose the morning digests (and Monday's overview) that are due; returns how many."""
    count = await asyncio.to_thread(_digests, db, now, at)
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


async def sweep_due_work(db: Database, clock: Clock, digest_time: time,
                         retention: RetentionPolicy) -> None:
    """Every sweep in one round, in the order the scheduler and `App.tick` both use: the
    morning digest first (it replaces the separate reminders it holds), the nightly purge last."""
    await sweep_digests(db, clock.now(), digest_time)
    await sweep_follow_ups(db, clock.now())
    await sweep_reports(db, clock.now())
    await sweep_meetings(db, clock.now())
    await sweep_surveys(db, clock.now(), clock.tz)
    await purge_past_terms(db, clock.now(), retention)
