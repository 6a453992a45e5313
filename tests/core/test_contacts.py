"""The register's contacts: network required and set once, fuzzy finding, status, archive."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import Session, select

from core.contacts import (
    NotAllowedError,
    archive_contact,
    create_contact,
    create_organisation,
    find_contacts,
    last_contact,
    link_organisation,
    organisations_of,
    set_network,
    set_status,
)
from storage.engine import Database
from storage.models import (
    AuditEvent,
    Contact,
    ContactStatus,
    Interaction,
    InteractionContact,
    Network,
    Role,
    User,
)
from tests.conftest import REFERENCE_NOW

NOW = REFERENCE_NOW


def user(session: Session, role: Role, external_id: str = "u1") -> User:
    row = User(transport="memory", external_id=external_id, chat_id=external_id, role=role)
    session.add(row)
    session.flush()
    return row


def names(found: list[tuple[Contact, float]]) -> list[str]:
    return [contact.display_name for contact, _ in found]


def test_a_contact_needs_a_valid_network(db: Database) -> None:
    with db.session() as session, pytest.raises(ValueError, match=r"network|Network"):
        create_contact(session, name="Jan de Vries", network="", now=NOW)


def test_names_are_found_by_first_name_and_with_typos(db: Database) -> None:
    with db.session() as session:
        create_contact(session, name="Fatima Bakkali", network=Network.INFORMAL, now=NOW)
        create_contact(session, name="Jan de Vries", network=Network.FORMAL, now=NOW)

        assert names(find_contacts(session, "fatima")) == ["Fatima Bakkali"]
        assert names(find_contacts(session, "Fatma Bakali")) == ["Fatima Bakkali"]
        assert names(find_contacts(session, "jan de vries")) == ["Jan de Vries"]
        assert find_contacts(session, "Pieternella") == []
        assert find_contacts(session, "   ") == []


def test_finding_can_be_limited_to_the_formal_network(db: Database) -> None:
    with db.session() as session:
        create_contact(session, name="Fatima Bakkali", network=Network.INFORMAL, now=NOW)
        create_contact(session, name="Fatima Jansen", network=Network.FORMAL, now=NOW)

        found = find_contacts(session, "Fatima", networks=[Network.FORMAL])

    assert names(found) == ["Fatima Jansen"]


def test_an_archived_contact_is_no_longer_found_and_the_archiving_is_audited(
    db: Database,
) -> None:
    with db.session() as session:
        coordinator = user(session, Role.COORDINATOR)
        fatima = create_contact(session, name="Fatima Bakkali", network=Network.INFORMAL, now=NOW)

        archive_contact(session, fatima, coordinator.id, NOW)

        assert find_contacts(session, "Fatima") == []
        events = session.exec(
            select(AuditEvent).where(AuditEvent.action == "contact.archived")
        ).all()
    assert [(e.actor_user_id, e.subject) for e in events] == [
        (coordinator.id, f"contact:{fatima.id}"),
    ]


def test_only_an_admin_moves_a_contact_to_the_other_network_and_it_is_audited(
    db: Database,
) -> None:
    with db.session() as session:
        coordinator = user(session, Role.COORDINATOR, "u1")
        admin = user(session, Role.ADMIN, "a1")
        jan = create_contact(session, name="Jan de Vries", network=Network.FORMAL, now=NOW)

        with pytest.raises(NotAllowedError):
            set_network(session, jan, Network.INFORMAL, coordinator, NOW)
        assert jan.network == Network.FORMAL

        set_network(session, jan, Network.INFORMAL, admin, NOW)

        event = session.exec(
            select(AuditEvent).where(AuditEvent.action == "contact.network_changed")
        ).one()
    assert jan.network == Network.INFORMAL
    assert event.actor_user_id == admin.id
    assert event.detail == {"before": "formal", "after": "informal"}


def test_a_status_change_is_audited(db: Database) -> None:
    with db.session() as session:
        coordinator = user(session, Role.COORDINATOR)
        fatima = create_contact(session, name="Fatima Bakkali", network=Network.INFORMAL,
                                now=NOW, status=ContactStatus.PROSPECT)

        set_status(session, fatima, ContactStatus.BENADERD, coordinator.id, NOW)

        event = session.exec(select(AuditEvent).where(AuditEvent.action == "contact.status")).one()
    assert fatima.status == ContactStatus.BENADERD
    assert event.detail == {"status": "benaderd"}


def test_the_last_contact_is_the_latest_date_it_happened(db: Database) -> None:
    with db.session() as session:
        fatima = create_contact(session, name="Fatima Bakkali", network=Network.INFORMAL, now=NOW)
        for days_ago, logged_days_ago in ((3, 3), (20, 0)):
            visit = Interaction(occurred_at=NOW - timedelta(days=days_ago),
                                created_at=NOW - timedelta(days=logged_days_ago))
            session.add(visit)
            session.flush()
            assert visit.id is not None
            assert fatima.id is not None
            session.add(InteractionContact(interaction_id=visit.id, contact_id=fatima.id))
        session.flush()
        assert fatima.id is not None

        last = last_contact(session, [fatima.id])

    assert last[fatima.id] == NOW - timedelta(days=3)


def test_linking_an_organisation_twice_keeps_one_link_and_updates_the_function(
    db: Database,
) -> None:
    with db.session() as session:
        schakel = create_organisation(session, name="De Schakel", type_code="buurthuis",
                                      network=Network.FORMAL, now=NOW)
        fatima = create_contact(session, name="Fatima Bakkali", network=Network.INFORMAL, now=NOW,
                                organisation_id=schakel.id)
        assert fatima.id is not None
        assert schakel.id is not None

        link_organisation(session, fatima.id, schakel.id, "voorzitter")
        link_organisation(session, fatima.id, schakel.id)
        session.flush()

        linked = organisations_of(session, fatima.id)
    assert [(o.name, f) for o, f in linked] == [("De Schakel", "voorzitter")]
