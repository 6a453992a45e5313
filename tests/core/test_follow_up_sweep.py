"""The due sweep writes one reminder per follow-up and due time, however often it runs."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import select

from core.followups import snooze, sweep_due
from core.outbox import enqueue
from storage.engine import Database
from storage.models import FollowUp, Outbox, User
from tests.conftest import REFERENCE_NOW


def owner(db: Database) -> int:
    with db.session() as session:
        user = User(transport="memory", external_id="u1", chat_id="u1", role="coordinator")
        session.add(user)
        session.flush()
        assert user.id is not None
        return user.id


def test_a_due_follow_up_owes_exactly_one_reminder_however_often_the_sweep_runs(
    db: Database,
) -> None:
    user_id = owner(db)
    with db.session() as session:
        session.add(FollowUp(title="Bellen", owner_user_id=user_id, due_at=REFERENCE_NOW))

    with db.session() as session:
        first = sweep_due(session, REFERENCE_NOW)
    with db.session() as session:
        second = sweep_due(session, REFERENCE_NOW + timedelta(minutes=1))
        rows = session.exec(select(Outbox)).all()

    assert (first, second) == (1, 0)
    assert len(rows) == 1


def test_a_snoozed_follow_up_owes_a_new_reminder_at_its_new_time(db: Database) -> None:
    user_id = owner(db)
    with db.session() as session:
        session.add(FollowUp(title="Bellen", owner_user_id=user_id, due_at=REFERENCE_NOW,
                             due_grain="minute"))
    with db.session() as session:
        sweep_due(session, REFERENCE_NOW)
        snooze(session, 1, user_id, timedelta(days=1), REFERENCE_NOW)

    with db.session() as session:
        early = sweep_due(session, REFERENCE_NOW + timedelta(hours=23))
        due = sweep_due(session, REFERENCE_NOW + timedelta(days=1))

    assert (early, due) == (0, 1)


def test_the_outbox_refuses_a_second_message_with_the_same_key(db: Database) -> None:
    user_id = owner(db)
    with db.session() as session:
        added = [
            enqueue(session, user_id=user_id, kind="k", ref_id=1, dedupe_key="same",
                    now=REFERENCE_NOW)
            for _ in range(2)
        ]

    assert added == [True, False]
