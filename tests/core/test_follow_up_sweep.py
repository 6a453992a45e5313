"""The due sweep writes one reminder per follow-up and due time, however often it runs."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import col, select

from core.followups import BATCH_OVER, REMINDER, REMINDERS, reminded_together, snooze, sweep_due
from core.outbox import LEASE, Owed, claim, enqueue, enqueue_many
from storage.engine import Database, make_engine
from storage.models import FollowUp, Outbox, User
from tests.conftest import REFERENCE_NOW, postgres_database
from tests.support.audit import migrated
from tests.support.keys import TEST_KEYRING


def owner(db: Database, name: str = "u1") -> int:
    with db.session() as session:
        user = User(transport="memory", external_id=name, chat_id=name, role="coordinator")
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


def test_a_message_taken_for_sending_is_not_taken_again_until_its_lease_runs_out(
    db: Database,
) -> None:
    user_id = owner(db)
    with db.session() as session:
        enqueue(session, user_id=user_id, kind="k", ref_id=1, dedupe_key="once",
                now=REFERENCE_NOW)

    with db.session() as session:
        first = [row.id for row in claim(session, REFERENCE_NOW, ["memory"])]
    with db.session() as session:
        meanwhile = claim(session, REFERENCE_NOW + timedelta(seconds=30), ["memory"])
    with db.session() as session:
        after_a_crash = [row.id for row in claim(session, REFERENCE_NOW + LEASE, ["memory"])]

    assert len(first) == 1
    assert meanwhile == []
    assert after_a_crash == first


def test_two_processes_sending_at_once_never_take_the_same_message() -> None:
    """PostgreSQL: what one process has locked, the other skips (FOR UPDATE SKIP LOCKED)."""
    with postgres_database() as url:
        first = Database(make_engine(url), TEST_KEYRING)
        second = Database(make_engine(url), TEST_KEYRING)
        migrated(first)
        user_id = owner(first)
        with first.session() as session:
            for key in ("a", "b", "c"):
                enqueue(session, user_id=user_id, kind="k", ref_id=1, dedupe_key=key,
                        now=REFERENCE_NOW)

        with first.session() as one:
            taken_by_one = [r.id for r in claim(one, REFERENCE_NOW, ["memory"], limit=2)]
            with second.session() as other:  # while the first has not committed yet
                taken_by_other = [r.id for r in claim(other, REFERENCE_NOW, ["memory"])]
        first.engine.dispose()
        second.engine.dispose()

    assert len(taken_by_one) == 2
    assert len(taken_by_other) == 1
    assert not set(taken_by_one) & set(taken_by_other)


def test_owing_many_at_once_adds_each_new_key_once_in_the_given_order(db: Database) -> None:
    user_id = owner(db)
    with db.session() as session:
        enqueue(session, user_id=user_id, kind="k", ref_id=1, dedupe_key="there",
                now=REFERENCE_NOW)
    with db.session() as session:
        added = enqueue_many(session, [
            Owed(user_id=user_id, kind="first", ref_id=2, dedupe_key="b"),
            Owed(user_id=user_id, kind="again", ref_id=3, dedupe_key="there"),
            Owed(user_id=user_id, kind="first", ref_id=4, dedupe_key="a"),
            Owed(user_id=user_id, kind="second", ref_id=5, dedupe_key="b"),
        ], REFERENCE_NOW)
        nothing = enqueue_many(session, [], REFERENCE_NOW)
    with db.session() as session:
        rows = session.exec(select(Outbox).order_by(col(Outbox.id))).all()

    assert (added, nothing) == (2, 0)
    assert [(row.dedupe_key, row.kind, row.ref_id) for row in rows] == [
        ("there", "k", 1), ("b", "first", 2), ("a", "first", 4)]
    assert all(row.not_before == REFERENCE_NOW and row.attempts == 0 for row in rows[1:])
    with db.session() as session:  # owed like any other message: taken by delivery
        assert len(claim(session, REFERENCE_NOW, ["memory"])) == 3


def test_owing_many_skips_a_key_added_earlier_in_the_same_transaction(db: Database) -> None:
    user_id = owner(db)
    with db.session() as session:
        enqueue(session, user_id=user_id, kind="k", ref_id=1, dedupe_key="same",
                now=REFERENCE_NOW)
        added = enqueue_many(session, [Owed(user_id=user_id, kind="k", ref_id=1,
                                            dedupe_key="same")], REFERENCE_NOW)

    assert added == 0


def test_a_follow_up_loaded_before_the_sweep_shows_it_was_reminded(db: Database) -> None:
    user_id = owner(db)
    with db.session() as session:
        session.add(FollowUp(title="Bellen", owner_user_id=user_id, due_at=REFERENCE_NOW))

    with db.session() as session:
        loaded = session.exec(select(FollowUp)).one()
        swept = sweep_due(session, REFERENCE_NOW)

        assert swept == 1
        assert loaded.reminded_at == REFERENCE_NOW
        assert loaded.title == "Bellen"
    with db.session() as session:
        assert session.exec(select(FollowUp)).one().reminded_at == REFERENCE_NOW


def test_more_than_a_handful_due_for_one_person_owe_one_message_and_the_rest_one_each(
    db: Database,
) -> None:
    many, few = owner(db), owner(db, "u2")
    with db.session() as session:
        for number in range(BATCH_OVER + 1):
            session.add(FollowUp(title=f"Veel {number}", owner_user_id=many,
                                 due_at=REFERENCE_NOW - timedelta(minutes=number)))
        for number in range(2):
            session.add(FollowUp(title=f"Weinig {number}", owner_user_id=few,
                                 due_at=REFERENCE_NOW - timedelta(minutes=number)))

    with db.session() as session:
        swept = sweep_due(session, REFERENCE_NOW)
    with db.session() as session:
        rows = session.exec(select(Outbox).order_by(col(Outbox.id))).all()
        together = reminded_together(session, many, REFERENCE_NOW)

    assert swept == BATCH_OVER + 3
    assert [(row.user_id, row.kind) for row in rows] == [
        (many, REMINDERS), (few, REMINDER), (few, REMINDER)]
    assert rows[0].dedupe_key == f"follow_ups:{many}:{REFERENCE_NOW.isoformat()}"
    assert len(together) == BATCH_OVER + 1
