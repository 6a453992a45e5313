"""APScheduler set-up: the fixed jobs, recreated with stable ids at every start.

The schedule is code, not a persistent job store: job stores cannot be shared between
processes, and everything that must survive a restart is a database row the jobs look for.
"""

from __future__ import annotations

import asyncio
import functools
import logging
from collections.abc import Awaitable, Callable
from datetime import datetime, time

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.interval import IntervalTrigger

from core.clock import Clock
from core.retention import DEFAULT_POLICY, RetentionPolicy
from scheduler.jobs import sweep_due_work
from storage.engine import Database

Deliver = Callable[[datetime], Awaitable[object]]
DEFAULT_DIGEST_TIME = time(8, 30)
log = logging.getLogger(__name__)


def _ends_quietly_when_stopped(job: Callable[[], Awaitable[None]]
                               ) -> Callable[[], Awaitable[None]]:
    """A job cancelled because the bot stops ends without a traceback in the log: its database
    work commits or rolls back in its own thread, and the next start sweeps again."""
    @functools.wraps(job)
    async def run() -> None:
        try:
            await job()
        except asyncio.CancelledError:
            log.info("%s stopped with the bot; the next start picks it up", job.__name__)
    return run


def build_scheduler(
    db: Database, clock: Clock, deliver: Deliver, sweep_seconds: float,
    digest_time: time = DEFAULT_DIGEST_TIME, retention: RetentionPolicy = DEFAULT_POLICY,
) -> AsyncIOScheduler:
    """A scheduler with the due-work sweeps and outbox delivery, each running at start too.

    The digest is a sweep too, not a cron job: a cron run missed while the bot was down is
    gone, while a sweep finds the morning's digest still owed when the bot comes back.
    """
    scheduler = AsyncIOScheduler(timezone=clock.tz)

    @_ends_quietly_when_stopped
    async def follow_up_sweep() -> None:
        await sweep_due_work(db, clock, digest_time, retention)
        await deliver(clock.now())

    @_ends_quietly_when_stopped
    async def outbox_delivery() -> None:
        await deliver(clock.now())

    common = {
        "trigger": IntervalTrigger(seconds=sweep_seconds, timezone=clock.tz),
        "replace_existing": True,
        "max_instances": 1,
        "coalesce": True,
        # APScheduler's default grace of 1 s drops runs after a busy moment; a late sweep
        # is still a sweep.
        "misfire_grace_time": None,
        "next_run_time": clock.now(),
    }
    scheduler.add_job(follow_up_sweep, id="follow_up_sweep", **common)
    scheduler.add_job(outbox_delivery, id="outbox_delivery", **common)
    return scheduler
