"""Area meetings (*gebiedsoverleg*, memo task M5): a recurring meeting per area with its
invitees, the agenda proposed before each date, and what was decided logged afterwards.

A meeting is a rule (from a first date, every N weeks at a wall-clock time); its dates are
computed. A date gets a `MeetingOccurrence` row once something concerns it (a message owed, a
cancellation, the log), unique per meeting and day, so the sweep in every process finds the
same row and the outbox's dedupe keys (per occurrence, per recipient) send each message once.

Invitees are contacts from the register. Those who are partners on the bot (core.partners) get
the date and a reminder, and only while they may receive messages (they agreed, not
restricted). The log makes one interaction of kind *gebiedsoverleg* with the contacts who came,
and every action becomes a follow-up hanging off it.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from core import outbox, partners
from core.access import audit
from core.dates import When, find_when, parse_when
from core.reading.redact import redact
from core.reports import SMALL, shown, survey_counts
from core.signals import area_and_children, signals
from core.tension import current as current_tension
from core.visits import as_local, due_moment, remind_on
from storage.models import (
    Area,
    AreaTension,
    Contact,
    ContactArea,
    FollowUp,
    FollowUpLink,
    FollowUpStatus,
    Interaction,
    InteractionContact,
    InteractionKind,
    Meeting,
    MeetingInvitee,
    MeetingOccurrence,
    Outbox,
    Role,
    Signal,
    Survey,
    SurveyRound,
    User,
)

# Outbox kinds; each row's ref_id is a MeetingOccurrence id.
AGENDA = "meeting.agenda"  # to the organiser: the proposed agenda, working days ahead
PROMPT = "meeting.prompt"  # to the organiser afterwards: how did it go? (log it)
DATE = "meeting.date"  # to a partner invitee: the next date
REMINDER = "meeting.reminder"  # to a partner invitee: the day before
CANCELLED = "meeting.cancelled"  # to a partner invitee who had the date, when it is off
KINDS = (AGENDA, PROMPT, DATE, REMINDER, CANCELLED)

AGENDA_WORKING_DAYS = 2  # the agenda proposal comes this many working days before the meeting
AGENDA_AT = time(9, 0)
REMIND_AHEAD = timedelta(days=1)  # partners are reminded a day before
PROMPT_AFTER = timedelta(hours=2)  # "how did it go?" once the meeting is surely over
PROMPT_WITHIN = timedelta(days=7)  # no prompt for a meeting longer ago (the bot was down long)
# An action without a date gets this placeholder due date, marked `guessed`; the chat's minutes
# card asks "Wanneer?" for it and stores nothing until it is answered.
DEFAULT_ACTION_DAYS = 14
MAX_WEEKS = 26
MAX_TEXT = 2000  # characters of decisions or actions kept
MAX_TITLE = 200
SIGNAL_DAYS = 90  # open signals observed this recently are proposed for the agenda
SURVEY_DAYS = 90  # survey rounds closed this recently are proposed with their results
LOOKAHEAD = 60  # dates looked at ahead when looking for the next one that is not cancelled

_WORDS = {"een": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7,
          "acht": 8, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
          "seven": 7, "eight": 8}
_EVERY = re.compile(
    r"\b(?:elke|iedere|om\s+de|every)\s+(\d{1,2}|[a-z]+)\s+(?:weken|week|weeks)\b"
    r"|\b(?P<weekly>wekelijks|weekly|elke\s+week|iedere\s+week|every\s+week)\b"
    r"|\b(?P<fortnight>tweewekelijks|fortnightly)\b",
    re.IGNORECASE,
)


class PlanError(StrEnum):
    INTERVAL = "interval"  # not every 1 to MAX_WEEKS weeks
    PAST = "past"  # the first date has passed
    NO_TIME = "no_time"  # a day without a time of day
    NO_AREA = "no_area"


class LogError(StrEnum):
    ALREADY = "already"  # logged before (a double press, a second device)
    CANCELLED = "cancelled"
    NOT_YET = "not_yet"  # the meeting has not started


# --- reading what the organiser types ---------------------------------------------------------


@dataclass(frozen=True)
class ScheduleRead:
    """What a typed schedule said: the interval (when it named one) and the first meeting."""

    every_weeks: int | None
    first: datetime | None  # aware, local; None when no date was found
    timed: bool  # a time of day was said


def read_interval(text: str) -> int | None:
    """'elke 4 weken', 'om de twee weken', 'wekelijks' → weeks; None when none was named."""
    found = _EVERY.search(text)
    if found is None:
        return None
    if found.group("weekly"):
        return 1
    if found.group("fortnight"):
        return 2
    word = found.group(1).lower()
    return int(word) if word.isdigit() else _WORDS.get(word)


def read_schedule(text: str, now: datetime) -> ScheduleRead:
    """'elke 4 weken op dinsdag om 19:30' or 'dinsdag 8 december 19:30': the interval (if
    named) and the first meeting, the nearest such moment ahead."""
    tz = _zone(now)
    every = read_interval(text)
    rest = _EVERY.sub(" ", text)
    when = parse_when(rest, now, prefer="future")
    if when is None:
        return ScheduleRead(every, None, False)
    first = as_local(when.start, tz)
    timed = when.grain in ("minute", "hour")
    return ScheduleRead(every, first if timed else first.replace(hour=0, minute=0), timed)


@dataclass(frozen=True)
class Action:
    """One action line of a meeting log, with when it is due."""

    title: str
    due_at: datetime
    grain: str
    guessed: bool  # no date was said: a placeholder due date the card asks about


def read_actions(text: str, meeting_day: date, now: datetime) -> list[Action]:
    """One action per line; a date in the line is its due date ('school bellen, vrijdag')."""
    tz = _zone(now)
    actions: list[Action] = []
    for line in _lines(text):
        found = find_when(line, now, prefer="future")
        title = line
        if found is not None:
            start, end = found.span
            title = (line[:start] + line[end:]).strip(" ,;:-–")
            title = re.sub(r"\s{2,}", " ", re.sub(r"\s+([,.;])", r"\1", title))
        if found is None or not title:
            due = remind_on(meeting_day + timedelta(days=DEFAULT_ACTION_DAYS), tz)
            actions.append(Action(line[:MAX_TITLE], due, "day", guessed=True))
            continue
        actions.append(Action(title[:MAX_TITLE], due_moment(found.when, tz), found.when.grain,
                              guessed=False))
    return actions


def read_decisions(text: str) -> list[str]:
    return [line[:MAX_TITLE * 2] for line in _lines(text)]


def _lines(text: str) -> list[str]:
    return [line.strip(" •-*\t") for line in text[:MAX_TEXT].splitlines()
            if line.strip(" •-*\t")]


# --- planning ---------------------------------------------------------------------------------


def plan_meeting(session: Session, *, area_id: int, organiser: User, every_weeks: int,
                 first: datetime, place: str, invitee_ids: Collection[int], now: datetime
                 ) -> Meeting | PlanError:
    """Plan a recurring meeting from `first` (an aware local moment with a time of day)."""
    if not 1 <= every_weeks <= MAX_WEEKS:
        return PlanError.INTERVAL
    if session.get(Area, area_id) is None:
        return PlanError.NO_AREA
    if first <= now:
        return PlanError.PAST
    assert organiser.id is not None
    local = as_local(first, _zone(now))
    meeting = Meeting(area_id=area_id, organiser_user_id=organiser.id, every_weeks=every_weeks,
                      first_on=local.date(), at_time=local.time().replace(second=0,
                                                                          microsecond=0),
                      place=place.strip()[:MAX_TITLE], created_at=now)
    session.add(meeting)
    session.flush()
    assert meeting.id is not None
    for contact_id in dict.fromkeys(invitee_ids):
        session.add(MeetingInvitee(meeting_id=meeting.id, contact_id=contact_id))
    audit(session, now, "meeting.planned", organiser.id, f"meeting:{meeting.id}",
          area=area_id, invitees=len(set(invitee_ids)))
    return meeting


def may_manage(user: User, meeting: Meeting) -> bool:
    """The organiser manages their meeting; coordinators and admins manage every meeting."""
    return user.id == meeting.organiser_user_id or user.role in (Role.COORDINATOR, Role.ADMIN)


def meetings_for(session: Session, user: User) -> list[Meeting]:
    """The running meetings this user may manage, by area."""
    rows = session.exec(select(Meeting).where(col(Meeting.ended_at).is_(None))
                        .order_by(col(Meeting.area_id), col(Meeting.id))).all()
    return [m for m in rows if may_manage(user, m)]


def end_meeting(session: Session, meeting: Meeting, user: User, now: datetime) -> bool:
    """Stop the series; dates already logged stay. False when it had ended already."""
    if meeting.ended_at is not None:
        return False
    meeting.ended_at = now
    session.add(meeting)
    audit(session, now, "meeting.ended", user.id, f"meeting:{meeting.id}")
    return True


def invitees(session: Session, meeting: Meeting) -> list[Contact]:
    """The invited contacts still in the register (not archived), by id."""
    rows = session.exec(
        select(Contact).join(MeetingInvitee, col(MeetingInvitee.contact_id) == col(Contact.id))
        .where(MeetingInvitee.meeting_id == meeting.id, col(Contact.archived_at).is_(None))
        .order_by(col(Contact.id))
    ).all()
    return list(rows)


def suggested_invitees(session: Session, area_id: int, networks: Collection[str],
                       limit: int = 8) -> list[Contact]:
    """Contacts linked to the area (or a wijk in it, or its stadsdeel) that the user may see:
    key figures and area managers first, then by name."""
    area = session.get(Area, area_id)
    area_ids = set(area_and_children(session, area_id))
    if area is not None and area.parent_id is not None:
        area_ids.add(area.parent_id)
    rows = session.exec(
        select(Contact).join(ContactArea, col(ContactArea.contact_id) == col(Contact.id))
        .where(col(ContactArea.area_id).in_(list(area_ids)), col(Contact.archived_at).is_(None),
               col(Contact.restricted_at).is_(None), col(Contact.network).in_(list(networks)))
    ).all()
    unique = {c.id: c for c in rows}.values()

    def rank(contact: Contact) -> tuple[int, str]:
        key = any(r in ("sleutelfiguur", "gebiedsmanager", "gebiedsregisseur")
                  for r in contact.roles)
        return (0 if key else 1, contact.display_name.lower())

    return sorted(unique, key=rank)[:limit]


# --- dates --------------------------------------------------------------------------------------


def start_of(meeting: Meeting, day: date, tz: ZoneInfo) -> datetime:
    return datetime.combine(day, meeting.at_time, tzinfo=tz)


def dates_from(meeting: Meeting, day: date) -> Iterator[date]:
    """The meeting's dates on or after `day`, in order (endless; take what you need)."""
    step = meeting.every_weeks * 7
    if day <= meeting.first_on:
        current = meeting.first_on
    else:
        behind = (day - meeting.first_on).days
        current = meeting.first_on + timedelta(days=-(-behind // step) * step)
    while True:
        yield current
        current += timedelta(days=step)


def is_date_of(meeting: Meeting, day: date) -> bool:
    behind = (day - meeting.first_on).days
    return behind >= 0 and behind % (meeting.every_weeks * 7) == 0


def cancelled_days(session: Session, meeting: Meeting) -> set[date]:
    rows = session.exec(
        select(MeetingOccurrence).where(MeetingOccurrence.meeting_id == meeting.id,
                                        col(MeetingOccurrence.cancelled_at).is_not(None))
    ).all()
    return {row.held_on for row in rows}


def upcoming(session: Session, meeting: Meeting, now: datetime, count: int = 3
             ) -> list[tuple[date, bool]]:
    """The next `count` dates still to start, each with whether it was cancelled."""
    if meeting.ended_at is not None:
        return []
    tz = _zone(now)
    off = cancelled_days(session, meeting)
    found: list[tuple[date, bool]] = []
    for day in dates_from(meeting, now.astimezone(tz).date()):
        if start_of(meeting, day, tz) <= now:
            continue
        found.append((day, day in off))
        if len(found) == count:
            break
    return found


def next_held(session: Session, meeting: Meeting, now: datetime) -> date | None:
    """The next date that is to start and not cancelled (None once the series ended)."""
    held = [day for day, off in upcoming(session, meeting, now, LOOKAHEAD) if not off]
    return held[0] if held else None


def occurrence(session: Session, meeting: Meeting, day: date, tz: ZoneInfo) -> MeetingOccurrence:
    """The row for one date, made when it is first needed; the unique key makes a second
    process's attempt find the first one's row."""
    found = _occurrence_row(session, meeting, day)
    if found is not None:
        return found
    assert meeting.id is not None
    savepoint = session.begin_nested()
    try:
        row = MeetingOccurrence(meeting_id=meeting.id, held_on=day,
                                starts_at=start_of(meeting, day, tz))
        session.add(row)
        savepoint.commit()
        return row
    except IntegrityError:
        savepoint.rollback()
    found = _occurrence_row(session, meeting, day)
    assert found is not None
    return found


def _occurrence_row(session: Session, meeting: Meeting, day: date) -> MeetingOccurrence | None:
    return session.exec(select(MeetingOccurrence).where(
        MeetingOccurrence.meeting_id == meeting.id, MeetingOccurrence.held_on == day)).first()


def agenda_moment(day: date, tz: ZoneInfo) -> datetime:
    """AGENDA_WORKING_DAYS working days before the meeting's day, at AGENDA_AT."""
    moment, left = day, AGENDA_WORKING_DAYS
    while left:
        moment -= timedelta(days=1)
        if moment.weekday() < 5:
            left -= 1
    return datetime.combine(moment, AGENDA_AT, tzinfo=tz)


def cancel_date(session: Session, meeting: Meeting, day: date, user: User, now: datetime
                ) -> tuple[MeetingOccurrence, int] | None:
    """Call off one date; partners who were sent the date are told. Returns the date's row and
    how many were told; None when it is no date of this meeting or has started already.
    Cancelling twice changes nothing and tells no one again."""
    tz = _zone(now)
    if not is_date_of(meeting, day) or start_of(meeting, day, tz) <= now:
        return None
    row = occurrence(session, meeting, day, tz)
    if row.cancelled_at is not None:
        return row, 0
    row.cancelled_at = now
    session.add(row)
    assert row.id is not None
    told = session.exec(select(Outbox.user_id).where(
        col(Outbox.kind).in_([DATE, REMINDER]), Outbox.ref_id == row.id,
        col(Outbox.sent_at).is_not(None))).all()
    count = 0
    for user_id in sorted(set(told)):
        count += outbox.enqueue(session, user_id=user_id, kind=CANCELLED, ref_id=row.id,
                                dedupe_key=f"{CANCELLED}:{row.id}:{user_id}", now=now)
    audit(session, now, "meeting.date_cancelled", user.id, f"meeting:{meeting.id}",
          day=day.isoformat())
    return row, count


def last_unlogged(session: Session, meeting: Meeting, now: datetime) -> date | None:
    """The latest date that has started (within PROMPT_WITHIN), not cancelled, not logged."""
    tz = _zone(now)
    back = now.astimezone(tz).date() - PROMPT_WITHIN - timedelta(days=1)
    last: date | None = None
    for day in dates_from(meeting, back):
        if start_of(meeting, day, tz) > now:
            break
        last = day
    if last is None or start_of(meeting, last, tz) < now - PROMPT_WITHIN:
        return None
    row = _occurrence_row(session, meeting, last)
    if row is not None and (row.cancelled_at is not None or row.logged_at is not None):
        return None
    return last


# --- the sweep -------------------------------------------------------------------------------


def partner_users(session: Session, meeting: Meeting) -> list[User]:
    """Invitees who are partners on the bot and may receive messages now."""
    contact_ids = [c.id for c in invitees(session, meeting)]
    if not contact_ids:
        return []
    users = session.exec(select(User).where(col(User.contact_id).in_(contact_ids),
                                            col(User.revoked_at).is_(None))
                         .order_by(col(User.id))).all()
    return [u for u in users if partners.may_receive(session, u)]


def sweep(session: Session, now: datetime) -> int:
    """Owe what is due about every running meeting; returns how many messages were added.

    Per meeting: the agenda proposal to the organiser from AGENDA_WORKING_DAYS working days
    before the next date; to partner invitees the date (or, within REMIND_AHEAD, the
    reminder, which carries the date too); and after the last date, once it is surely over
    and not logged, the prompt to log it. Every message is keyed by occurrence (and
    recipient), so sweeping twice, or in two processes, owes it once.
    """
    tz = _zone(now)
    owed = 0
    running = session.exec(select(Meeting).where(col(Meeting.ended_at).is_(None))
                           .order_by(col(Meeting.id))).all()
    for meeting in running:
        owed += _owe_before(session, meeting, now, tz)
        owed += _owe_after(session, meeting, now, tz)
    return owed


def _owe_before(session: Session, meeting: Meeting, now: datetime, tz: ZoneInfo) -> int:
    day = next_held(session, meeting, now)
    if day is None:
        return 0
    start = start_of(meeting, day, tz)
    agenda_due = now >= agenda_moment(day, tz)
    recipients = partner_users(session, meeting)
    if not agenda_due and not recipients:
        return 0
    row = occurrence(session, meeting, day, tz)
    assert row.id is not None
    owed = 0
    if agenda_due:
        owed += outbox.enqueue(session, user_id=meeting.organiser_user_id, kind=AGENDA,
                               ref_id=row.id, dedupe_key=f"{AGENDA}:{row.id}", now=now)
    kind = REMINDER if now >= start - REMIND_AHEAD else DATE
    for user in recipients:
        owed += outbox.enqueue(session, user_id=_id(user), kind=kind, ref_id=row.id,
                               dedupe_key=f"{kind}:{row.id}:{user.id}", now=now)
    return owed


def _owe_after(session: Session, meeting: Meeting, now: datetime, tz: ZoneInfo) -> int:
    """The prompt for the latest date that is over, not cancelled and not logged yet."""
    today = now.astimezone(tz).date()
    back = today - PROMPT_WITHIN - timedelta(days=1)
    last: date | None = None
    for day in dates_from(meeting, back):
        if start_of(meeting, day, tz) + PROMPT_AFTER > now:
            break
        last = day
    if last is None or start_of(meeting, last, tz) < now - PROMPT_WITHIN:
        return 0
    row = occurrence(session, meeting, last, tz)
    if row.cancelled_at is not None or row.logged_at is not None:
        return 0
    return int(outbox.enqueue(session, user_id=meeting.organiser_user_id, kind=PROMPT,
                              ref_id=row.id, dedupe_key=f"{PROMPT}:{row.id}", now=now))


# --- the agenda -----------------------------------------------------------------------------


@dataclass(frozen=True)
class SurveyPart:
    """One network's share of a survey round in the area, as the report shows counts: under 5
    is "<5"; `top` is, per question with fixed answers, the answer most chosen (by 5 or more)."""

    network: str
    invited: str
    responded: str
    top: tuple[str, ...]


@dataclass(frozen=True)
class AgendaSurvey:
    """A survey round closed recently that reached partners in the area: one line's worth,
    from the area's own participants, formal and informal apart; never an open answer."""

    title: str
    closed_on: date
    parts: tuple[SurveyPart, ...]


@dataclass(frozen=True)
class Agenda:
    """What the bot proposes to discuss: open signals in the area, open follow-ups about it,
    its tension picture and recent survey results there."""

    area: Area
    tension: AreaTension | None
    signals: list[Signal]
    follow_ups: list[FollowUp]
    surveys: tuple[AgendaSurvey, ...] = ()


def agenda(session: Session, meeting: Meeting, viewer: User, today: date,
           networks: Collection[str]) -> Agenda:
    """The proposal for the next meeting, as `viewer` may see it: follow-ups about a contact
    outside `networks` (or a restricted one) are left out."""
    area = session.get(Area, meeting.area_id)
    assert area is not None
    assert area.id is not None
    area_ids = area_and_children(session, area.id)
    found_signals = signals(session, area_ids=area_ids, open_only=True,
                            since=today - timedelta(days=SIGNAL_DAYS))
    return Agenda(area=area, tension=current_tension(session, area.id), signals=found_signals,
                  follow_ups=open_follow_ups(session, area_ids, networks),
                  surveys=recent_surveys(session, area_ids, today, networks))


def recent_surveys(session: Session, area_ids: list[int], today: date,
                   networks: Collection[str]) -> tuple[AgendaSurvey, ...]:
    """Rounds closed in the last SURVEY_DAYS with participants linked to the area, newest
    first; only the networks the viewer may see."""
    since = datetime.combine(today - timedelta(days=SURVEY_DAYS), time.min, UTC)
    in_area = set(session.exec(
        select(ContactArea.contact_id).where(col(ContactArea.area_id).in_(area_ids))).all())
    found = []
    for survey_round in session.exec(
        select(SurveyRound).where(col(SurveyRound.closed_at) >= since)
        .order_by(col(SurveyRound.closed_at).desc(), col(SurveyRound.id).desc())
    ).all():
        reach, counted = survey_counts(session, [survey_round], in_area)
        parts = tuple(
            SurveyPart(r.network, shown(r.invited), shown(r.responded), tuple(
                top.label for q in counted if q.kind != "scale"
                for top in [max(q.answers, key=lambda a: getattr(a, r.network), default=None)]
                if top is not None and getattr(top, r.network) >= SMALL))
            for r in reach if r.invited and r.network in networks)
        survey = session.get(Survey, survey_round.survey_id)
        if parts and survey is not None and survey_round.closed_at is not None:
            found.append(AgendaSurvey(survey.title, survey_round.closed_at.date(), parts))
    return tuple(found)


def open_follow_ups(session: Session, area_ids: list[int], networks: Collection[str]
                    ) -> list[FollowUp]:
    """Open follow-ups about the area: about a contact in it, hanging off a contact moment or
    meeting there, or off a signal there; earliest due first."""
    in_area = select(ContactArea.contact_id).where(col(ContactArea.area_id).in_(area_ids))
    moments = select(Interaction.id).where(col(Interaction.area_id).in_(area_ids))
    on_signals = (select(FollowUpLink.follow_up_id)
                  .join(Signal, col(Signal.id) == col(FollowUpLink.signal_id))
                  .where(col(Signal.area_id).in_(area_ids)))
    rows = session.exec(
        select(FollowUp).where(
            FollowUp.status == FollowUpStatus.OPEN,
            col(FollowUp.contact_id).in_(in_area) | col(FollowUp.interaction_id).in_(moments)
            | col(FollowUp.id).in_(on_signals),
        ).order_by(col(FollowUp.due_at), col(FollowUp.id))
    ).all()
    shown: list[FollowUp] = []
    for follow_up in rows:
        if follow_up.contact_id is not None:
            contact = session.get(Contact, follow_up.contact_id)
            if (contact is None or contact.network not in networks
                    or contact.restricted_at is not None):
                continue
        shown.append(follow_up)
    return shown


# --- logging afterwards ------------------------------------------------------------------------


@dataclass(frozen=True)
class Logged:
    interaction: Interaction
    follow_ups: list[FollowUp]


def log_meeting(session: Session, row: MeetingOccurrence, user: User, *,
                present: Collection[int], decisions: list[str], actions: list[Action],
                now: datetime) -> Logged | LogError:
    """Record how a date went, once: an interaction of kind gebiedsoverleg with the contacts
    who came (decisions as its summary), and a follow-up for every action, owned by `user`."""
    if row.cancelled_at is not None:
        return LogError.CANCELLED
    if row.starts_at > now:
        return LogError.NOT_YET
    claimed = session.execute(
        update(MeetingOccurrence)
        .where(col(MeetingOccurrence.id) == row.id, col(MeetingOccurrence.logged_at).is_(None))
        .values(logged_at=now)
    )
    if claimed.rowcount != 1:  # type: ignore[attr-defined]
        return LogError.ALREADY
    meeting = session.get(Meeting, row.meeting_id)
    assert meeting is not None
    assert user.id is not None
    # The one guard (core.reading.redact): the invitees keep their names, nobody else does.
    names = [c.display_name for c in invitees(session, meeting)]
    summary = redact("\n".join(decisions), keep=names).text[:MAX_TEXT]
    interaction = Interaction(
        occurred_at=row.starts_at, occurred_grain="minute", kind=InteractionKind.GEBIEDSOVERLEG,
        area_id=meeting.area_id, summary=summary, logged_by_user_id=user.id, created_at=now,
    )
    session.add(interaction)
    session.flush()
    assert interaction.id is not None
    invited = {c.id for c in invitees(session, meeting)}
    for contact_id in sorted(set(present) & invited):
        session.add(InteractionContact(interaction_id=interaction.id, contact_id=contact_id))
    follow_ups = [FollowUp(title=redact(a.title, keep=names).text or "Actie",
                           interaction_id=interaction.id, owner_user_id=user.id,
                           due_at=a.due_at, due_grain=a.grain, created_at=now) for a in actions]
    session.add_all(follow_ups)
    session.refresh(row)
    row.decisions = summary
    row.interaction_id = interaction.id
    session.add(row)
    audit(session, now, "meeting.logged", user.id, f"meeting:{meeting.id}",
          day=row.held_on.isoformat(), present=len(set(present) & invited),
          actions=len(actions))
    return Logged(interaction, follow_ups)


def when_of(row: MeetingOccurrence, tz: ZoneInfo) -> When:
    return When(start=row.starts_at.astimezone(tz), grain="minute")


def _id(user: User) -> int:
    assert user.id is not None
    return user.id


def _zone(now: datetime) -> ZoneInfo:
    if isinstance(now.tzinfo, ZoneInfo):
        return now.tzinfo
    raise ValueError("meetings are planned with an aware 'now' in the municipality's zone")
