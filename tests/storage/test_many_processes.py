"""Several processes on one PostgreSQL, all sweeping and delivering the same due reminders.

Each worker is a real process running the production path of a bot process's scheduler:
`scheduler.jobs.sweep_follow_ups` (claims due follow-ups with FOR UPDATE SKIP LOCKED and owes
a reminder) and `bot.delivery.Delivery` (claims outbox rows with SKIP LOCKED and a lease,
renders, sends, marks sent). Its transport appends one line per send to a shared file, which
stands in for the chat service: that file is what the users would have seen.

Without crashes every reminder arrives exactly once. With workers killed (-9) at random, none
is lost — what a dead worker had claimed is taken again once its lease ran out — and a
reminder shows twice only when its worker died between sending it and marking it sent: at most
one per kill, and counted.
"""

from __future__ import annotations

import asyncio
import os
import random
import re
import sys
from collections import Counter
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import text
from sqlmodel import col, select

from storage.engine import Database, make_engine
from storage.models import FollowUp, Outbox, User
from tests.conftest import postgres_database
from tests.support.audit import migrated
from tests.support.keys import TEST_KEYRING

REMINDERS = 10_000  # about half a minute with two or four workers on two shared cores
PER_USER = 5  # at the batching threshold: each reminder is its own message
ROOT = Path(__file__).resolve().parents[2]
WORKER_TIMEOUT = 300.0  # generous bound for a loaded two-core machine; normally far less
IDLE_ROUNDS = 3  # a worker stops after this many rounds in a row that found nothing to do
LINE = re.compile(r"^outbox-(\d+) (\S+) ⏰ Herinnering: Opvolging (\d+)$")


@pytest.fixture
def database_url() -> Iterator[str]:
    with postgres_database() as url:
        yield url


def owe_reminders(url: str, count: int) -> None:
    """`count` follow-ups, PER_USER to a user, all due before the workers start."""
    database = Database(make_engine(url), TEST_KEYRING)
    due = datetime.now(UTC) - timedelta(hours=1)  # the workers run on the real clock
    try:
        migrated(database)
        with database.session() as session:
            users = [User(transport="memory", external_id=f"u{n}", chat_id=f"c{n}",
                          role="coordinator") for n in range(count // PER_USER)]
            session.add_all(users)
            session.flush()
            for number in range(count):
                owner = users[number // PER_USER].id
                assert owner is not None
                session.add(FollowUp(title=f"Opvolging {number}", owner_user_id=owner,
                                     due_at=due - timedelta(minutes=number % PER_USER)))
        with database.engine.connect() as connection:  # as autovacuum would in production
            connection.execute(text("ANALYZE"))
            connection.commit()
    finally:
        database.engine.dispose()


def outcome(url: str) -> tuple[int, int, int]:
    """(outbox rows, of which sent, follow-ups not reminded)."""
    database = Database(make_engine(url), TEST_KEYRING)
    try:
        with database.session() as session:
            rows = session.exec(select(Outbox)).all()
            unreminded = session.exec(
                select(FollowUp.id).where(col(FollowUp.reminded_at).is_(None))).all()
            return len(rows), sum(r.sent_at is not None for r in rows), len(unreminded)
    finally:
        database.engine.dispose()


class Workers:
    """Worker processes (this module run as a script); none outlives the test."""

    def __init__(self, url: str, sent_file: Path) -> None:
        self.url = url
        self.sent_file = sent_file
        self.started: list[asyncio.subprocess.Process] = []
        self.killed = 0

    async def start(self, skew_seconds: float = 0.0,
                    rounds: int = 0) -> asyncio.subprocess.Process:
        """A worker; `rounds`: delivery rounds per run (0: until nothing is left)."""
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "tests.storage.test_many_processes",
            self.url, str(self.sent_file), str(skew_seconds), str(rounds),
            cwd=ROOT, stdin=asyncio.subprocess.DEVNULL, stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        self.started.append(process)
        return process

    async def finish(self, processes: list[asyncio.subprocess.Process]) -> None:
        async with asyncio.timeout(WORKER_TIMEOUT):
            for process in processes:
                _, err = await process.communicate()
                assert process.returncode in (0, -9), err.decode()[-2000:]

    async def kill_after(self, process: asyncio.subprocess.Process, rounds: int) -> None:
        """Kill -9 once the worker has reported `rounds` delivery rounds (or has stopped)."""
        assert process.stdout is not None
        async with asyncio.timeout(WORKER_TIMEOUT):
            for _ in range(rounds):
                if not await process.stdout.readline():
                    break
        if process.returncode is None:
            process.kill()
            await process.wait()
            self.killed += 1

    async def kill_all(self) -> None:
        for process in self.started:
            if process.returncode is None:
                process.kill()
                await process.wait()

    def seen(self) -> Counter[int]:
        """How often each follow-up's reminder was sent (the chat service's view)."""
        times: Counter[int] = Counter()
        for line in self.sent_file.read_text().splitlines():
            match = LINE.match(line)
            assert match, line
            times[int(match.group(3))] += 1
        return times


@pytest.fixture
async def workers(database_url: str, tmp_path: Path) -> AsyncIterator[Workers]:
    pool = Workers(database_url, tmp_path / "sent.txt")
    try:
        yield pool
    finally:
        await pool.kill_all()


@pytest.mark.slow
@pytest.mark.parametrize("processes", [2, 4])
async def test_every_due_reminder_is_sent_exactly_once_by_several_processes(
    database_url: str, workers: Workers, processes: int,
) -> None:
    await asyncio.to_thread(owe_reminders, database_url, REMINDERS)

    await workers.finish([await workers.start() for _ in range(processes)])

    times = workers.seen()
    assert len(times) == REMINDERS
    assert set(times.values()) == {1}
    assert outcome(database_url) == (REMINDERS, REMINDERS, 0)


@pytest.mark.slow
async def test_no_reminder_is_lost_when_workers_are_killed_and_duplicates_are_counted(
    database_url: str, workers: Workers,
) -> None:
    await asyncio.to_thread(owe_reminders, database_url, REMINDERS)
    chance = random.Random(7)
    # One delivery round per run, so that the kills after a few runs fall mid-work.
    running = [await workers.start(rounds=1) for _ in range(4)]

    for _ in range(6):  # kill one at random, mid-work; a fresh one takes its place
        victim = running.pop(chance.randrange(len(running)))
        await workers.kill_after(victim, chance.randint(1, 8))
        running.append(await workers.start(rounds=1))
    await workers.finish(running)
    # What the killed ones had claimed is leased to them for a while: a worker living after
    # the lease (its clock ahead) takes it over.
    await workers.finish([await workers.start(skew_seconds=600)])

    times = workers.seen()
    assert workers.killed > 0
    assert len(times) == REMINDERS  # none lost
    twice = sum(n - 1 for n in times.values())
    assert twice <= workers.killed  # only a crash between send and mark shows one twice
    assert max(times.values()) <= 2
    assert outcome(database_url) == (REMINDERS, REMINDERS, 0)


# --------------------------------------------------------------------------- the worker


async def _work(url: str, sent_file: str, skew_seconds: float, rounds: int) -> None:
    """Sweep and deliver until there is nothing left this worker may take."""
    from bot.conversation.dispatcher import Conversation
    from bot.conversation.events import Reply
    from bot.delivery import Delivery
    from core.clock import SystemClock
    from scheduler.jobs import sweep_follow_ups

    class Recorder:
        """The chat service: one line per message, appended in one write."""

        name = "memory"

        def __init__(self) -> None:
            self.fd = os.open(sent_file, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)

        async def start(self, on_incoming: object) -> None:
            return None

        async def stop(self) -> None:
            os.close(self.fd)

        async def send(self, chat_id: str, reply: Reply, *, txn_id: str | None = None) -> None:
            first = reply.text.splitlines()[0]
            os.write(self.fd, f"{txn_id} {chat_id} {first}\n".encode())

    class Skewed(SystemClock):
        def now(self) -> datetime:
            return super().now() + timedelta(seconds=skew_seconds)

    database = Database(make_engine(url), TEST_KEYRING)
    clock = Skewed(ZoneInfo("Europe/Amsterdam"))
    delivery = Delivery(Conversation(database, clock), {"memory": Recorder()})
    idle = 0
    while idle < IDLE_ROUNDS:
        swept = await sweep_follow_ups(database, clock.now())
        sent = await delivery.run_once(clock.now(), rounds=rounds or None)
        idle = 0 if swept or sent else idle + 1
        print(sent, flush=True)  # a run done: what the test waits on before a kill
    database.engine.dispose()


if __name__ == "__main__":
    asyncio.run(_work(sys.argv[1], sys.argv[2], float(sys.argv[3]), int(sys.argv[4])))
