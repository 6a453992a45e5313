"""A visit's follow-up: a date read from the message, or none at all (then the card asks)."""

from __future__ import annotations

import pytest
from sqlmodel import Session, select

from core.visits import UndatedFollowUpError, draft_visit, save_visit
from storage.engine import Database
from storage.models import FollowUp, Interaction, Network, Role, User
from tests.conftest import AMSTERDAM, REFERENCE_NOW

NOW = REFERENCE_NOW  # Sunday 29 November 2026, 14:00


def _owner(session: Session) -> User:
    row = User(transport="memory", external_id="u1", chat_id="u1", role=Role.COORDINATOR)
    session.add(row)
    session.flush()
    return row


def test_a_follow_up_without_a_date_gets_no_guessed_one(db: Database) -> None:
    with db.session() as session:
        draft = draft_visit(session, "Bij Jan de Vries van de politie geweest, terugbellen.",
                            NOW)

    assert draft.follow_up is not None
    assert draft.follow_up.due_at is None
    assert draft.undated_follow_up() == 0


def test_a_visit_with_an_undated_follow_up_is_not_stored_until_it_has_a_date(
    db: Database,
) -> None:
    with db.session() as session:
        owner = _owner(session)
        draft = draft_visit(session, "Bij Jan de Vries van de politie geweest, terugbellen.",
                            NOW)
        for person in draft.people:
            person.network = Network.FORMAL
        with pytest.raises(UndatedFollowUpError):
            save_visit(session, draft, owner, NOW)
        assert session.exec(select(Interaction)).first() is None

        draft.set_due(0, NOW.replace(day=30, hour=9, minute=0), "day")
        save_visit(session, draft, owner, NOW)
        follow_up = session.exec(select(FollowUp)).one()

    assert follow_up.due_at.astimezone(AMSTERDAM).isoformat() == "2026-11-30T09:00:00+01:00"


@pytest.mark.parametrize(("text", "due"), [
    ("Bij Jan de Vries geweest, vr. 9u30 terugbellen", "2026-12-04T09:30:00+01:00"),
    ("Bij Jan de Vries geweest, dinsdg 10 uur terugbellen", "2026-12-01T10:00:00+01:00"),
    ("Bij Jan de Vries geweest, eind vd maand terugkoppelen", "2026-11-30T09:00:00+01:00"),
    ("Bij Jan de Vries geweest, 14-12 om 14 uur 15 terugbellen", "2026-12-14T14:15:00+01:00"),
])
def test_a_date_typed_the_phone_way_reaches_the_follow_up_with_its_time(
    db: Database, text: str, due: str
) -> None:
    with db.session() as session:
        draft = draft_visit(session, text, NOW)

    assert draft.follow_up is not None
    assert draft.follow_up.due_at is not None
    assert draft.follow_up.due_at.astimezone(AMSTERDAM).isoformat() == due
