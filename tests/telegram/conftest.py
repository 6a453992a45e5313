"""Shared fixtures for the Telegram tier (design.md §7, tier 3).

The real python-telegram-bot stack runs against :class:`FakeBotApi` on loopback; tests speak
to the bot the way Telegram would (pushing updates) and assert on the Bot API calls received.
"""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from bot.app import App
from bot.conversation.dispatcher import command_menu
from bot.transports.telegram import TelegramTransport
from core.access import create_invite
from core.areas import seed_areas
from core.clock import FakeClock
from storage.engine import Database, make_engine
from storage.models import Role
from tests.support.audit import migrated
from tests.support.fake_bot_api import Call, FakeBotApi
from tests.support.keys import TEST_KEYRING

TOKEN = "123456:TEST-token-for-the-fake-Bot-API-0000"
COORDINATOR_CHAT = 4242
TIMEOUT = 5.0  # seconds to wait for the in-process bot; generous, only hit when a test fails
START = datetime(2026, 11, 29, 14, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))  # a Sunday

MENUS: dict[str, Sequence[tuple[str, str]]] = {
    language: command_menu(language) for language in ("nl", "en")
}

# Strangers used as a barrier: each gets a fresh account, so each gets its one refusal.
_barrier_ids = itertools.count(900_001)


@dataclass
class Chat:
    """One private chat with the bot, seen from the user's side of the fake Bot API."""

    api: FakeBotApi
    chat_id: int
    timeout: float = TIMEOUT
    callback_ids: list[str] = field(default_factory=list)

    def messages(self) -> list[Call]:
        """Successful sendMessage calls to this chat, oldest first."""
        return [
            call
            for call in self.api.calls_to("sendMessage")
            if call.status == 200 and call.params.get("chat_id") == self.chat_id
        ]

    def texts(self) -> list[str]:
        return [str(call.params["text"]) for call in self.messages()]

    async def wait_for_messages(self, count: int, timeout: float | None = None) -> list[Call]:  # noqa: ASYNC109
        """Wait until this chat has received ``count`` messages in total; return them all."""
        limit = self.timeout if timeout is None else timeout
        async with asyncio.timeout(limit):
            while len(self.messages()) < count:
                seen = len(self.api.calls_to("sendMessage"))
                await self.api.wait_for_call("sendMessage", seen + 1, timeout=limit)
        return self.messages()

    async def send(self, text: str, *, replies: int = 1) -> list[Call]:
        """Type ``text`` and return the ``replies`` messages the bot sends back."""
        before = len(self.messages())
        self.api.push_text(self.chat_id, text)
        return (await self.wait_for_messages(before + replies))[before:]

    async def press(
        self, label: str, message: Call | None = None, *, replies: int = 1
    ) -> list[Call]:
        """Press the button labelled ``label`` under ``message`` (default: the last one with
        buttons) and return the replies. The callback query id is kept in ``callback_ids``."""
        message = message or self.last_with_buttons()
        data = callback_data(message, label)
        before = len(self.messages())
        update = self.api.callback_update(
            self.chat_id, data, message_id=int(message.result["message_id"])
        )
        self.callback_ids.append(str(update["callback_query"]["id"]))
        self.api.push_update(update)
        return (await self.wait_for_messages(before + replies))[before:]

    def last_with_buttons(self) -> Call:
        for call in reversed(self.messages()):
            if keyboard_of(call):
                return call
        raise AssertionError(f"no message with buttons in chat {self.chat_id}: {self.texts()}")


def keyboard_of(call: Call) -> list[list[dict[str, Any]]]:
    markup = call.params.get("reply_markup")
    if isinstance(markup, dict):
        return list(markup.get("inline_keyboard") or [])
    return []


def button_labels(call: Call) -> list[str]:
    return [str(button["text"]) for row in keyboard_of(call) for button in row]


def callback_data(call: Call, label: str) -> str:
    for row in keyboard_of(call):
        for button in row:
            if button["text"] == label:
                return str(button["callback_data"])
    raise AssertionError(f"no button {label!r} under {call.params.get('text')!r}")


async def handled_so_far(api: FakeBotApi) -> None:
    """Return once a message from a fresh stranger, pushed after everything else, is refused.

    Updates are fetched in order, but the bot handles different chats side by side
    (`concurrent_updates`; one chat's in order under its lock), so this is a barrier only in
    as far as the chats before it were fetched and started first: a test that must be sure a
    chat is finished waits for that chat's own reply (as tools/attack_replay.py does).
    """
    probe = Chat(api, next(_barrier_ids))
    await probe.send("hallo")


# --------------------------------------------------------------------------- fixtures


@pytest.fixture
async def api() -> AsyncIterator[FakeBotApi]:
    async with FakeBotApi(token=TOKEN) as fake:
        yield fake


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(START)


@pytest.fixture
def database_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'netwerk.db'}"


@pytest.fixture
def db(database_url: str) -> Iterator[Database]:
    """A fresh SQLite file with the schema migrated and the default areas seeded."""
    database = Database(make_engine(database_url), TEST_KEYRING)
    migrated(database)
    with database.session() as session:
        seed_areas(session)
    yield database
    database.engine.dispose()


@pytest.fixture
def invite(db: Database, clock: FakeClock) -> Callable[..., str]:
    """Make a one-time invite token (a coordinator's unless told otherwise)."""

    def make(role: Role = Role.COORDINATOR) -> str:
        with db.session() as session:
            return create_invite(session, role, clock.now())

    return make


StartApp = Callable[..., Awaitable[App]]


@pytest.fixture
async def start_app(api: FakeBotApi, db: Database, clock: FakeClock) -> AsyncIterator[StartApp]:
    """Start an App with a real TelegramTransport against the fake (extra transport options
    allowed, e.g. a webhook); everything started is stopped again at teardown."""
    started: list[App] = []

    async def start(**transport_options: Any) -> App:
        transport = TelegramTransport(
            TOKEN, base_url=api.base_url, commands=MENUS, poll_timeout=1, **transport_options
        )
        app = App(db, [transport], clock, schedule=False)
        started.append(app)
        await app.start()
        return app

    yield start
    for app in reversed(started):
        async with asyncio.timeout(10):
            await app.stop()


@pytest.fixture
async def app(start_app: StartApp) -> App:
    """The bot with long polling (1 s polls), no scheduler: `await app.tick()` does due work."""
    return await start_app()


@pytest.fixture
def chat(api: FakeBotApi) -> Chat:
    """The coordinator's private chat (not yet registered)."""
    return Chat(api, COORDINATOR_CHAT)


@pytest.fixture
async def coordinator(app: App, chat: Chat, invite: Callable[..., str]) -> Chat:
    """The coordinator's chat after redeeming an invite."""
    (welcome,) = await chat.send(f"/start {invite()}")
    assert str(welcome.params["text"]).startswith("Welkom")
    return chat
