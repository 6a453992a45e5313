"""The proactive work, as plain async functions of `now`; they write rows, never chat."""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime, time

from core.digest import owe_digests
from core.followups import sweep_due
from core.referrals import DEFAULT_RETENTION, Retention, purge_due
from storage.engine import Database

log = logging.getLogger(__name__)


def _sweep(db: Database, now: datetime) -> int:
    with db.session() as session:
        return sweep_due(session, now)


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


def _purge(db: Database, now: datetime, retention: Retention) -> int:
    with db.session() as session:
        return purge_due(session, now, retention)


async def purge_referrals(db: Database, now: datetime,
                          retention: Retention = DEFAULT_RETENTION) -> int:
    """Wipe the facts of handed-over concerns past their term; returns how many."""
    count = await asyncio.to_thread(_purge, db, now, retention)
    if count:
        log.info("referral purge: facts of %d handoff(s) wiped", count)
    return count
