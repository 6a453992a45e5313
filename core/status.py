"""How the bot is doing, as far as the database can tell: for `/status` and `python -m bot status`.

Only counts and times, never message content or the database address (it may hold a password).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from core.access import DENIED, INVITE_REJECTED, REFUSED
from storage.leader import leader_exists
from storage.models import AuditEvent, JobRun, Outbox

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
    )
