"""The keep-in-touch rule: the clock restarts at the last contact, by the date it happened."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from core.contacts import create_contact
from core.rhythm import Quiet, Rhythm, quiet_contacts, rhythm_for, snooze_quiet
from storage.engine import Database
from storage.models import (
    Contact,
    ContactStatus,
    Interaction,
    InteractionContact,
    Network,
    Role,
    User,
)
from tests.conftest import REFERENCE_NOW

TODAY = REFERENCE_NOW.date()


def user(db: Database, role: Role = Role.COORDINATOR, external: str = "u1") -> User:
    with db.session() as session:
        person = User(transport="memory", external_id=external, chat_id=external, role=role)
        session.add(person)
        session.flush()
        return person


def contact(db: Database, owner: User, *, network: Network = Network.INFORMAL,
            days_ago: int = 0, **fields: object) -> int:
    with db.session() as session:
        created = create_contact(session, name=str(fields.pop("name", "Fatima Bakkali")),
                                 network=network, now=REFERENCE_NOW - timedelta(days=days_ago),
                                 owner_user_id=owner.id, **fields)  # type: ignore[arg-type]
        assert created.id is not None
        return created.id


def visit(db: Database, contact_id: int, happened: datetime, logged: datetime) -> None:
    with db.session() as session:
        interaction = Interaction(occurred_at=happened, created_at=logged)
        session.add(interaction)
        session.flush()
        assert interaction.id is not None
        session.add(InteractionContact(interaction_id=interaction.id, contact_id=contact_id))


def quiet(db: Database, viewer: User, today: date = TODAY) -> list[tuple[str, Quiet]]:
    with db.session() as session:
        return [(q.name, q.state) for q in quiet_contacts(session, viewer, today)]


def test_a_contact_is_due_when_the_ideal_window_has_passed_since_the_last_visit(
    db: Database,
) -> None:
    me = user(db)
    fatima = contact(db, me, days_ago=200)
    visit(db, fatima, REFERENCE_NOW - timedelta(days=41), REFERENCE_NOW - timedelta(days=41))

    assert quiet(db, me) == []
    assert quiet(db, me, TODAY + timedelta(days=1)) == [("Fatima Bakkali", Quiet.DUE)]
    assert quiet(db, me, TODAY + timedelta(days=49)) == [("Fatima Bakkali", Quiet.OVERDUE)]


def test_the_clock_restarts_at_the_date_the_visit_happened_not_when_it_was_typed(
    db: Database,
) -> None:
    me = user(db)
    fatima = contact(db, me, days_ago=200)
    # Logged today, but it happened fifty days ago: she is still due.
    visit(db, fatima, REFERENCE_NOW - timedelta(days=50), REFERENCE_NOW)

    assert quiet(db, me) == [("Fatima Bakkali", Quiet.DUE)]


def test_a_new_contact_without_visits_counts_from_when_it_was_added(db: Database) -> None:
    me = user(db)
    contact(db, me, days_ago=10)

    assert quiet(db, me) == []
    assert quiet(db, me, TODAY + timedelta(days=32)) == [("Fatima Bakkali", Quiet.DUE)]


def test_an_own_rhythm_beats_the_default() -> None:
    weekly = Contact(display_name="x", network=Network.FORMAL, rhythm_ideal_days=7)

    assert rhythm_for(weekly) == Rhythm(7, 120)


def test_key_figures_are_seen_more_often_than_institutions() -> None:
    key_figure = Contact(display_name="x", network=Network.INFORMAL, roles=["sleutelfiguur"])
    school = Contact(display_name="y", network=Network.FORMAL)

    assert rhythm_for(key_figure) == Rhythm(30, 60)
    assert rhythm_for(school) == Rhythm(60, 120)
    assert rhythm_for(school, ["gebedshuis-moskee"]) == Rhythm(42, 90)


def test_stopped_and_archived_contacts_do_not_go_quiet(db: Database) -> None:
    me = user(db)
    contact(db, me, days_ago=400, name="Gestopt Persoon", status=ContactStatus.GESTOPT)
    archived = contact(db, me, days_ago=400, name="Weg Persoon")
    with db.session() as session:
        row = session.get(Contact, archived)
        assert row is not None
        row.archived_at = REFERENCE_NOW

    assert quiet(db, me) == []


def test_later_leaves_a_contact_out_until_the_chosen_day(db: Database) -> None:
    me = user(db)
    fatima = contact(db, me, days_ago=100)
    with db.session() as session:
        snooze_quiet(session, fatima, TODAY + timedelta(days=7))

    assert quiet(db, me) == []
    assert quiet(db, me, TODAY + timedelta(days=7)) == [("Fatima Bakkali", Quiet.OVERDUE)]


def test_a_colleague_keeps_only_their_own_formal_contacts(db: Database) -> None:
    coordinator = user(db)
    colleague = user(db, Role.COLLEAGUE, "u2")
    contact(db, colleague, days_ago=200, name="Formele Partner", network=Network.FORMAL)
    contact(db, colleague, days_ago=200, name="Informele Sleutelfiguur")
    contact(db, coordinator, days_ago=200, name="Andermans Partner", network=Network.FORMAL)

    assert quiet(db, colleague) == [("Formele Partner", Quiet.OVERDUE)]
