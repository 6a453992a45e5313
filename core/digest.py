"""The morning digest and the weekly overview: one message instead of many pings.

The job runs with every sweep; each user's digest for a day is one `JobRun` occurrence, so it
is composed once per day however often (or in however many processes) the sweep runs, and a
bot that was down at digest time still sends it when it comes back that morning.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from sqlmodel import Session, col, select

from core.dates import is_working_day, working_day_from
from core.followups import FollowUpView, view
from core.outbox import enqueue
from core.rhythm import Quiet, QuietContact, quiet_contacts
from core.tension import DEFAULT_TIGHTENING, Tightening
from storage.models import Contact, FollowUp, FollowUpStatus, JobRun, Role, User

DAILY = "digest.daily"
WEEKLY = "digest.weekly"
DIGEST_ROLES = (Role.ADMIN, Role.COORDINATOR, Role.COLLEAGUE)
LATEST = time(12, 0)  # after noon a missed morning digest is no longer worth sending
WEEK_AHEAD = timedelta(days=7)


@dataclass
class DailyDigest:
    due_today: list[FollowUpView] = field(default_factory=list)
    overdue: list[FollowUpView] = field(default_factory=list)
    quiet: list[QuietContact] = field(default_factory=list)

    def is_empty(self) -> bool:
        return not (self.due_today or self.overdue or self.quiet)


@dataclass
class WeeklyOverview:
    week_ahead: list[FollowUpView] = field(default_factory=list)
    silent_by_area: dict[str, list[QuietContact]] = field(default_factory=dict)

    def is_empty(self) -> bool:
        return not (self.week_ahead or self.silent_by_area)


def daily_digest(session: Session, user: User, now: datetime,
                 tightening: Tightening = DEFAULT_TIGHTENING) -> DailyDigest:
    """Follow-ups due today, overdue ones, and contacts going quiet, for one user."""
    assert user.id is not None
    today = now.date()
    digest = DailyDigest(quiet=quiet_contacts(session, user, today, tightening))
    for follow_up in _open_follow_ups(session, user.id, before=_start_of(today + timedelta(1),
                                                                         now)):
        item = view(session, follow_up)
        if item.due_at.astimezone(now.tzinfo).date() < today:
            digest.overdue.append(item)
        else:
            digest.due_today.append(item)
    return digest


def weekly_overview(session: Session, user: User, now: datetime,
                    tightening: Tightening = DEFAULT_TIGHTENING) -> WeeklyOverview:
    """The week ahead, and contacts not spoken to for too long, by area."""
    assert user.id is not None
    overview = WeeklyOverview()
    start = _start_of(now.date(), now)
    for follow_up in _open_follow_ups(session, user.id, before=start + WEEK_AHEAD):
        if follow_up.due_at >= start:
            overview.week_ahead.append(view(session, follow_up))
    by_area: defaultdict[str, list[QuietContact]] = defaultdict(list)
    for quiet in quiet_contacts(session, user, now.date(), tightening):
        if quiet.state == Quiet.OVERDUE:
            by_area[quiet.area or ""].append(quiet)
    overview.silent_by_area = dict(sorted(by_area.items()))
    return overview


def owe_digests(session: Session, now: datetime, at: time,
                kinds: frozenset[str] = frozenset({DAILY, WEEKLY}),
                tightening: Tightening = DEFAULT_TIGHTENING) -> int:
    """Compose today's digests that are due and not yet composed; returns messages owed.

    Working days only (no weekend, no Dutch public holiday: what falls due then is in the next
    working day's digest, as overdue); from `at` until noon (local time). The week's overview
    comes with the week's first working day (Tuesday after Easter Monday). A day-grain
    follow-up listed in the digest counts as reminded, so it does not ping again at 09:00.
    `kinds` picks the daily digest, the weekly overview or both (each is its own scheduler
    job, so one failing leaves the other going).
    """
    today = now.date()
    if not is_working_day(today) or not (at <= now.timetz().replace(tzinfo=None) < LATEST):
        return 0
    monday = today - timedelta(days=today.weekday())
    owed = 0
    users = session.exec(
        select(User).where(col(User.revoked_at).is_(None), col(User.role).in_(DIGEST_ROLES))
    ).all()
    for user in users:
        assert user.id is not None
        if DAILY in kinds and _first_run(session, f"{DAILY}:{user.id}:{today.isoformat()}",
                                         now):
            digest = daily_digest(session, user, now, tightening)
            if not digest.is_empty():
                owed += enqueue(session, user_id=user.id, kind=DAILY, ref_id=None,
                                dedupe_key=f"{DAILY}:{user.id}:{today.isoformat()}", now=now)
                _mark_reminded(session, [*digest.overdue, *digest.due_today], now)
        if WEEKLY in kinds and today == working_day_from(monday):
            week = today.isocalendar()
            key = f"{WEEKLY}:{user.id}:{week.year}-W{week.week:02d}"
            if _first_run(session, key, now) and not weekly_overview(
                    session, user, now, tightening).is_empty():
                owed += enqueue(session, user_id=user.id, kind=WEEKLY, ref_id=None,
                                dedupe_key=key, now=now)
    return owed


def _first_run(session: Session, key: str, now: datetime) -> bool:
    """Claim an occurrence; False when it was already done (here or by another process)."""
    if session.get(JobRun, key) is not None:
        return False
    session.add(JobRun(key=key, ran_at=now))
    session.flush()
    return True


def _mark_reminded(session: Session, items: list[FollowUpView], now: datetime) -> None:
    """The digest is the reminder for what it lists as due: a day's follow-ups, and anything
    already past its time (e.g. while the bot was down). A time later today still pings."""
    for item in items:
        follow_up = session.get(FollowUp, item.id)
        if follow_up is None or follow_up.reminded_at is not None:
            continue
        if follow_up.due_grain not in ("minute", "hour") or follow_up.due_at <= now:
            follow_up.reminded_at = now
            session.add(follow_up)


def _open_follow_ups(session: Session, user_id: int, before: datetime) -> list[FollowUp]:
    """Open follow-ups due before `before`; none about a restricted contact (core.subject)."""
    restricted = select(col(Contact.id)).where(col(Contact.restricted_at).is_not(None))
    return list(session.exec(
        select(FollowUp)
        .where(FollowUp.owner_user_id == user_id, FollowUp.status == FollowUpStatus.OPEN,
               col(FollowUp.due_at) < before,
               col(FollowUp.contact_id).is_(None) | col(FollowUp.contact_id).not_in(restricted))
        .order_by(col(FollowUp.due_at), col(FollowUp.id))
    ).all())


def _start_of(day: date, now: datetime) -> datetime:
    return datetime.combine(day, time(0), tzinfo=now.tzinfo)
