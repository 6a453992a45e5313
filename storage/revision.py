"""The register's revision: one counter bumped in the same transaction as any change to the
names the message reader matches (contacts, organisations, areas).

Matching runs in memory (names are sealed), and loading and opening 10,000 names for every
message cost most of a message's time. With this counter a process reuses its index until the
counter moves — also when another process made the change, because the counter is in the
database and moves in the same transaction as the change.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import event, update
from sqlalchemy.orm import Session

from storage.models import Area, Contact, Organisation, RegisterRevision

WATCHED = (Contact, Organisation, Area)
BUMPED = "register_revision_bumped"  # Session.info flag: this transaction moved the counter
_installed = False


def _bump(session: Session, _context: Any, _instances: Any) -> None:
    changed = (*session.new, *session.dirty, *session.deleted)
    if any(isinstance(row, WATCHED) for row in changed):
        session.execute(update(RegisterRevision).where(RegisterRevision.id == 1)  # type: ignore[arg-type]
                        .values(n=RegisterRevision.n + 1))
        session.info[BUMPED] = True


def _forget(session: Session, *_args: Any) -> None:
    session.info.pop(BUMPED, None)


def install() -> None:
    """Hook every session once per process (idempotent)."""
    global _installed
    if _installed:
        return
    event.listen(Session, "before_flush", _bump)
    event.listen(Session, "after_commit", _forget)
    event.listen(Session, "after_rollback", _forget)
    _installed = True
