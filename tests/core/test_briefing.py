"""The briefing before a visit: last contacts by when they happened, open follow-ups, and the
reciprocity ledger (what we shared or promised, what they asked)."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlmodel import Session

from core.briefing import briefing, one_line
from core.contacts import create_contact, create_organisation
from storage.engine import Database
from storage.models import (
    Contact,
    FollowUp,
    FollowUpStatus,
    Interaction,
    InteractionContact,
    Network,
    User,
)
from tests.conftest import AMSTERDAM, REFERENCE_NOW

NOW = REFERENCE_NOW


def user(session: Session) -> int:
    row = User(transport="memory", external_id="u1", chat_id="u1", role="coordinator")
    session.add(row)
    session.flush()
    assert row.id is not None
    return row.id


def contact(session: Session, name: str = "Fatima Bakkali") -> Contact:
    return create_contact(session, name=name, network=Network.INFORMAL, now=NOW)


def met(session: Session, people: list[Contact], *, days_ago: int, logged_days_ago: int = 0,
        summary: str = "", shared: str = "", asked: str = "", kind: str = "bezoek",
        initiated_by: str = "us", mood: str | None = None) -> Interaction:
    interaction = Interaction(
        occurred_at=NOW - timedelta(days=days_ago), kind=kind, summary=summary, shared=shared,
        asked=asked, initiated_by=initiated_by, mood=mood,
        created_at=NOW - timedelta(days=logged_days_ago),
    )
    session.add(interaction)
    session.flush()
    for person in people:
        assert interaction.id is not None
        assert person.id is not None
        session.add(InteractionContact(interaction_id=interaction.id, contact_id=person.id))
    return interaction


def test_the_last_contacts_are_ordered_by_when_they_happened_not_when_they_were_typed(
    db: Database,
) -> None:
    with db.session() as session:
        fatima = contact(session)
        met(session, [fatima], days_ago=2, logged_days_ago=2, summary="Gesprek over de iftar")
        met(session, [fatima], days_ago=30, logged_days_ago=0, summary="Late notitie, oud bezoek")
        met(session, [fatima], days_ago=10, logged_days_ago=9, summary="Koffie in het buurthuis")
        assert fatima.id is not None

        found = briefing(session, fatima.id, NOW)

    assert found is not None
    assert [c.summary for c in found.last_contacts] == [
        "Gesprek over de iftar", "Koffie in het buurthuis", "Late notitie, oud bezoek",
    ]
    assert found.last_contact_at == NOW - timedelta(days=2)


def test_at_most_three_last_contacts_are_shown_and_the_total_is_counted(db: Database) -> None:
    with db.session() as session:
        fatima = contact(session)
        for days in (1, 5, 9, 20, 40):
            met(session, [fatima], days_ago=days, summary=f"{days} dagen geleden")
        assert fatima.id is not None

        found = briefing(session, fatima.id, NOW)

    assert found is not None
    assert [c.summary for c in found.last_contacts] == [
        "1 dagen geleden", "5 dagen geleden", "9 dagen geleden",
    ]
    assert found.contacts_total == 5


def test_open_follow_ups_include_those_from_a_meeting_they_were_part_of(db: Database) -> None:
    with db.session() as session:
        owner = user(session)
        fatima, jan = contact(session), contact(session, "Jan de Vries")
        meeting = met(session, [jan, fatima], days_ago=3, kind="gebiedsoverleg")
        session.add_all([
            FollowUp(title="Terugbellen", contact_id=fatima.id, owner_user_id=owner,
                     due_at=NOW + timedelta(days=2)),
            FollowUp(title="Verslag sturen", contact_id=jan.id, interaction_id=meeting.id,
                     owner_user_id=owner, due_at=NOW - timedelta(days=1)),
            FollowUp(title="Al gedaan", contact_id=fatima.id, owner_user_id=owner,
                     due_at=NOW - timedelta(days=5), status=FollowUpStatus.DONE),
            FollowUp(title="Over iemand anders", contact_id=jan.id, owner_user_id=owner,
                     due_at=NOW),
        ])
        session.flush()
        assert fatima.id is not None

        found = briefing(session, fatima.id, NOW)

    assert found is not None
    assert [(f.title, f.overdue) for f in found.open_follow_ups] == [
        ("Verslag sturen", True), ("Terugbellen", False),
    ]


def test_a_follow_up_due_today_is_not_yet_overdue(db: Database) -> None:
    with db.session() as session:
        owner = user(session)
        fatima = contact(session)
        this_morning = datetime(2026, 11, 29, 9, 0, tzinfo=AMSTERDAM)
        session.add(FollowUp(title="Bellen", contact_id=fatima.id, owner_user_id=owner,
                             due_at=this_morning, due_grain="day"))
        session.flush()
        assert fatima.id is not None

        found = briefing(session, fatima.id, NOW)

    assert found is not None
    assert [f.overdue for f in found.open_follow_ups] == [False]


def test_what_we_shared_and_what_they_asked_are_listed_newest_first(db: Database) -> None:
    with db.session() as session:
        fatima = contact(session)
        met(session, [fatima], days_ago=20, shared="Folder over de buurtbudgetten",
            asked="Ruimte voor de iftar")
        met(session, [fatima], days_ago=5, shared="Uitnodiging gebiedsoverleg")
        met(session, [fatima], days_ago=1, summary="Alleen even bijgepraat")
        assert fatima.id is not None

        found = briefing(session, fatima.id, NOW)

    assert found is not None
    assert [line.text for line in found.shared] == [
        "Uitnodiging gebiedsoverleg", "Folder over de buurtbudgetten",
    ]
    assert [line.text for line in found.asked] == ["Ruimte voor de iftar"]
    assert found.asked[0].occurred_at == NOW - timedelta(days=20)


def test_the_briefing_says_who_someone_is_in_the_network(db: Database) -> None:
    with db.session() as session:
        schakel = create_organisation(session, name="De Schakel", type_code="buurthuis",
                                      network=Network.FORMAL, now=NOW)
        fatima = create_contact(session, name="Fatima Bakkali", network=Network.INFORMAL,
                                now=NOW, organisation_id=schakel.id, function="voorzitter",
                                roles=["sleutelfiguur"])
        assert fatima.id is not None

        found = briefing(session, fatima.id, NOW)

    assert found is not None
    assert (found.name, found.network, found.status) == ("Fatima Bakkali", "informal", "actief")
    assert found.roles == ("sleutelfiguur",)
    assert [(o.name, o.type_code, o.function) for o in found.organisations] == [
        ("De Schakel", "buurthuis", "voorzitter"),
    ]
    assert found.last_contacts == ()
    assert found.open_follow_ups == ()


def test_there_is_no_briefing_for_a_contact_that_does_not_exist(db: Database) -> None:
    with db.session() as session:
        assert briefing(session, 12345, NOW) is None


def test_a_summary_is_shown_as_one_short_line() -> None:
    long = "Zorgen over jongeren bij het skatepark " * 5

    assert one_line("Eerste regel\nTweede regel") == "Eerste regel"
    assert len(one_line(long)) <= 90
    assert one_line(long).endswith("…")
    assert one_line("") == ""
