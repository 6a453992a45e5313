"""A restart in the middle: the real `python -m bot` process, stopped or killed, then started again.

Nothing a user confirmed is lost, and a reminder that came due while the bot was down arrives
exactly once after the restart (design.md §2.5). The bot runs as a subprocess against the fake
Bot API; the waits below are bounded waits for that real process, never fixed sleeps.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlmodel import col, select

from core.followups import sweep_due
from storage.engine import Database, make_engine
from storage.models import FollowUp, FollowUpStatus, Interaction, Outbox
from tests.support.fake_bot_api import BOT_USERNAME, FakeBotApi
from tests.support.keys import TEST_DATA_KEY, TEST_KEYRING
from tests.telegram.conftest import TOKEN, Chat

SWEEP_SECONDS = 0.2
PROCESS_TIMEOUT = 30.0  # starting Python with PTB, SQLAlchemy and dateparser takes a few seconds
QUIET_PERIOD = 1.5  # ≈ 7 sweep intervals in which a second reminder would have shown up
VISIT = "Net gesproken met Jan de Vries van de politie. Over een minuut terugbellen."

# Everything bot.settings.Settings reads; the test decides these, not the developer's shell.
SETTINGS_KEYS = (
    "DATABASE_URL", "TIMEZONE", "SWEEP_SECONDS", "LOG_LEVEL", "DATA_KEY", "DATA_KEY_FILE",
    "TELEGRAM_BOT_TOKEN", "TELEGRAM_API_BASE_URL", "TELEGRAM_WEBHOOK_URL",
    "TELEGRAM_WEBHOOK_SECRET", "TELEGRAM_WEBHOOK_LISTEN", "TELEGRAM_WEBHOOK_PORT",
    "MATRIX_HOMESERVER", "MATRIX_USER_ID", "MATRIX_PASSWORD", "MATRIX_ACCESS_TOKEN",
)


class BotProcesses:
    """Starts `python -m bot …` subprocesses and makes sure none outlives the test."""

    def __init__(self, api: FakeBotApi, workdir: Path, database_url: str) -> None:
        self.workdir = workdir
        self.env = {k: v for k, v in os.environ.items() if k.upper() not in SETTINGS_KEYS}
        self.env.update(
            TELEGRAM_BOT_TOKEN=TOKEN,
            TELEGRAM_API_BASE_URL=api.base_url,
            DATABASE_URL=database_url,
            SWEEP_SECONDS=str(SWEEP_SECONDS),
            TIMEZONE="Europe/Amsterdam",
            DATA_KEY=TEST_DATA_KEY,
        )
        self.started: list[asyncio.subprocess.Process] = []
        self.log = workdir / "bot.log"

    async def invite(self) -> str:
        """`python -m bot invite --role coordinator`; returns the token from the start= link."""
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", "invite", "--role", "coordinator",
            cwd=self.workdir, env=self.env,
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
        )
        self.started.append(process)
        async with asyncio.timeout(PROCESS_TIMEOUT):
            out, err = await process.communicate()
        assert process.returncode == 0, err.decode()
        (link,) = [line for line in out.decode().splitlines() if "start=" in line]
        assert f"t.me/{BOT_USERNAME}?start=" in link
        return link.split("start=", 1)[1].strip()

    async def run(self) -> asyncio.subprocess.Process:
        """`python -m bot` with Telegram long polling against the fake; logs go to bot.log."""
        with self.log.open("ab") as log:
            process = await asyncio.create_subprocess_exec(
                sys.executable, "-m", "bot",
                cwd=self.workdir, env=self.env,
                stdin=asyncio.subprocess.DEVNULL, stdout=log, stderr=log,
            )
        self.started.append(process)
        return process

    async def stop(self, process: asyncio.subprocess.Process, how: signal.Signals) -> int:
        process.send_signal(how)
        async with asyncio.timeout(PROCESS_TIMEOUT):
            return await process.wait()

    async def kill_all(self) -> None:
        for process in self.started:
            if process.returncode is None:
                process.kill()
                async with asyncio.timeout(PROCESS_TIMEOUT):
                    await process.wait()

    def log_text(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""


@pytest.fixture
async def processes(
    api: FakeBotApi, tmp_path: Path, database_url: str
) -> AsyncIterator[BotProcesses]:
    bots = BotProcesses(api, tmp_path, database_url)
    try:
        yield bots
    finally:
        await bots.kill_all()


def with_db(database_url: str, work: Callable[[Database], object]) -> object:
    database = Database(make_engine(database_url), TEST_KEYRING)
    try:
        return work(database)
    finally:
        database.engine.dispose()


def make_due_now(database: Database) -> None:
    """The minute passes while the bot is down: the follow-up is due when it comes back."""
    with database.session() as session:
        (follow_up,) = session.exec(select(FollowUp)).all()
        assert follow_up.status == FollowUpStatus.OPEN
        assert follow_up.reminded_at is None
        follow_up.due_at = datetime.now(UTC) - timedelta(seconds=5)
        session.add(follow_up)


def register_state(database: Database) -> tuple[int, list[str], int]:
    with database.session() as session:
        visits = len(session.exec(select(Interaction)).all())
        statuses = [str(f.status) for f in session.exec(select(FollowUp)).all()]
        sent = len(session.exec(select(Outbox).where(col(Outbox.sent_at).is_not(None))).all())
    return visits, statuses, sent


def owe_the_reminder(database: Database) -> None:
    """What a sweep that ran just before the crash left behind: the reminder owed, unsent."""
    with database.session() as session:
        assert sweep_due(session, datetime.now(UTC)) == 1
    with database.session() as session:
        (row,) = session.exec(select(Outbox)).all()
        assert row.sent_at is None


@pytest.mark.parametrize(
    ("how", "owed_before_the_crash"),
    [
        pytest.param(signal.SIGTERM, False, id="stopped-with-sigterm"),
        pytest.param(signal.SIGKILL, False, id="crashed-with-kill-9"),
        pytest.param(signal.SIGKILL, True, id="crashed-between-the-sweep-and-the-send"),
    ],
)
async def test_a_reminder_due_while_the_bot_was_down_arrives_exactly_once_after_a_restart(
    api: FakeBotApi,
    processes: BotProcesses,
    database_url: str,
    how: signal.Signals,
    owed_before_the_crash: bool,
) -> None:
    chat = Chat(api, 4242, timeout=PROCESS_TIMEOUT)
    token = await processes.invite()
    first = await processes.run()

    (welcome,) = await chat.send(f"/start {token}")
    assert welcome.params["text"].startswith("Welkom"), processes.log_text()
    (card,) = await chat.send(VISIT)
    assert "Jan de Vries" in card.params["text"]
    (saved,) = await chat.press("Opslaan", card)
    assert saved.params["text"].startswith("Opgeslagen. Herinnering op ")

    code = await processes.stop(first, how)
    assert code == (0 if how == signal.SIGTERM else -signal.SIGKILL), processes.log_text()
    with_db(database_url, make_due_now)
    if owed_before_the_crash:
        with_db(database_url, owe_the_reminder)
    before_restart = len(chat.messages())

    await processes.run()
    await chat.wait_for_messages(before_restart + 1)
    (reminder,) = chat.messages()[before_restart:]
    assert reminder.params["text"].startswith("⏰ Herinnering: Terugbellen"), chat.texts()
    assert "Jan de Vries" in reminder.params["text"]

    # A few more sweeps go by (each would find the follow-up again if it were still owed).
    seen = len(api.calls_to("sendMessage"))
    with pytest.raises(TimeoutError):
        await api.wait_for_call("sendMessage", seen + 1, timeout=QUIET_PERIOD)
    assert chat.messages()[before_restart:] == [reminder]

    (done,) = await chat.press("Gedaan", reminder)
    assert done.params["text"] == "Afgevinkt: Terugbellen."
    texts = chat.texts()
    assert texts[:3] == [welcome.params["text"], card.params["text"], saved.params["text"]]
    assert len(texts) == 5
    assert with_db(database_url, register_state) == (1, ["done"], 1)
