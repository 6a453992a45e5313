"""Follow-ups: listing, the due sweep that owes reminders, done and snooze."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from sqlalchemy import update
from sqlmodel import Session, col, select

from core.access import audit
from core.outbox import Owed, enqueue_many
from core.visits import remind_on
from storage.models import Contact, FollowUp, FollowUpStatus, Interaction

REMINDER = "follow_up.reminder"
REMINDERS = "follow_up.reminders"  # many due at once for one person: one message for all
BATCH_OVER = 5  # more reminders than this in one sweep (say after downtime) are batched
SWEEP_BATCH = 500  # follow-ups one sweep_due call takes at most (one transaction)


@dataclass(frozen=True)
class FollowUpView:
    """What a reminder or a list line shows about one follow-up."""

    id: int
    title: str
    contact_name: str | None
    due_at: datetime
    grain: str
    logged_at: datetime | None
    status: str


def view(session: Session, follow_up: FollowUp) -> FollowUpView:
    contact = session.get(Contact, follow_up.contact_id) if follow_up.contact_id else None
    interaction = (
        session.get(Interaction, follow_up.interaction_id) if follow_up.interaction_id else None
    )
    assert follow_up.id is not None
    return FollowUpView(
        id=follow_up.id,
        title=follow_up.title,
        contact_name=contact.display_name if contact else None,
        due_at=follow_up.due_at,
        grain=follow_up.due_grain,
        logged_at=interaction.created_at if interaction else follow_up.created_at,
        status=follow_up.status,
    )


def open_for(session: Session, owner_user_id: int) -> list[FollowUpView]:
    """Open follow-ups of one user, the longest overdue first."""
    rows = session.exec(
        select(FollowUp)
        .where(FollowUp.owner_user_id == owner_user_id, FollowUp.status == FollowUpStatus.OPEN)
        .order_by(col(FollowUp.due_at), col(FollowUp.id))
    ).all()
    return [view(session, row) for row in rows]


def sweep_due(session: Session, now: datetime, limit: int = SWEEP_BATCH) -> int:
    """Owe a reminder for every open follow-up that has become due and was not reminded yet,
    `limit` at most (the longest due first); returns how many it met.

    The reminder is keyed by follow-up and due time, so it is written once per due time even
    when two sweeps (or two processes) meet the same row; snoozing makes a new due time. When
    one person has more than BATCH_OVER due at once (the bot was down), they get one message
    listing them all (those reminded at `now`); a sweep meets a follow-up once, however many
    sweeps were missed. A caller that sweeps again because this came back full gives the next
    call a later `now`, so a batched message lists exactly the follow-ups of its own call.

    Only the columns the reminders need are read (no sealed title is opened), the messages
    are owed in one statement and the follow-ups marked in one UPDATE.
    """
    due = session.exec(
        select(FollowUp.id, FollowUp.owner_user_id, FollowUp.due_at)
        .where(
            FollowUp.status == FollowUpStatus.OPEN,
            col(FollowUp.reminded_at).is_(None),
            col(FollowUp.due_at) <= now,
        )
        .order_by(col(FollowUp.due_at))
        .limit(limit)
        .with_for_update(skip_locked=True)
    ).all()
    if not due:
        return 0
    by_owner: dict[int, list[tuple[int, datetime]]] = {}
    for follow_up_id, owner, due_at in due:
        assert follow_up_id is not None
        by_owner.setdefault(owner, []).append((follow_up_id, due_at))
    owed: list[Owed] = []
    for owner, mine in by_owner.items():
        if len(mine) > BATCH_OVER:  # after downtime: one message, not a stream of them
            owed.append(Owed(user_id=owner, kind=REMINDERS, ref_id=None,
                             dedupe_key=f"follow_ups:{owner}:{now.isoformat()}"))
            continue
        owed.extend(
            Owed(user_id=owner, kind=REMINDER, ref_id=follow_up_id,
                 dedupe_key=f"follow_up:{follow_up_id}:{due_at.isoformat()}")
            for follow_up_id, due_at in mine
        )
    enqueue_many(session, owed, now)
    # Rows of these loaded in this session (whose title is not touched) get the new value too.
    session.execute(
        update(FollowUp)
        .where(col(FollowUp.id).in_([follow_up_id for follow_up_id, _, _ in due]))
        .values(reminded_at=now)
        .execution_options(synchronize_session="evaluate")
    )
    return len(due)


def reminded_together(session: Session, owner_user_id: int, at: datetime) -> list[FollowUpView]:
    """The open follow-ups one batched reminder (written at `at`) is about, earliest due first."""
    rows = session.exec(
        select(FollowUp)
        .where(FollowUp.owner_user_id == owner_user_id, FollowUp.status == FollowUpStatus.OPEN,
               col(FollowUp.reminded_at).is_not(None))
        .order_by(col(FollowUp.due_at), col(FollowUp.id))
    ).all()
    return [view(session, row) for row in rows if row.reminded_at == at]


class Outcome(StrEnum):
    DONE = "done"
    SNOOZED = "snoozed"
    ALREADY_DONE = "already_done"
    NOT_FOUND = "not_found"


def mark_done(session: Session, follow_up_id: int, user_id: int, now: datetime) -> Outcome:
    follow_up = _own(session, follow_up_id, user_id)
    if follow_up is None:
        return Outcome.NOT_FOUND
    if follow_up.status == FollowUpStatus.DONE:
        return Outcome.ALREADY_DONE
    follow_up.status = FollowUpStatus.DONE
    follow_up.done_at = now
    session.add(follow_up)
    audit(session, now, "follow_up.done", user_id, f"follow_up:{follow_up_id}")
    return Outcome.DONE


def snooze(
    session: Session, follow_up_id: int, user_id: int, delta: timedelta, now: datetime
) -> tuple[Outcome, datetime | None]:
    """Move a follow-up `delta` from now; a day-grain one is reminded at 09:00 that day."""
    follow_up = _own(session, follow_up_id, user_id)
    if follow_up is None:
        return Outcome.NOT_FOUND, None
    if follow_up.status == FollowUpStatus.DONE:
        return Outcome.ALREADY_DONE, None
    tz = now.tzinfo if isinstance(now.tzinfo, ZoneInfo) else ZoneInfo("UTC")
    moved = now + delta
    if follow_up.due_grain not in ("minute", "hour"):
        moved = remind_on(moved.date(), tz)
    follow_up.due_at = moved
    follow_up.reminded_at = None
    session.add(follow_up)
    audit(session, now, "follow_up.snoozed", user_id, f"follow_up:{follow_up_id}")
    return Outcome.SNOOZED, moved


def _own(session: Session, follow_up_id: int, user_id: int) -> FollowUp | None:
    follow_up = session.get(FollowUp, follow_up_id)
    if follow_up is None or follow_up.owner_user_id != user_id:
        return None
    return follow_up
