"""Tier 2: conversation flows through the in-memory transport (push a message, pop replies)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass

import pytest
from sqlmodel import select

from bot.app import App
from bot.conversation.events import Reply
from bot.transports.memory import MemoryTransport
from core.access import create_invite
from core.clock import FakeClock
from storage.engine import Database
from storage.models import Role, User


@dataclass
class Chat:
    """One user's side of a chat with the bot."""

    app: App
    transport: MemoryTransport
    user: str = "u1"

    async def say(self, text: str) -> list[Reply]:
        await self.transport.say(text, user=self.user)
        return self.transport.pop(self.user)

    async def press(self, label: str) -> list[Reply]:
        await self.transport.press(label, user=self.user)
        return self.transport.pop(self.user)

    async def send_file(self, filename: str, content: bytes, mime: str,
                        caption: str | None = None) -> list[Reply]:
        await self.transport.send_file(filename, content, mime, caption=caption, user=self.user)
        return self.transport.pop(self.user)

    async def tick(self) -> list[Reply]:
        await self.app.tick()
        return self.transport.pop(self.user)

    def as_user(self, user: str) -> Chat:
        return Chat(self.app, self.transport, user)


def texts(replies: list[Reply]) -> str:
    return "\n".join(reply.text for reply in replies)


def invite(db: Database, clock: FakeClock, role: Role = Role.COORDINATOR) -> str:
    with db.session() as session:
        return create_invite(session, role, clock.now())


@pytest.fixture
async def app(db: Database, clock: FakeClock) -> AsyncIterator[App]:
    application = App(db, [MemoryTransport()], clock, schedule=False)
    await application.start()
    yield application
    await application.stop()


@pytest.fixture
def chat_as(app: App) -> Callable[[str], Chat]:
    """A chat for any user id, known to the bot or not."""
    transport = app.transports["memory"]
    assert isinstance(transport, MemoryTransport)
    return lambda user: Chat(app, transport, user)


@pytest.fixture
def stranger(chat_as: Callable[[str], Chat]) -> Chat:
    return chat_as("stranger")


@pytest.fixture
async def coordinator(chat_as: Callable[[str], Chat], db: Database, clock: FakeClock) -> Chat:
    chat = chat_as("u1")
    await chat.say(f"/start {invite(db, clock)}")
    with db.session() as session:
        assert session.exec(select(User).where(User.external_id == "u1")).one()
    return chat
