"""Shared fixtures for the Matrix tier (design.md §7, tier 4).

One real Synapse homeserver runs on loopback for the whole session (installed into its own
virtualenv on first use, see `tests.matrix.synapse`). Each test registers fresh accounts on
it: the bot, and humans who act through matrix-nio's `AsyncClient` exactly as a real client
would — create a direct chat, invite the bot, type, react. The bot runs in-process with
`schedule=False`; time is a `FakeClock` and `await app.tick()` does the due work.
"""

from __future__ import annotations

import asyncio
import itertools
import re
from collections import defaultdict
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from nio import (
    AsyncClient,
    AsyncClientConfig,
    Event,
    LoginResponse,
    ReactionEvent,
    RoomCreateResponse,
    RoomMemberEvent,
    RoomMessageNotice,
    RoomMessageText,
    RoomPreset,
    RoomSendResponse,
    SyncResponse,
)

from bot.app import App
from bot.transports.matrix import MatrixTransport
from core.access import create_invite
from core.areas import seed_areas
from core.clock import FakeClock
from storage.engine import Database, make_engine
from storage.models import Role
from tests.matrix.synapse import Account, Synapse, SynapseUnavailable, ensure_synapse
from tests.support.audit import migrated
from tests.support.keys import TEST_KEYRING

TIMEOUT = 15.0  # seconds to wait for the bot; generous, only reached when a test fails
START = datetime(2026, 11, 29, 14, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))  # a Sunday
ENCRYPTION = {"type": "m.room.encryption", "state_key": "",
              "content": {"algorithm": "m.megolm.v1.aes-sha2"}}
CHOICE = re.compile(r"\[(\d+)\] (.+)")

_names = itertools.count(1)


# --------------------------------------------------------------------------- the homeserver


@pytest.fixture(scope="session")
def synapse(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Synapse]:
    """A running Synapse for the session. Fails (never skips) when it cannot be had: CI
    must not pass with this tier left out."""
    try:
        python = ensure_synapse()
        server = Synapse(python, tmp_path_factory.mktemp("synapse"))
        server.start()
    except SynapseUnavailable as error:
        pytest.fail(f"the Matrix tier needs a Synapse homeserver: {error}", pytrace=False)
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def register(synapse: Synapse) -> Callable[[str], Account]:
    """A fresh account per call and per test, so tests never see each other's rooms."""

    def make(role: str) -> Account:
        return synapse.register(f"{role}{next(_names)}")

    return make


# --------------------------------------------------------------------------- the bot


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(START)


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = Database(make_engine(f"sqlite:///{tmp_path / 'netwerk.db'}"), TEST_KEYRING)
    migrated(database)
    with database.session() as session:
        seed_areas(session)
    yield database
    database.engine.dispose()


@pytest.fixture
def invite(db: Database, clock: FakeClock) -> Callable[..., str]:
    def make(role: Role = Role.COORDINATOR) -> str:
        with db.session() as session:
            return create_invite(session, role, clock.now())

    return make


@pytest.fixture
def bot_account(register: Callable[[str], Account]) -> Account:
    return register("netwerkbot")


@pytest.fixture
def store_dir(tmp_path: Path) -> Path:
    return tmp_path / "matrix-store"


StartBot = Callable[..., Awaitable[App]]


@pytest.fixture
async def start_bot(
    synapse: Synapse, bot_account: Account, db: Database, clock: FakeClock, store_dir: Path
) -> AsyncIterator[StartBot]:
    """Start an App with a real MatrixTransport (options may override the store directory or
    the transport's settings); everything started is stopped at teardown."""
    running: list[App] = []

    async def start(**options: Any) -> App:
        options.setdefault("store_dir", store_dir)
        options.setdefault("password", bot_account.password)
        transport = MatrixTransport(synapse.url, bot_account.user_id, **options)
        app = App(db, [transport], clock, schedule=False)
        await app.start()
        running.append(app)
        return app

    yield start
    for app in reversed(running):
        async with asyncio.timeout(20):
            await app.stop()


@pytest.fixture
async def app(start_bot: StartBot) -> App:
    return await start_bot()


def transport_of(app: App) -> MatrixTransport:
    transport = app.transports["matrix"]
    assert isinstance(transport, MatrixTransport)
    return transport


# --------------------------------------------------------------------------- the humans


@dataclass
class Human:
    """A person on the homeserver using a real Matrix client (matrix-nio)."""

    synapse: Synapse
    account: Account
    store: Path
    encryption: bool = False
    client: AsyncClient = field(init=False)
    timeline: defaultdict[str, list[Event]] = field(
        default_factory=lambda: defaultdict(list), init=False
    )

    @property
    def user_id(self) -> str:
        return self.account.user_id

    async def log_in(self) -> Human:
        self.store.mkdir(parents=True, exist_ok=True)
        config = AsyncClientConfig(encryption_enabled=self.encryption, store_sync_tokens=False)
        self.client = AsyncClient(self.synapse.url, self.user_id, store_path=str(self.store),
                                  config=config)
        answer = await self.client.login(self.account.password, device_name="test client")
        assert isinstance(answer, LoginResponse), answer
        await self.sync(0)
        return self

    async def close(self) -> None:
        await self.client.close()

    async def sync(self, timeout_ms: int = 1000) -> None:
        answer = await self.client.sync(timeout=timeout_ms)
        assert isinstance(answer, SyncResponse), answer
        for room_id, info in answer.rooms.join.items():
            self.timeline[room_id].extend(info.timeline.events)
        if self.encryption:
            await self.client.send_to_device_messages()
            if self.client.should_upload_keys:
                await self.client.keys_upload()
            if self.client.should_query_keys:
                await self.client.keys_query()
            if self.client.should_claim_keys:
                await self.client.keys_claim(self.client.get_users_for_key_claiming())

    async def sync_until(self, done: Callable[[], bool], timeout: float = TIMEOUT) -> None:  # noqa: ASYNC109
        async with asyncio.timeout(timeout):
            while not done():
                await self.sync()

    async def create_room(self, invite: list[str], *, direct: bool = True,
                          encrypted: bool = False) -> str:
        answer = await self.client.room_create(
            is_direct=direct, invite=invite,
            preset=RoomPreset.trusted_private_chat if direct else RoomPreset.private_chat,
            initial_state=[ENCRYPTION] if encrypted else [],
        )
        assert isinstance(answer, RoomCreateResponse), answer
        return str(answer.room_id)

    def membership(self, room_id: str, user_id: str) -> str | None:
        found = None
        for event in self.timeline[room_id]:
            if isinstance(event, RoomMemberEvent) and event.state_key == user_id:
                found = event.membership
        return found

    async def wait_for_membership(self, room_id: str, user_id: str, membership: str) -> None:
        await self.sync_until(lambda: self.membership(room_id, user_id) == membership)

    async def dm(self, bot_id: str, *, encrypted: bool = False) -> Dm:
        """Open a direct chat with the bot and wait until the bot has joined it."""
        room_id = await self.create_room([bot_id], encrypted=encrypted)
        await self.wait_for_membership(room_id, bot_id, "join")
        return Dm(self, room_id, bot_id)

    async def send_text(self, room_id: str, text: str,
                        reply_to: str | None = None) -> str:
        content: dict[str, Any] = {"msgtype": "m.text", "body": text}
        if reply_to is not None:  # as clients do: the quoted message before the answer
            content["body"] = f"> <{self.user_id}> (het bericht)\n\n{text}"
            content["m.relates_to"] = {"m.in_reply_to": {"event_id": reply_to}}
        return await self._send(room_id, "m.room.message", content)

    async def react(self, room_id: str, event_id: str, key: str) -> str:
        relates = {"rel_type": "m.annotation", "event_id": event_id, "key": key}
        return await self._send(room_id, "m.reaction", {"m.relates_to": relates})

    async def _send(self, room_id: str, kind: str, content: dict[str, Any]) -> str:
        if self.encryption and self.client.should_query_keys:
            await self.client.keys_query()
        answer = await self.client.room_send(room_id, kind, content,
                                             ignore_unverified_devices=True)
        assert isinstance(answer, RoomSendResponse), answer
        return str(answer.event_id)


@dataclass
class Dm:
    """A direct chat between a human and the bot, seen from the human's side."""

    human: Human
    room_id: str
    bot_id: str

    def messages(self) -> list[RoomMessageNotice | RoomMessageText]:
        """What the bot said here, oldest first (any message type, so a wrong one shows)."""
        return [
            event for event in self.human.timeline[self.room_id]
            if isinstance(event, (RoomMessageNotice, RoomMessageText))
            and event.sender == self.bot_id
        ]

    def texts(self) -> list[str]:
        return [str(event.body) for event in self.messages()]

    def reactions_by_bot(self, event_id: str) -> list[str]:
        return [
            str(event.key) for event in self.human.timeline[self.room_id]
            if isinstance(event, ReactionEvent) and event.sender == self.bot_id
            and event.reacts_to == event_id
        ]

    async def wait_for_messages(self, count: int) -> list[RoomMessageNotice | RoomMessageText]:
        await self.human.sync_until(lambda: len(self.messages()) >= count)
        return self.messages()

    async def send(self, text: str, *, replies: int = 1,
                   reply_to: str | None = None) -> list[RoomMessageNotice | RoomMessageText]:
        """Type `text` and return the `replies` messages the bot sends back."""
        before = len(self.messages())
        await self.human.send_text(self.room_id, text, reply_to=reply_to)
        return (await self.wait_for_messages(before + replies))[before:]

    async def press(self, label: str, *, replies: int = 1
                    ) -> list[RoomMessageNotice | RoomMessageText]:
        """Type the number shown before `label` under the latest message with choices."""
        return await self.send(str(self.number_of(label)), replies=replies)

    def number_of(self, label: str, message: RoomMessageNotice | None = None) -> int:
        message = message or self.last_with_choices()
        numbers = {name.strip(): int(number) for number, name in choices(message)}
        assert label in numbers, f"no choice {label!r} in {message.body!r}"
        return numbers[label]

    def last_with_choices(self) -> Any:
        for event in reversed(self.messages()):
            if choices(event):
                return event
        raise AssertionError(f"no message with numbered choices: {self.texts()}")

    async def quiet(self) -> None:
        """Return once the bot has handled everything sent so far (it answers `!help`)."""
        await self.send("!help")


def choices(message: Any) -> list[tuple[str, str]]:
    """The numbered choices ('[1] Opslaan   [2] Wijzigen') in the last paragraph of a bot
    message; empty when that paragraph is not a list of choices."""
    body = str(message.body)
    if "\n\n" not in body:
        return []
    found = []
    for line in body.rsplit("\n\n", 1)[1].splitlines():
        for part in re.split(r"\s{2,}(?=\[\d+\] )", line.strip()):
            match = CHOICE.fullmatch(part)
            if match is None:
                return []
            found.append((match[1], match[2]))
    return found


MakeHuman = Callable[..., Awaitable[Human]]


@pytest.fixture
async def human(
    synapse: Synapse, register: Callable[[str], Account], tmp_path: Path
) -> AsyncIterator[MakeHuman]:
    """Make a logged-in person (`await human("alice", encryption=True)`); logged out after."""
    made: list[Human] = []

    async def make(name: str = "alice", *, encryption: bool = False) -> Human:
        account = register(name)
        person = Human(synapse, account, tmp_path / f"client-{account.user_id[1:]}",
                       encryption=encryption)
        made.append(person)
        return await person.log_in()

    yield make
    for person in made:
        await person.close()


@pytest.fixture
async def coordinator(app: App, human: MakeHuman, bot_account: Account,
                      invite: Callable[..., str]) -> Dm:
    """A coordinator's direct chat with the bot, after redeeming an invite."""
    person = await human("coordinator")
    chat = await person.dm(bot_account.user_id)
    (welcome,) = await chat.send(f"!start {invite()}")
    assert str(welcome.body).startswith("Welkom")
    return chat
