"""The network register: contacts and organisations, and their links to areas.

Names are matched in memory (fuzzy), never by a plaintext query, so field encryption can
replace the name columns later without changing callers. The network a contact belongs to is
set once; only an admin moves a contact between formal and informal, and that is audited.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime

from rapidfuzz import fuzz
from sqlalchemy import func
from sqlmodel import Session, col, select

from core.access import audit
from storage.models import (
    Area,
    Contact,
    ContactArea,
    ContactOrganisation,
    ContactStatus,
    Interaction,
    InteractionContact,
    Network,
    Organisation,
    OrganisationArea,
    Role,
    User,
)

STATUS_ORDER = tuple(ContactStatus)


class NotAllowedError(PermissionError):
    """The acting user's role may not make this change."""


def create_contact(
    session: Session,
    *,
    name: str,
    network: Network | str,
    now: datetime,
    owner_user_id: int | None = None,
    organisation_id: int | None = None,
    function: str | None = None,
    area_ids: Iterable[int] = (),
    roles: Sequence[str] = (),
    status: ContactStatus | str = ContactStatus.ACTIEF,
    agreed_on: date | None = None,
    informed_on: date | None = None,
    phone: str | None = None,
    email: str | None = None,
    preferred_channel: str | None = None,
) -> Contact:
    """Add a contact to the register; the network is required and checked."""
    contact = Contact(
        display_name=" ".join(name.split()),
        network=Network(network),
        status=ContactStatus(status),
        roles=list(roles),
        agreed_on=agreed_on,
        informed_on=informed_on,
        phone=phone,
        email=email,
        preferred_channel=preferred_channel,
        owner_user_id=owner_user_id,
        created_at=now,
    )
    session.add(contact)
    session.flush()
    assert contact.id is not None
    if organisation_id is not None:
        link_organisation(session, contact.id, organisation_id, function)
    for area_id in area_ids:
        link_area(session, contact.id, area_id)
    audit(session, now, "contact.created", owner_user_id, f"contact:{contact.id}",
          network=contact.network)
    return contact


def create_organisation(
    session: Session, *, name: str, type_code: str, network: Network | str, now: datetime,
    area_ids: Iterable[int] = (), actor_user_id: int | None = None,
) -> Organisation:
    organisation = Organisation(name=" ".join(name.split()), type=type_code,
                                network=Network(network), created_at=now)
    session.add(organisation)
    session.flush()
    assert organisation.id is not None
    for area_id in area_ids:
        if session.get(OrganisationArea, (organisation.id, area_id)) is None:
            session.add(OrganisationArea(organisation_id=organisation.id, area_id=area_id))
    audit(session, now, "organisation.created", actor_user_id, f"organisation:{organisation.id}")
    return organisation


def link_organisation(
    session: Session, contact_id: int, organisation_id: int, function: str | None = None
) -> None:
    """Record that a contact is part of an organisation (idempotent; a function updates)."""
    link = session.get(ContactOrganisation, (contact_id, organisation_id))
    if link is None:
        session.add(ContactOrganisation(contact_id=contact_id, organisation_id=organisation_id,
                                        function=function))
    elif function:
        link.function = function
        session.add(link)


def link_area(session: Session, contact_id: int, area_id: int) -> None:
    if session.get(ContactArea, (contact_id, area_id)) is None:
        session.add(ContactArea(contact_id=contact_id, area_id=area_id))


def active_contacts(session: Session) -> list[Contact]:
    return list(session.exec(
        select(Contact).where(col(Contact.archived_at).is_(None)).order_by(col(Contact.id))
    ).all())


def find_contacts(
    session: Session, query: str, *, limit: int = 5, networks: Iterable[str] | None = None
) -> list[tuple[Contact, float]]:
    """Contacts whose name looks like `query`, best first (typos and first names count)."""
    wanted = query.strip().lower()
    if not wanted:
        return []
    allowed = set(networks) if networks is not None else None
    scored: list[tuple[Contact, float]] = []
    for contact in active_contacts(session):
        if allowed is not None and contact.network not in allowed:
            continue
        name = contact.display_name.lower()
        score = max(
            fuzz.WRatio(wanted, name),
            fuzz.ratio(wanted, name.split()[0]) if name else 0.0,
        )
        if score >= 70:
            scored.append((contact, score))
    scored.sort(key=lambda item: (-item[1], item[0].display_name))
    return scored[:limit]


def organisations_of(session: Session, contact_id: int) -> list[tuple[Organisation, str | None]]:
    rows = session.exec(
        select(Organisation, ContactOrganisation)  # the whole link: its function is sealed
        .join(ContactOrganisation,
              col(ContactOrganisation.organisation_id) == col(Organisation.id))
        .where(ContactOrganisation.contact_id == contact_id)
        .order_by(col(Organisation.name))
    ).all()
    return [(organisation, link.function) for organisation, link in rows]


def areas_of(session: Session, contact_id: int) -> list[Area]:
    return list(session.exec(
        select(Area).join(ContactArea, col(ContactArea.area_id) == col(Area.id))
        .where(ContactArea.contact_id == contact_id).order_by(col(Area.name))
    ).all())


def last_contact(session: Session, contact_ids: Iterable[int] | None = None
                 ) -> dict[int, datetime]:
    """When each contact was last spoken to: the date the interaction happened."""
    statement = (
        select(InteractionContact.contact_id, func.max(Interaction.occurred_at))
        .join(Interaction, col(Interaction.id) == col(InteractionContact.interaction_id))
        .group_by(col(InteractionContact.contact_id))
    )
    if contact_ids is not None:
        statement = statement.where(col(InteractionContact.contact_id).in_(list(contact_ids)))
    result: dict[int, datetime] = {}
    for contact_id, moment in session.exec(statement).all():
        if moment is not None:
            # Aggregates bypass the column type on SQLite; normalise like UTCDateTime does.
            result[contact_id] = _aware(moment)
    return result


def set_network(session: Session, contact: Contact, network: Network, actor: User,
                now: datetime) -> None:
    """Move a contact between formal and informal: admins only, and always audited."""
    if actor.role != Role.ADMIN:
        raise NotAllowedError("only an admin changes a contact's network")
    previous = contact.network
    contact.network = Network(network)
    session.add(contact)
    audit(session, now, "contact.network_changed", actor.id, f"contact:{contact.id}",
          before=previous, after=contact.network)


def set_status(session: Session, contact: Contact, status: ContactStatus, actor_id: int | None,
               now: datetime) -> None:
    contact.status = ContactStatus(status)
    session.add(contact)
    audit(session, now, "contact.status", actor_id, f"contact:{contact.id}", status=status)


def archive_contact(session: Session, contact: Contact, actor_id: int | None,
                    now: datetime) -> None:
    contact.archived_at = now
    session.add(contact)
    audit(session, now, "contact.archived", actor_id, f"contact:{contact.id}")


def _aware(moment: datetime | str) -> datetime:
    if isinstance(moment, str):
        moment = datetime.fromisoformat(moment)
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
