"""A contact's rights over what the register holds about them (AVG art. 15–18).

Access: everything about one contact, machine-readable (the register export's columns, see
core.export) — the readable Dutch text is rendered from the same data in the chat flow.
Rectification goes through the register's own edit flow. Restriction keeps the contact but
stops processing: no nudges or digest lines, no matching. Erasure deletes the contact and
what exists only because of them, takes their name out of every other text (core.name_removal),
leaves a tombstone and is audited.

Also here: the guard that flags e-mail addresses and phone numbers in a visit's free text, so
contact details never end up in a summary without the writer choosing so.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo
from typing import Any

from rapidfuzz import fuzz
from sqlalchemy import delete
from sqlmodel import Session, col, select

from core.access import audit, revoke_user
from core.contacts import last_contact
from core.export import FORMAT, _row, _value
from core.name_removal import NameRemoved, remove_name
from core.referrals import Found, screen
from core.retention import (
    ANONYMISED_NAME,
    delete_follow_up,
    delete_interaction,
    leave_tombstone,
    let_go_of,
)
from core.visits import VisitDraft
from storage.models import (
    Area,
    BroadcastRecipient,
    Contact,
    ContactArea,
    ContactOrganisation,
    FollowUp,
    Interaction,
    InteractionContact,
    Organisation,
    PartnerQuestion,
    Signal,
    SubjectRequest,
    SurveyAnswer,
    SurveyParticipant,
    User,
)

ERASURE = "erasure_request"
Row = dict[str, Any]


# --- finding the person ------------------------------------------------------------------------


def find_subjects(session: Session, query: str, networks: Iterable[str], limit: int = 5
                  ) -> list[Contact]:
    """Contacts whose name looks like `query`, archived ones too: a request often comes from
    someone who stopped. Matched in memory (names are sealed)."""
    wanted = query.strip().lower()
    allowed = set(networks)
    if not wanted:
        return []
    scored = []
    for contact in session.exec(select(Contact).order_by(col(Contact.id))).all():
        if contact.network not in allowed:
            continue
        name = contact.display_name.lower()
        score = max(fuzz.WRatio(wanted, name), fuzz.ratio(wanted, name.split()[0]) if name
                    else 0.0)
        if score >= 70:
            scored.append((score, contact))
    scored.sort(key=lambda item: (-item[0], item[1].display_name))
    return [contact for _, contact in scored[:limit]]


# --- access (art. 15, 20) ----------------------------------------------------------------------


def export_subject(session: Session, contact: Contact, now: datetime, tz: tzinfo = UTC,
                   actor: int | None = None, action: str = "subject.exported") -> Row:
    """Everything held about one contact, as plain values; the export is audited (as
    `action`: a partner's copy of their own data is told apart, see core.partner_rights).

    The contact with their organisations and areas, the contact moments they took part in,
    the follow-ups about them and the signals they are the source of.
    """
    assert contact.id is not None
    organisations = session.exec(
        select(Organisation, ContactOrganisation)  # the whole link: its function is sealed
        .join(ContactOrganisation,
              col(ContactOrganisation.organisation_id) == col(Organisation.id))
        .where(ContactOrganisation.contact_id == contact.id)
        .order_by(col(Organisation.name))).all()
    areas = session.exec(select(Area).join(ContactArea, col(ContactArea.area_id) == col(Area.id))
                         .where(ContactArea.contact_id == contact.id)
                         .order_by(col(Area.name))).all()
    interactions = interactions_of(session, contact.id)
    follow_ups = session.exec(select(FollowUp).where(FollowUp.contact_id == contact.id)
                              .order_by(col(FollowUp.id))).all()
    signals = session.exec(select(Signal).where(Signal.source_contact_id == contact.id)
                           .order_by(col(Signal.id))).all()
    area_names = {a.id: a.name for a in session.exec(select(Area)).all()}
    person = _row("contacts", contact, tz, {
        "organisation": [o.name for o, _ in organisations],
        "organisation_type": [o.type for o, _ in organisations],
        "function": [link.function for _, link in organisations],
        "areas": [a.name for a in areas],
        "last_contact_at": last_contact(session, [contact.id]).get(contact.id),
    })
    person["restricted_at"] = _value(contact.restricted_at, tz)
    document: Row = {
        "format": f"{FORMAT}-subject",
        "exported_at": _value(now, tz),
        "contact": person,
        "interactions": [
            {**_row("interactions", i, tz), "area": area_names.get(i.area_id)}
            for i in interactions],
        "follow_ups": [_row("follow_ups", f, tz) for f in follow_ups],
        "signals": [_signal_row(s, area_names, tz) for s in signals],
    }
    audit(session, now, action, actor, f"contact:{contact.id}",
          interactions=len(interactions), follow_ups=len(follow_ups), signals=len(signals))
    return document


def interactions_of(session: Session, contact_id: int) -> list[Interaction]:
    return list(session.exec(
        select(Interaction)
        .join(InteractionContact, col(InteractionContact.interaction_id) == col(Interaction.id))
        .where(InteractionContact.contact_id == contact_id)
        .order_by(col(Interaction.occurred_at), col(Interaction.id))).all())


def _signal_row(signal: Signal, area_names: dict[int | None, str], tz: tzinfo) -> Row:
    return {
        "id": signal.id, "observed_on": _value(signal.observed_on, tz),
        "area": area_names.get(signal.area_id), "category": signal.category,
        "facts": signal.facts, "interpretation": signal.interpretation,
        "status": signal.status, "created_at": _value(signal.created_at, tz),
    }


# --- restriction (art. 18) ---------------------------------------------------------------------


def restrict(session: Session, contact: Contact, now: datetime, actor: int | None) -> bool:
    """Keep the contact but stop processing them; False when already restricted."""
    if contact.restricted_at is not None:
        return False
    contact.restricted_at = now
    session.add(contact)
    audit(session, now, "subject.restricted", actor, f"contact:{contact.id}")
    return True


def lift_restriction(session: Session, contact: Contact, now: datetime, actor: int | None
                     ) -> bool:
    if contact.restricted_at is None:
        return False
    contact.restricted_at = None
    session.add(contact)
    audit(session, now, "subject.restriction_lifted", actor, f"contact:{contact.id}")
    return True


# --- erasure (art. 17) -------------------------------------------------------------------------


@dataclass(frozen=True)
class ErasurePlan:
    """What erasing one contact does, counted before anyone confirms."""

    interactions_deleted: int  # they were the only participant
    interactions_unlinked: int  # others took part too: only their place in it goes
    follow_ups_deleted: int  # about them, or hanging off a deleted contact moment
    signals_unsourced: int  # they stay, without their source


def erasure_plan(session: Session, contact_id: int) -> ErasurePlan:
    alone, shared = _split_interactions(session, contact_id)
    return ErasurePlan(
        interactions_deleted=len(alone), interactions_unlinked=len(shared),
        follow_ups_deleted=len(_follow_ups_going(session, contact_id, alone)),
        signals_unsourced=len(_sourced(session, contact_id)),
    )


@dataclass(frozen=True)
class Erased:
    """What an erasure did: the records it deleted or unlinked (as planned), and where it took
    the name out of what is left (core.name_removal)."""

    plan: ErasurePlan
    name_removed: NameRemoved


def erase(session: Session, contact: Contact, now: datetime, actor: int | None) -> Erased:
    """Delete the contact and everything that exists only because of them, in one go; then
    take their name out of every other text, the update journal and the buttons."""
    assert contact.id is not None
    contact_id = contact.id
    plan = erasure_plan(session, contact_id)
    alone, _ = _split_interactions(session, contact_id)
    names = [contact.display_name] if contact.display_name != ANONYMISED_NAME else []
    gone = _going(session, contact_id, alone)
    _end_partnership(session, contact_id, now, actor)
    for follow_up in session.exec(select(FollowUp).where(FollowUp.contact_id == contact_id)):
        leave_tombstone(session, "follow_up", follow_up.id, "deleted", ERASURE, now,
                        record_date=follow_up.created_at.date(), actor=actor)
        delete_follow_up(session, follow_up)
    session.flush()
    for interaction in alone:
        delete_interaction(session, interaction, now, ERASURE, actor=actor)
    session.execute(delete(InteractionContact)
                    .where(col(InteractionContact.contact_id) == contact_id))
    for signal in _sourced(session, contact_id):
        signal.source_contact_id = None
        session.add(signal)
    session.execute(delete(ContactOrganisation)
                    .where(col(ContactOrganisation.contact_id) == contact_id))
    session.execute(delete(ContactArea).where(col(ContactArea.contact_id) == contact_id))
    let_go_of(session, Contact, contact_id)
    leave_tombstone(session, "contact", contact_id, "deleted", ERASURE, now,
                    record_date=contact.created_at.date(), actor=actor)
    session.flush()
    session.delete(contact)
    audit(session, now, "subject.erased", actor, f"contact:{contact_id}",
          interactions_deleted=plan.interactions_deleted,
          interactions_unlinked=plan.interactions_unlinked,
          follow_ups_deleted=plan.follow_ups_deleted, signals_unsourced=plan.signals_unsourced)
    session.flush()
    removed = remove_name(session, names, now, actor, subject=f"contact:{contact_id}", gone=gone)
    return Erased(plan, removed)


def _going(session: Session, contact_id: int, alone: list[Interaction]) -> dict[str, set[int]]:
    """The records an erasure deletes, by type: buttons pointing at them go too."""
    alone_ids = [i.id for i in alone]
    questions = session.exec(select(PartnerQuestion.id).where(
        (col(PartnerQuestion.contact_id) == contact_id)
        | col(PartnerQuestion.interaction_id).in_(alone_ids))).all()
    return {
        "contact": {contact_id},
        "interaction": {i for i in alone_ids if i is not None},
        "follow_up": {f for f in _follow_ups_going(session, contact_id, alone) if f is not None},
        "question": {q for q in questions if q is not None},
    }


def _end_partnership(session: Session, contact_id: int, now: datetime, actor: int | None
                     ) -> None:
    """A partner's own questions and what was sent to them go with them; their account on
    the bot is revoked, so nobody keeps talking to the bot as an erased person."""
    for question in session.exec(select(PartnerQuestion)
                                 .where(PartnerQuestion.contact_id == contact_id)):
        leave_tombstone(session, "partner_question", question.id, "deleted", ERASURE, now,
                        record_date=question.asked_at.date(), actor=actor)
        session.delete(question)
    session.execute(delete(BroadcastRecipient)
                    .where(col(BroadcastRecipient.contact_id) == contact_id))
    participations = select(SurveyParticipant.id).where(
        SurveyParticipant.contact_id == contact_id)
    session.execute(delete(SurveyAnswer)
                    .where(col(SurveyAnswer.participant_id).in_(participations)))
    session.execute(delete(SurveyParticipant)
                    .where(col(SurveyParticipant.contact_id) == contact_id))
    for request in session.exec(select(SubjectRequest)  # kept as proof, without its text
                                .where(SubjectRequest.contact_id == contact_id)):
        request.text = ""
        if request.handled_at is None:
            request.handled_at, request.handled_by_user_id = now, actor
        session.add(request)
    by = session.get(User, actor) if actor is not None else None
    for user in session.exec(select(User).where(User.contact_id == contact_id)):
        if user.revoked_at is None:
            revoke_user(session, by, user, now)
        user.contact_id = None
        session.add(user)
    session.flush()


def _split_interactions(session: Session, contact_id: int
                        ) -> tuple[list[Interaction], list[Interaction]]:
    """Their contact moments: those with only them, and those with others too."""
    theirs = interactions_of(session, contact_id)
    ids = [i.id for i in theirs]
    others = set(session.exec(
        select(InteractionContact.interaction_id)
        .where(col(InteractionContact.interaction_id).in_(ids),
               InteractionContact.contact_id != contact_id)).all())
    return ([i for i in theirs if i.id not in others], [i for i in theirs if i.id in others])


def _follow_ups_going(session: Session, contact_id: int, alone: list[Interaction]
                      ) -> set[int | None]:
    ids = [i.id for i in alone]
    rows = session.exec(select(FollowUp).where(
        (col(FollowUp.contact_id) == contact_id) | col(FollowUp.interaction_id).in_(ids))).all()
    return {f.id for f in rows}


def _sourced(session: Session, contact_id: int) -> list[Signal]:
    return list(session.exec(select(Signal).where(Signal.source_contact_id == contact_id)))


# --- contact details in free text --------------------------------------------------------------


def contact_details(text: str) -> list[str]:
    """E-mail addresses and phone numbers in `text` (the same screen signals use)."""
    return [f.text for f in screen(text) if f.kind in (Found.EMAIL, Found.PHONE)]


def flag_contact_details(draft: VisitDraft) -> None:
    """Note on the draft which contact details its texts hold, so the card can ask."""
    found: list[str] = []
    for text in _draft_texts(draft):
        found += [d for d in contact_details(text) if d not in found]
    if any(detail not in draft.contact_details for detail in found):
        draft.keep_contact_details = False  # a new detail needs its own decision
    draft.contact_details = found


def remove_contact_details(draft: VisitDraft) -> None:
    """Take the flagged details out of every text on the draft."""
    def strip(text: str) -> str:
        for detail in draft.contact_details:
            text = text.replace(detail, "")
        return re.sub(r"\s{2,}", " ", re.sub(r"\s+([,.;:])", r"\1", text)).strip()

    draft.summary, draft.shared, draft.asked = (strip(draft.summary), strip(draft.shared),
                                                strip(draft.asked))
    for follow_up in draft.all_follow_ups():
        follow_up.title = strip(follow_up.title)
    draft.contact_details = []
    draft.keep_contact_details = False


def _draft_texts(draft: VisitDraft) -> list[str]:
    return [draft.summary, draft.shared, draft.asked,
            *(f.title for f in draft.all_follow_ups())]
