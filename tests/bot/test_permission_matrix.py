"""The whole permission matrix, walked: every command and every button action, for every role,
a stranger and a revoked user. The gate answers with the refusal exactly when the role lacks
the capability, and a refused request reads nothing from the register.

The handlers behind the gate are replaced by recording fakes: this specifies the gate, and a
real handler run with made-up button data would say nothing about it.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event
from sqlmodel import SQLModel, select

from bot import __main__ as cli
from bot.conversation import dispatcher
from bot.conversation import texts as catalogue
from bot.conversation.context import Ctx
from bot.conversation.events import Reply
from core.clock import FakeClock
from core.permissions import REGENERATE, Capability, can
from storage.engine import Database
from storage.models import ButtonPayload, Contact, ContactArea, Role, User
from tests.bot.conftest import Chat

DOCS = Path(__file__).resolve().parents[2] / "docs" / "permissions.md"

# Tables the gate itself may touch to decide: who is asking, the button's meaning, the update
# id, the audit trail. Everything else is the register, and a refused request reads none of it.
ACCESS_MACHINERY = {"user", "buttonpayload", "processedupdate", "auditevent", "audithead",
                    "keycheck", "alembic_version"}
REGISTER = set(SQLModel.metadata.tables) - ACCESS_MACHINERY
_READ_FROM = re.compile(r'\b(?:FROM|JOIN)\s+"?(\w+)"?', re.IGNORECASE)


@dataclass(frozen=True)
class Identity:
    """Who is knocking: a role, or someone the bot does not (or no longer) know."""

    name: str
    role: Role | None  # None: a stranger
    revoked: bool = False


IDENTITIES = [
    Identity("admin", Role.ADMIN),
    Identity("coordinator", Role.COORDINATOR),
    Identity("colleague", Role.COLLEAGUE),
    Identity("partner", Role.PARTNER),
    Identity("stranger", None),
    Identity("revoked-admin", Role.ADMIN, revoked=True),
]


def test_docs_permissions_md_is_what_the_code_generates() -> None:
    written = DOCS.read_text(encoding="utf-8") if DOCS.exists() else ""

    assert written == dispatcher.permission_matrix(), (
        f"docs/permissions.md is out of date with the code; regenerate it: {REGENERATE}"
    )


def test_the_cli_prints_the_same_matrix(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["permissions"]) == 0

    assert capsys.readouterr().out == dispatcher.permission_matrix()


def test_every_command_and_button_needs_a_capability_that_some_role_has() -> None:
    needed = [c.capability for c in dispatcher.COMMANDS]
    needed += [capability for capability, _ in dispatcher.BUTTONS.values()]

    assert all(isinstance(c, Capability) for c in needed)
    assert all(any(can(role, c) for role in Role) for c in needed)


class Reads:
    """The register tables SELECTed from while recording (a SQLAlchemy cursor event)."""

    def __init__(self, db: Database) -> None:
        self.tables: list[str] = []
        self.recording = False
        event.listen(db.engine, "before_cursor_execute", self._seen)
        self._db = db

    def _seen(self, _conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if self.recording and statement.lstrip().upper().startswith(("SELECT", "WITH")):
            self.tables += [t for t in _READ_FROM.findall(statement) if t.lower() in REGISTER]

    def remove(self) -> None:
        event.remove(self._db.engine, "before_cursor_execute", self._seen)


@pytest.fixture
def reads(db: Database) -> Iterator[Reads]:
    recorder = Reads(db)
    yield recorder
    recorder.remove()


@pytest.fixture
def fake_handlers(monkeypatch: pytest.MonkeyPatch) -> None:
    """Behind the gate, every command and button answers 'reached <name>' and reads nothing."""
    for name, command in list(dispatcher._BY_NAME.items()):
        def on_command(_ctx: Ctx, _args: str, _name: str = command.names[0]) -> list[Reply]:
            return [Reply(f"reached /{_name}")]
        monkeypatch.setitem(dispatcher._BY_NAME, name, replace(command, handler=on_command))
    for action, (capability, _handler) in list(dispatcher.BUTTONS.items()):
        def on_button(_ctx: Ctx, _payload: ButtonPayload, _action: str = action) -> list[Reply]:
            return [Reply(f"reached {_action}")]
        monkeypatch.setitem(dispatcher.BUTTONS, action, (capability, on_button))


def test_the_read_recorder_notices_a_register_read_so_its_silence_means_something(
    db: Database, reads: Reads
) -> None:
    reads.recording = True
    with db.session() as session:
        session.exec(select(Contact).join(ContactArea)).all()
        session.exec(select(User)).all()

    assert sorted(set(reads.tables)) == ["contact", "contactarea"]


def make_user(db: Database, clock: FakeClock, who: Identity) -> int | None:
    if who.role is None:
        return None
    with db.session() as session:
        user = User(transport="memory", external_id=who.name, chat_id=who.name, role=who.role,
                    created_at=clock.now(), revoked_at=clock.now() if who.revoked else None)
        session.add(user)
        session.flush()
        assert user.id is not None
        return user.id


def make_buttons(db: Database, clock: FakeClock, user_id: int | None) -> dict[str, str]:
    """One pressable button per action, owned by the user (a stranger owns none)."""
    ids = {action: secrets.token_urlsafe(6) for action in dispatcher.BUTTONS}
    if user_id is not None:
        with db.session() as session:
            for action, payload_id in ids.items():
                session.add(ButtonPayload(id=payload_id, user_id=user_id, action=action,
                                          data={}, created_at=clock.now()))
    return ids


def refusal_for(who: Identity) -> list[str]:
    """What a refused request gets: a known role the polite 'not for your role'; a stranger or
    a revoked user the one invitation notice (or silence once they had it)."""
    if who.role is not None and not who.revoked:
        return [catalogue.text("nl", "not_allowed")]
    return [catalogue.text("nl", "refusal")]


@pytest.mark.usefixtures("fake_handlers")
@pytest.mark.parametrize("who", IDENTITIES, ids=lambda w: w.name)
async def test_every_command_and_button_is_refused_exactly_when_the_role_lacks_it(
    who: Identity, chat_as: Callable[[str], Chat], db: Database, clock: FakeClock,
    reads: Reads,
) -> None:
    user_id = make_user(db, clock, who)
    buttons = make_buttons(db, clock, user_id)
    chat = chat_as(who.name)
    known = who.role is not None and not who.revoked
    wrong: list[str] = []

    async def check(label: str, capability: Capability,
                    answer: Callable[[], Awaitable[list[Reply]]]) -> None:
        reads.recording = True
        replies = [r.text for r in await answer()]
        reads.recording = False
        allowed = known and who.role is not None and can(who.role, capability)
        if allowed:
            if replies != [f"reached {label}"]:
                wrong.append(f"{label}: allowed but answered {replies}")
            return
        if replies not in (refusal_for(who), []) or (known and replies == []):
            wrong.append(f"{label}: should be refused, answered {replies}")
        if reads.tables:
            wrong.append(f"{label}: refused, yet read {sorted(set(reads.tables))}")
        reads.tables.clear()

    for command in dispatcher.COMMANDS:
        name = command.names[0]
        await check(f"/{name}", command.capability, partial(chat.say, f"/{name}"))
    for action, (capability, _) in dispatcher.BUTTONS.items():
        payload = buttons[action]
        await check(action, capability, partial(_press, chat, payload))

    assert wrong == []


async def _press(chat: Chat, payload: str) -> list[Reply]:
    await chat.transport.press_payload(payload, user=chat.user)
    return chat.transport.pop(chat.user)


@pytest.mark.usefixtures("fake_handlers")
async def test_a_partner_gets_the_polite_refusal_for_every_coordinator_command(
    chat_as: Callable[[str], Chat], db: Database, clock: FakeClock
) -> None:
    make_user(db, clock, Identity("partner-2", Role.PARTNER))
    partner = chat_as("partner-2")
    coordinator_only = [c for c in dispatcher.COMMANDS
                        if can(Role.COORDINATOR, c.capability) and not can(Role.PARTNER,
                                                                            c.capability)]

    answers = {f"/{c.names[0]}": [r.text for r in await partner.say(f"/{c.names[0]}")]
               for c in coordinator_only}

    assert len(coordinator_only) > 10
    assert set(map(tuple, answers.values())) == {(catalogue.text("nl", "not_allowed"),)}
