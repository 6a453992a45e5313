"""The coverage view: active contacts per stadsdeel × organisation type, thin cells flagged."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlmodel import Session, select

from core.coverage import NO_TYPE, RELIGIOUS, coverage, render_png
from storage.engine import Database
from storage.models import (
    Area,
    Contact,
    ContactArea,
    ContactOrganisation,
    ContactStatus,
    Interaction,
    InteractionContact,
    Organisation,
)

NOW = datetime(2026, 11, 29, 13, 0, tzinfo=UTC)
PNG = b"\x89PNG\r\n\x1a\n"


def area_id(session: Session, name: str) -> int:
    area = session.exec(select(Area).where(Area.name == name)).one()
    assert area.id is not None
    return area.id


def add_contact(session: Session, *, network: str, org_type: str | None, area: str,
                status: str = ContactStatus.ACTIEF, archived: bool = False,
                met: datetime | None = None) -> int:
    contact = Contact(display_name="Iemand", network=network, status=status, created_at=NOW,
                      archived_at=NOW if archived else None)
    session.add(contact)
    session.flush()
    assert contact.id is not None
    if org_type is not None:
        org = Organisation(name=f"Org {org_type}", type=org_type, network=network, created_at=NOW)
        session.add(org)
        session.flush()
        assert org.id is not None
        session.add(ContactOrganisation(contact_id=contact.id, organisation_id=org.id))
    session.add(ContactArea(contact_id=contact.id, area_id=area_id(session, area)))
    if met is not None:
        visit = Interaction(occurred_at=met)
        session.add(visit)
        session.flush()
        assert visit.id is not None
        session.add(InteractionContact(interaction_id=visit.id, contact_id=contact.id))
    session.flush()
    return contact.id


def test_only_active_contacts_count_formal_and_informal_apart(db: Database) -> None:
    with db.session() as session:
        add_contact(session, network="informal", org_type="gebedshuis-moskee", area="Stad-Oost",
                    met=NOW - timedelta(days=3))
        add_contact(session, network="informal", org_type="gebedshuis-moskee",
                    area="Almere Stad", met=NOW - timedelta(days=10))
        add_contact(session, network="formal", org_type="gebedshuis-moskee", area="Stad-West")
        add_contact(session, network="informal", org_type="gebedshuis-moskee", area="Stad-Oost",
                    status=ContactStatus.SLAPEND)
        add_contact(session, network="informal", org_type="gebedshuis-moskee", area="Stad-Oost",
                    archived=True)
        result = coverage(session, NOW)
    cell = result.cell("Almere Stad", "gebedshuis-moskee")
    assert (cell.formal, cell.informal) == (1, 2)  # wijken count with their stadsdeel
    assert cell.last == (NOW - timedelta(days=3)).date()
    assert not cell.thin


def test_cells_with_none_or_one_contact_are_flagged(db: Database) -> None:
    with db.session() as session:
        add_contact(session, network="formal", org_type="school", area="Almere Haven")
        add_contact(session, network="formal", org_type="politie", area="Almere Haven")
        add_contact(session, network="formal", org_type="politie", area="De Werven")
        result = coverage(session, NOW)
    assert result.cell("Almere Haven", "school").thin  # one contact
    assert result.cell("Almere Poort", "school").thin  # none
    assert not result.cell("Almere Haven", "politie").thin
    assert ("Almere Poort", "school") in result.thin_cells()
    assert ("Almere Haven", "politie") not in result.thin_cells()


def test_each_kind_of_gebedshuis_is_counted_separately(db: Database) -> None:
    with db.session() as session:
        for code, count in (("gebedshuis-moskee", 2), ("gebedshuis-kerk", 3),
                            ("gebedshuis-synagoge", 1), ("gebedshuis-tempel", 1),
                            ("gebedshuis-gurdwara", 2)):
            for _ in range(count):
                add_contact(session, network="informal", org_type=code, area="Almere Buiten")
        result = coverage(session, NOW)
    assert {"gebedshuis-moskee", "gebedshuis-kerk", "gebedshuis-synagoge",
            "gebedshuis-tempel", "gebedshuis-gurdwara"} <= set(RELIGIOUS)
    counts = {code: result.cell("Almere Buiten", code).informal for code in RELIGIOUS}
    assert counts["gebedshuis-moskee"] == 2
    assert counts["gebedshuis-kerk"] == 3
    assert counts["gebedshuis-synagoge"] == 1
    assert counts["gebedshuis-tempel"] == 1
    assert counts["gebedshuis-gurdwara"] == 2
    assert result.type_total("gebedshuis-kerk").informal == 3


def test_a_contact_without_an_organisation_is_still_counted(db: Database) -> None:
    with db.session() as session:
        add_contact(session, network="formal", org_type=None, area="Oosterwold")
        result = coverage(session, NOW)
    assert result.cell("Oosterwold", NO_TYPE).formal == 1


def test_the_picture_is_a_png(db: Database) -> None:
    with db.session() as session:
        add_contact(session, network="informal", org_type="gebedshuis-tempel", area="Almere Hout")
        result = coverage(session, NOW)
    assert render_png(result, "nl").startswith(PNG)
    assert render_png(result, "en").startswith(PNG)
