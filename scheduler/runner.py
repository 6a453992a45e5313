"""APScheduler set-up: the fixed jobs, recreated with stable ids at every start.

The schedule is code, not a persistent job store: job stores cannot be shared between
processes, and everything that must survive a restart is a database row the jobs look for.

Each kind of proactive work is its own job (scheduler.jobs.proactive_work) behind a
`Supervised` guard: an exception in one is logged by class name only (its text may quote a
message or a name), counted in the database for /status and `python -m bot status`, and the
job is retried with a growing pause; the other jobs go on at their own pace.
"""

from __future__ import annotations

import asyncio
import functools
import logging
from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime, time, timedelta

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.interval import IntervalTrigger

from core.clock import Clock
from core.retention import DEFAULT_POLICY, RetentionPolicy
from core.status import record_job_failure, record_job_ok
from core.tension import DEFAULT_TIGHTENING, Tightening
from scheduler.jobs import Work, proactive_work
from storage.engine import Database

Deliver = Callable[[datetime], Awaitable[object]]
DEFAULT_DIGEST_TIME = time(8, 30)
MAX_BACKOFF = timedelta(minutes=15)
OUTBOX_DELIVERY = "outbox_delivery"
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


def backoff(work: Work, failures: int) -> timedelta:
    """The pause before retrying after `failures` failed runs in a row: the job's own interval,
    doubled for every further failure, 15 minutes at most."""
    seconds = work.every * 2 ** min(failures - 1, 20)
    return min(MAX_BACKOFF, timedelta(seconds=seconds))


class Supervised:
    """One kind of work as a scheduler job that survives its own failures.

    The scheduler calls it every `work.every` seconds; while it backs off after a failure a
    call does nothing. The health row is written when a run fails and when the first run
    after a failure (or the first run of this process) succeeds, not at every run.
    """

    def __init__(self, work: Work, db: Database, clock: Clock, deliver: Deliver,
                 first_attempts: FirstAttempts) -> None:
        self.work = work
        self.db = db
        self.clock = clock
        self.deliver = deliver
        self.failures = 0
        self.retry_at: datetime | None = None
        self._healthy_recorded = False
        self._first_attempts = first_attempts
        self.__name__ = work.name  # for the scheduler's and _ends_quietly_when_stopped's logs

    async def __call__(self) -> None:
        work = self.work
        first = self._first_attempts
        if work.after is not None and work.after in first.started:
            await first.done[work.after].wait()  # its first attempt, if it began before us
        first.started.add(work.name)
        now = self.clock.now()
        if self.retry_at is not None and now < self.retry_at:
            return
        try:
            owed = await work.run(now)
        except Exception as error:  # any failure: counted, retried, others go on
            await self._failed(type(error).__name__, now)
            return
        finally:
            first.done[work.name].set()
        if self.failures:
            log.warning("job %s works again after %d failed run(s)", work.name, self.failures)
        if self.failures or not self._healthy_recorded:
            await self._record(record_job_ok, now)
            self._healthy_recorded = True
        self.failures = 0
        self.retry_at = None
        if work.delivers and owed:
            try:
                await self.deliver(self.clock.now())
            except Exception as error:  # the outbox job delivers it at its next run
                log.warning("delivering right after job %s failed (%s)", work.name,
                            type(error).__name__)

    async def _failed(self, error: str, now: datetime) -> None:
        self.failures += 1
        pause = backoff(self.work, self.failures)
        self.retry_at = now + pause
        # The class name only: an exception's text or traceback may quote what it handled.
        log.error("job %s failed (%s), %d time(s) in a row; next try in %d s",
                  self.work.name, error, self.failures, int(pause.total_seconds()))
        self._healthy_recorded = False
        await self._record(record_job_failure, error, now)

    async def _record(self, record: Callable[..., None], *args: object) -> None:
        """Write the job's health; a database that cannot take it is logged, not raised (the
        job's own failure may be the database)."""
        def write() -> None:
            with self.db.session() as session:
                record(session, self.work.name, *args)

        try:
            await asyncio.to_thread(write)
        except Exception as error:  # the health row must not fail the job
            log.warning("could not record how job %s is doing (%s)", self.work.name,
                        type(error).__name__)


class FirstAttempts:
    """Which jobs of this process began their first run, and which finished it.

    At start every job is due at once; APScheduler starts due jobs in the order of their time
    and then their id, so the digest starts before the follow-ups, and the follow-ups wait for
    the digest's first attempt (`Work.after`) instead of racing it. A job whose `after` never
    began (a test calling one job) does not wait."""

    def __init__(self, names: Sequence[str]) -> None:
        self.started: set[str] = set()
        self.done = {name: asyncio.Event() for name in names}


def supervised_jobs(db: Database, clock: Clock, deliver: Deliver, work: Sequence[Work]
                    ) -> list[Supervised]:
    first_attempts = FirstAttempts([item.name for item in work])
    return [Supervised(item, db, clock, deliver, first_attempts) for item in work]


def build_scheduler(
    db: Database, clock: Clock, deliver: Deliver, sweep_seconds: float,
    digest_time: time = DEFAULT_DIGEST_TIME, retention: RetentionPolicy = DEFAULT_POLICY,
    work: Sequence[Work] | None = None, tightening: Tightening = DEFAULT_TIGHTENING,
) -> AsyncIOScheduler:
    """A scheduler with one job per kind of proactive work and one for outbox delivery, each
    running at start too. `work` replaces the standard list (tests).

    The digest is a sweep too, not a cron job: a cron run missed while the bot was down is
    gone, while a sweep finds the morning's digest still owed when the bot comes back.
    """
    scheduler = AsyncIOScheduler(timezone=clock.tz)
    if work is None:
        work = proactive_work(db, clock, sweep_seconds, digest_time, retention, tightening)

    def add(job: Callable[[], Awaitable[None]], job_id: str, every: float,
            grace: int | None) -> None:
        scheduler.add_job(
            _ends_quietly_when_stopped(job), id=job_id, name=job_id,
            trigger=IntervalTrigger(seconds=every, timezone=clock.tz),
            replace_existing=True, max_instances=1,
            coalesce=True,  # runs missed while busy or down become one run
            # APScheduler's default grace of 1 s drops runs after a busy moment.
            misfire_grace_time=grace, next_run_time=clock.now(),
        )

    for job in supervised_jobs(db, clock, deliver, work):
        add(job, job.work.name, job.work.every, job.work.grace)

    async def outbox_delivery() -> None:
        await deliver(clock.now())

    add(outbox_delivery, OUTBOX_DELIVERY, sweep_seconds, None)
    return scheduler
