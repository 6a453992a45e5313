"""Delivery drains a burst: round after round while rounds come back full, within one run.

The chat service is a fake that records what arrives; time is a `FakeClock` the fake moves on
per send, as real sends take time; a real delivery and conversation on both databases.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import timedelta

from sqlmodel import col, select

from bot.conversation.dispatcher import Conversation
from bot.conversation.events import Reply
from bot.delivery import RETRY_SOON, ROUND, Delivery
from bot.transports.base import IncomingHandler, SendError
from core.clock import FakeClock
from core.followups import sweep_due
from storage.engine import Database
from storage.models import FollowUp, Outbox, User


class Service:
    """The chat service: records (chat, first line) of each message; moves the clock on per
    send; fails the sends it is told to; runs a hook before a given send."""

    name = "memory"

    def __init__(self, clock: FakeClock, seconds_per_send: float) -> None:
        self.clock = clock
        self.seconds_per_send = seconds_per_send
        self.arrived: list[tuple[str, str]] = []
        self.refuse: dict[int, SendError] = {}  # by the number of the send, from 1
        self.refuse_all: SendError | None = None
        self.before: dict[int, Callable[[], object]] = {}
        self.sends = 0

    async def start(self, on_incoming: IncomingHandler) -> None:
        return None

    async def stop(self) -> None:
        return None

    async def send(self, chat_id: str, reply: Reply, *, txn_id: str | None = None) -> None:
        self.sends += 1
        self.clock.advance(seconds=self.seconds_per_send)
        hook = self.before.get(self.sends)
        if hook is not None:
            result = hook()
            if asyncio.iscoroutine(result):
                await result
        refused = self.refuse.get(self.sends, self.refuse_all)
        if refused is not None:
            raise refused
        self.arrived.append((chat_id, reply.text.splitlines()[0]))


def owe(db: Database, clock: FakeClock, count: int, *, per_user: int = 1,
        first: int = 0) -> None:
    """Reminders `first` to `first + count - 1` owed now, oldest first, `per_user` to each of
    their users (at most BATCH_OVER: one message each)."""
    with db.session() as session:
        users = [User(transport="memory", external_id=f"u{first}-{n}", chat_id=f"c{first}-{n}",
                      role="coordinator") for n in range(-(-count // per_user))]
        session.add_all(users)
        session.flush()
        for number in range(count):
            owner = users[number // per_user].id
            assert owner is not None
            session.add(FollowUp(title=f"Opvolging {first + number}", owner_user_id=owner,
                                 due_at=clock.now() - timedelta(minutes=count - number)))
    with db.session() as session:
        assert sweep_due(session, clock.now()) == count


def delivery(db: Database, clock: FakeClock,
             seconds_per_send: float = 1.0) -> tuple[Delivery, Service]:
    service = Service(clock, seconds_per_send)

    async def sleep(seconds: float) -> None:  # waiting is the clock moving on
        clock.advance(seconds=seconds)

    return Delivery(Conversation(db, clock), {"memory": service}, sleep=sleep), service


def unsent(db: Database) -> int:
    with db.session() as session:
        return len(session.exec(select(Outbox.id).where(col(Outbox.sent_at).is_(None))).all())


async def test_a_burst_of_several_rounds_is_sent_in_one_run(
    db: Database, clock: FakeClock,
) -> None:
    owe(db, clock, ROUND * 2 + 20)
    run, service = delivery(db, clock)

    sent = await run.run_once(clock.now())

    assert sent == ROUND * 2 + 20
    assert len(service.arrived) == ROUND * 2 + 20
    assert unsent(db) == 0
    assert [text for _, text in service.arrived] == [
        f"⏰ Herinnering: Opvolging {n}" for n in range(ROUND * 2 + 20)]  # oldest first


async def test_each_chat_gets_its_messages_in_order_across_rounds(
    db: Database, clock: FakeClock,
) -> None:
    owe(db, clock, ROUND * 3, per_user=5)
    run, service = delivery(db, clock)

    await run.run_once(clock.now())

    by_chat: dict[str, list[int]] = {}
    for chat, text in service.arrived:
        by_chat.setdefault(chat, []).append(int(text.rsplit(" ", 1)[1]))
    assert len(service.arrived) == ROUND * 3
    assert all(numbers == sorted(numbers) for numbers in by_chat.values())


async def test_a_run_with_a_limit_of_rounds_stops_there(db: Database, clock: FakeClock) -> None:
    owe(db, clock, ROUND * 2 + 5)
    run, service = delivery(db, clock)

    first = await run.run_once(clock.now(), rounds=1)
    rest = await run.run_once(clock.now())

    assert (first, rest) == (ROUND, ROUND + 5)
    assert len(service.arrived) == ROUND * 2 + 5


async def test_closing_during_a_run_lets_the_round_in_progress_finish_and_starts_no_other(
    db: Database, clock: FakeClock,
) -> None:
    owe(db, clock, ROUND * 3)
    run, service = delivery(db, clock)
    closing: list[asyncio.Task[None]] = []
    service.before[3] = lambda: closing.append(asyncio.create_task(run.close()))

    sent = await run.run_once(clock.now())
    await closing[0]

    assert sent == ROUND  # the round it was in, and not one more
    assert unsent(db) == ROUND * 2
    assert await run.run_once(clock.now()) == 0  # closed: the rest waits for the next start


async def test_a_message_the_service_wants_again_in_a_moment_still_goes_in_the_same_run(
    db: Database, clock: FakeClock,
) -> None:
    owe(db, clock, ROUND * 2)
    run, service = delivery(db, clock, seconds_per_send=0.01)
    service.refuse[1] = SendError("rate limited", retry_after=1)  # a 429: again in a second

    sent = await run.run_once(clock.now())

    assert sent == ROUND * 2  # the refused one too, after its second, not at the next sweep
    assert service.sends == ROUND * 2 + 1
    assert unsent(db) == 0


async def test_a_message_put_back_for_longer_waits_for_the_next_run(
    db: Database, clock: FakeClock,
) -> None:
    owe(db, clock, ROUND * 2)
    run, service = delivery(db, clock, seconds_per_send=0.01)
    service.refuse[1] = SendError("rate limited", retry_after=RETRY_SOON * 4)

    first = await run.run_once(clock.now())
    with db.session() as session:
        waiting = session.exec(select(Outbox).where(col(Outbox.sent_at).is_(None))).all()
    clock.advance(seconds=RETRY_SOON * 4)
    second = await run.run_once(clock.now())

    assert first == ROUND * 2 - 1  # every other chat's, in two rounds
    assert [row.last_error for row in waiting] == ["rate limited"]
    assert second == 1
    assert service.sends == ROUND * 2 + 1  # the refused one once, and once more next run


async def test_a_service_that_takes_nothing_ends_the_run_after_one_round(
    db: Database, clock: FakeClock,
) -> None:
    owe(db, clock, ROUND * 3)
    run, service = delivery(db, clock, seconds_per_send=0.1)
    service.refuse_all = SendError("rate limited", retry_after=1)

    sent = await run.run_once(clock.now())

    assert sent == 0
    assert service.sends == ROUND  # one round tried, not the whole backlog
    assert unsent(db) == ROUND * 3


async def test_a_later_round_takes_what_was_owed_while_the_run_was_sending(
    db: Database, clock: FakeClock,
) -> None:
    owe(db, clock, ROUND + 5)
    run, service = delivery(db, clock)
    service.before[10] = lambda: owe(db, clock, 1, first=ROUND + 5)  # due at the moved clock

    sent = await run.run_once(clock.now())

    assert sent == ROUND + 6
    assert service.arrived[-1][1] == f"⏰ Herinnering: Opvolging {ROUND + 5}"


async def test_a_call_while_a_run_is_sending_returns_at_once_and_the_run_sends_its_message(
    db: Database, clock: FakeClock,
) -> None:
    """As a report asked for while a backlog is delivered: the handler does not wait."""
    owe(db, clock, 3)
    run, service = delivery(db, clock)
    answers: list[int] = []

    async def ask_meanwhile() -> None:
        owe(db, clock, 1, first=3)
        answers.append(await run.run_once(clock.now()))

    service.before[3] = ask_meanwhile  # the running round has claimed its three already

    sent = await run.run_once(clock.now())

    assert answers == [0]
    assert sent == 4
    assert service.arrived[-1][1] == "⏰ Herinnering: Opvolging 3"


async def test_the_scheduler_starts_a_run_without_waiting_for_the_burst_to_drain(
    db: Database, clock: FakeClock,
) -> None:
    owe(db, clock, ROUND * 3)
    run, service = delivery(db, clock)

    await run.run_in_background(clock.now())  # the sweep job: returns before anything is sent
    sent_when_the_job_returned = service.sends
    await run.run_in_background(clock.now())  # the next job meets the run still going
    assert run.running is not None
    drained = await run.running

    assert sent_when_the_job_returned == 0
    assert drained == ROUND * 3  # one run, and the second job started no other
    assert unsent(db) == 0


async def test_closing_waits_for_a_background_run_to_finish_its_round(
    db: Database, clock: FakeClock,
) -> None:
    owe(db, clock, ROUND * 3)
    run, service = delivery(db, clock)
    closing: list[asyncio.Task[None]] = []  # SIGTERM arrives during the first round
    service.before[5] = lambda: closing.append(asyncio.create_task(run.close()))

    await run.run_in_background(clock.now())
    assert run.running is not None
    sent = await run.running
    await closing[0]

    assert sent == ROUND
    assert unsent(db) == ROUND * 2  # left for the next start
