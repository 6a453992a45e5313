"""Handing a coordinator's network over to a successor (the memo: years of network-building
must not vanish when the coordinator leaves).

One transaction moves the contacts someone owns, their open follow-ups and the area meetings
they organise to the successor, and leaves one audit entry with counts and record ids, never
content. The handover document is for the successor, so it names people; it lists only the
contacts that moved and only what the successor may see, and is sent protected.

A successor who may not see a network by name (a colleague without the informal grant) cannot
receive contacts from it: the handover is refused rather than leaving them invisible.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import TypeVar

from sqlalchemy import update
from sqlmodel import Session, col, select

from core.access import audit
from core.contacts import last_contact
from core.permissions import visible_networks
from core.reports import long_date
from core.rhythm import Quiet, Rhythm, rhythm_for
from core.signals import area_and_children, signals
from storage.models import (
    Area,
    Contact,
    ContactArea,
    ContactOrganisation,
    FollowUp,
    FollowUpStatus,
    Interaction,
    InteractionContact,
    Meeting,
    Organisation,
    Role,
    User,
)

PROMISED_DAYS = 183  # "what was asked of us" looks back about half a year
KEY_ROLES = frozenset({"sleutelfiguur", "voorzitter", "bestuurslid"})
LINE = 120  # characters of a follow-up, question or signal shown on one line


class HandoverError(StrEnum):
    SAME_USER = "same_user"
    UNKNOWN_USER = "unknown_user"
    SUCCESSOR_REVOKED = "successor_revoked"
    SUCCESSOR_ROLE = "successor_role"  # a partner holds no one's network
    SUCCESSOR_CANNOT_SEE = "successor_cannot_see"  # informal contacts to a colleague without


@dataclass(frozen=True)
class Counts:
    contacts: int
    follow_ups: int
    meetings: int

    @property
    def total(self) -> int:
        return self.contacts + self.follow_ups + self.meetings


@dataclass(frozen=True)
class Moved:
    """What a handover moved, by id, to build the document from."""

    from_user_id: int
    to_user_id: int
    contact_ids: tuple[int, ...]
    follow_up_ids: tuple[int, ...]
    meeting_ids: tuple[int, ...]

    @property
    def counts(self) -> Counts:
        return Counts(len(self.contact_ids), len(self.follow_up_ids), len(self.meeting_ids))


def staff(session: Session) -> list[User]:
    """Who can hand over or take over a network: active users other than partners."""
    return list(session.exec(
        select(User).where(col(User.revoked_at).is_(None), User.role != Role.PARTNER)
        .order_by(col(User.id))
    ).all())


def pending(session: Session, from_user_id: int) -> Counts:
    """What a handover from this user would move now."""
    contacts, follow_ups, meetings = _ids(session, from_user_id)
    return Counts(len(contacts), len(follow_ups), len(meetings))


def check(session: Session, from_user_id: int, to_user_id: int) -> HandoverError | None:
    """Why this handover cannot be done, or None when it can."""
    if from_user_id == to_user_id:
        return HandoverError.SAME_USER
    giver, successor = session.get(User, from_user_id), session.get(User, to_user_id)
    if giver is None or successor is None:
        return HandoverError.UNKNOWN_USER
    if successor.revoked_at is not None:
        return HandoverError.SUCCESSOR_REVOKED
    if successor.role == Role.PARTNER:
        return HandoverError.SUCCESSOR_ROLE
    networks = set(session.exec(
        select(Contact.network).where(Contact.owner_user_id == from_user_id).distinct()
    ).all())
    if not networks <= visible_networks(successor):
        return HandoverError.SUCCESSOR_CANNOT_SEE
    return None


def hand_over(session: Session, from_user_id: int, to_user_id: int, actor_user_id: int | None,
              now: datetime) -> Moved | HandoverError:
    """Move contacts, open follow-ups and running meetings to the successor, in the caller's
    transaction, and audit it (ids and counts, no content)."""
    error = check(session, from_user_id, to_user_id)
    if error is not None:
        return error
    contacts, follow_ups, meetings = _ids(session, from_user_id)
    # Only ownership columns change (none of them sealed), so plain UPDATEs are safe; the
    # `owner = from` condition keeps a concurrent change from being overwritten.
    if contacts:
        session.execute(update(Contact).where(col(Contact.id).in_(contacts),
                                              col(Contact.owner_user_id) == from_user_id)
                        .values(owner_user_id=to_user_id))
    if follow_ups:
        session.execute(update(FollowUp).where(col(FollowUp.id).in_(follow_ups),
                                               col(FollowUp.owner_user_id) == from_user_id)
                        .values(owner_user_id=to_user_id))
    if meetings:
        session.execute(update(Meeting).where(col(Meeting.id).in_(meetings),
                                              col(Meeting.organiser_user_id) == from_user_id)
                        .values(organiser_user_id=to_user_id))
    session.expire_all()
    moved = Moved(from_user_id, to_user_id, tuple(contacts), tuple(follow_ups), tuple(meetings))
    audit(session, now, "network.handed_over", actor_user_id, f"user:{from_user_id}",
          to_user=to_user_id, contacts=list(contacts), follow_ups=list(follow_ups),
          meetings=list(meetings))
    return moved


def _ids(session: Session, from_user_id: int) -> tuple[list[int], list[int], list[int]]:
    contacts = session.exec(select(Contact.id).where(Contact.owner_user_id == from_user_id)
                            .order_by(col(Contact.id))).all()
    follow_ups = session.exec(
        select(FollowUp.id).where(FollowUp.owner_user_id == from_user_id,
                                  FollowUp.status == FollowUpStatus.OPEN)
        .order_by(col(FollowUp.id))).all()
    meetings = session.exec(
        select(Meeting.id).where(Meeting.organiser_user_id == from_user_id,
                                 col(Meeting.ended_at).is_(None))
        .order_by(col(Meeting.id))).all()
    return ([i for i in contacts if i is not None], [i for i in follow_ups if i is not None],
            [i for i in meetings if i is not None])


# --------------------------------------------------------------------------- the document


@dataclass(frozen=True)
class ContactLine:
    name: str
    network: str
    organisations: tuple[str, ...]
    roles: tuple[str, ...]
    rhythm: Rhythm
    last_contact_on: date | None
    quiet: Quiet | None  # None: within the rhythm
    restricted: bool  # processing restricted (AVG art. 18): named, nothing more


@dataclass(frozen=True)
class DatedLine:
    on: date
    text: str
    about: str = ""  # the contact(s) it concerns, when the successor may see them


@dataclass(frozen=True)
class MeetingLine:
    every_weeks: int
    first_on: date
    at: str  # "19:30", local wall time


@dataclass
class AreaSection:
    name: str  # "" for contacts without an area
    contacts: list[ContactLine] = field(default_factory=list)
    follow_ups: list[DatedLine] = field(default_factory=list)  # open, with their due date
    signals: list[DatedLine] = field(default_factory=list)  # open signals in the area
    asked: list[DatedLine] = field(default_factory=list)  # what they asked of us, recently
    meetings: list[MeetingLine] = field(default_factory=list)


@dataclass(frozen=True)
class HandoverDocument:
    made_on: date
    from_user_id: int
    to_user_id: int
    counts: Counts
    areas: list[AreaSection]


def document(session: Session, moved: Moved, now: datetime) -> HandoverDocument:
    """Per area: the key contacts that moved, their rhythm and last contact, open follow-ups,
    open signals, and what they asked of us in the last months."""
    successor = session.get(User, moved.to_user_id)
    seen = visible_networks(successor) if successor is not None else frozenset()
    today = now.date()
    contacts = [c for c in _rows(session, Contact, moved.contact_ids)
                if c.archived_at is None and c.network in seen]
    by_id = {c.id: c for c in contacts if c.id is not None}
    ids = list(by_id)
    area_of = _area_names(session, ids)
    types = _organisations(session, ids)
    last = last_contact(session, ids) if ids else {}
    sections: dict[int | None, AreaSection] = {}

    def section(area: tuple[int, str] | None) -> AreaSection:
        key = area[0] if area is not None else None
        return sections.setdefault(key, AreaSection(area[1] if area is not None else ""))

    for contact in contacts:
        assert contact.id is not None
        orgs = types.get(contact.id, [])
        rhythm = rhythm_for(contact, [t for _, t in orgs])
        last_on = last[contact.id].astimezone(now.tzinfo).date() if contact.id in last else None
        start = last_on or contact.agreed_on or contact.created_at.date()
        quiet = None
        if today >= start + timedelta(days=rhythm.max_days):
            quiet = Quiet.OVERDUE
        elif today >= start + timedelta(days=rhythm.ideal_days):
            quiet = Quiet.DUE
        section(area_of.get(contact.id)).contacts.append(ContactLine(
            contact.display_name, contact.network, tuple(n for n, _ in orgs),
            tuple(contact.roles), rhythm, last_on, quiet, contact.restricted_at is not None))

    for follow_up in _rows(session, FollowUp, moved.follow_up_ids):
        about = by_id.get(follow_up.contact_id or 0)
        section(area_of.get(about.id or 0) if about is not None else None).follow_ups.append(
            DatedLine(
            follow_up.due_at.astimezone(now.tzinfo).date(), _line(follow_up.title),
            about.display_name if about is not None else ""))

    since = now - timedelta(days=PROMISED_DAYS)
    for interaction, names in _asked(session, ids, since, by_id):
        section(area_of.get(next(iter(names)))).asked.append(DatedLine(
            interaction.occurred_at.astimezone(now.tzinfo).date(), _line(interaction.asked),
            ", ".join(names.values())))

    for meeting in _rows(session, Meeting, moved.meeting_ids):
        area = session.get(Area, meeting.area_id)
        section((meeting.area_id, area.name) if area is not None else None).meetings.append(
            MeetingLine(meeting.every_weeks, meeting.first_on, f"{meeting.at_time:%H:%M}"))

    for area_id, part in sections.items():
        if area_id is None:
            continue
        for signal in signals(session, area_ids=area_and_children(session, area_id)):
            part.signals.append(DatedLine(signal.observed_on, _signal_line(
                signal.category, signal.status, signal.tension_level, signal.facts)))

    ordered = sorted(sections.values(), key=lambda s: (not s.name, s.name))
    for part in ordered:
        part.contacts.sort(key=lambda c: (not ({r.lower() for r in c.roles} & KEY_ROLES),
                                          c.quiet is None, c.name.lower()))
        part.follow_ups.sort(key=lambda line: line.on)
        part.asked.sort(key=lambda line: line.on, reverse=True)
    return HandoverDocument(today, moved.from_user_id, moved.to_user_id, moved.counts, ordered)


_Row = TypeVar("_Row", Contact, FollowUp, Meeting)


def _rows(session: Session, model: type[_Row], ids: Sequence[int]) -> list[_Row]:
    if not ids:
        return []
    return list(session.exec(select(model).where(col(model.id).in_(list(ids)))
                             .order_by(col(model.id))).all())


def _area_names(session: Session, contact_ids: list[int]) -> dict[int, tuple[int, str]]:
    """Each contact's first area by name (one section per contact, not one per area)."""
    if not contact_ids:
        return {}
    rows = session.exec(
        select(ContactArea.contact_id, Area.id, Area.name)
        .join(Area, col(Area.id) == col(ContactArea.area_id))
        .where(col(ContactArea.contact_id).in_(contact_ids)).order_by(col(Area.name))
    ).all()
    result: dict[int, tuple[int, str]] = {}
    for contact_id, area_id, name in rows:
        if area_id is not None:
            result.setdefault(contact_id, (area_id, name))
    return result


def _organisations(session: Session, contact_ids: list[int]) -> dict[int, list[tuple[str, str]]]:
    if not contact_ids:
        return {}
    rows = session.exec(
        select(ContactOrganisation.contact_id, Organisation.name, Organisation.type)
        .join(Organisation, col(Organisation.id) == col(ContactOrganisation.organisation_id))
        .where(col(ContactOrganisation.contact_id).in_(contact_ids))
        .order_by(col(Organisation.name))
    ).all()
    result: dict[int, list[tuple[str, str]]] = {}
    for contact_id, name, type_code in rows:
        result.setdefault(contact_id, []).append((name, type_code))
    return result


def _asked(session: Session, contact_ids: Collection[int], since: datetime,
           by_id: dict[int, Contact]) -> list[tuple[Interaction, dict[int, str]]]:
    """Recent interactions with these contacts in which something was asked of us, each with
    the names of the moved contacts who took part (others are not named)."""
    if not contact_ids:
        return []
    links = session.exec(
        select(InteractionContact).where(col(InteractionContact.contact_id).in_(
            list(contact_ids)))
    ).all()
    names: dict[int, dict[int, str]] = {}
    for link in links:
        contact = by_id.get(link.contact_id)
        if contact is not None:
            names.setdefault(link.interaction_id, {})[link.contact_id] = contact.display_name
    if not names:
        return []
    interactions = session.exec(
        select(Interaction).where(col(Interaction.id).in_(list(names)),
                                  col(Interaction.occurred_at) >= since)
        .order_by(col(Interaction.occurred_at))
    ).all()
    return [(i, names[i.id]) for i in interactions if i.id is not None and i.asked.strip()]


def _line(text: str) -> str:
    first = " ".join(text.split())
    return first if len(first) <= LINE else first[: LINE - 1].rstrip() + "…"


def _signal_line(category: str, status: str, level: int | None, facts: str) -> str:
    level_text = f", spanning {level}" if level is not None else ""
    return f"{category.replace('_', ' ')} ({status.replace('_', ' ')}{level_text}): {_line(facts)}"


# --------------------------------------------------------------------------- rendering

_WORDS: dict[str, dict[str, str]] = {
    "nl": {
        "title": "# Overdrachtsdocument netwerk",
        "sensitive": (
            "**Vertrouwelijk.** Dit document noemt personen uit het netwerk. Het is alleen "
            "voor de opvolger: niet doorsturen, niet printen, verwijderen na gebruik."
        ),
        "meta": ("Gemaakt op {date}. Van gebruiker {giver} naar gebruiker {successor}: "
                 "{contacts} contacten, {follow_ups} open vervolgacties, {meetings} "
                 "gebiedsoverleggen."),
        "no_area": "Zonder gebied",
        "contacts": "### Sleutelcontacten",
        "contact": ("- **{name}** ({network}{orgs}) — ritme elke {ideal} dagen (uiterlijk "
                    "{max}); laatste contact: {last}{quiet}"),
        "restricted": "- **{name}** — verwerking beperkt (AVG art. 18): geen gegevens",
        "never": "nog nooit",
        "due": " — **toe aan contact**",
        "overdue": " — **te lang geleden**",
        "follow_ups": "### Open vervolgacties",
        "signals": "### Open signalen in het gebied",
        "asked": "### Wat er van ons gevraagd is (laatste maanden)",
        "meetings": "### Gebiedsoverleg",
        "meeting": "- elke {weeks} weken op {weekday} om {time} (vanaf {first})",
        "line": "- {date}: {text}",
        "line_about": "- {date}: {text} ({about})",
        "none": "_Geen._",
        "formal": "formeel",
        "informal": "informeel",
        "empty": "Er was niets over te dragen.",
    },
    "en": {
        "title": "# Network handover document",
        "sensitive": (
            "**Confidential.** This document names people in the network. It is for the "
            "successor only: do not forward or print it, delete it after use."
        ),
        "meta": ("Made on {date}. From user {giver} to user {successor}: {contacts} contacts, "
                 "{follow_ups} open follow-ups, {meetings} area meetings."),
        "no_area": "No area",
        "contacts": "### Key contacts",
        "contact": ("- **{name}** ({network}{orgs}) — rhythm every {ideal} days (at most "
                    "{max}); last contact: {last}{quiet}"),
        "restricted": "- **{name}** — processing restricted (GDPR art. 18): no details",
        "never": "never",
        "due": " — **due for contact**",
        "overdue": " — **too long ago**",
        "follow_ups": "### Open follow-ups",
        "signals": "### Open signals in the area",
        "asked": "### What was asked of us (recent months)",
        "meetings": "### Area meeting",
        "meeting": "- every {weeks} weeks on {weekday} at {time} (from {first})",
        "line": "- {date}: {text}",
        "line_about": "- {date}: {text} ({about})",
        "none": "_None._",
        "formal": "formal",
        "informal": "informal",
        "empty": "There was nothing to hand over.",
    },
}
_WEEKDAYS = {"nl": ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag",
                    "zondag"),
             "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
                    "Sunday")}


def render_markdown(doc: HandoverDocument, lang: str = "nl") -> str:
    """The document as Markdown: readable as plain text, and by any Markdown viewer."""
    w = _WORDS.get(lang, _WORDS["nl"])
    out = [w["title"], "", w["sensitive"], "",
           w["meta"].format(date=long_date(doc.made_on, lang), giver=doc.from_user_id,
                            successor=doc.to_user_id, contacts=doc.counts.contacts,
                            follow_ups=doc.counts.follow_ups, meetings=doc.counts.meetings)]
    if not doc.areas:
        out += ["", w["empty"]]
    for part in doc.areas:
        out += ["", f"## {part.name or w['no_area']}", "", w["contacts"]]
        out += [_contact(c, w, lang) for c in part.contacts] or [w["none"]]
        out += ["", w["follow_ups"]]
        out += [_dated(line, w, lang) for line in part.follow_ups] or [w["none"]]
        if part.name:
            out += ["", w["signals"]]
            out += [_dated(line, w, lang) for line in part.signals] or [w["none"]]
        out += ["", w["asked"]]
        out += [_dated(line, w, lang) for line in part.asked] or [w["none"]]
        if part.meetings:
            out += ["", w["meetings"], *(_meeting(m, w, lang) for m in part.meetings)]
    return "\n".join(out) + "\n"


def _contact(line: ContactLine, w: dict[str, str], lang: str) -> str:
    if line.restricted:
        return w["restricted"].format(name=line.name)
    orgs = f"; {', '.join(line.organisations)}" if line.organisations else ""
    last = long_date(line.last_contact_on, lang) if line.last_contact_on else w["never"]
    quiet = w[str(line.quiet)] if line.quiet is not None else ""
    return w["contact"].format(name=line.name, network=w[line.network], orgs=orgs,
                               ideal=line.rhythm.ideal_days, max=line.rhythm.max_days,
                               last=last, quiet=quiet)


def _dated(line: DatedLine, w: dict[str, str], lang: str) -> str:
    key = "line_about" if line.about else "line"
    return w[key].format(date=long_date(line.on, lang), text=line.text, about=line.about)


def _meeting(line: MeetingLine, w: dict[str, str], lang: str) -> str:
    weekdays = _WEEKDAYS.get(lang, _WEEKDAYS["nl"])
    return w["meeting"].format(weeks=line.every_weeks, weekday=weekdays[line.first_on.weekday()],
                               time=line.at, first=long_date(line.first_on, lang))


__all__ = [
    "AreaSection", "ContactLine", "Counts", "DatedLine", "HandoverDocument", "HandoverError",
    "MeetingLine", "Moved", "check", "document", "hand_over",
    "pending", "render_markdown", "staff",
]
