"""Fixtures shared by every tier: a movable clock and a migrated database."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from core.areas import seed_areas
from core.clock import FakeClock
from storage.engine import Database, make_engine
from storage.migrate import upgrade
from tests.support.keys import TEST_KEYRING

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
# Sunday 29 November 2026, 14:00 in Amsterdam: the project's reference "now".
REFERENCE_NOW = datetime(2026, 11, 29, 14, 0, tzinfo=AMSTERDAM)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(REFERENCE_NOW, AMSTERDAM)


POSTGRES_SERVER = os.environ.get("TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432")


@contextmanager
def postgres_database() -> Iterator[str]:
    """A fresh PostgreSQL database on the local server for one test; dropped afterwards."""
    psycopg = pytest.importorskip("psycopg")
    admin = POSTGRES_SERVER.replace("postgresql+psycopg://", "postgresql://") + "/postgres"
    name = f"netwerk_test_{uuid.uuid4().hex[:12]}"
    try:
        connection = psycopg.connect(admin, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as error:
        pytest.skip(f"no PostgreSQL server reachable for the PostgreSQL tier: {error}")
    with connection:
        connection.execute(f'CREATE DATABASE "{name}"')
        try:
            yield f"{POSTGRES_SERVER}/{name}"
        finally:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request: pytest.FixtureRequest) -> Iterator[Database]:
    """A database built by the migrations (not create_all): in-memory SQLite, and PostgreSQL."""
    with ExitStack() as stack:
        url = "sqlite://"
        if request.param == "postgresql":
            url = stack.enter_context(postgres_database())
        database = Database(make_engine(url), TEST_KEYRING)
        upgrade(database.engine)
        with database.session() as session:
            seed_areas(session)
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
