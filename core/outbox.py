"""The outbox: messages owed to users, written in the same transaction as the reason for them.

Jobs and flows write rows here; delivery (in bot/) renders and sends them. A crash between
"due" and "sent" therefore loses nothing, and the unique `dedupe_key` means a second sweep,
or a second process, cannot create the same message twice.
"""

from __future__ import annotations

import random
from collections.abc import Collection
from datetime import datetime, timedelta

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from storage.models import Outbox, User

MAX_ATTEMPTS = 8
LEASE = timedelta(minutes=2)  # how long a taken message is left to the process that took it
BASE_DELAY = 5.0  # seconds before the first retry; doubles each time
MAX_DELAY = 900.0


def enqueue(
    session: Session,
    *,
    user_id: int,
    kind: str,
    ref_id: int | None,
    dedupe_key: str,
    now: datetime,
) -> bool:
    """Add a message unless one with the same key exists; True when it was added."""
    if session.exec(select(Outbox.id).where(Outbox.dedupe_key == dedupe_key)).first():
        return False
    savepoint = session.begin_nested()
    try:
        session.add(
            Outbox(user_id=user_id, kind=kind, ref_id=ref_id, dedupe_key=dedupe_key,
                   created_at=now, not_before=now)
        )
        savepoint.commit()
    except IntegrityError:
        savepoint.rollback()
        return False
    return True


def claim(
    session: Session, now: datetime, transports: Collection[str], limit: int = 50,
    lease: timedelta = LEASE,
) -> list[Outbox]:
    """Take the unsent messages for users of `transports` whose time has come, oldest first.

    Taking them moves their `not_before` a lease ahead, in the same transaction, so another
    process (or an overlapping delivery) skips them while this one sends; if this process
    dies before marking them sent, the lease runs out and they are sent after all. Oldest
    first keeps each chat's order; filtering by transport keeps messages for a transport that
    is not running (say Telegram while testing in the terminal) waiting.
    """
    statement = (
        select(Outbox)
        .join(User, col(User.id) == col(Outbox.user_id))
        .where(
            col(User.transport).in_(list(transports)),
            col(Outbox.sent_at).is_(None),
            col(Outbox.failed_at).is_(None),
            col(Outbox.not_before) <= now,
        )
        .order_by(col(Outbox.id))
        .limit(limit)
        .with_for_update(skip_locked=True, of=Outbox)
    )
    rows = list(session.exec(statement).all())
    for row in rows:
        row.not_before = now + lease
        session.add(row)
    return rows


def mark_sent(session: Session, row: Outbox, now: datetime) -> None:
    row.sent_at = now
    session.add(row)


def retry_delay(attempts: int, retry_after: float | None = None) -> timedelta:
    """How long to wait before attempt `attempts + 1`: the service's word, else backoff."""
    if retry_after is not None:
        return timedelta(seconds=retry_after)
    backoff = min(MAX_DELAY, BASE_DELAY * 2 ** max(0, attempts - 1))
    return timedelta(seconds=backoff * (0.5 + random.random() / 2))  # noqa: S311 (jitter)


def mark_retry(
    session: Session, row: Outbox, now: datetime, error: str, retry_after: float | None = None
) -> None:
    """Try again later; give up (and keep the row for the record) after MAX_ATTEMPTS."""
    row.attempts += 1
    row.last_error = error[:200]
    if row.attempts >= MAX_ATTEMPTS:
        row.failed_at = now
    else:
        row.not_before = now + retry_delay(row.attempts, retry_after)
    session.add(row)


def mark_failed(session: Session, row: Outbox, now: datetime, error: str) -> None:
    row.attempts += 1
    row.failed_at = now
    row.last_error = error[:200]
    session.add(row)
