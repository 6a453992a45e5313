"""How the bot is doing, as far as the database can tell: for `/status` and `python -m bot status`.

Only counts and times, never message content or the database address (it may hold a password).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, literal, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from core.access import DENIED, INVITE_REJECTED, REFUSED
from storage.leader import leader_exists
from storage.models import AuditEvent, JobRun, JobStatus, Outbox
from storage.types import UTCDateTime

LAST_SWEEP = "status.last_sweep"  # one JobRun row, moved forward by every sweep
FAILURE_WINDOW = timedelta(hours=24)
REFUSALS = (REFUSED, INVITE_REJECTED, DENIED)  # a partner probing coordinator commands, too


def record_sweep(session: Session, now: datetime) -> None:
    """Note that a sweep ran; every process's sweep moves the same row forward."""
    row = session.get(JobRun, LAST_SWEEP)
    if row is not None:
        if row.ran_at < now:
            row.ran_at = now
            session.add(row)
        return
    savepoint = session.begin_nested()
    try:
        session.add(JobRun(key=LAST_SWEEP, ran_at=now))
        savepoint.commit()
    except IntegrityError:  # another process wrote the first one at the same moment
        savepoint.rollback()


def _ensure_job_row(session: Session, job: str) -> None:
    """The job's health row, written once; a second process writing it too is no error."""
    if session.get(JobStatus, job) is not None:
        return
    savepoint = session.begin_nested()
    try:
        session.add(JobStatus(job=job))
        savepoint.commit()
    except IntegrityError:
        savepoint.rollback()


def record_job_failure(session: Session, job: str, error: str, now: datetime) -> None:
    """Count one failed run of `job`; `error` is an exception's class name, never its text.

    The counters go up in the database (not read, added and written back), so two processes
    failing at once both count."""
    _ensure_job_row(session, job)
    session.execute(
        update(JobStatus).where(col(JobStatus.job) == job).values(
            failures_in_row=JobStatus.failures_in_row + 1,
            failures_total=JobStatus.failures_total + 1,
            failing_since=func.coalesce(JobStatus.failing_since, literal(now, UTCDateTime())),
            last_failed_at=now, error=error[:80],
        ).execution_options(synchronize_session=False)
    )


def record_job_ok(session: Session, job: str, now: datetime) -> None:
    """A run of `job` succeeded: it is no longer failing (the total stays, for the record)."""
    _ensure_job_row(session, job)
    session.execute(
        update(JobStatus).where(col(JobStatus.job) == job).values(
            failures_in_row=0, failing_since=None, last_ok_at=now,
        ).execution_options(synchronize_session=False)
    )


@dataclass(frozen=True)
class FailingJob:
    job: str
    failures_in_row: int
    failures_total: int
    failing_since: datetime | None
    error: str | None


def failing_jobs(session: Session) -> tuple[FailingJob, ...]:
    """The jobs whose last run failed, by name."""
    rows = session.exec(select(JobStatus).where(col(JobStatus.failures_in_row) > 0)
                        .order_by(col(JobStatus.job))).all()
    return tuple(FailingJob(job=row.job, failures_in_row=row.failures_in_row,
                            failures_total=row.failures_total,
                            failing_since=row.failing_since,
                            error=row.error)
                 for row in rows)


@dataclass(frozen=True)
class StoreStatus:
    backend: str  # the database kind ("sqlite", "postgresql"), never its URL
    last_sweep: datetime | None
    unsent: int  # owed, not sent yet (including those waiting for a retry)
    retrying: int  # of those, how many failed at least once
    failed: int  # given up for good, ever
    failed_recently: int  # given up for good in the last 24 hours
    refused_recently: int  # strangers refused and roles denied in the last 24 hours
    poller_elected: bool | None  # some process holds the poller lock (None on SQLite)
    failing: tuple[FailingJob, ...] = ()  # scheduler jobs whose last run failed


def store_status(session: Session, now: datetime) -> StoreStatus:
    connection = session.connection()
    last = session.get(JobRun, LAST_SWEEP)

    def count(*conditions: object) -> int:
        statement = select(func.count()).select_from(Outbox).where(*conditions)  # type: ignore[arg-type]
        return int(session.exec(statement).one())

    unsent = (col(Outbox.sent_at).is_(None), col(Outbox.failed_at).is_(None))
    return StoreStatus(
        backend=connection.dialect.name,
        last_sweep=last.ran_at if last is not None else None,
        unsent=count(*unsent),
        retrying=count(*unsent, col(Outbox.attempts) > 0),
        failed=count(col(Outbox.failed_at).is_not(None)),
        failed_recently=count(col(Outbox.failed_at) >= now - FAILURE_WINDOW),
        refused_recently=int(session.exec(
            select(func.count()).select_from(AuditEvent).where(
                col(AuditEvent.action).in_(REFUSALS),
                col(AuditEvent.at) >= now - FAILURE_WINDOW)).one()),
        poller_elected=leader_exists(connection),
        failing=failing_jobs(session),
    )
