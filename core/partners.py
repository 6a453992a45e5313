"""Partners on the bot (design.md §5, issue 6): invited for a contact in the register, they
agree to the processing, ask the municipality questions and receive the information it shares.

A partner is linked to exactly one contact and sees only what concerns it. Nothing is sent to
a partner who has not agreed (or whose processing is restricted): `may_receive` is checked
where the messages are rendered for sending, not only in the dialogue. Every question that is
answered, and every message that arrived, is recorded on the contact as an interaction: the
reciprocity ledger (what they asked, what we shared).
"""

from __future__ import annotations

import base64
import mimetypes
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from sqlalchemy import update
from sqlmodel import Session, col, select

from core import outbox
from core.access import INVITE_TTL, audit, create_invite
from core.permissions import Capability, can
from core.reading.redact import redact
from storage.models import (
    Area,
    Broadcast,
    BroadcastFile,
    BroadcastRecipient,
    Contact,
    ContactArea,
    ContactOrganisation,
    ContactStatus,
    Initiative,
    Interaction,
    InteractionContact,
    InteractionKind,
    Organisation,
    Outbox,
    PartnerQuestion,
    Role,
    User,
)

QUESTION = "partner.question"  # outbox kind: a partner's question, to a coordinator
ANSWER = "partner.answer"  # outbox kind: the answer, to the partner
BROADCAST = "partner.broadcast"  # outbox kind: information, to one recipient of a broadcast

MAX_TEXT = 2000  # characters of a question, answer or message kept (a chat message, not a file)
MAX_FILE_BYTES = 10 * 1024 * 1024  # the largest file a message to partners may carry
MAX_FILE_NAME = 120
# What a partner can open on any phone: pdf, pictures, office documents, plain text.
FILE_TYPES = frozenset({
    "application/pdf", "image/jpeg", "image/png", "image/gif", "image/webp", "text/plain",
    "application/msword", "application/vnd.ms-excel", "application/vnd.ms-powerpoint",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "application/vnd.oasis.opendocument.text", "application/vnd.oasis.opendocument.spreadsheet",
})

# Ordinary information is not pushed at night; urgent information (crisis mode) goes at once.
QUIET_FROM = time(21, 0)
QUIET_UNTIL = time(8, 0)

# Permanent send failures that mean the partner blocked the bot or left the chat.
_BLOCKED = ("blocked", "the bot is not in that room")


class RecipientStatus(StrEnum):
    QUEUED = "queued"
    DELIVERED = "delivered"
    BLOCKED = "blocked"  # they blocked the bot (or left the chat)
    FAILED = "failed"  # the chat service refused it, or sending kept failing
    SKIPPED = "skipped"  # by the time it was sent they were no longer agreed or a partner


class InviteError(StrEnum):
    UNKNOWN = "unknown"  # no such contact
    ARCHIVED = "archived"  # the contact is archived or has stopped
    RESTRICTED = "restricted"  # processing restricted (AVG art. 18): no new contact through us

    @property
    def explanation(self) -> str:
        """Why, for the command line (the chat has its own catalogue texts)."""
        return {
            InviteError.UNKNOWN: "dat contact bestaat niet.",
            InviteError.ARCHIVED: "het contact is gearchiveerd of gestopt.",
            InviteError.RESTRICTED: "de verwerking van dit contact is beperkt.",
        }[self]


class FileError(StrEnum):
    TOO_LARGE = "too_large"  # over MAX_FILE_BYTES
    TYPE = "type"  # not a kind of file a partner can be expected to open
    EMPTY = "empty"


class QuestionError(StrEnum):
    NOT_AGREED = "not_agreed"
    EMPTY = "empty"


class AnswerError(StrEnum):
    GONE = "gone"
    ALREADY = "already"  # answered before (a second coordinator, a second answer)
    EMPTY = "empty"


# --- onboarding ----------------------------------------------------------------------------


def invite_partner(session: Session, contact: Contact, actor: User | None, now: datetime,
                   ttl: timedelta = INVITE_TTL) -> str | InviteError:
    """A one-time partner invite for a contact in the register; its token is shown once.
    `actor` is None on the command line."""
    if contact.archived_at is not None or contact.status == ContactStatus.GESTOPT:
        return InviteError.ARCHIVED
    if contact.restricted_at is not None:
        return InviteError.RESTRICTED
    return create_invite(session, Role.PARTNER, now, ttl, contact_id=contact.id,
                         actor_user_id=actor.id if actor is not None else None)


def contact_of(session: Session, user: User) -> Contact | None:
    """The register entry a partner account belongs to (None for staff or a loose partner)."""
    if user.role != Role.PARTNER or user.contact_id is None:
        return None
    return session.get(Contact, user.contact_id)


def has_agreed(session: Session, user: User) -> bool:
    contact = contact_of(session, user)
    return contact is not None and contact.agreed_on is not None


def may_receive(session: Session, user: User) -> bool:
    """Whether anything may be sent to this partner: an active partner account, for a contact
    that agreed, is not archived and whose processing is not restricted."""
    if user.revoked_at is not None or not can(user.role, Capability.RECEIVE_INFORMATION):
        return False
    contact = contact_of(session, user)
    return (contact is not None and contact.agreed_on is not None
            and contact.archived_at is None and contact.restricted_at is None)


def agree(session: Session, user: User, today: date, now: datetime) -> bool:
    """Record the partner's agreement on their contact; False when there is nothing to agree
    for (no linked contact) — agreeing twice keeps the first date."""
    contact = contact_of(session, user)
    if contact is None:
        return False
    if contact.agreed_on is None:
        contact.agreed_on = today
        if contact.informed_on is None:  # the notice was shown right above the button
            contact.informed_on = today
        session.add(contact)
        audit(session, now, "partner.agreed", user.id, f"contact:{contact.id}")
    return True


# --- questions -----------------------------------------------------------------------------


def ask(session: Session, user: User, text: str, now: datetime
        ) -> PartnerQuestion | QuestionError:
    """Store a partner's question and owe it to the coordinator(s) who answer it."""
    contact = contact_of(session, user)
    # The one guard (core.reading.redact): the partner's own name may stay, nobody else's.
    question_text = redact(text.strip(), keep=[contact.display_name] if contact else []
                           ).text[:MAX_TEXT]
    if not question_text:
        return QuestionError.EMPTY
    if contact is None or not may_receive(session, user):
        return QuestionError.NOT_AGREED
    assert contact.id is not None
    assert user.id is not None
    question = PartnerQuestion(contact_id=contact.id, asked_by_user_id=user.id,
                               question=question_text, asked_at=now)
    session.add(question)
    session.flush()
    assert question.id is not None
    for recipient in answerers(session, contact):
        assert recipient.id is not None
        outbox.enqueue(session, user_id=recipient.id, kind=QUESTION, ref_id=question.id,
                       dedupe_key=f"{QUESTION}:{question.id}:{recipient.id}", now=now)
    audit(session, now, "partner.asked", user.id, f"contact:{contact.id}")
    return question


def answerers(session: Session, contact: Contact) -> list[User]:
    """Who gets a partner's question: the contact's owner when they may answer, else every
    active coordinator (and, when there is none, the admins)."""
    if contact.owner_user_id is not None:
        owner = session.get(User, contact.owner_user_id)
        if owner is not None and owner.revoked_at is None and can(owner.role,
                                                                   Capability.INFORM_PARTNERS):
            return [owner]
    staff = session.exec(
        select(User).where(col(User.revoked_at).is_(None)).order_by(col(User.id))
    ).all()
    coordinators = [u for u in staff if u.role == Role.COORDINATOR]
    return coordinators or [u for u in staff if u.role == Role.ADMIN]


def answer(session: Session, question_id: int, by: User, text: str, now: datetime
           ) -> PartnerQuestion | AnswerError:
    """Answer a question once: of two answers (two coordinators, a double send) exactly one
    wins. The answer is owed to the partner and both are logged as an interaction initiated
    by them."""
    question = session.get(PartnerQuestion, question_id)
    asker = session.get(Contact, question.contact_id) if question is not None else None
    answer_text = redact(text.strip(), keep=[asker.display_name] if asker else []
                         ).text[:MAX_TEXT]
    if not answer_text:
        return AnswerError.EMPTY
    if question is None:
        return AnswerError.GONE
    claimed = session.execute(
        update(PartnerQuestion)
        .where(col(PartnerQuestion.id) == question_id, col(PartnerQuestion.answered_at).is_(None))
        .values(answered_at=now, answered_by_user_id=by.id)
    )
    if claimed.rowcount != 1:  # type: ignore[attr-defined]
        return AnswerError.ALREADY
    session.refresh(question)
    interaction = _log_interaction(
        session, question.contact_id, now, by.id, initiated_by=Initiative.THEM,
        asked=question.question, shared=answer_text,
    )
    question.answer = answer_text
    question.interaction_id = interaction.id
    session.add(question)
    outbox.enqueue(session, user_id=question.asked_by_user_id, kind=ANSWER, ref_id=question.id,
                   dedupe_key=f"{ANSWER}:{question.id}", now=now)
    audit(session, now, "partner.answered", by.id, f"contact:{question.contact_id}")
    return question


# --- informing partners --------------------------------------------------------------------


@dataclass(frozen=True)
class Segment:
    """Which partners: an area (with its wijken) or the whole city, a network or both, an
    organisation type or all."""

    area_id: int | None = None
    network: str | None = None
    organisation_type: str | None = None


def recipients(session: Session, segment: Segment) -> list[tuple[Contact, User]]:
    """The partners in a segment who may receive information now, one account per contact."""
    partners = session.exec(
        select(User).where(User.role == Role.PARTNER, col(User.revoked_at).is_(None),
                           col(User.contact_id).is_not(None))
        .order_by(col(User.id))
    ).all()
    by_contact: dict[int, User] = {}
    for user in partners:
        assert user.contact_id is not None
        by_contact.setdefault(user.contact_id, user)
    if not by_contact:
        return []
    contacts = session.exec(
        select(Contact).where(col(Contact.id).in_(list(by_contact)))
        .order_by(col(Contact.id))
    ).all()
    in_area = _contacts_in_area(session, segment.area_id) if segment.area_id else None
    of_type = _contacts_of_type(session, segment.organisation_type)
    chosen = []
    for contact in contacts:
        assert contact.id is not None
        if (contact.agreed_on is None or contact.archived_at is not None
                or contact.restricted_at is not None or contact.status == ContactStatus.GESTOPT):
            continue
        if segment.network is not None and contact.network != segment.network:
            continue
        if in_area is not None and contact.id not in in_area:
            continue
        if of_type is not None and contact.id not in of_type:
            continue
        chosen.append((contact, by_contact[contact.id]))
    return chosen


def organisation_types(session: Session) -> list[str]:
    """The organisation types partners who agreed belong to: the choices worth offering."""
    reachable = [contact.id for contact, _ in recipients(session, Segment())]
    if not reachable:
        return []
    types = session.exec(
        select(Organisation.type)
        .join(ContactOrganisation, col(ContactOrganisation.organisation_id) == col(Organisation.id))
        .where(col(ContactOrganisation.contact_id).in_(reachable),
               col(Organisation.archived_at).is_(None))
        .distinct()
    ).all()
    return sorted(types)


def send_broadcast(session: Session, actor: User, segment: Segment, text: str, *, urgent: bool,
                   now: datetime, tz: ZoneInfo, file_id: int | None = None) -> Broadcast | None:
    """Owe a message (with the file `file_id`, kept by `store_file`) to every partner in the
    segment; None when the text is empty or nobody is in it. Urgent messages go at once,
    others wait for the morning when sent at night."""
    message = redact(text.strip()).text[:MAX_TEXT]  # the one guard (core.reading.redact)
    reached = recipients(session, segment)
    if not message or not reached:
        return None
    return broadcast_to(session, actor, reached, segment, message, urgent=urgent, now=now, tz=tz,
                        file_id=file_id)


def broadcast_to(session: Session, actor: User, reached: list[tuple[Contact, User]],
                 segment: Segment, message: str, *, urgent: bool, now: datetime, tz: ZoneInfo,
                 file_id: int | None = None) -> Broadcast:
    """Owe `message` to these partners (a segment's, or a survey round's): one recipient row
    each, delivered like any information and recorded as shared when it arrives."""
    broadcast = Broadcast(text=message, urgent=urgent, area_id=segment.area_id,
                          network=segment.network, organisation_type=segment.organisation_type,
                          created_by_user_id=actor.id, created_at=now)
    session.add(broadcast)
    session.flush()
    attached = session.get(BroadcastFile, file_id) if file_id is not None else None
    if (attached is not None and attached.broadcast_id is None
            and attached.created_by_user_id == actor.id):  # one message per uploaded file
        attached.broadcast_id = broadcast.id
        session.add(attached)
    send_at = now if urgent else first_daytime(now, tz)
    for contact, user in reached:
        assert contact.id is not None
        assert user.id is not None
        assert broadcast.id is not None
        recipient = BroadcastRecipient(broadcast_id=broadcast.id, contact_id=contact.id,
                                       user_id=user.id)
        session.add(recipient)
        session.flush()
        key = f"{BROADCAST}:{recipient.id}"
        outbox.enqueue(session, user_id=user.id, kind=BROADCAST, ref_id=recipient.id,
                       dedupe_key=key, now=now)
        if send_at > now:
            row = session.exec(select(Outbox).where(Outbox.dedupe_key == key)).one()
            row.not_before = send_at
            session.add(row)
    audit(session, now, "partner.broadcast", actor.id, f"broadcast:{broadcast.id}",
          recipients=len(reached), urgent=urgent)
    return broadcast


def store_file(session: Session, actor: User, filename: str, mime: str, content: bytes,
               now: datetime) -> BroadcastFile | FileError:
    """Keep a file for a message being composed, sealed at rest (base64 in a sealed column):
    stored once however many partners receive it, linked to the broadcast when it is sent."""
    if not content:
        return FileError.EMPTY
    if len(content) > MAX_FILE_BYTES:
        return FileError.TOO_LARGE
    name = _file_name(filename, mime)
    kind = file_type(name, mime)
    if kind is None:
        return FileError.TYPE
    stored = BroadcastFile(created_by_user_id=actor.id, created_at=now, filename=name,
                           mime=kind, size=len(content),
                           content=base64.b64encode(content).decode("ascii"))
    session.add(stored)
    session.flush()
    return stored


def file_type(filename: str, mime: str) -> str | None:
    """The file's MIME type when it is one partners may be sent; the name decides when the
    chat service does not say (or says only 'some bytes')."""
    given = mime.split(";")[0].strip().lower()
    if given in FILE_TYPES:
        return given
    guessed, _encoding = mimetypes.guess_type(filename)
    if given in ("", "application/octet-stream") and guessed in FILE_TYPES:
        return guessed
    return None


def draft_file(session: Session, actor: User, file_id: object) -> BroadcastFile | None:
    """A file this user uploaded for a message not sent yet."""
    if not isinstance(file_id, int):
        return None
    found = session.get(BroadcastFile, file_id)
    if found is None or found.broadcast_id is not None or found.created_by_user_id != actor.id:
        return None
    return found


def drop_draft_file(session: Session, actor: User, file_id: object) -> None:
    """Forget a file uploaded for a message that is cancelled (or given another file)."""
    found = draft_file(session, actor, file_id)
    if found is not None:
        session.delete(found)


def file_of(session: Session, broadcast_id: int) -> BroadcastFile | None:
    return session.exec(
        select(BroadcastFile).where(BroadcastFile.broadcast_id == broadcast_id)
    ).first()


def file_bytes(stored: BroadcastFile) -> bytes:
    return base64.b64decode(stored.content)


def _file_name(filename: str, mime: str) -> str:
    """The name without any folder, shortened; a name made up when the chat service gave
    none (a photo)."""
    name = filename.replace("\\", "/").rsplit("/", 1)[-1].strip()
    if not name:
        extension = mimetypes.guess_extension(mime.split(";")[0].strip().lower()) or ""
        name = f"bestand{extension}"
    if len(name) <= MAX_FILE_NAME:
        return name
    stem, dot, extension = name.rpartition(".")
    if dot and len(extension) <= 10:
        return f"{stem[:MAX_FILE_NAME - len(extension) - 1]}.{extension}"
    return name[:MAX_FILE_NAME]


def first_daytime(now: datetime, tz: ZoneInfo) -> datetime:
    """`now`, or the next QUIET_UNTIL when `now` is in the quiet hours (local time)."""
    local = now.astimezone(tz)
    if QUIET_UNTIL <= local.time() < QUIET_FROM:
        return now
    day = local.date() if local.time() < QUIET_UNTIL else local.date() + timedelta(days=1)
    return datetime.combine(day, QUIET_UNTIL, tzinfo=tz)


def skip(session: Session, recipient: BroadcastRecipient, now: datetime) -> None:
    """A queued message that may no longer be sent (agreement gone, account revoked)."""
    if recipient.status == RecipientStatus.QUEUED:
        recipient.status, recipient.settled_at = RecipientStatus.SKIPPED, now
        session.add(recipient)


def results(session: Session, broadcast_id: int) -> dict[str, int]:
    """How many recipients of a broadcast are in each state."""
    counts = {status.value: 0 for status in RecipientStatus}
    for recipient in session.exec(
        select(BroadcastRecipient).where(BroadcastRecipient.broadcast_id == broadcast_id)
    ).all():
        counts[recipient.status] = counts.get(recipient.status, 0) + 1
    return counts


def _broadcast_settled(session: Session, row: Outbox, now: datetime, delivered: bool) -> None:
    """Delivery's outcome for one recipient: kept on the recipient, and what arrived recorded
    as shared with the contact. Only a queued recipient changes (a skip or a second process's
    mark leaves the first outcome)."""
    recipient = session.get(BroadcastRecipient, row.ref_id) if row.ref_id is not None else None
    if recipient is None or recipient.status != RecipientStatus.QUEUED:
        return
    recipient.settled_at = now
    if not delivered:
        refused = (row.last_error or "").lower()
        blocked = row.attempts < outbox.MAX_ATTEMPTS and refused.startswith(_BLOCKED)
        recipient.status = RecipientStatus.BLOCKED if blocked else RecipientStatus.FAILED
        session.add(recipient)
        return
    broadcast = session.get(Broadcast, recipient.broadcast_id)
    assert broadcast is not None
    assert broadcast.id is not None
    attached = file_of(session, broadcast.id)
    shared = (f"{broadcast.text}\n(bijlage: {attached.filename})" if attached is not None
              else broadcast.text)
    interaction = _log_interaction(session, recipient.contact_id, now,
                                   broadcast.created_by_user_id, initiated_by=Initiative.US,
                                   shared=shared, topics=["dringend"] if broadcast.urgent
                                   else [])
    recipient.status, recipient.interaction_id = RecipientStatus.DELIVERED, interaction.id
    session.add(recipient)


def _answer_owner(session: Session, row: Outbox) -> int | None:
    """An answer that could not be delivered is reported to the coordinator who wrote it."""
    question = session.get(PartnerQuestion, row.ref_id) if row.ref_id is not None else None
    return question.answered_by_user_id if question is not None else None


def _no_notice(_session: Session, _row: Outbox) -> int | None:
    """A broadcast's failures are counted in its results, not reported one by one."""
    return None


outbox.SETTLED[BROADCAST] = _broadcast_settled
outbox.OWNERS[BROADCAST] = _no_notice
outbox.OWNERS[ANSWER] = _answer_owner


# --- shared ----------------------------------------------------------------------------------


def _log_interaction(session: Session, contact_id: int, now: datetime, by: int | None, *,
                     initiated_by: Initiative, asked: str = "", shared: str = "",
                     topics: Iterable[str] = ()) -> Interaction:
    interaction = Interaction(
        occurred_at=now, occurred_grain="minute", kind=InteractionKind.ONLINE,
        initiated_by=initiated_by, asked=asked, shared=shared, topics=list(topics),
        logged_by_user_id=by, created_at=now,
    )
    session.add(interaction)
    session.flush()
    assert interaction.id is not None
    session.add(InteractionContact(interaction_id=interaction.id, contact_id=contact_id))
    return interaction


def _contacts_in_area(session: Session, area_id: int) -> set[int]:
    """Contacts in the area or in one of its wijken."""
    areas = {area_id}
    areas |= {a.id for a in session.exec(select(Area).where(Area.parent_id == area_id)).all()
              if a.id is not None}
    rows = session.exec(
        select(ContactArea.contact_id).where(col(ContactArea.area_id).in_(list(areas)))
    ).all()
    return set(rows)


def _contacts_of_type(session: Session, organisation_type: str | None) -> set[int] | None:
    if organisation_type is None:
        return None
    rows = session.exec(
        select(ContactOrganisation.contact_id)
        .join(Organisation, col(Organisation.id) == col(ContactOrganisation.organisation_id))
        .where(Organisation.type == organisation_type, col(Organisation.archived_at).is_(None))
    ).all()
    return set(rows)
