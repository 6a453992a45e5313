"""Unknown accounts: one refusal per chat and day, and a limit on guessing invites.

Anyone can write to a public bot. Answering every message, or auditing every one, would let a
stranger flood the audit log and learn nothing new each time; answering every `/start <guess>`
would let one try invite codes as fast as the chat service allows. So messages are counted per
chat and day (the refusal and its audit row come with the first), and wrong invite codes per
chat over a sliding hour: after `INVITE_GUESSES` the chat is told once and then hears nothing,
not even for a right code, until the hour has passed.

The counts live in `StrangerCount`, not in the audit log: the audit log stays an append-only
chain, and a chat is kept there only as a hash (as in the audit subject).
"""

from __future__ import annotations

import hashlib
from datetime import datetime, tzinfo

from sqlalchemy import delete, func
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, col, select

from storage.models import StrangerCount

MESSAGE = "message"
INVITE = "invite"
INVITE_GUESSES = 5  # wrong invite codes per chat in an hour; then silence
GUESS_WINDOW_MINUTES = 60
KEEP_DAYS = 7  # message counts older than this are pruned


def chat_ref(transport: str, chat_id: str) -> str:
    """A stable, non-reversible reference to a chat."""
    return hashlib.sha256(f"chat:{transport}:{chat_id}".encode()).hexdigest()[:40]


def _day(now: datetime, tz: tzinfo) -> int:
    return now.astimezone(tz).date().toordinal()


def _minute(now: datetime) -> int:
    return int(now.timestamp()) // 60


def _add(session: Session, chat: str, kind: str, window: int) -> int:
    """Count one more in (chat, kind, window) and return the new count; safe across processes
    (an upsert: two messages at once count two)."""
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    counted = insert(StrangerCount).values(chat=chat, kind=kind, window=window, count=1)
    statement = counted.on_conflict_do_update(
        index_elements=[col(StrangerCount.chat), col(StrangerCount.kind),
                        col(StrangerCount.window)],
        set_={"count": col(StrangerCount.count) + 1},
    ).returning(col(StrangerCount.count))
    return int(session.execute(statement).scalar_one())


def note_message(session: Session, chat: str, now: datetime, tz: tzinfo) -> int:
    """Count a message from an unknown account; returns how many this chat sent today
    (1: the first, which gets the refusal and the audit row)."""
    day = _day(now, tz)
    session.execute(delete(StrangerCount).where(
        col(StrangerCount.kind) == MESSAGE, col(StrangerCount.window) < day - KEEP_DAYS))
    return _add(session, chat, MESSAGE, day)


def wrong_invites(session: Session, chat: str, now: datetime) -> int:
    """Wrong invite codes this chat sent in the last hour."""
    since = _minute(now) - GUESS_WINDOW_MINUTES
    total = session.exec(select(func.coalesce(func.sum(StrangerCount.count), 0)).where(
        col(StrangerCount.chat) == chat, col(StrangerCount.kind) == INVITE,
        col(StrangerCount.window) > since)).one()
    return int(total)


def note_wrong_invite(session: Session, chat: str, now: datetime) -> int:
    """Count a wrong invite code; returns the chat's wrong codes in the last hour."""
    minute = _minute(now)
    session.execute(delete(StrangerCount).where(
        col(StrangerCount.kind) == INVITE,
        col(StrangerCount.window) <= minute - 2 * GUESS_WINDOW_MINUTES))
    _add(session, chat, INVITE, minute)
    return wrong_invites(session, chat, now)
