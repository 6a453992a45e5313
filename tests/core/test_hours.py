"""Hours per week against the budget (core.hours): the user's own logged contacts, counted by
the week they happened in, with what has no duration counted apart."""

from __future__ import annotations

from datetime import datetime, timedelta

from core.clock import FakeClock
from core.hours import hours_per_week
from storage.engine import Database
from storage.models import Interaction, User
from tests.conftest import AMSTERDAM


def make_user(db: Database, name: str) -> int:
    with db.session() as session:
        user = User(transport="memory", external_id=name, chat_id=name, role="coordinator")
        session.add(user)
        session.flush()
        assert user.id is not None
        return user.id


def log(db: Database, user_id: int, when: datetime, minutes: int | None) -> None:
    with db.session() as session:
        session.add(Interaction(occurred_at=when, duration_minutes=minutes,
                                logged_by_user_id=user_id, created_at=when))


def test_each_week_adds_up_the_durations_of_the_contacts_that_happened_in_it(
    db: Database, clock: FakeClock
) -> None:
    me = make_user(db, "me")
    now = clock.now()  # Sunday 29 November 2026, 14:00: week 48 runs 23–29 November
    log(db, me, datetime(2026, 11, 23, 9, 0, tzinfo=AMSTERDAM), 90)
    log(db, me, datetime(2026, 11, 29, 11, 0, tzinfo=AMSTERDAM), 45)
    log(db, me, datetime(2026, 11, 22, 23, 30, tzinfo=AMSTERDAM), 60)  # Sunday of week 47
    log(db, me, datetime(2026, 11, 16, 10, 0, tzinfo=AMSTERDAM), 11 * 60)  # week 47, too much

    with db.session() as session:
        overview = hours_per_week(session, me, now, weeks=8, budget_hours=10)

    assert [w.number for w in overview.weeks] == [41, 42, 43, 44, 45, 46, 47, 48]
    assert [w.minutes for w in overview.weeks][-2:] == [12 * 60, 135]
    assert [overview.over_budget(w) for w in overview.weeks][-2:] == [True, False]
    assert overview.weeks_over == 1
    assert overview.budget_minutes == 600


def test_contacts_without_a_duration_are_counted_but_add_no_time(
    db: Database, clock: FakeClock
) -> None:
    me = make_user(db, "me")
    for days in range(12):
        log(db, me, clock.now() - timedelta(days=days), None)
    log(db, me, clock.now() - timedelta(days=1), 30)

    with db.session() as session:
        overview = hours_per_week(session, me, clock.now())

    assert overview.without_duration == 12
    assert overview.total_minutes == 30
    assert sum(w.contacts for w in overview.weeks) == 13


def test_only_the_users_own_contacts_in_the_period_count(db: Database, clock: FakeClock) -> None:
    me, colleague = make_user(db, "me"), make_user(db, "colleague")
    log(db, colleague, clock.now() - timedelta(days=1), 120)
    log(db, me, clock.now() - timedelta(weeks=9), 120)  # before the eight weeks
    log(db, me, clock.now() + timedelta(days=1), 120)  # next week: not yet in the overview

    with db.session() as session:
        overview = hours_per_week(session, me, clock.now())

    assert overview.total_minutes == 0
    assert sum(w.contacts for w in overview.weeks) == 0


def test_the_average_leaves_out_the_week_that_is_still_running(
    db: Database, clock: FakeClock
) -> None:
    me = make_user(db, "me")
    clock.set(datetime(2026, 11, 24, 9, 0, tzinfo=AMSTERDAM))  # Tuesday of week 48
    log(db, me, datetime(2026, 11, 17, 10, 0, tzinfo=AMSTERDAM), 8 * 60)  # week 47
    log(db, me, datetime(2026, 11, 10, 10, 0, tzinfo=AMSTERDAM), 4 * 60)  # week 46
    log(db, me, datetime(2026, 11, 24, 8, 0, tzinfo=AMSTERDAM), 60)  # this week

    with db.session() as session:
        overview = hours_per_week(session, me, clock.now(), weeks=3, budget_hours=10)

    assert [w.minutes for w in overview.weeks] == [240, 480, 60]
    assert overview.average_minutes == 360
