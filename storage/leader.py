"""Electing the one process that long-polls, with a PostgreSQL advisory lock.

Telegram lets one client at a time long-poll a bot token (a second one gets 409 Conflict), so
when several processes share a PostgreSQL database exactly one of them polls. It is whoever
holds a session-level advisory lock, taken on a connection of its own that stays open for the
process's life: when that process dies, PostgreSQL ends its session and the lock is free for
the next one that retries. On SQLite there is only ever one process (`storage.lock`), so that
process leads by definition and no lock is needed.
"""

from __future__ import annotations

import hashlib
import logging

from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import DBAPIError

log = logging.getLogger(__name__)

POLLER = "netwerkregie:telegram-poller"


def lock_key(name: str) -> int:
    """A stable signed 64-bit key for `name`, the shape `pg_try_advisory_lock(bigint)` takes."""
    digest = hashlib.sha256(name.encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


class LeaderLock:
    """Leadership for one role (`name`), tried without waiting and kept until released."""

    def __init__(self, engine: Engine, name: str = POLLER) -> None:
        self.engine = engine
        self.name = name
        self.key = lock_key(name)
        self._connection: Connection | None = None
        self._held = False

    @property
    def uses_lock(self) -> bool:
        """False on SQLite: one process per database, which leads without a lock."""
        return self.engine.dialect.name == "postgresql"

    @property
    def held(self) -> bool:
        return self._held

    def try_acquire(self) -> bool:
        """Take the lock if it is free, or confirm it is still ours; never waits.

        Called again and again by a process that does not lead (to take over when the leader
        dies) and by the leader (to notice that its connection, and with it the lock, is gone).
        """
        if not self.uses_lock:
            self._held = True
            return True
        try:
            if self._held and self._connection is not None:
                self._connection.execute(text("SELECT 1"))  # a live session still holds it
                return True
            if self._connection is None:
                self._connection = self.engine.connect().execution_options(
                    isolation_level="AUTOCOMMIT"
                )
            acquired = self._connection.execute(
                text("SELECT pg_try_advisory_lock(:key)"), {"key": self.key}
            ).scalar_one()
        except DBAPIError as error:
            if self._held:
                log.warning("lost the %s lock: its connection failed (%s)", self.name,
                            type(error.orig).__name__)
            self._drop_connection()
            return False
        if acquired and not self._held:
            log.info("took the %s lock", self.name)
        self._held = bool(acquired)
        return self._held

    def release(self) -> None:
        """Give the lock up: unlocked on its connection, then the connection closed.

        Closing alone frees it too, but only once the server has ended the session, a moment
        later; unlocking first means that whoever looks right after (another process taking
        over, `/status`) sees it free."""
        if self._held and self.uses_lock:
            if self._connection is not None:
                try:
                    self._connection.execute(text("SELECT pg_advisory_unlock(:key)"),
                                             {"key": self.key})
                except DBAPIError:
                    log.debug("unlocking the %s lock failed; closing frees it", self.name)
            log.info("released the %s lock", self.name)
        self._drop_connection()
        self._held = False

    def _drop_connection(self) -> None:
        """Close the dedicated connection for real: back in the pool it would keep the lock."""
        self._held = False
        if self._connection is None:
            return
        connection, self._connection = self._connection, None
        try:
            connection.invalidate()
            connection.close()
        except DBAPIError:
            log.debug("closing the %s lock connection failed", self.name)


def leader_exists(connection: Connection, name: str = POLLER) -> bool | None:
    """Whether some process holds the lock `name` now (None on SQLite: there is no lock).

    PostgreSQL shows a bigint advisory key in pg_locks as two 32-bit halves. An advisory lock
    belongs to the database it was taken in, and pg_locks lists every database on the server:
    only this database's lock counts (another bot's database on the same server is another bot).
    """
    if connection.dialect.name != "postgresql":
        return None
    key = lock_key(name) & 0xFFFFFFFFFFFFFFFF
    held = connection.execute(
        text(
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted "
            "AND classid::bigint = :high AND objid::bigint = :low AND objsubid = 1 "
            "AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"
        ),
        {"high": key >> 32, "low": key & 0xFFFFFFFF},
    ).scalar_one()
    return bool(held)
