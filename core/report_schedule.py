"""Trend reports owed to users: asked for in the chat, or sent automatically each period.

A report is never stored. A `ReportRequest` row says which period, which format and as of
when; the outbox row refers to it (kind `REPORT`), and the file is made when delivery sends
it, in delivery's thread. So a crash between asking and sending loses nothing, the outbox
holds no content, and the chat that asked gets its "being made" answer at once.

Subscriptions (`ReportSubscription`) are delivered on the first working day of the month,
quarter or year at 09:00 local time, once per period whatever the number of sweeps or
processes: the outbox `dedupe_key` names the subscription and the period. Only users whose
role may see reports receive them; a subscription of someone whose role no longer allows it
(or whose access was revoked) is ended at the next sweep, and a report already owed to them
is not sent.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from typing import Literal

from sqlmodel import Session, col, select

from core.access import audit
from core.dates import public_holidays
from core.outbox import enqueue
from core.permissions import Capability, can
from core.reports import PERIODS, Period
from storage.models import Outbox, ReportRequest, ReportSubscription, User

REPORT = "report.file"  # outbox kind: one report file, made at send time
DELIVERY_TIME = time(9, 0)
Format = Literal["pdf", "html"]
FORMATS: tuple[Format, ...] = ("pdf", "html")


class Outcome(StrEnum):
    SUBSCRIBED = "subscribed"
    ALREADY = "already"
    NOT_ALLOWED = "not_allowed"  # the user's role may not see reports


def may_receive(user: User | None) -> bool:
    """Whether reports may (still) go to this user: access not revoked, role allows it."""
    return (user is not None and user.revoked_at is None
            and can(user.role, Capability.VIEW_REPORTS))


# --- when -------------------------------------------------------------------------------------


def _days_off(year: int) -> set[date]:
    """Dutch national holidays on which a municipality is closed (Good Friday and Liberation
    Day are ordinary working days for most), as the `holidays` package lists them."""
    return {day for day, name in public_holidays(year).items()
            if name not in ("Good Friday", "Liberation Day")}


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _days_off(day.year)


def first_working_day(day: date) -> date:
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def period_start(period: Period, today: date) -> date:
    """The first day of the month, quarter or year `today` is in."""
    if period == "maand":
        return today.replace(day=1)
    if period == "kwartaal":
        return date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
    return date(today.year, 1, 1)


def next_delivery(period: Period, after: datetime) -> datetime:
    """The first delivery moment after `after` (aware): 09:00 on a period's first working
    day, in `after`'s time zone."""
    local = after
    start = period_start(period, local.date())
    while True:
        moment = datetime.combine(first_working_day(start), DELIVERY_TIME, tzinfo=local.tzinfo)
        if moment > after:
            return moment
        start = _next_start(period, start)


def _next_start(period: Period, start: date) -> date:
    months = {"maand": 1, "kwartaal": 3, "jaar": 12}[period]
    index = start.year * 12 + start.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


# --- subscriptions ----------------------------------------------------------------------------


def subscribe(session: Session, user: User, period: Period, by: User, now: datetime
              ) -> Outcome:
    """Send `user` the report for `period` automatically from the next period on."""
    if not may_receive(user):
        return Outcome.NOT_ALLOWED
    assert user.id is not None
    row = session.exec(select(ReportSubscription).where(
        ReportSubscription.user_id == user.id, ReportSubscription.period == period)).first()
    if row is not None and row.ended_at is None:
        return Outcome.ALREADY
    if row is None:
        row = ReportSubscription(user_id=user.id, period=period, created_at=now,
                                 created_by_user_id=by.id)
    else:  # started again: counts from now, so a period already begun is not sent late
        row.created_at, row.created_by_user_id, row.ended_at = now, by.id, None
    session.add(row)
    session.flush()
    audit(session, now, "report.subscribed", by.id, f"user:{user.id}", period=period)
    return Outcome.SUBSCRIBED


def unsubscribe(session: Session, subscription_id: int, by: User | None, now: datetime
                ) -> ReportSubscription | None:
    """Stop a subscription; None when there is no such running subscription."""
    row = session.get(ReportSubscription, subscription_id)
    if row is None or row.ended_at is not None:
        return None
    row.ended_at = now
    session.add(row)
    audit(session, now, "report.unsubscribed", by.id if by else None, f"user:{row.user_id}",
          period=row.period)
    return row


def subscriptions(session: Session, user_id: int | None = None) -> list[ReportSubscription]:
    """The running subscriptions (of one user, or of everyone), in a stable order."""
    statement = select(ReportSubscription).where(col(ReportSubscription.ended_at).is_(None))
    if user_id is not None:
        statement = statement.where(ReportSubscription.user_id == user_id)
    rows = session.exec(statement.order_by(col(ReportSubscription.user_id),
                                           col(ReportSubscription.id))).all()
    return sorted(rows, key=lambda r: (r.user_id, PERIODS.index(_period(r.period))))


def subscribed(session: Session, user_id: int, period: Period) -> ReportSubscription | None:
    return next((s for s in subscriptions(session, user_id) if s.period == period), None)


def receivers(session: Session) -> Sequence[User]:
    """Everyone a report may be sent to, by user number."""
    users = session.exec(select(User).where(col(User.revoked_at).is_(None))
                         .order_by(col(User.id))).all()
    return [u for u in users if may_receive(u)]


def _period(value: str) -> Period:
    for period in PERIODS:
        if period == value:
            return period
    raise ValueError(f"not a report period: {value}")


# --- owing reports ----------------------------------------------------------------------------


def request_report(session: Session, user_id: int, period: Period, fmt: Format,
                   made_for: datetime, now: datetime, *, subscription_id: int | None = None,
                   key: str | None = None) -> ReportRequest | None:
    """Owe `user_id` one report file; None when `key` was owed before (another sweep or
    process got there first). Without a key the request is its own key."""
    if key is not None and session.exec(
            select(Outbox.id).where(Outbox.dedupe_key == key)).first() is not None:
        return None
    savepoint = session.begin_nested()
    request = ReportRequest(user_id=user_id, period=period, format=fmt, made_for=made_for,
                            subscription_id=subscription_id, created_at=now)
    session.add(request)
    session.flush()
    if not enqueue(session, user_id=user_id, kind=REPORT, ref_id=request.id,
                   dedupe_key=key or f"{REPORT}:{request.id}", now=now):
        savepoint.rollback()
        return None
    savepoint.commit()
    return request


def owe_reports(session: Session, now: datetime) -> int:
    """Owe each subscriber this period's report once its delivery moment has come; returns
    how many were owed. `now` is aware and in local time (the delivery moment is 09:00 there).

    A subscription started after this period's delivery moment waits for the next period;
    one whose user may no longer receive reports is ended.
    """
    owed = 0
    for row in subscriptions(session):
        user = session.get(User, row.user_id)
        if not may_receive(user):
            unsubscribe(session, row.id or 0, None, now)
            continue
        period = _period(row.period)
        start = period_start(period, now.date())
        moment = datetime.combine(first_working_day(start), DELIVERY_TIME, tzinfo=now.tzinfo)
        if now < moment or row.created_at >= moment:
            continue
        key = f"{REPORT}:{row.id}:{start.isoformat()}"
        if request_report(session, row.user_id, period, "pdf", now, now,
                          subscription_id=row.id, key=key) is not None:
            owed += 1
    return owed


def deliverable(session: Session, request: ReportRequest) -> bool:
    """Whether an owed report may still go out at send time: the user still may receive
    reports and, for a scheduled one, the subscription still runs."""
    if not may_receive(session.get(User, request.user_id)):
        return False
    if request.subscription_id is None:
        return True
    row = session.get(ReportSubscription, request.subscription_id)
    return row is not None and row.ended_at is None

