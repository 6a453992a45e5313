"""The update journal: every incoming update written down before it is handled.

A chat service considers an update delivered once it was fetched (Telegram acknowledges a
batch with the next poll), so a crash between fetching and handling would lose it. The
journal keeps what is needed to finish it (sealed: it quotes what the user typed) in its own
committed transaction, and the handling marks it handled in the handling's own transaction,
which also drops what it said: after that only the update id is kept, until it is pruned. On
start-up what is left unhandled is handled, in the order it came in; a redelivered update is
journalled once and handled once.

One chat's updates are handled in the order they came in, also when a load balancer hands
them to different processes: the handling transaction first takes the chat's lock (on
PostgreSQL an advisory lock shared by all processes; SQLite has one process, whose own lock
suffices) and, holding it, finishes the chat's earlier unhandled updates before its own
(`earliest_of_chat`). Whoever holds the lock thus handles that chat's journal in update-id
order, each update once.

Replies are sent after the handling commits and are not journalled: `sendMessage` is not
idempotent, so resending after a crash would show a reply twice as often as it would repair a
lost one; what the user confirmed is stored either way.
"""

from __future__ import annotations

import hashlib
import struct
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, null, text, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from storage.models import ProcessedUpdate

KEEP_HANDLED = timedelta(days=2)  # a redelivery comes within hours; then the entry may go
UPDATE_ID_LENGTH = 64


@dataclass(frozen=True)
class Entry:
    """One update to journal: where it came from, its id there, and its content."""

    transport: str
    update_id: str
    payload: dict[str, Any]
    chat: str | None = None  # the chat it belongs to: its lock and its place in line


def chat_key(transport: str, chat_id: str) -> int:
    """A stable signed 64-bit number for one chat: its journal entries are found by it and
    its lock is taken on it (the chat id itself is not stored in the journal's open columns)."""
    digest = hashlib.sha256(f"{transport}:{chat_id}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


def lock_chat(session: Session, transport: str, chat_id: str) -> None:
    """Hold the chat's lock until the session's transaction ends (PostgreSQL; shared by all
    processes). The two-number form keeps it apart from the poller election's bigint lock."""
    if session.get_bind().dialect.name != "postgresql":
        return  # SQLite: one process (storage.lock), which serialises each chat itself
    high, low = struct.unpack(">ii", struct.pack(">q", chat_key(transport, chat_id)))
    session.execute(text("SELECT pg_advisory_xact_lock(:high, :low)"),
                    {"high": high, "low": low})


def earliest_of_chat(session: Session, transport: str, chat_id: str, update_id: str
                     ) -> Entry | None:
    """The chat's first unhandled update in line, when it comes before `update_id` (held
    under the chat's lock); None when `update_id` is first or was handled already.

    Telegram counts update ids up, so they order one chat's updates whichever process
    received them; ids that are not numbers fall back to the arrival time. Entries are
    matched on their (sealed) content too: two chats may share a key.
    """
    transport, update_id = key(transport, update_id)
    waiting = (col(ProcessedUpdate.chat_key) == chat_key(transport, chat_id),
               col(ProcessedUpdate.transport) == transport,
               col(ProcessedUpdate.handled_at).is_(None))
    # Only the open columns: a replay after a crash has hundreds waiting per chat, and
    # opening every sealed payload for every update made it quadratic.
    line = session.exec(select(ProcessedUpdate.update_id, ProcessedUpdate.received_at)
                        .where(*waiting)).all()
    if all(other == update_id for other, _ in line):  # the usual case: nothing else waits
        return None
    if all(other != update_id for other, _ in line):  # handled already
        return None
    for other, _ in sorted(line, key=lambda row: _in_line(*row)):
        if other == update_id:
            return None
        row = session.get(ProcessedUpdate, (transport, other))  # opened on load (SEALED)
        payload = None if row is None else row.payload
        if payload and str(payload.get("chat_id")) == chat_id:
            return Entry(transport, other, dict(payload), chat_id)
    return None


def key(transport: str, update_id: str) -> tuple[str, str]:
    return transport, update_id[:UPDATE_ID_LENGTH]


def record(session: Session, entries: Iterable[Entry], now: datetime) -> int:
    """Journal the updates not journalled yet; returns how many were new."""
    added = 0
    for entry in entries:
        transport, update_id = key(entry.transport, entry.update_id)
        if session.get(ProcessedUpdate, (transport, update_id)) is not None:
            continue
        savepoint = session.begin_nested()
        try:
            session.add(ProcessedUpdate(
                transport=transport, update_id=update_id, received_at=now,
                payload=entry.payload,
                chat_key=None if entry.chat is None else chat_key(transport, entry.chat)))
            savepoint.commit()
        except IntegrityError:  # another process journalled it just now
            savepoint.rollback()
            continue
        added += 1
    return added


def waiting(session: Session, transport: str, update_id: str) -> bool:
    """True while the update is journalled and not handled yet: worth handling. A read, so
    the handling writes nothing (and on SQLite holds no write lock) until it is done."""
    transport, update_id = key(transport, update_id)
    return session.exec(
        select(ProcessedUpdate.update_id).where(
            col(ProcessedUpdate.transport) == transport,
            col(ProcessedUpdate.update_id) == update_id,
            col(ProcessedUpdate.handled_at).is_(None))
    ).first() is not None


def take(session: Session, transport: str, update_id: str, now: datetime) -> bool:
    """Mark the update handled, in the transaction that handles it; False when it was
    handled before (or is being handled by another process, which then wins).

    What the update said goes in the same transaction: it was only kept to finish the update
    after a crash. What may be kept of it is in the register now (through the guard), and a
    message refused whole (a BSN) is kept nowhere. The update id stays until it is pruned, so a
    redelivery is still recognised.
    """
    transport, update_id = key(transport, update_id)
    values: dict[str, Any] = {"handled_at": now, "payload": null()}
    result = session.execute(
        update(ProcessedUpdate)
        .where(col(ProcessedUpdate.transport) == transport,
               col(ProcessedUpdate.update_id) == update_id,
               col(ProcessedUpdate.handled_at).is_(None))
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


def unhandled(session: Session, transports: Iterable[str]) -> list[Entry]:
    """Everything journalled but not handled (a crash), in the order it came in.

    Updates journalled together share a time; their ids (Telegram counts up) order them.
    """
    rows = session.exec(
        select(ProcessedUpdate).where(
            col(ProcessedUpdate.transport).in_(list(transports)),
            col(ProcessedUpdate.handled_at).is_(None),
        )
    ).all()
    return [Entry(row.transport, row.update_id, dict(row.payload or {}))
            for row in sorted(rows, key=_arrival) if row.payload]


def prune(session: Session, now: datetime, keep: timedelta = KEEP_HANDLED) -> int:
    """Forget handled updates after `keep`; unhandled ones stay until they are handled."""
    result = session.execute(
        delete(ProcessedUpdate).where(
            col(ProcessedUpdate.handled_at).is_not(None),
            col(ProcessedUpdate.received_at) < now - keep,
        )
    )
    return int(result.rowcount)  # type: ignore[attr-defined]


def _arrival(row: ProcessedUpdate) -> tuple[datetime, int, str]:
    number = int(row.update_id) if row.update_id.isdigit() else 0
    return row.received_at, number, row.update_id


def _in_line(update_id: str, received_at: datetime) -> tuple[int, datetime, str]:
    number = int(update_id) if update_id.isdigit() else 0
    return number, received_at, update_id
