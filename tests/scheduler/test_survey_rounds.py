"""Scheduled survey rounds (a cron expression per schedule): one round per fire time, also
when several processes sweep at the same moment, and one round for a stretch the bot was down."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import datetime, timedelta

import pytest
from sqlmodel import col, func, select

from core import surveys
from core.clock import FakeClock
from core.contacts import create_contact
from core.partners import Segment
from scheduler.surveys import next_fire, run_due
from storage.engine import Database, make_engine
from storage.models import Network, Outbox, Role, SurveyRound, User
from tests.conftest import AMSTERDAM, postgres_database
from tests.support.keys import TEST_KEYRING

MONDAY_NINE = "0 9 * * 1"  # every Monday at 09:00
PARTNERS = 3


def partners_and_schedule(db: Database, clock: FakeClock) -> datetime:
    """Partners who agreed, and a weekly schedule for the default template; returns its
    first fire time."""
    now = clock.now()
    with db.session() as session:
        for number in range(PARTNERS):
            contact = create_contact(session, name=f"Partner {number}", network=Network.FORMAL,
                                     now=now)
            contact.agreed_on = now.date()
            session.add(contact)
            session.flush()
            session.add(User(transport="memory", external_id=f"p{number}", chat_id=f"p{number}",
                             role=Role.PARTNER, contact_id=contact.id))
        (template,) = surveys.templates(session, now)
        assert template.id is not None
        first = next_fire(MONDAY_NINE, now, AMSTERDAM)
        assert first is not None
        surveys.add_schedule(session, template.id, Segment(), MONDAY_NINE, first,
                             actor_id=None, now=now)
        return first


def rounds(db: Database) -> list[datetime | None]:
    with db.session() as session:
        return [row.scheduled_for for row in session.exec(
            select(SurveyRound).order_by(col(SurveyRound.id))).all()]


def questions_owed(db: Database) -> int:
    with db.session() as session:
        return int(session.exec(select(func.count()).select_from(Outbox).where(
            Outbox.kind == surveys.QUESTION)).one())


def test_the_next_fire_time_is_strictly_after_the_one_just_run() -> None:
    monday = datetime(2026, 11, 30, 9, 0, tzinfo=AMSTERDAM)
    assert next_fire(MONDAY_NINE, monday - timedelta(minutes=1), AMSTERDAM) == monday
    assert next_fire(MONDAY_NINE, monday, AMSTERDAM) == monday + timedelta(days=7)
    assert next_fire("geen cron", monday, AMSTERDAM) is None


@pytest.mark.parametrize(("cron", "weekdays"), [
    ("0 9 * * 1", {0}),  # crontab counts Monday as 1 (APScheduler 3 as 0)
    ("0 9 * * 0", {6}), ("0 9 * * 7", {6}), ("0 9 * * sun", {6}),
    ("0 9 * * 1-5", {0, 1, 2, 3, 4}), ("0 9 * * mon-fri", {0, 1, 2, 3, 4}),
    ("0 9 * * 5-7", {4, 5, 6}), ("0 9 * * fri-sun", {4, 5, 6}),
    ("0 9 * * */2", {6, 1, 3, 5}), ("0 9 * * 1,3", {0, 2}), ("0 9 * * *", set(range(7))),
])
def test_weekdays_in_a_cron_line_mean_what_crontab_means(cron: str, weekdays: set[int]) -> None:
    fires, after = set(), datetime(2026, 11, 29, 12, 0, tzinfo=AMSTERDAM)
    for _ in range(14):
        fire = next_fire(cron, after, AMSTERDAM)
        assert fire is not None
        assert fire.hour == 9
        fires.add(fire.weekday())
        after = fire
    assert fires == weekdays


def test_a_quarterly_line_fires_on_the_first_of_each_quarter() -> None:
    fire = next_fire("0 9 1 1,4,7,10 *", datetime(2026, 11, 29, tzinfo=AMSTERDAM), AMSTERDAM)
    assert fire == datetime(2027, 1, 1, 9, 0, tzinfo=AMSTERDAM)
    assert next_fire("0 9 * * 8", fire, AMSTERDAM) is None
    assert next_fire("0 9 * *", fire, AMSTERDAM) is None


def test_a_scheduled_round_opens_once_per_fire_time_however_often_it_is_swept(
    db: Database, clock: FakeClock,
) -> None:
    first = partners_and_schedule(db, clock)
    clock.set(first - timedelta(minutes=1))
    assert run_due(db, clock.now(), AMSTERDAM).opened == 0

    opened = 0
    for _ in range(3):  # three Mondays, each swept every 30 s for ten minutes from 09:00
        monday = next_fire(MONDAY_NINE, clock.now(), AMSTERDAM)
        assert monday is not None
        clock.set(monday)
        for _ in range(20):
            opened += run_due(db, clock.now(), AMSTERDAM).opened
            clock.advance(seconds=30)

    mondays = [first + timedelta(days=7 * n) for n in range(3)]
    assert opened == 3
    assert rounds(db) == mondays
    assert questions_owed(db) == 3 * PARTNERS


def test_fire_times_missed_while_the_bot_was_down_bring_one_round_not_a_pile(
    db: Database, clock: FakeClock,
) -> None:
    first = partners_and_schedule(db, clock)
    clock.set(first + timedelta(days=15))  # down over three Mondays

    assert run_due(db, clock.now(), AMSTERDAM).opened == 1
    assert run_due(db, clock.now() + timedelta(seconds=30), AMSTERDAM).opened == 0
    assert rounds(db) == [first]
    with db.session() as session:
        (schedule,) = surveys.schedules(session)
        assert schedule.next_run_at == first + timedelta(days=21)


@pytest.fixture
def four_processes(postgres_template: str) -> Iterator[list[Database]]:
    """Four processes on one PostgreSQL database: each its own engine, so its own sessions."""
    with postgres_database(postgres_template) as url:
        made = [Database(make_engine(url), TEST_KEYRING) for _ in range(4)]
        yield made
        for database in made:
            database.engine.dispose()


def test_four_processes_sweeping_at_each_fire_time_open_each_round_once(
    four_processes: list[Database], clock: FakeClock,
) -> None:
    first = partners_and_schedule(four_processes[0], clock)
    opened: list[int] = []
    failures: list[BaseException] = []

    for week in range(3):
        moment = first + timedelta(days=7 * week, seconds=5)
        start = threading.Barrier(len(four_processes))

        def sweep(database: Database, at: datetime = moment,
                  barrier: threading.Barrier = start) -> None:
            try:
                barrier.wait(timeout=60)  # all four at the same moment
                opened.append(run_due(database, at, AMSTERDAM).opened)
            except BaseException as error:  # surfaced below, not lost in the thread
                failures.append(error)

        workers = [threading.Thread(target=sweep, args=(database,))
                   for database in four_processes]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join(timeout=120)

    assert failures == []
    assert sorted(opened) == [0] * 9 + [1] * 3
    assert rounds(four_processes[0]) == [first + timedelta(days=7 * n) for n in range(3)]
    assert questions_owed(four_processes[0]) == 3 * PARTNERS
