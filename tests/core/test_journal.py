"""The update journal (core.journal) on both databases: once in, once handled, then pruned."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import select

from core.journal import KEEP_HANDLED, Entry, prune, record, take, unhandled
from storage.engine import Database
from storage.models import ProcessedUpdate
from tests.conftest import REFERENCE_NOW


def entry(update_id: str, text: str = "hallo") -> Entry:
    return Entry("telegram", update_id, {"chat_id": "7", "text": text})


def test_an_update_delivered_twice_is_journalled_once_and_handled_once(db: Database) -> None:
    with db.session() as session:
        first = record(session, [entry("10")], REFERENCE_NOW)
    with db.session() as session:
        again = record(session, [entry("10"), entry("11")], REFERENCE_NOW)
    with db.session() as session:
        handled = take(session, "telegram", "10", REFERENCE_NOW)
    with db.session() as session:
        handled_again = take(session, "telegram", "10", REFERENCE_NOW)

    assert (first, again, handled, handled_again) == (1, 1, True, False)
    with db.session() as session:
        assert [e.update_id for e in unhandled(session, ["telegram"])] == ["11"]


def test_unhandled_updates_come_back_in_the_order_they_arrived(db: Database) -> None:
    with db.session() as session:
        record(session, [entry("100009"), entry("100010")], REFERENCE_NOW)
        record(session, [entry("100002")], REFERENCE_NOW + timedelta(seconds=1))
    with db.session() as session:
        left = unhandled(session, ["telegram"])

    assert [e.update_id for e in left] == ["100009", "100010", "100002"]
    assert left[0].payload == {"chat_id": "7", "text": "hallo"}


def test_handled_updates_are_pruned_after_two_days_and_unhandled_ones_stay(
    db: Database,
) -> None:
    with db.session() as session:
        record(session, [entry("1"), entry("2")], REFERENCE_NOW)
        take(session, "telegram", "1", REFERENCE_NOW)

    with db.session() as session:
        early = prune(session, REFERENCE_NOW + KEEP_HANDLED - timedelta(minutes=1))
    with db.session() as session:
        late = prune(session, REFERENCE_NOW + KEEP_HANDLED + timedelta(minutes=1))
    with db.session() as session:
        left = [row.update_id for row in session.exec(select(ProcessedUpdate))]

    assert (early, late) == (0, 1)
    assert left == ["2"]
    assert timedelta(days=2) >= KEEP_HANDLED


def test_a_handled_update_keeps_its_id_and_not_what_it_said(db: Database) -> None:
    with db.session() as session:
        record(session, [entry("21")], REFERENCE_NOW)
    with db.session() as session:
        assert take(session, "telegram", "21", REFERENCE_NOW)
    with db.session() as session:
        row = session.exec(select(ProcessedUpdate)).one()
        assert (row.update_id, row.payload, row.handled_at is not None) == ("21", None, True)
        assert not take(session, "telegram", "21", REFERENCE_NOW)  # a redelivery: not again
