"""Fixtures shared by every tier: a movable clock and a migrated database."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from core.areas import seed_areas
from core.clock import FakeClock
from storage.engine import Database, make_engine
from storage.migrate import upgrade

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
# Sunday 29 November 2026, 14:00 in Amsterdam: the project's reference "now".
REFERENCE_NOW = datetime(2026, 11, 29, 14, 0, tzinfo=AMSTERDAM)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(REFERENCE_NOW, AMSTERDAM)


@pytest.fixture
def db() -> Iterator[Database]:
    """An in-memory SQLite database built by the migrations (not create_all)."""
    database = Database(make_engine("sqlite://"))
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
