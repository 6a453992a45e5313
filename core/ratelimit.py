"""Keeping the chat service's send limits, together, however many processes send.

Telegram answers 429 to a bot sending more than about 30 messages a second in all, or more
than one a second into one chat. Every send first takes a permit: the sends of the current
second are counted per scope ("global:<transport>" and "chat:<transport>:<chat key>") and a
send over a limit waits for the next second. On PostgreSQL the counts are rows every process
increments (`INSERT … ON CONFLICT DO UPDATE … RETURNING`), so N processes keep one budget; on
SQLite there is one process (storage.lock) and the counts stay in memory, which saves a
synced write per message.

Answers to what a user just did go first: messages nobody is waiting for (reminders,
digests, the outbox) may use only `background_share` of the global budget, so a backlog of
them never holds up a reply by more than a second. A reply counts in its chat's second (a
reminder to that chat waits), but never waits for the chat limit itself: the user sets that
pace, and the chat service's own `retry_after` is honoured should it object.
"""

from __future__ import annotations

import asyncio
import math
import random
import time
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import delete
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, col

from core.journal import chat_key
from storage.engine import Database
from storage.models import SendWindow

KEEP_SECONDS = 60  # counts older than this are of no use any more
JITTER = 0.05  # seconds: processes waiting for the same second do not all ask at once
# No send starts in the last part of a second: it would reach the chat service in the next
# one, which counts it as well.
GUARD = 0.1

# (scope, limit): the limit None counts the send without ever holding it back.
Claim = tuple[str, int | None]


@dataclass(frozen=True)
class Limits:
    """One transport's limits; Telegram's by default."""

    per_second: int = 30  # all chats together
    per_chat_per_second: int = 1
    background_share: float = 0.8  # of per_second, for messages nobody is waiting for

    @property
    def background_per_second(self) -> int:
        return max(1, math.floor(self.per_second * self.background_share))


def claims(limits: Limits, transport: str, chat_id: str, *, reply: bool) -> list[Claim]:
    """What one send takes: always the global scope first (one lock order, no deadlocks)."""
    chat = f"chat:{transport}:{chat_key(transport, chat_id)}"
    if reply:
        return [(f"global:{transport}", limits.per_second), (chat, None)]
    return [(f"global:{transport}", limits.background_per_second),
            (chat, limits.per_chat_per_second)]


def take(session: Session, wanted: Sequence[Claim], window: int) -> bool:
    """Count one send in each scope for second `window`, all or none; False when a scope is
    full (then the caller rolls back: nothing was counted). The row lock each increment takes
    holds other processes' permits until this transaction ends, so counts never overshoot."""
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    for scope, limit in wanted:
        counted = insert(SendWindow).values(scope=scope, window=window, sends=1)
        statement = counted.on_conflict_do_update(
            index_elements=[col(SendWindow.scope), col(SendWindow.window)],
            set_={"sends": col(SendWindow.sends) + 1},
        ).returning(col(SendWindow.sends))
        sends = int(session.execute(statement).scalar_one())
        if limit is not None and sends > limit:
            return False
    return True


def prune(session: Session, now: float, keep: int = KEEP_SECONDS) -> int:
    """Forget the counts of seconds long past."""
    result = session.execute(delete(SendWindow).where(col(SendWindow.window) < int(now) - keep))
    return int(result.rowcount)  # type: ignore[attr-defined]


class SendLimiter:
    """Permits for sends; a transport without limits (the terminal, Matrix) is never held up.

    `shared` counts in the database (several processes); otherwise in memory.
    """

    def __init__(
        self,
        db: Database | None,
        limits: Mapping[str, Limits],
        *,
        shared: bool | None = None,
        now: Callable[[], float] = time.time,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        guard: float = GUARD,
    ) -> None:
        self.db = db
        self.limits = dict(limits)
        self.shared = (db is not None and db.engine.dialect.name == "postgresql"
                       if shared is None else shared)
        self._now = now
        self._sleep = sleep
        self._guard = guard
        self._counts: dict[str, int] = {}
        self._counted_window = -1

    async def permit(self, transport: str, chat_id: str, *, reply: bool) -> None:
        """Return once a send to `chat_id` fits within the limits (counted as sent)."""
        limits = self.limits.get(transport)
        if limits is None:
            return
        wanted = claims(limits, transport, chat_id, reply=reply)
        while True:
            moment = self._now()
            window = int(moment)
            if moment - window < 1 - self._guard and await self._take(wanted, window):
                return
            await self._sleep(window + 1 - moment + random.random() * JITTER)  # noqa: S311

    async def _take(self, wanted: Sequence[Claim], window: int) -> bool:
        if not self.shared:
            return self._take_here(wanted, window)
        return await asyncio.to_thread(self._take_shared, wanted, window)

    def _take_shared(self, wanted: Sequence[Claim], window: int) -> bool:
        assert self.db is not None
        with self.db.session() as session:
            if take(session, wanted, window):
                return True
            session.rollback()
            return False

    def _take_here(self, wanted: Sequence[Claim], window: int) -> bool:
        if window != self._counted_window:
            self._counts.clear()
            self._counted_window = window
        if any(limit is not None and self._counts.get(scope, 0) >= limit
               for scope, limit in wanted):
            return False
        for scope, _ in wanted:
            self._counts[scope] = self._counts.get(scope, 0) + 1
        return True
