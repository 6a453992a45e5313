"""Engine and session factory. Nothing is connected at import time."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.pool import StaticPool
from sqlmodel import Session

from storage.crypto import Keyring
from storage.files import create_private_file, private_file, private_folder
from storage.revision import install as install_revision
from storage.sealing import install as install_sealing


def make_engine(url: str, *, echo: bool = False) -> Engine:
    """Create an engine for `url`, tuned for the backend.

    SQLite gets WAL (readers do not block the writer), foreign keys on, and a busy timeout so
    the scheduler's thread and a message handler never fail on a momentary lock. Commits are
    synced to disk in full (`synchronous=FULL`): a confirmed visit survives a power cut, not
    only a crash of the process.
    """
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url, echo=echo, pool_pre_ping=True)

    database = parsed.database or ""
    in_memory = database in ("", ":memory:") or database.startswith("file::memory:")
    kwargs: dict[str, Any] = {"connect_args": {"check_same_thread": False}}
    if in_memory:
        kwargs["poolclass"] = StaticPool
    elif not database.startswith("file:"):
        _private_database_file(Path(database))
    engine = create_engine(url, echo=echo, **kwargs)

    @event.listens_for(engine, "connect")
    def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        if not in_memory:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=5000")
        cursor.close()

    return engine


def _private_database_file(path: Path) -> None:
    """The database's folder 0700 and the file 0600 before SQLite opens it: SQLite gives the
    -wal and -shm files the database file's mode, so they are 0600 too, whatever the umask.
    A register made by an older version is tightened at its next start."""
    private_folder(path.parent)
    create_private_file(path)
    for file in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        private_file(file)


def sqlite_path(url: str) -> Path | None:
    """The database file of a SQLite URL, or None for other backends and in-memory databases."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return None
    database = parsed.database or ""
    if database in ("", ":memory:") or database.startswith("file::memory:"):
        return None
    return Path(database)


class Database:
    """Hands out sessions; one per unit of work, committed or rolled back as a whole.

    Every session carries the keyring, so sealed columns open and seal on their own
    (`storage.sealing`).
    """

    def __init__(self, engine: Engine, keyring: Keyring) -> None:
        install_sealing()
        install_revision()
        self.engine = engine
        self.keyring = keyring

    @contextmanager
    def session(self) -> Iterator[Session]:
        session = Session(self.engine, expire_on_commit=False, info={"keyring": self.keyring})
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()
