"""Fixtures shared by every tier: a movable clock and a migrated database."""

from __future__ import annotations

import os
import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from core.areas import seed_areas
from core.clock import FakeClock
from core.reading.names import use_cache_dir
from storage.engine import Database, make_engine
from tests.support.audit import migrated
from tests.support.keys import TEST_KEYRING

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
# Sunday 29 November 2026, 14:00 in Amsterdam: the project's reference "now".
REFERENCE_NOW = datetime(2026, 11, 29, 14, 0, tzinfo=AMSTERDAM)


@pytest.fixture(scope="session", autouse=True)
def _names_lookup_built_once(tmp_path_factory: pytest.TempPathFactory) -> None:
    """deduce's names-only lookup is built once per test run, in the run's own folder."""
    use_cache_dir(tmp_path_factory.mktemp("deduce"))


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(REFERENCE_NOW, AMSTERDAM)


POSTGRES_SERVER = os.environ.get("TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432")


@contextmanager
def postgres_database(template: str | None = None) -> Iterator[str]:
    """A fresh PostgreSQL database on the local server for one test; dropped afterwards.

    `template`: a database to copy (PostgreSQL copies files; far faster than migrating anew).
    """
    psycopg = pytest.importorskip("psycopg")
    admin = POSTGRES_SERVER.replace("postgresql+psycopg://", "postgresql://") + "/postgres"
    name = f"netwerk_test_{uuid.uuid4().hex[:12]}"
    try:
        connection = psycopg.connect(admin, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as error:
        pytest.skip(f"no PostgreSQL server reachable for the PostgreSQL tier: {error}")
    with connection:
        copy = f' TEMPLATE "{template}"' if template else ""
        connection.execute(f'CREATE DATABASE "{name}"{copy}')
        try:
            yield f"{POSTGRES_SERVER}/{name}"
        finally:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _migrated_and_seeded(url: str) -> Database:
    database = migrated(Database(make_engine(url), TEST_KEYRING))
    with database.session() as session:
        seed_areas(session)
    return database


@pytest.fixture(scope="session")
def postgres_template() -> Iterator[str]:
    """One database built by the migrations per test run; every PostgreSQL test copies it."""
    with postgres_database() as url:
        _migrated_and_seeded(url).engine.dispose()  # no session may stay open on a template
        yield url.rsplit("/", 1)[1]


@pytest.fixture(scope="session")
def sqlite_template() -> Iterator[sqlite3.Connection]:
    """The same for SQLite: built by the migrations once, copied into each test's database."""
    database = _migrated_and_seeded("sqlite://")
    raw = database.engine.raw_connection()
    connection = raw.driver_connection
    assert isinstance(connection, sqlite3.Connection)
    yield connection
    raw.close()
    database.engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request: pytest.FixtureRequest) -> Iterator[Database]:
    """A database built by the migrations (not create_all): in-memory SQLite, and PostgreSQL.

    The migrations run once per test run into a template that each test gets a copy of.
    """
    with ExitStack() as stack:
        if request.param == "postgresql":
            template = request.getfixturevalue("postgres_template")
            database = Database(make_engine(stack.enter_context(postgres_database(template))),
                                TEST_KEYRING)
        else:
            database = Database(make_engine("sqlite://"), TEST_KEYRING)
            raw = database.engine.raw_connection()  # the pool's one in-memory connection
            request.getfixturevalue("sqlite_template").backup(raw.driver_connection)
            raw.close()
        yield database
        database.engine.dispose()


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """On CI a skipped test is a failed promise: the services it needs are there."""
    skipped = terminalreporter.stats.get("skipped", [])
    if os.environ.get("CI") and skipped:
        terminalreporter.write_line(
            f"CI: {len(skipped)} test(s) were skipped; every tier must run here.", red=True
        )
        terminalreporter._session.exitstatus = pytest.ExitCode.TESTS_FAILED
