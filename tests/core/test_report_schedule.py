"""Automatic trend reports: on the first working day of the period at 09:00, once."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlmodel import Session, select

from core.report_schedule import (
    REPORT,
    Outcome,
    deliverable,
    first_working_day,
    next_delivery,
    owe_reports,
    request_report,
    subscribe,
    subscriptions,
    unsubscribe,
)
from storage.engine import Database
from storage.models import Outbox, ReportRequest, Role, User

TZ = ZoneInfo("Europe/Amsterdam")
FRIDAY = datetime(2026, 12, 18, 15, 0, tzinfo=TZ)  # a Friday before the quarter starts
# 1 January 2027 is a Friday and New Year's Day: the first working day is Monday the 4th.
FIRST_WORKING_DAY = datetime(2027, 1, 4, 9, 0, tzinfo=TZ)


def make_user(session: Session, name: str, role: Role = Role.COORDINATOR) -> User:
    user = User(transport="memory", external_id=name, chat_id=name, role=role)
    session.add(user)
    session.flush()
    return user


def owed(session: Session) -> list[Outbox]:
    return list(session.exec(select(Outbox).where(Outbox.kind == REPORT)).all())


def test_the_first_working_day_skips_weekends_and_public_holidays() -> None:
    assert first_working_day(date(2027, 1, 1)) == date(2027, 1, 4)  # New Year's Day, Friday
    assert first_working_day(date(2024, 4, 1)) == date(2024, 4, 2)  # Easter Monday
    assert first_working_day(date(2026, 8, 1)) == date(2026, 8, 3)  # a Saturday
    assert first_working_day(date(2026, 10, 1)) == date(2026, 10, 1)  # a Thursday
    assert next_delivery("kwartaal", FRIDAY) == FIRST_WORKING_DAY
    assert next_delivery("maand", FIRST_WORKING_DAY) == datetime(2027, 2, 1, 9, 0, tzinfo=TZ)


def test_a_subscription_made_on_a_friday_is_delivered_on_the_first_working_day_once(
    db: Database,
) -> None:
    with db.session() as session:
        admin = make_user(session, "admin", Role.ADMIN)
        holder = make_user(session, "wethouder")
        assert subscribe(session, holder, "kwartaal", admin, FRIDAY) is Outcome.SUBSCRIBED

    for moment in (datetime(2026, 12, 31, 23, 0, tzinfo=TZ),
                   datetime(2027, 1, 1, 10, 0, tzinfo=TZ),  # a holiday
                   datetime(2027, 1, 4, 8, 59, tzinfo=TZ)):
        with db.session() as session:
            assert owe_reports(session, moment) == 0

    with db.session() as session:
        assert owe_reports(session, FIRST_WORKING_DAY) == 1
    with db.session() as session:  # the next sweep, or another process: nothing again
        assert owe_reports(session, FIRST_WORKING_DAY.replace(minute=1)) == 0
    with db.session() as session:
        assert owe_reports(session, datetime(2027, 2, 15, 9, 0, tzinfo=TZ)) == 0
        (row,) = owed(session)
        assert row.user_id == holder.id
        request = session.get(ReportRequest, row.ref_id)
        assert request is not None
        assert (request.period, request.format) == ("kwartaal", "pdf")
        assert request.made_for.astimezone(TZ).date() == date(2027, 1, 4)

    with db.session() as session:  # the quarter after: once more
        assert owe_reports(session, datetime(2027, 4, 1, 9, 30, tzinfo=TZ)) == 1


def test_a_key_owed_before_is_not_owed_again(db: Database) -> None:
    with db.session() as session:
        holder = make_user(session, "wethouder")
        assert holder.id is not None
        key = f"{REPORT}:1:2027-01-01"
        first = request_report(session, holder.id, "kwartaal", "pdf", FRIDAY, FRIDAY, key=key)
        second = request_report(session, holder.id, "kwartaal", "pdf", FRIDAY, FRIDAY, key=key)
        assert first is not None
        assert second is None
        assert len(owed(session)) == 1
        assert len(session.exec(select(ReportRequest)).all()) == 1


def test_a_subscription_after_the_delivery_moment_waits_for_the_next_period(db: Database
                                                                            ) -> None:
    with db.session() as session:
        holder = make_user(session, "wethouder")
        subscribe(session, holder, "kwartaal", holder, datetime(2027, 1, 12, 10, tzinfo=TZ))
    with db.session() as session:
        assert owe_reports(session, datetime(2027, 1, 12, 10, 5, tzinfo=TZ)) == 0
        assert owe_reports(session, datetime(2027, 3, 31, 17, 0, tzinfo=TZ)) == 0
        assert owe_reports(session, datetime(2027, 4, 1, 9, 0, tzinfo=TZ)) == 1


def test_a_demoted_user_gets_nothing_and_their_subscription_ends(db: Database) -> None:
    with db.session() as session:
        holder = make_user(session, "wethouder")
        subscribe(session, holder, "kwartaal", holder, FRIDAY)
        holder.role = Role.COLLEAGUE
        session.add(holder)
    with db.session() as session:
        assert owe_reports(session, FIRST_WORKING_DAY) == 0
        assert owed(session) == []
        assert subscriptions(session) == []


def test_a_report_owed_before_a_role_change_is_not_sent_after_it(db: Database) -> None:
    with db.session() as session:
        holder = make_user(session, "wethouder")
        subscribe(session, holder, "maand", holder, FRIDAY)
        assert owe_reports(session, FIRST_WORKING_DAY) == 1
        (row,) = owed(session)
        request = session.get(ReportRequest, row.ref_id)
        assert request is not None
        assert deliverable(session, request)
        holder.role = Role.PARTNER
        session.add(holder)
        assert not deliverable(session, request)


def test_a_stopped_subscription_delivers_nothing_more(db: Database) -> None:
    with db.session() as session:
        holder = make_user(session, "wethouder")
        subscribe(session, holder, "maand", holder, FRIDAY)
        assert owe_reports(session, FIRST_WORKING_DAY) == 1
        (row,) = owed(session)
        request = session.get(ReportRequest, row.ref_id)
        assert request is not None
        assert request.subscription_id is not None
        assert unsubscribe(session, request.subscription_id, holder, FRIDAY) is not None
        assert not deliverable(session, request)  # owed already, but no longer wanted
        assert owe_reports(session, datetime(2027, 2, 1, 9, 0, tzinfo=TZ)) == 0
        assert unsubscribe(session, request.subscription_id, holder, FRIDAY) is None


def test_only_roles_that_may_see_reports_can_be_subscribed(db: Database) -> None:
    with db.session() as session:
        admin = make_user(session, "admin", Role.ADMIN)
        for role in (Role.COLLEAGUE, Role.PARTNER):
            other = make_user(session, f"iemand-{role}", role)
            assert subscribe(session, other, "kwartaal", admin, FRIDAY) is Outcome.NOT_ALLOWED
        assert subscribe(session, admin, "kwartaal", admin, FRIDAY) is Outcome.SUBSCRIBED
        assert subscribe(session, admin, "kwartaal", admin, FRIDAY) is Outcome.ALREADY
        assert [s.period for s in subscriptions(session)] == ["kwartaal"]
