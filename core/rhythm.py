"""Keeping in touch: how often each contact should hear from us, and who is going quiet.

The clock restarts at the last logged interaction, by the date the contact happened (not when
it was typed). Past the ideal window a contact is due; past the maximum it is overdue.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from sqlmodel import Session, col, select

from core.contacts import last_contact
from core.organisations import BY_CODE
from core.permissions import visible_networks
from core.tension import DEFAULT_TIGHTENING, Tightening, contact_tightening
from storage.models import (
    Area,
    Contact,
    ContactArea,
    ContactOrganisation,
    ContactStatus,
    Network,
    Organisation,
    Role,
    User,
)


@dataclass(frozen=True)
class Rhythm:
    ideal_days: int
    max_days: int


# Defaults, most specific first: a named role, then the organisation's network, then the
# contact's own. Key figures (informal) are seen more often than institutions (formal).
ROLE_RHYTHMS: dict[str, Rhythm] = {
    "sleutelfiguur": Rhythm(30, 60),
    "bestuurslid": Rhythm(42, 90),
    "voorzitter": Rhythm(42, 90),
}
NETWORK_RHYTHMS: dict[str, Rhythm] = {
    Network.INFORMAL: Rhythm(42, 90),
    Network.FORMAL: Rhythm(60, 120),
}
FOLLOWED = (ContactStatus.BENADERD, ContactStatus.ACTIEF, ContactStatus.SLAPEND)


class Quiet(StrEnum):
    DUE = "due"  # past the ideal window
    OVERDUE = "overdue"  # past the maximum window


@dataclass(frozen=True)
class QuietContact:
    contact_id: int
    name: str
    network: str
    last_contact_on: date | None
    due_on: date
    state: Quiet
    area: str | None
    tightened_in: str | None = None  # the tense area whose level tightened this rhythm


def rhythm_for(contact: Contact, organisation_types: Iterable[str] = ()) -> Rhythm:
    """The contact's own rhythm if set, else the default for their role or organisation."""
    default = _default_rhythm(contact, organisation_types)
    if contact.rhythm_ideal_days:
        ideal = contact.rhythm_ideal_days
        maximum = contact.rhythm_max_days or max(ideal * 2, default.max_days)
        return Rhythm(ideal, max(maximum, ideal))
    if contact.rhythm_max_days:
        return Rhythm(min(default.ideal_days, contact.rhythm_max_days), contact.rhythm_max_days)
    return default


def _default_rhythm(contact: Contact, organisation_types: Iterable[str]) -> Rhythm:
    for role in contact.roles:
        if role.lower() in ROLE_RHYTHMS:
            return ROLE_RHYTHMS[role.lower()]
    for type_code in organisation_types:
        org_type = BY_CODE.get(type_code)
        if org_type is not None and org_type.network is not None:
            return NETWORK_RHYTHMS[org_type.network]
    return NETWORK_RHYTHMS.get(contact.network, NETWORK_RHYTHMS[Network.FORMAL])


def visible_contacts(session: Session, viewer: User) -> list[Contact]:
    """Contacts whose rhythm this user keeps: their own, and unowned ones for coordinators.

    A colleague sees formal contacts only, unless granted the informal ones (design.md §5).
    """
    statement = select(Contact).where(
        col(Contact.archived_at).is_(None), col(Contact.status).in_(list(FOLLOWED)),
        col(Contact.restricted_at).is_(None),  # restricted (core.subject): not processed
    )
    statement = statement.where(col(Contact.network).in_(list(visible_networks(viewer))))
    if viewer.role == Role.COLLEAGUE:
        statement = statement.where(Contact.owner_user_id == viewer.id)
    else:
        statement = statement.where(
            (col(Contact.owner_user_id) == viewer.id) | col(Contact.owner_user_id).is_(None)
        )
    return list(session.exec(statement.order_by(col(Contact.id))).all())


def quiet_contacts(session: Session, viewer: User, today: date,
                   tightening: Tightening = DEFAULT_TIGHTENING) -> list[QuietContact]:
    """Contacts past their ideal window on `today`, the longest overdue first.

    In an area at tension level 2 or higher the rhythm tightens (core.tension.Tightening).
    """
    contacts = visible_contacts(session, viewer)
    if not contacts:
        return []
    ids = [c.id for c in contacts if c.id is not None]
    last = last_contact(session, ids)
    types = _organisation_types(session, ids)
    areas = _first_areas(session, ids)
    tight = contact_tightening(session, ids, tightening)
    found: list[QuietContact] = []
    for contact in contacts:
        assert contact.id is not None
        if contact.quiet_snoozed_until is not None and today < contact.quiet_snoozed_until:
            continue
        rhythm = rhythm_for(contact, types.get(contact.id, []))
        tense = tight.get(contact.id)
        if tense is not None:
            rhythm = Rhythm(*tightening.apply(rhythm.ideal_days, rhythm.max_days, tense.factor))
        last_on = last[contact.id].date() if contact.id in last else None
        start = last_on or contact.agreed_on or contact.created_at.date()
        ideal_on = start + timedelta(days=rhythm.ideal_days)
        max_on = start + timedelta(days=rhythm.max_days)
        if today < ideal_on:
            continue
        state = Quiet.OVERDUE if today >= max_on else Quiet.DUE
        found.append(QuietContact(contact.id, contact.display_name, contact.network, last_on,
                                  ideal_on, state, areas.get(contact.id),
                                  tense.area if tense is not None else None))
    found.sort(key=lambda q: (q.state != Quiet.OVERDUE, q.due_on, q.name))
    return found


def snooze_quiet(session: Session, contact_id: int, until: date) -> bool:
    """'Later' on a going-quiet contact: leave them out of the digest until `until`."""
    contact = session.get(Contact, contact_id)
    if contact is None:
        return False
    contact.quiet_snoozed_until = until
    session.add(contact)
    return True


def _organisation_types(session: Session, contact_ids: list[int]) -> dict[int, list[str]]:
    rows = session.exec(
        select(ContactOrganisation.contact_id, Organisation.type)
        .join(Organisation, col(Organisation.id) == col(ContactOrganisation.organisation_id))
        .where(col(ContactOrganisation.contact_id).in_(contact_ids))
    ).all()
    result: dict[int, list[str]] = {}
    for contact_id, type_code in rows:
        result.setdefault(contact_id, []).append(type_code)
    return result


def _first_areas(session: Session, contact_ids: list[int]) -> dict[int, str]:
    rows = session.exec(
        select(ContactArea.contact_id, Area.name)
        .join(Area, col(Area.id) == col(ContactArea.area_id))
        .where(col(ContactArea.contact_id).in_(contact_ids))
        .order_by(col(Area.name))
    ).all()
    result: dict[int, str] = {}
    for contact_id, name in rows:
        result.setdefault(contact_id, name)
    return result
