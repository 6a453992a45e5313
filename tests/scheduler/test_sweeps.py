"""One follow-up sweep owes every reminder that is due, however many: batch after batch."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import ColumnElement
from sqlmodel import col, func, select

from core.followups import BATCH_OVER, REMINDER, REMINDERS, SWEEP_BATCH, reminded_together
from scheduler.jobs import sweep_follow_ups
from storage.engine import Database
from storage.models import FollowUp, Outbox, User
from tests.conftest import REFERENCE_NOW


def users(db: Database, count: int) -> list[int]:
    with db.session() as session:
        rows = [User(transport="memory", external_id=f"u{n}", chat_id=f"c{n}",
                     role="coordinator") for n in range(count)]
        session.add_all(rows)
        session.flush()
        return [row.id for row in rows if row.id is not None]


def due(db: Database, owners: list[int], *, start: int = 0) -> None:
    """One follow-up for each entry of `owners`, each a minute later than the one before."""
    with db.session() as session:
        for number, owner in enumerate(owners, start):
            session.add(FollowUp(title=f"Opvolging {number}", owner_user_id=owner,
                                 due_at=REFERENCE_NOW - timedelta(days=1)
                                 + timedelta(minutes=number)))


def count(db: Database, *where: ColumnElement[bool]) -> int:
    with db.session() as session:
        return int(session.exec(select(func.count()).select_from(Outbox).where(*where)).one())


async def test_one_sweep_owes_a_reminder_for_each_of_more_than_a_batch_of_due_follow_ups(
    db: Database,
) -> None:
    total = SWEEP_BATCH * 2 + 100
    people = users(db, total // BATCH_OVER)
    due(db, [person for person in people for _ in range(BATCH_OVER)])  # one message each

    owed = await sweep_follow_ups(db, REFERENCE_NOW)
    again = await sweep_follow_ups(db, REFERENCE_NOW + timedelta(seconds=30))

    assert (owed, again) == (total, 0)
    assert count(db, col(Outbox.kind) == REMINDER) == total
    with db.session() as session:
        assert session.exec(select(func.count()).select_from(FollowUp).where(
            col(FollowUp.reminded_at).is_(None))).one() == 0


async def test_a_person_whose_due_follow_ups_span_two_batches_gets_each_listed_once(
    db: Database,
) -> None:
    """A batched message lists the follow-ups reminded at its moment: each batch has its own,
    so the second batch's never join (or go missing from) a message written for the first."""
    others = users(db, (SWEEP_BATCH - (BATCH_OVER + 1)) // BATCH_OVER + 1)
    first_batch = [person for person in others for _ in range(BATCH_OVER)]
    first_batch = first_batch[:SWEEP_BATCH - (BATCH_OVER + 1)]
    with db.session() as session:
        busy = User(transport="memory", external_id="busy", chat_id="busy", role="coordinator")
        session.add(busy)
        session.flush()
        assert busy.id is not None
        busy_id = busy.id
    due(db, first_batch + [busy_id] * (BATCH_OVER + 1) * 2)

    owed = await sweep_follow_ups(db, REFERENCE_NOW)
    with db.session() as session:
        messages = session.exec(select(Outbox).where(Outbox.user_id == busy_id)
                                .order_by(col(Outbox.id))).all()
        listed = [[view.id for view in reminded_together(session, busy_id, row.created_at)]
                  for row in messages]

    assert owed == SWEEP_BATCH + BATCH_OVER + 1
    assert [row.kind for row in messages] == [REMINDERS, REMINDERS]
    assert [len(ids) for ids in listed] == [BATCH_OVER + 1, BATCH_OVER + 1]
    assert not set(listed[0]) & set(listed[1])
