"""Telegram's send limits kept by all processes together (core.ratelimit).

About 30 messages a second in all and one a second into a chat: every send takes a permit
first, counted per second in the database that the processes share. Messages nobody is
waiting for (the outbox) use at most 80% of the global budget, so a reply never waits behind
a backlog of reminders for more than a second.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import select

from bot.conversation.dispatcher import Conversation
from bot.delivery import Delivery
from bot.transports.telegram import TRANSPORT, TelegramTransport
from core import outbox
from core.clock import SystemClock
from core.followups import REMINDER
from core.ratelimit import Limits, SendLimiter, claims, prune, take
from storage.engine import Database, make_engine
from storage.models import FollowUp, Outbox, SendWindow, User
from tests.conftest import postgres_database
from tests.support.audit import migrated
from tests.support.fake_bot_api import FakeBotApi
from tests.support.keys import TEST_KEYRING
from tests.telegram.conftest import MENUS, TOKEN

TELEGRAM = Limits()  # 30 a second, 1 a second per chat, 80% for the outbox
SECOND = 1_780_000_000  # a whole second since the epoch


@pytest.fixture(params=["sqlite", "postgresql"])
def counts_db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    """Where the processes count their sends: both databases."""
    if request.param == "postgresql":
        template = request.getfixturevalue("postgres_template")
        with postgres_database(template) as url:
            database = Database(make_engine(url), TEST_KEYRING)
            yield database
            database.engine.dispose()
    else:
        database = Database(make_engine(f"sqlite:///{tmp_path / 'counts.db'}"), TEST_KEYRING)
        migrated(database)
        yield database
        database.engine.dispose()


def try_send(db: Database, chat: str, window: int, *, reply: bool,
             limits: Limits = TELEGRAM) -> bool:
    with db.session() as session:
        if take(session, claims(limits, TRANSPORT, chat, reply=reply), window):
            return True
        session.rollback()
        return False


def test_a_second_holds_24_outbox_messages_and_replies_use_the_rest_up_to_30(
    counts_db: Database,
) -> None:
    outbox_sends = [try_send(counts_db, str(chat), SECOND, reply=False) for chat in range(30)]
    replies = [try_send(counts_db, str(100 + chat), SECOND, reply=True) for chat in range(10)]
    next_second = try_send(counts_db, "0", SECOND + 1, reply=False)

    assert outbox_sends == [True] * 24 + [False] * 6
    assert replies == [True] * 6 + [False] * 4
    assert next_second


def test_one_chat_gets_one_outbox_message_a_second_and_a_reply_takes_its_place(
    counts_db: Database,
) -> None:
    first = try_send(counts_db, "7", SECOND, reply=False)
    second = try_send(counts_db, "7", SECOND, reply=False)
    reply = try_send(counts_db, "8", SECOND, reply=True)
    another_reply = try_send(counts_db, "8", SECOND, reply=True)  # the user sets that pace
    after_the_reply = try_send(counts_db, "8", SECOND, reply=False)

    assert (first, second, reply, another_reply, after_the_reply) == (
        True, False, True, True, False)
    with counts_db.session() as session:  # the refused ones were not counted anywhere
        counted = {row.scope: row.sends for row in session.exec(select(SendWindow)).all()}
    assert counted[f"global:{TRANSPORT}"] == 3


def test_counts_of_past_seconds_are_pruned(counts_db: Database) -> None:
    try_send(counts_db, "7", SECOND - 120, reply=False)
    try_send(counts_db, "7", SECOND, reply=False)

    with counts_db.session() as session:
        removed = prune(session, SECOND + 0.5)
    with counts_db.session() as session:
        left = {row.window for row in session.exec(select(SendWindow)).all()}

    assert removed == 2  # the global count and the chat's, of two minutes ago
    assert left == {SECOND}


async def test_a_send_over_the_limit_waits_for_the_next_second() -> None:
    moments: list[float] = []
    now = [SECOND + 0.2]

    async def sleep(seconds: float) -> None:
        now[0] += seconds

    limiter = SendLimiter(None, {TRANSPORT: Limits(per_second=5)}, now=lambda: now[0],
                          sleep=sleep)
    for chat in range(9):
        await limiter.permit(TRANSPORT, str(chat), reply=False)
        moments.append(now[0])
    await limiter.permit("console", "1", reply=False)  # no limits: never waits

    assert [int(moment) for moment in moments] == [SECOND] * 4 + [SECOND + 1] * 4 + [
        SECOND + 2]
    assert all(moment - int(moment) < 1 - 0.1 for moment in moments)  # none at a second's end


# --------------------------------------------------------------------- two processes


@pytest.fixture
def shared_url(postgres_template: str) -> Iterator[str]:
    with postgres_database(postgres_template) as url:
        yield url


def owe(db: Database, order: list[int]) -> None:
    """One reminder per entry of `order`, owed in that order to chat `entry` (chats repeat)."""
    now = datetime.now(UTC)
    with db.session() as session:
        users: dict[int, User] = {}
        for chat in sorted(set(order)):
            users[chat] = User(transport=TRANSPORT, external_id=str(chat), chat_id=str(chat),
                               role="coordinator")
            session.add(users[chat])
        session.flush()
        for number, chat in enumerate(order):
            owner = users[chat].id
            assert owner is not None
            follow_up = FollowUp(title=f"Opvolging {number}", owner_user_id=owner,
                                 due_at=now - timedelta(hours=1))
            session.add(follow_up)
            session.flush()
            assert follow_up.id is not None
            outbox.enqueue(session, user_id=owner, kind=REMINDER, ref_id=follow_up.id,
                           dedupe_key=f"follow_up:{follow_up.id}", now=now)


async def test_two_delivery_processes_on_one_database_keep_the_limits_together(
    api: FakeBotApi, shared_url: str,
) -> None:
    api.clock = time.time  # whole seconds, as the limiter counts them
    busy = 5001  # three reminders, handed to both processes: one a second all the same
    order = [busy, *range(6001, 6049), busy, busy, *range(6049, 6078)]
    processes: list[tuple[Database, TelegramTransport, Delivery]] = []
    for _ in range(2):
        db = Database(make_engine(shared_url), TEST_KEYRING)
        transport = TelegramTransport(TOKEN, base_url=api.base_url, commands=MENUS)
        transport.defer_polling = True  # sending only
        await transport.start(lambda incoming: asyncio.sleep(0))
        limiter = SendLimiter(db, {TRANSPORT: TELEGRAM}, guard=0.3)  # a busy two-core box
        conversation = Conversation(db, SystemClock(ZoneInfo("Europe/Amsterdam")))
        processes.append((db, transport, Delivery(conversation, {TRANSPORT: transport},
                                                  limiter)))
    owe(processes[0][0], order)
    try:
        sent = [0, 0]
        async with asyncio.timeout(60):
            while sum(sent) < len(order):
                now = datetime.now(UTC)
                rounds = await asyncio.gather(*(delivery.run_once(now)
                                                for _, _, delivery in processes))
                sent = [done + more for done, more in zip(sent, rounds, strict=True)]
        with processes[0][0].session() as session:
            rows = session.exec(select(Outbox)).all()
    finally:
        for db, transport, _ in processes:
            await transport.stop()
            db.engine.dispose()

    total, per_chat = api.sends_per_second()
    assert all(sent)  # both processes sent at the same time, from one budget
    assert sum(total.values()) == len(order)
    assert max(total.values()) <= TELEGRAM.background_per_second  # 24 of the 30
    assert len(total) >= len(order) // TELEGRAM.background_per_second
    assert max(per_chat.values()) == 1
    busy_seconds = sorted(second for chat, second in per_chat if chat == busy)
    assert len(busy_seconds) == 3
    assert all(row.sent_at is not None for row in rows)
