"""The audit trail as a keyed hash chain: a changed, deleted, moved or added entry is noticed.

Every entry carries the HMAC-SHA256 of its own fields and the previous entry's hash, under a key
derived from the data key (`Keyring.derive("audit chain")`), so someone with write access to the
database but without the key cannot repair the chain after changing it. The single `AuditHead`
row holds the number of entries and the last hash (with a MAC of its own): a cut-off tail is
noticed too.

The chain's start is signed as well: `begin` writes a signed head (no entries, or the entries
from before the chain taken in) at the register's first start, and only then. An unsigned head
never verifies and is never extended, so deleting the entries and blanking the head (a reset
without the key) leaves a register the bot refuses to write to and `verify` reports. A signed
but empty chain on a register with users does not verify either: every user is made by an
audited action, so that is the signed start put back over a deleted history.

Entries are added to the session as they happen and chained when the transaction commits: the
head row is updated first, which takes the write lock on SQLite and a row lock on PostgreSQL, so
two transactions never take the same place in the chain, and the lock is held only for the
moment of committing. Details name records and outcomes, never message text or content.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import bindparam, event, func, insert, select, update
from sqlalchemy.engine import Connection, Row
from sqlalchemy.orm import Session, SessionTransaction

from storage.crypto import Keyring
from storage.models import AuditEvent, AuditHead, User

GENESIS = "0" * 64  # what the first entry points back to
PURPOSE = "audit chain"
_PENDING = "audit_pending"  # session.info: entries added in this transaction, in order
_EVENTS = AuditEvent.__table__  # type: ignore[attr-defined]
_HEAD = AuditHead.__table__  # type: ignore[attr-defined]
_USERS = User.__table__  # type: ignore[attr-defined]
_install_lock = threading.Lock()
_installed = False


class AuditChainError(RuntimeError):
    """The chain cannot be extended or re-keyed as it is; the message says why."""


class ChainBroken(AuditChainError):
    """Re-keying refused: the chain does not verify under the old key."""

    def __init__(self, result: VerifyResult) -> None:
        first = result.breaks[0]
        super().__init__(f"audit chain broken: {first.problem} at position {first.position}, "
                         f"entry {first.entry_id}")
        self.result = result


class ChainReset(AuditChainError):
    """The chain's head is not signed on a register that has been used: it was reset."""


class Problem(StrEnum):
    CHANGED = "changed"  # the entry's fields do not match its hash: edited or moved
    MISSING = "missing"  # places in the chain before this entry are gone
    RELINKED = "relinked"  # it does not point to the entry before it
    UNCHAINED = "unchained"  # a row that never went through the chain (added afterwards)
    TRUNCATED = "truncated"  # entries at the end are gone
    BEYOND_HEAD = "beyond_head"  # entries after the recorded end of the chain
    HEAD = "head"  # the head row is changed or gone
    NOT_BEGUN = "not_begun"  # the head is not signed: never begun, or reset without the key
    EMPTY = "empty"  # a signed, empty chain on a register with users: the history deleted


@dataclass(frozen=True)
class Break:
    """Where the chain breaks: the place (1-based position) and the entry's id, when known."""

    problem: Problem
    position: int | None = None
    entry_id: int | None = None
    missing: int = 0  # for MISSING and TRUNCATED: how many places are gone


@dataclass(frozen=True)
class VerifyResult:
    count: int  # entries read
    breaks: tuple[Break, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.breaks


def chain_key(keyring: Keyring | bytes) -> bytes:
    """The chain's HMAC key: from a keyring's current key, or from a data key as bytes."""
    ring = keyring if isinstance(keyring, Keyring) else Keyring(keyring)
    return ring.derive(PURPOSE)


def append(
    session: Session,
    now: datetime,
    action: str,
    actor_user_id: int | None,
    subject: str = "",
    **detail: Any,
) -> AuditEvent:
    """Record an event; it is chained when the session commits. Never pass content in `detail`."""
    if not isinstance(session.info.get("keyring"), Keyring):
        raise AuditChainError("an audited session needs the keyring (storage.engine.Database)")
    _install()
    entry = AuditEvent(at=now, actor_user_id=actor_user_id, action=action, subject=subject,
                       detail=json.loads(json.dumps(detail)))
    session.add(entry)
    session.info.setdefault(_PENDING, []).append(entry)
    return entry


def begin(session: Session, keyring: Keyring | bytes, *, take_in_earlier: bool = False) -> bool:
    """Sign the chain's start; True when it began now, False when it had begun already.

    A chain begins on a new register (no audit entries, no users) or, with `take_in_earlier`,
    on a register upgraded from before the signed start (migration 0021), whose entries are
    taken in. Any other unsigned head is a reset: ChainReset, and nothing is written.
    """
    conn = session.connection()
    head = _lock_head(conn)
    if head.mac:
        return False
    if not take_in_earlier and not _new_register(conn):
        raise ChainReset("the audit chain's head is not signed, but the register has audit "
                         "entries or users: it was reset; run: python -m bot audit verify")
    key = chain_key(keyring)
    count, previous = _take_in_earlier_entries(conn, key)
    _write_head(conn, key, count, previous)
    return True


def verify(session: Session, keyring: Keyring | bytes) -> VerifyResult:
    """Walk the whole chain under the key and report every place it breaks."""
    key = chain_key(keyring)
    conn = session.connection()
    head = conn.execute(select(_HEAD).where(_HEAD.c.id == 1)).first()
    unchained = [Break(Problem.UNCHAINED, None, row.id) for row in conn.execute(
        select(_EVENTS.c.id).where(_EVENTS.c.seq.is_(None)).order_by(_EVENTS.c.id))]
    if head is not None and not head.mac:
        chained = conn.execute(select(func.count()).select_from(_EVENTS)
                               .where(_EVENTS.c.seq.is_not(None))).scalar_one()
        return VerifyResult(chained + len(unchained), (Break(Problem.NOT_BEGUN), *unchained))

    breaks: list[Break] = []
    expected, previous, count = 1, GENESIS, 0
    for row in _chained_rows(conn):
        count += 1
        if row.seq > expected:
            breaks.append(Break(Problem.MISSING, expected, row.id, missing=row.seq - expected))
        elif row.prev_hash != previous:
            breaks.append(Break(Problem.RELINKED, row.seq, row.id))
        if not hmac.compare_digest(_digest(key, row, row.prev_hash), row.hash):
            breaks.append(Break(Problem.CHANGED, row.seq, row.id))
        previous, expected = row.hash, row.seq + 1
    last = expected - 1
    if head is None or not hmac.compare_digest(head.mac, _head_mac(key, head.entries, head.hash)):
        breaks.append(Break(Problem.HEAD))
    elif head.entries > last:
        breaks.append(Break(Problem.TRUNCATED, last + 1, None, missing=head.entries - last))
    elif head.entries < last:
        breaks.append(Break(Problem.BEYOND_HEAD, head.entries + 1))
    elif head.hash != previous:
        breaks.append(Break(Problem.HEAD, last))
    elif last == 0 and _has_users(conn):
        breaks.append(Break(Problem.EMPTY))
    return VerifyResult(count + len(unchained), (*breaks, *unchained))


def rechain(session: Session, old: Keyring | bytes, new: Keyring | bytes) -> int:
    """Move the chain to the new key after a key rotation; returns the entries re-hashed.

    Verifies under the old key first and refuses (ChainBroken) when that fails, so rotating the
    key never launders a tampered log. Run again after an interruption it finds the chain
    already under the new key and does nothing.
    """
    conn = session.connection()
    head = _lock_head(conn)
    if not head.mac:
        raise AuditChainError("the audit chain has not begun (or was reset); run: python -m bot "
                              "audit verify")
    if verify(session, new).ok:
        return 0
    before = verify(session, old)
    if not before.ok:
        raise ChainBroken(before)
    key = chain_key(new)
    previous, changes = GENESIS, []
    for row in _chained_rows(conn):
        digest = _digest(key, row, previous)
        changes.append({"row_id": row.id, "prev": previous, "digest": digest})
        previous = digest
    _rewrite(conn, changes)
    _write_head(conn, key, head.entries, previous)
    return len(changes)


# --- chaining at commit --------------------------------------------------------------------


def _install() -> None:
    global _installed
    with _install_lock:
        if not _installed:
            event.listen(Session, "before_commit", _chain_pending)
            event.listen(Session, "after_transaction_end", _forget_pending)
            _installed = True


def _chain_pending(session: Session) -> None:
    if session.in_nested_transaction():
        return  # a savepoint: the chain is extended once, when the whole transaction commits
    pending = [e for e in session.info.pop(_PENDING, []) if e in session]
    if not pending:
        return
    keyring = session.info.get("keyring")
    if not isinstance(keyring, Keyring):
        raise AuditChainError("an audited session needs the keyring (storage.engine.Database)")
    key = chain_key(keyring)
    session.flush()  # the entries get their ids, which are part of their hash
    conn = session.connection()
    head = _lock_head(conn)
    if not head.mac:  # never begun here: a reset must not be papered over by a new start
        raise ChainReset("the audit chain has not begun (or was reset); run: python -m bot "
                         "audit verify")
    count, previous = head.entries, head.hash
    for entry in pending:
        count += 1
        entry.seq, entry.prev_hash = count, previous
        entry.hash = previous = _digest(key, entry, previous)
    session.flush()
    _write_head(conn, key, count, previous)


def _forget_pending(session: Session, transaction: SessionTransaction) -> None:
    if transaction.parent is None:
        session.info.pop(_PENDING, None)


def _lock_head(conn: Connection) -> Row[Any]:
    """Update the head row before reading it: from here on this transaction owns the chain."""
    head = conn.execute(
        update(_HEAD).where(_HEAD.c.id == 1).values(entries=_HEAD.c.entries)
        .returning(_HEAD.c.entries, _HEAD.c.hash, _HEAD.c.mac)
    ).first()
    if head is not None:
        return head
    if conn.execute(select(_EVENTS.c.id).where(_EVENTS.c.seq.is_not(None)).limit(1)).first():
        raise AuditChainError("the audit chain's head row is gone; run: python -m bot audit "
                              "verify")
    conn.execute(insert(_HEAD).values(id=1, entries=0, hash="", mac=""))
    return _lock_head(conn)


def _new_register(conn: Connection) -> bool:
    """No audit entry and no user: nothing has happened that the chain should have held."""
    return (conn.execute(select(_EVENTS.c.id).limit(1)).first() is None
            and not _has_users(conn))


def _has_users(conn: Connection) -> bool:
    return conn.execute(select(_USERS.c.id).limit(1)).first() is not None


def _take_in_earlier_entries(conn: Connection, key: bytes) -> tuple[int, str]:
    """Chain the entries written before the chain existed (numbered by the migration)."""
    rows = list(_chained_rows(conn))
    if any(row.hash for row in rows):
        raise ChainReset("the audit chain's head was reset while chained entries exist; "
                         "run: python -m bot audit verify")
    previous, changes = GENESIS, []
    for row in rows:
        digest = _digest(key, row, previous)
        changes.append({"row_id": row.id, "prev": previous, "digest": digest})
        previous = digest
    _rewrite(conn, changes)
    return (rows[-1].seq if rows else 0), previous


def _chained_rows(conn: Connection) -> Iterator[Row[Any]]:
    return iter(conn.execute(
        select(_EVENTS).where(_EVENTS.c.seq.is_not(None)).order_by(_EVENTS.c.seq)
    ))


def _rewrite(conn: Connection, changes: list[dict[str, Any]]) -> None:
    if changes:
        conn.execute(
            update(_EVENTS).where(_EVENTS.c.id == bindparam("row_id"))
            .values(prev_hash=bindparam("prev"), hash=bindparam("digest")),
            changes,
        )


def _write_head(conn: Connection, key: bytes, entries: int, last: str) -> None:
    conn.execute(update(_HEAD).where(_HEAD.c.id == 1)
                 .values(entries=entries, hash=last, mac=_head_mac(key, entries, last)))


# --- the hashes ----------------------------------------------------------------------------


def _digest(key: bytes, entry: Any, previous: str) -> str:
    """HMAC over a canonical encoding of the entry (an AuditEvent or a row) and its link."""
    at: datetime = entry.at
    body = [entry.seq, entry.id, at.astimezone(UTC).isoformat(timespec="microseconds"),
            entry.actor_user_id, entry.action, entry.subject, entry.detail, previous]
    return _mac(key, body)


def _head_mac(key: bytes, entries: int, last: str) -> str:
    return _mac(key, ["head", entries, last])


def _mac(key: bytes, body: list[Any]) -> str:
    text = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hmac.new(key, text.encode("utf-8"), hashlib.sha256).hexdigest()
