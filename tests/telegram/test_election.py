"""Several processes on one PostgreSQL database: exactly one long-polls Telegram.

Two Apps stand for two bot processes: each has its own engine (its own sessions on the server)
and its own python-telegram-bot stack against the one fake Bot API. The poller is elected with
a PostgreSQL advisory lock; when its session dies the other takes over within a retry round.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable, Iterator

import pytest
from sqlalchemy import text

from bot.app import App
from bot.transports.telegram import TelegramTransport
from core.access import create_invite
from core.areas import seed_areas
from core.clock import FakeClock
from storage.engine import Database, make_engine
from storage.leader import LeaderLock
from storage.models import Role
from tests.conftest import postgres_database
from tests.support.audit import migrated
from tests.support.fake_bot_api import FakeBotApi
from tests.support.keys import TEST_KEYRING
from tests.telegram.conftest import MENUS, TIMEOUT, TOKEN, Chat

RETRY = 0.1  # seconds between election rounds in these tests


@pytest.fixture
def databases() -> Iterator[list[Database]]:
    """One PostgreSQL database seen by two bot processes and an onlooker (the operator)."""
    with postgres_database() as url:
        made = [Database(make_engine(url), TEST_KEYRING) for _ in range(3)]
        migrated(made[0])
        with made[0].session() as session:
            seed_areas(session)
        yield made
        for database in made:
            database.engine.dispose()


@pytest.fixture
async def processes(
    api: FakeBotApi, databases: list[Database], clock: FakeClock
) -> AsyncIterator[list[App]]:
    apps = []
    for database in databases[:2]:
        transport = TelegramTransport(TOKEN, base_url=api.base_url, commands=MENUS,
                                      poll_timeout=1)
        apps.append(App(database, [transport], clock, schedule=False,
                        leader=LeaderLock(database.engine), leader_retry_seconds=RETRY))
    for app in apps:
        await app.start()
    yield apps
    for app in apps:
        async with asyncio.timeout(10):
            await app.stop()


def updater_running(app: App) -> bool:
    transport = app.transports["telegram"]
    assert isinstance(transport, TelegramTransport)
    assert transport.app.updater is not None
    return transport.app.updater.running


async def eventually(api: FakeBotApi, condition: Callable[[], bool]) -> None:
    """Wait (bounded) until `condition` holds, looking again at every poll the fake receives:
    an elected poller starts polling right after it changes its state."""
    async with asyncio.timeout(TIMEOUT):
        while not condition():
            await api.wait_for_call("getUpdates", len(api.calls_to("getUpdates")) + 1)


def end_lock_session(onlooker: Database) -> None:
    """The poller's database session dies, as when its process is killed."""
    with onlooker.engine.connect() as connection:
        pids = connection.execute(
            text("SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted")
        ).scalars().all()
        assert len(pids) == 1
        connection.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pids[0]})


def register(database: Database, clock: FakeClock) -> str:
    with database.session() as session:
        return create_invite(session, Role.COORDINATOR, clock.now())


async def test_of_two_processes_on_one_database_only_one_polls_telegram(
    api: FakeBotApi, processes: list[App], databases: list[Database], clock: FakeClock,
    chat: Chat,
) -> None:
    await eventually(api, lambda: any(app.polling for app in processes))

    assert sorted(bool(app.polling) for app in processes) == [False, True]
    assert [updater_running(app) for app in processes] == [app.polling for app in processes]
    (welcome,) = await chat.send(f"/start {register(databases[0], clock)}")
    assert str(welcome.params["text"]).startswith("Welkom")
    # A few election rounds later nothing has changed.
    polls = len(api.calls_to("getUpdates"))
    await api.wait_for_call("getUpdates", polls + 2)
    assert sorted(updater_running(app) for app in processes) == [False, True]


async def test_when_the_pollers_database_session_dies_the_other_process_takes_over(
    api: FakeBotApi, processes: list[App], databases: list[Database], clock: FakeClock,
    chat: Chat,
) -> None:
    await eventually(api, lambda: any(app.polling for app in processes))
    (winner,) = [app for app in processes if app.polling]
    (other,) = [app for app in processes if not app.polling]

    end_lock_session(databases[2])
    await eventually(api, lambda: bool(other.polling) and not winner.polling)

    assert updater_running(other)
    assert not updater_running(winner)
    (welcome,) = await chat.send(f"/start {register(databases[2], clock)}")
    assert str(welcome.params["text"]).startswith("Welkom")
