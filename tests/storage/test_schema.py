"""The schema: migrations build exactly the models, times keep their zone, one bot per file."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text
from sqlalchemy.exc import StatementError
from sqlmodel import SQLModel

from storage.engine import Database, make_engine
from storage.lock import AlreadyRunningError, InstanceLock
from storage.migrate import upgrade
from storage.models import FollowUp, User
from tests.conftest import AMSTERDAM


def test_the_migrations_build_exactly_what_the_models_describe(db: Database) -> None:
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, SQLModel.metadata)

    assert differences == []


def test_migrating_twice_changes_nothing(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'netwerk.db'}")
    upgrade(engine)
    upgrade(engine)

    with engine.connect() as connection:
        version = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    engine.dispose()
    assert version is not None


def test_an_aware_time_comes_back_aware_and_equal_on_sqlite(db: Database) -> None:
    due = datetime(2026, 3, 29, 10, 0, tzinfo=AMSTERDAM)  # the day summer time starts
    with db.session() as session:
        user = User(transport="t", external_id="1", chat_id="1", role="coordinator")
        session.add(user)
        session.flush()
        assert user.id is not None
        session.add(FollowUp(title="x", owner_user_id=user.id, due_at=due))

    with db.session() as session:
        stored = session.get(FollowUp, 1)
    assert stored is not None
    assert stored.due_at == due
    assert stored.due_at.tzinfo is UTC


def test_a_naive_time_is_refused_rather_than_guessed(db: Database) -> None:
    naive = User(transport="t", external_id="1", chat_id="1", role="coordinator",
                 created_at=datetime(2026, 1, 1))  # noqa: DTZ001 (the point of the test)
    with db.session() as session:
        session.add(naive)
        with pytest.raises(StatementError, match="naive"):
            session.flush()
        session.rollback()


def test_a_file_database_uses_write_ahead_logging(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'netwerk.db'}")
    upgrade(engine)
    engine.dispose()

    with sqlite3.connect(tmp_path / "netwerk.db") as raw:
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_file_database_syncs_every_commit_to_disk_in_full(tmp_path: Path) -> None:
    """synchronous=FULL (2) on every connection the engine makes, not only the first: a
    confirmed visit survives a power cut (WAL's default, NORMAL, may lose the last commits)."""
    engine = make_engine(f"sqlite:///{tmp_path / 'netwerk.db'}")
    try:
        with engine.connect() as first, engine.connect() as second:
            for connection in (first, second):
                assert connection.execute(text("PRAGMA synchronous")).scalar_one() == 2
                assert connection.execute(text("PRAGMA journal_mode")).scalar_one() == "wal"
    finally:
        engine.dispose()


def test_a_second_bot_on_the_same_database_file_refuses_to_start(tmp_path: Path) -> None:
    database = tmp_path / "netwerk.db"
    with InstanceLock(database), pytest.raises(AlreadyRunningError, match="already running"):
        InstanceLock(database).acquire()


def test_the_lock_is_free_again_after_the_first_bot_stops(tmp_path: Path) -> None:
    database = tmp_path / "netwerk.db"
    with InstanceLock(database):
        pass

    with InstanceLock(database):
        pass


def test_a_bot_that_stops_leaves_no_lock_file(tmp_path: Path) -> None:
    database = tmp_path / "netwerk.db"
    with InstanceLock(database) as lock:
        assert lock.path.exists()

    assert not lock.path.exists()


def test_a_lock_file_left_by_a_killed_bot_does_not_stop_the_next_start(tmp_path: Path) -> None:
    database = tmp_path / "netwerk.db"
    (tmp_path / "netwerk.db.lock").write_text("12345")  # nobody holds it: the process died

    with InstanceLock(database), pytest.raises(AlreadyRunningError):
        InstanceLock(database).acquire()
    assert not (tmp_path / "netwerk.db.lock").exists()


def test_a_lock_taken_on_a_file_removed_meanwhile_is_taken_again_on_the_new_file(
    tmp_path: Path,
) -> None:
    """A process that opened the lock file just before its stopping holder removed it would
    lock the removed file; it notices and locks the file the path names now, so a third
    process cannot start beside it."""
    database = tmp_path / "netwerk.db"
    holder = InstanceLock(database)
    holder.acquire()

    class OpensJustBeforeTheHolderStops(InstanceLock):
        def __init__(self, database: Path) -> None:
            super().__init__(database)
            self.opened: list[int] = []

        def _open(self) -> int:
            fd = super()._open()
            if not self.opened:
                holder.release()  # removes the file this process has just opened
            self.opened.append(fd)
            return fd

    second = OpensJustBeforeTheHolderStops(database)
    second.acquire()

    assert len(second.opened) == 2  # the removed file was let go, the new one locked
    with pytest.raises(AlreadyRunningError):
        InstanceLock(database).acquire()
    second.release()
