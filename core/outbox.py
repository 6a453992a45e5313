"""The outbox: messages owed to users, written in the same transaction as the reason for them.

Jobs and flows write rows here; delivery (in bot/) renders and sends them. A crash between
"due" and "sent" therefore loses nothing, and the unique `dedupe_key` means a second sweep,
or a second process, cannot create the same message twice.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Table, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from storage.models import Outbox, User

MAX_ATTEMPTS = 8
LEASE = timedelta(minutes=2)  # how long a taken message is left to the process that took it
BASE_DELAY = 5.0  # seconds before the first retry; doubles each time
MAX_DELAY = 900.0
INSERT_CHUNK = 500  # rows per INSERT statement in `enqueue_many` (well below bind limits)
_TABLE: Table = Outbox.__table__  # type: ignore[attr-defined]

UNDELIVERED = "outbox.undelivered"  # the notice that another message could not be delivered

# Who asked for a message, by kind, when that is not its recipient (a message sent on someone's
# behalf registers its sender here); by default a message is its recipient's own.
OWNERS: dict[str, Callable[[Session, Outbox], int | None]] = {}

# Kinds that keep their own record of what became of each message (a broadcast keeps, per
# recipient, whether it arrived): told once a row is settled, True when it was delivered.
SETTLED: dict[str, Callable[[Session, Outbox, datetime, bool], None]] = {}


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


@dataclass(frozen=True)
class Owed:
    """One message to owe with `enqueue_many`: what `enqueue` takes, less the moment."""

    user_id: int
    kind: str
    ref_id: int | None
    dedupe_key: str


def enqueue_many(session: Session, rows: Iterable[Owed], now: datetime) -> int:
    """Add the messages whose key is new, in the given order; returns how many were added.

    The batch form of `enqueue` for sweeps that owe hundreds at once: one
    `INSERT ... ON CONFLICT (dedupe_key) DO NOTHING` per INSERT_CHUNK rows instead of a
    look-up, a savepoint and an insert per row. A key that exists already (an earlier sweep,
    another process) or that repeats within `rows` adds one message at most, as `enqueue`.
    Outbox has no sealed columns, so a core insert writes nothing in the clear.
    """
    unique: dict[str, Owed] = {}
    for row in rows:
        unique.setdefault(row.dedupe_key, row)
    if not unique:
        return 0
    dialect = session.get_bind().dialect.name
    if dialect not in ("sqlite", "postgresql"):  # no ON CONFLICT: one at a time
        return sum(enqueue(session, user_id=row.user_id, kind=row.kind, ref_id=row.ref_id,
                           dedupe_key=row.dedupe_key, now=now) for row in unique.values())
    session.flush()  # an Outbox row added through the ORM meets the conflict clause too
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    values: list[dict[str, Any]] = [
        {"user_id": row.user_id, "kind": row.kind, "ref_id": row.ref_id,
         "dedupe_key": row.dedupe_key, "created_at": now, "not_before": now, "attempts": 0}
        for row in unique.values()
    ]
    # One statement with the rows as parameters (SQLAlchemy's "insertmanyvalues" batches them
    # into multi-row INSERTs): compiled once and cached, where rows written into the statement
    # made a new statement to compile at every sweep (bench/sweep.py --profile: half its time).
    statement = (insert(_TABLE)
                 .on_conflict_do_nothing(index_elements=[_TABLE.c.dedupe_key])
                 .returning(_TABLE.c.id))
    added = 0
    for start in range(0, len(values), INSERT_CHUNK):
        added += len(session.execute(statement, values[start:start + INSERT_CHUNK]).all())
    return added


def claim(
    session: Session, now: datetime, transports: Collection[str], limit: int = 50,
    lease: timedelta = LEASE,
) -> list[Outbox]:
    """Take the unsent messages for users of `transports` whose time has come, oldest first.

    Taking them moves their `not_before` a lease ahead, in the same transaction, so another
    process (or an overlapping delivery) skips them while this one sends; if this process
    dies before marking them sent, the lease runs out and they are sent after all. Oldest
    first keeps each chat's order, and a message waits while an older one to the same user
    waits for its retry; filtering by transport keeps messages
    for a transport that is not running (say Telegram while testing in the terminal) waiting.
    """
    earlier = aliased(Outbox)
    held_back = (
        select(earlier.id)
        .where(
            col(earlier.user_id) == col(Outbox.user_id),
            col(earlier.id) < col(Outbox.id),
            col(earlier.sent_at).is_(None),
            col(earlier.failed_at).is_(None),
            col(earlier.last_error).is_not(None),  # failed or rate-limited, waiting to retry
            col(earlier.not_before) > now,
        )
        .exists()
    )
    statement = (
        select(Outbox)
        .join(User, col(User.id) == col(Outbox.user_id))
        .where(
            col(User.transport).in_(list(transports)),
            col(Outbox.sent_at).is_(None),
            col(Outbox.failed_at).is_(None),
            col(Outbox.not_before) <= now,
            ~held_back,
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


def refresh_statistics(session: Session) -> None:
    """After a burst of new rows (a sweep after downtime), let PostgreSQL's planner see them
    now instead of at autovacuum's next round (or never, where it is off): with statistics
    of a nearly empty table, claiming 50 of thousands owed took seconds instead of
    milliseconds. SQLite plans without them."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("ANALYZE outbox"))


def release(session: Session, row: Outbox, now: datetime) -> None:
    """Give a taken message back unsent and unharmed (an older one to its chat failed)."""
    row.not_before = now
    session.add(row)


def mark_sent(session: Session, row: Outbox, now: datetime) -> None:
    row.sent_at = now
    session.add(row)
    _settled(session, row, now, delivered=True)


def retry_delay(attempts: int, retry_after: float | None = None) -> timedelta:
    """How long to wait before attempt `attempts + 1`: the service's word, else backoff."""
    if retry_after is not None:
        return timedelta(seconds=retry_after)
    backoff = min(MAX_DELAY, BASE_DELAY * 2 ** max(0, attempts - 1))
    return timedelta(seconds=backoff * (0.5 + random.random() / 2))  # noqa: S311 (jitter)


def mark_retry(
    session: Session, row: Outbox, now: datetime, error: str, retry_after: float | None = None
) -> None:
    """Try again later; give up (and keep the row for the record) after MAX_ATTEMPTS.

    A rate limit (`retry_after` given) is not an attempt: the message was fine, the pace was
    not, and counting it would drop reminders in a burst (bench/lateness.py lost 18 %).
    """
    row.last_error = error[:200]
    if retry_after is not None:
        row.not_before = now + retry_delay(row.attempts, retry_after)
        session.add(row)
        return
    row.attempts += 1
    if row.attempts >= MAX_ATTEMPTS:
        row.failed_at = now
        tell_owner(session, row, now, recipient_refused=False)
        _settled(session, row, now, delivered=False)
    else:
        row.not_before = now + retry_delay(row.attempts, retry_after)
    session.add(row)


def mark_failed(session: Session, row: Outbox, now: datetime, error: str) -> None:
    """Give up for good: the recipient blocked the bot, or the service refused the message."""
    row.attempts += 1
    row.failed_at = now
    row.last_error = error[:200]
    session.add(row)
    tell_owner(session, row, now, recipient_refused=True)
    _settled(session, row, now, delivered=False)


def _settled(session: Session, row: Outbox, now: datetime, *, delivered: bool) -> None:
    record = SETTLED.get(row.kind)
    if record is not None:
        record(session, row, now, delivered)


def owner_of(session: Session, row: Outbox) -> int | None:
    """The user who asked for the message: its sender when registered, else the recipient."""
    resolve = OWNERS.get(row.kind)
    return resolve(session, row) if resolve is not None else row.user_id


def tell_owner(session: Session, row: Outbox, now: datetime, *, recipient_refused: bool) -> bool:
    """Owe the owner one notice that `row` was not delivered; True when it was added.

    Never about a notice itself (no loops), and not to a recipient whose own chat refused
    the message: a notice there would fail the same way. Keyed by the failed row, so a row
    marked failed twice (two processes) still gives one notice.
    """
    if row.kind == UNDELIVERED or row.id is None:
        return False
    owner = owner_of(session, row)
    if owner is None or (recipient_refused and owner == row.user_id):
        return False
    return enqueue(session, user_id=owner, kind=UNDELIVERED, ref_id=row.id,
                   dedupe_key=f"undelivered:{row.id}", now=now)
