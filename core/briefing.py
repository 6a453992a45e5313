"""The one-screen briefing before a visit (`/kort`): who someone is in the network, the last
contacts (by the date they happened, not when they were typed), the open follow-ups, what we
shared or promised and what they asked of the municipality (the reciprocity ledger).

Plain data for the chat to render; no wording here. Whether the reader may see this contact
(a colleague sees the formal network only) is decided by the caller before asking.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlmodel import Session, col, or_, select

from core.contacts import areas_of, organisations_of
from storage.models import Contact, FollowUp, FollowUpStatus, Interaction, InteractionContact

SHOWN = 3  # last contacts, and lines of the ledger, on one screen
LINE = 90  # characters of a summary shown on one line


@dataclass(frozen=True)
class OrganisationLine:
    name: str
    type_code: str
    function: str | None


@dataclass(frozen=True)
class PastContact:
    """One earlier interaction, in one line."""

    interaction_id: int
    occurred_at: datetime
    grain: str
    kind: str
    initiated_by: str
    mood: str | None
    summary: str  # the first line of the summary, shortened to `LINE` characters


@dataclass(frozen=True)
class LedgerLine:
    """Something we shared or promised, or something they asked, and when it was said."""

    occurred_at: datetime
    grain: str
    text: str


@dataclass(frozen=True)
class OpenFollowUp:
    id: int
    title: str
    due_at: datetime
    grain: str
    overdue: bool


@dataclass(frozen=True)
class Briefing:
    contact_id: int
    name: str
    network: str
    status: str
    roles: tuple[str, ...]
    organisations: tuple[OrganisationLine, ...]
    areas: tuple[str, ...]
    last_contacts: tuple[PastContact, ...]  # newest first, at most `SHOWN`
    contacts_total: int  # how many interactions there are in all
    open_follow_ups: tuple[OpenFollowUp, ...]  # the earliest due first
    shared: tuple[LedgerLine, ...]  # what we told, gave or promised them, newest first
    asked: tuple[LedgerLine, ...]  # what they asked of the municipality, newest first

    @property
    def last_contact_at(self) -> datetime | None:
        return self.last_contacts[0].occurred_at if self.last_contacts else None


def briefing(session: Session, contact_id: int, now: datetime, *, shown: int = SHOWN
             ) -> Briefing | None:
    """What to know before meeting this contact; None when there is no such contact."""
    contact = session.get(Contact, contact_id)
    if contact is None or contact.id is None:
        return None
    interactions = list(session.exec(
        select(Interaction)
        .join(InteractionContact, col(InteractionContact.interaction_id) == col(Interaction.id))
        .where(InteractionContact.contact_id == contact.id)
        .order_by(col(Interaction.occurred_at).desc(), col(Interaction.id).desc())
    ).all())
    last = tuple(
        PastContact(
            interaction_id=i.id or 0, occurred_at=i.occurred_at, grain=i.occurred_grain,
            kind=i.kind, initiated_by=i.initiated_by, mood=i.mood, summary=one_line(i.summary),
        )
        for i in interactions[:shown]
    )
    return Briefing(
        contact_id=contact.id,
        name=contact.display_name,
        network=contact.network,
        status=contact.status,
        roles=tuple(contact.roles),
        organisations=tuple(
            OrganisationLine(org.name, org.type, function)
            for org, function in organisations_of(session, contact.id)
            if org.archived_at is None
        ),
        areas=tuple(area.name for area in areas_of(session, contact.id)),
        last_contacts=last,
        contacts_total=len(interactions),
        open_follow_ups=_open_follow_ups(session, contact.id, [i.id for i in interactions], now),
        shared=_ledger(interactions, "shared", shown),
        asked=_ledger(interactions, "asked", shown),
    )


def one_line(text: str, width: int = LINE) -> str:
    """The first line of a text, cut at a word boundary to `width` characters with '…'."""
    first = " ".join((text or "").strip().split("\n", 1)[0].split())
    if len(first) <= width:
        return first
    cut = first[: width - 1]
    if " " in cut[width // 2 :]:
        cut = cut[: cut.rfind(" ")]
    return cut.rstrip(" ,;:.-") + "…"


def _open_follow_ups(session: Session, contact_id: int, interaction_ids: list[int | None],
                     now: datetime) -> tuple[OpenFollowUp, ...]:
    """Open follow-ups about this contact, also those from a meeting they were part of."""
    about = col(FollowUp.contact_id) == contact_id
    ids = [i for i in interaction_ids if i is not None]
    condition = or_(about, col(FollowUp.interaction_id).in_(ids)) if ids else about
    rows = session.exec(
        select(FollowUp)
        .where(FollowUp.status == FollowUpStatus.OPEN, condition)
        .order_by(col(FollowUp.due_at), col(FollowUp.id))
    ).all()
    return tuple(
        OpenFollowUp(id=row.id or 0, title=row.title, due_at=row.due_at, grain=row.due_grain,
                     overdue=_overdue(row, now))
        for row in rows
    )


def _overdue(row: FollowUp, now: datetime) -> bool:
    """Past its moment; one due on a day is late only from the next day on."""
    if row.due_grain in ("minute", "hour"):
        return row.due_at < now.astimezone(UTC)
    return row.due_at.astimezone(now.tzinfo).date() < now.date()


def _ledger(interactions: list[Interaction], field: str, shown: int) -> tuple[LedgerLine, ...]:
    lines: list[LedgerLine] = []
    for interaction in interactions:
        text = one_line(getattr(interaction, field) or "")
        if text:
            lines.append(LedgerLine(interaction.occurred_at, interaction.occurred_grain, text))
        if len(lines) >= shown:
            break
    return tuple(lines)
