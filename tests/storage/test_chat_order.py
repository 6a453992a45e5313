"""One chat's updates handled in order when a load balancer spreads them over processes.

Two `Conversation`s, each with its own engine (its own sessions on the server), stand for two
webhook processes on one PostgreSQL. A coordinator's visit messages are journalled in the
order Telegram numbered them, then handed out at random to the two, which handle them at the
same time in threads, each in the random order it got them. Handling takes the chat's
advisory lock and finishes the chat's earlier updates first (core.journal), so the handling
order is the update-id order, and every message is handled once.
"""

from __future__ import annotations

import random
import re
import threading
from collections import Counter
from collections.abc import Iterator
from datetime import datetime

import pytest
from sqlmodel import Session, select

from bot.conversation.dispatcher import Conversation
from bot.conversation.events import Incoming, Reply
from core.access import Identity, create_invite, redeem_invite
from core.clock import FakeClock
from core.journal import take
from storage.engine import Database, make_engine
from storage.models import ButtonPayload, DialogState, ProcessedUpdate, Role
from tests.conftest import postgres_database
from tests.support.keys import TEST_KEYRING

MESSAGES = 40
CHAT = "6101"
FIRST_UPDATE = 990_001  # Telegram's ids count up; past a power of ten on purpose
MARK = re.compile(r"bericht (\d{4})")


class Recording(Conversation):
    """A process's conversation that writes down which message it handles, at the moment it
    handles it (inside the transaction, holding the chat's lock)."""

    def __init__(self, db: Database, clock: FakeClock, handled: list[int],
                 guard: threading.Lock) -> None:
        super().__init__(db, clock)
        self.handled = handled
        self.guard = guard

    def _handle(self, session: Session, incoming: Incoming, now: datetime
                ) -> tuple[list[Reply], bool]:
        with self.guard:
            self.handled.append(int(incoming.update_id or 0))
        return super()._handle(session, incoming, now)


@pytest.fixture
def databases(postgres_template: str) -> Iterator[tuple[Database, Database]]:
    """Two processes' views of one PostgreSQL database."""
    with postgres_database(postgres_template) as url:
        first = Database(make_engine(url), TEST_KEYRING)
        second = Database(make_engine(url), TEST_KEYRING)
        try:
            yield first, second
        finally:
            first.engine.dispose()
            second.engine.dispose()


def coordinator(db: Database, clock: FakeClock) -> None:
    """The chat's user: a coordinator who redeemed an invite."""
    with db.session() as session:
        token = create_invite(session, Role.COORDINATOR, clock.now())
        redeem_invite(session, token, Identity("telegram", CHAT, CHAT), "nl", clock.now())


def message(number: int) -> Incoming:
    return Incoming(
        transport="telegram", user_id=CHAT, chat_id=CHAT, language="nl",
        text=f"Net gesproken met Jan de Vries van de politie over bericht {number:04d}.",
        update_id=str(FIRST_UPDATE + number),
    )


def test_one_chats_updates_spread_over_two_processes_are_handled_in_order_once_each(
    databases: tuple[Database, Database], clock: FakeClock,
) -> None:
    first_db, second_db = databases
    coordinator(first_db, clock)
    handled: list[int] = []
    guard = threading.Lock()
    processes = [Recording(first_db, clock, handled, guard),
                 Recording(second_db, clock, handled, guard)]
    updates = [message(number) for number in range(1, MESSAGES + 1)]
    processes[0].journal(updates)  # received in order; handed out at random below
    chance = random.Random(9)
    shares: list[list[Incoming]] = [[], []]
    for update in updates:
        shares[chance.randrange(2)].append(update)
    for share in shares:
        chance.shuffle(share)
    replies: list[list[Reply]] = [[], []]

    def work(number: int) -> None:
        for update in shares[number]:
            replies[number].extend(processes[number].handle(update))

    threads = [threading.Thread(target=work, args=(number,)) for number in (0, 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert not any(thread.is_alive() for thread in threads)
    assert all(shares)  # both processes got some
    assert handled == [FIRST_UPDATE + number for number in range(1, MESSAGES + 1)]
    cards = Counter(int(found.group(1)) for reply in replies[0] + replies[1]
                    if (found := MARK.search(reply.text)) and reply.buttons)
    assert cards == Counter(range(1, MESSAGES + 1))  # every message answered, once
    with first_db.session() as session:
        journal = session.exec(select(ProcessedUpdate)).all()
        saves = session.exec(select(ButtonPayload).where(ButtonPayload.action == "visit.save"))
        assert len(saves.all()) == MESSAGES
    assert len(journal) == MESSAGES
    assert all(row.handled_at is not None for row in journal)


def test_handling_a_chats_update_first_finishes_its_earlier_ones_in_update_id_order(
    db: Database, clock: FakeClock,
) -> None:
    coordinator(db, clock)
    handled: list[int] = []
    conversation = Recording(db, clock, handled, threading.Lock())
    # Another process journalled 2 and then 1 (its clock behind), and died before handling.
    conversation.journal([message(2)])
    clock.advance(seconds=-5)
    conversation.journal([message(1)])
    clock.advance(seconds=5)

    replies = conversation.handle(message(3))
    again = conversation.handle(message(1))  # that process's retry, say: answered already

    assert handled == [FIRST_UPDATE + 1, FIRST_UPDATE + 2, FIRST_UPDATE + 3]
    assert [int(found.group(1)) for reply in replies
            if (found := MARK.search(reply.text)) and reply.buttons] == [1, 2, 3]
    assert again == []


class Overtaken(Conversation):
    """A process whose update another process handles while this one is still reading it."""

    def _handle(self, session: Session, incoming: Incoming, now: datetime
                ) -> tuple[list[Reply], bool]:
        replies = super()._handle(session, incoming, now)
        with self.db.session() as other:  # the other process: done first, and committed
            assert incoming.update_id is not None
            assert take(other, incoming.transport, incoming.update_id, now)
        return replies


def test_an_update_another_process_handled_meanwhile_gets_no_answer_and_leaves_nothing(
    db: Database, clock: FakeClock,
) -> None:
    coordinator(db, clock)

    replies = Overtaken(db, clock).handle(message(1))

    assert replies == []  # the other process's answer stands, not a second one
    with db.session() as session:
        assert session.exec(select(ButtonPayload)).all() == []  # its card's buttons rolled back
        assert session.exec(select(DialogState)).all() == []
        assert session.exec(select(ProcessedUpdate.handled_at)).all() != [None]
