"""Electing the one long-polling process with a PostgreSQL advisory lock (storage.leader).

Two electors stand for two bot processes on one database: each has its own engine, so each
has its own session on the server, like two processes would.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, text

from storage.engine import make_engine
from storage.leader import LeaderLock, leader_exists, lock_key
from tests.conftest import postgres_database


@pytest.fixture
def postgres_url() -> Iterator[str]:
    with postgres_database() as url:
        yield url


@pytest.fixture
def engines(postgres_url: str) -> Iterator[list[Engine]]:
    """Three engines on one database: two bot processes and an onlooker (the ops console)."""
    made = [make_engine(postgres_url) for _ in range(3)]
    yield made
    for engine in made:
        engine.dispose()


def end_session_of_holder(engine: Engine, key: int) -> None:
    """Kill the backend that holds the lock, the way a crashed process's session ends."""
    unsigned = key & 0xFFFFFFFFFFFFFFFF
    with engine.connect() as connection:
        (pid,) = connection.execute(
            text("SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted "
                 "AND classid::bigint = :high AND objid::bigint = :low"),
            {"high": unsigned >> 32, "low": unsigned & 0xFFFFFFFF},
        ).scalars().all()
        assert connection.execute(
            text("SELECT pg_terminate_backend(:pid)"), {"pid": pid}
        ).scalar_one()


def test_of_two_processes_on_one_database_exactly_one_leads(engines: list[Engine]) -> None:
    first, second = LeaderLock(engines[0]), LeaderLock(engines[1])

    assert first.try_acquire() is True
    assert second.try_acquire() is False
    assert (first.held, second.held) == (True, False)
    # Asking again changes nothing: the leader keeps it, the other still waits.
    assert first.try_acquire() is True
    assert second.try_acquire() is False
    first.release()
    second.release()


def test_when_the_leaders_session_dies_the_other_takes_over(engines: list[Engine]) -> None:
    first, second = LeaderLock(engines[0]), LeaderLock(engines[1])
    assert first.try_acquire()
    assert not second.try_acquire()

    end_session_of_holder(engines[2], first.key)

    assert second.try_acquire() is True
    # The old leader notices on its next try that its lock went with its connection.
    assert first.try_acquire() is False
    assert first.held is False
    second.release()


def test_a_released_lock_is_free_for_the_next_process(engines: list[Engine]) -> None:
    first, second = LeaderLock(engines[0]), LeaderLock(engines[1])
    assert first.try_acquire()
    first.release()

    assert first.held is False
    assert second.try_acquire() is True
    second.release()


def test_whether_a_leader_exists_can_be_seen_from_any_connection(
    engines: list[Engine],
) -> None:
    leader = LeaderLock(engines[0])
    with engines[2].connect() as onlooker:
        assert leader_exists(onlooker) is False
        assert leader.try_acquire()
        assert leader_exists(onlooker) is True
        leader.release()
        assert leader_exists(onlooker) is False


def test_a_leader_in_another_database_on_the_same_server_does_not_count(
    engines: list[Engine],
) -> None:
    """Two bots (or a test run beside a bot) on one PostgreSQL server: the same role's lock
    in the other database is the other bot's poller, not ours."""
    with postgres_database() as other_url:
        other = make_engine(other_url)
        try:
            elsewhere = LeaderLock(other)
            assert elsewhere.try_acquire()
            with engines[2].connect() as onlooker, other.connect() as there:
                assert leader_exists(there) is True
                assert leader_exists(onlooker) is False
                # Our own election is independent of it, too.
                ours = LeaderLock(engines[0])
                assert ours.try_acquire()
                assert leader_exists(onlooker) is True
                ours.release()
            elsewhere.release()
        finally:
            other.dispose()


def test_different_roles_have_different_locks(engines: list[Engine]) -> None:
    poller, other = LeaderLock(engines[0]), LeaderLock(engines[1], "something-else")
    assert poller.try_acquire()
    assert other.try_acquire()
    assert lock_key("a") != lock_key("b")
    poller.release()
    other.release()


def test_on_sqlite_the_single_process_leads_without_a_lock() -> None:
    engine = make_engine("sqlite://")
    lock = LeaderLock(engine)
    assert lock.uses_lock is False
    assert lock.try_acquire() is True
    with engine.connect() as connection:
        assert leader_exists(connection) is None
    lock.release()
    engine.dispose()
