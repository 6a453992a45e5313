"""A partner's own rights through the bot (AVG art. 12, 15–17; issue 8): a copy of what the
register holds about them, and a request to correct or erase it.

The copy is the coordinator's subject export (core.subject) with what the partner is not
entitled to taken out (art. 15(4): a copy may not harm the rights of others): other contacts'
names in free text, staff identities, and the content of signals they were the source of (that
describes an area and may describe other people; date, area, category and status stay). What
was left out is listed in the document itself, so the partner knows to ask for it.

Rights do not depend on consent: a partner who never pressed Akkoord, or whose processing is
restricted, still gets the copy and may still ask. A request is recorded (its text sealed),
owed to whoever handles it through the outbox, and answered within one month (art. 12(3)).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, tzinfo
from enum import StrEnum
from typing import Any

from sqlalchemy import update
from sqlmodel import Session, col, select

from core import outbox
from core.access import audit
from core.partners import answerers, contact_of
from core.reading.redact import MINOR, PERSON, redact
from core.subject import Row, export_subject
from storage.models import (
    Area,
    Contact,
    Organisation,
    PartnerQuestion,
    Role,
    SubjectRequest,
    User,
)

REQUEST = "partner.subject_request"  # outbox kind: a request, to whoever handles it
HANDLED = "partner.subject_request_handled"  # outbox kind: the partner hears it was handled

MAX_TEXT = 1000  # a short explanation, not a letter
REDACTED = "[…]"  # stands in for another person's name, in any language

# What a partner's copy leaves out, as codes the readable text explains.
WITHHELD = ("other_names", "staff", "signal_content")


class Kind(StrEnum):
    ERASURE = "erasure"
    CORRECTION = "correction"


@dataclass(frozen=True)
class Requested:
    request: SubjectRequest
    new: bool  # False: an open request of the same kind was already there


# --- the copy (art. 15) ------------------------------------------------------------------------


def own_data(session: Session, user: User, now: datetime, tz: tzinfo = UTC) -> Row | None:
    """What the register holds about this partner's contact, fit to hand to them; None for an
    account not linked to a contact. Audited as the partner's own request, without content."""
    contact = contact_of(session, user)
    if contact is None or contact.id is None:
        return None
    document = export_subject(session, contact, now, tz, actor=user.id,
                              action="subject.self_exported")
    hide = _redactor(session, contact)
    person = {k: v for k, v in document["contact"].items() if k != "owner_user_id"}
    return {
        **document,
        "format": f"{document['format']}-own",
        "contact": person,
        "interactions": [
            {k: hide(v) if k in ("summary", "shared", "asked") else v
             for k, v in item.items() if k != "logged_by_user_id"}
            for item in document["interactions"]],
        "follow_ups": [
            {k: hide(v) if k == "title" else v for k, v in item.items()
             if k not in ("owner_user_id", "reminded_at")}
            for item in document["follow_ups"]],
        "signals": [
            {k: v for k, v in item.items() if k not in ("facts", "interpretation")}
            for item in document["signals"]],
        "questions": [_question(q, tz, hide) for q in session.exec(
            select(PartnerQuestion).where(PartnerQuestion.contact_id == contact.id)
            .order_by(col(PartnerQuestion.asked_at), col(PartnerQuestion.id)))],
        "requests": [_request(r, tz) for r in requests_of(session, contact.id)],
        "withheld": list(WITHHELD),
    }


def _redactor(session: Session, contact: Contact) -> Callable[[Any], Any]:
    """Replaces every person's name but the partner's own in a text: any name the name finder
    reads (core.reading.redact, so also people who are no contact, and any minor), then the
    register's other contacts (whole, and each capitalised part of three letters or more that
    is not also part of the partner's own name). Names are sealed, so they are matched in
    memory."""
    places = [*session.exec(select(Organisation.name)).all(),
              *session.exec(select(Area.name)).all()]

    def by_finder(value: str) -> str:
        found = redact(value, keep=[contact.display_name], places=places, strike=False).text
        return found.replace(PERSON, REDACTED).replace(MINOR, REDACTED)

    own = set(contact.display_name.split())
    names: set[str] = set()
    for other in session.exec(select(Contact)).all():
        if other.id == contact.id or not other.display_name.strip():
            continue
        names.add(other.display_name.strip())
        names |= {p for p in other.display_name.split()
                  if len(p) >= 3 and p[0].isupper() and p not in own}
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(
        re.escape(n) for n in sorted(names, key=len, reverse=True)) + r")(?!\w)") if names else None

    def redacted(value: Any) -> Any:
        if not isinstance(value, str):
            return value
        value = by_finder(value)
        return pattern.sub(REDACTED, value) if pattern is not None else value

    return redacted


def _question(question: PartnerQuestion, tz: tzinfo, hide: Callable[[Any], Any]) -> Row:
    return {"asked_at": _iso(question.asked_at, tz), "question": hide(question.question),
            "answered_at": _iso(question.answered_at, tz), "answer": hide(question.answer)}


def _request(request: SubjectRequest, tz: tzinfo) -> Row:
    return {"kind": request.kind, "text": request.text,
            "requested_at": _iso(request.requested_at, tz), "due_on": request.due_on.isoformat(),
            "handled_at": _iso(request.handled_at, tz)}


def _iso(moment: datetime | None, tz: tzinfo) -> str | None:
    return moment.astimezone(tz).isoformat() if moment is not None else None


# --- requests to correct or erase (art. 16, 17) ------------------------------------------------


def one_month_after(day: date) -> date:
    """The legal term: the same day next month, or that month's last day (31 Jan → 28 Feb)."""
    year, month = (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def requests_of(session: Session, contact_id: int) -> list[SubjectRequest]:
    return list(session.exec(
        select(SubjectRequest).where(SubjectRequest.contact_id == contact_id)
        .order_by(col(SubjectRequest.requested_at), col(SubjectRequest.id))).all())


def request(session: Session, user: User, kind: Kind, text: str, now: datetime,
            tz: tzinfo = UTC) -> Requested | None:
    """Record a partner's request and owe it to whoever handles it; None for an account not
    linked to a contact. A second request of the same kind while one is open adds nothing."""
    contact = contact_of(session, user)
    if contact is None or contact.id is None or user.id is None:
        return None
    for earlier in requests_of(session, contact.id):
        if earlier.kind == kind and earlier.handled_at is None:
            return Requested(earlier, new=False)
    # The one guard (core.reading.redact): the partner's own name stays, nobody else's.
    text = redact(text.strip(), keep=[contact.display_name]).text
    row = SubjectRequest(contact_id=contact.id, requested_by_user_id=user.id, kind=kind,
                         text=text[:MAX_TEXT], requested_at=now,
                         due_on=one_month_after(now.astimezone(tz).date()))
    session.add(row)
    session.flush()
    assert row.id is not None
    for recipient in handlers(session, contact, kind):
        assert recipient.id is not None
        outbox.enqueue(session, user_id=recipient.id, kind=REQUEST, ref_id=row.id,
                       dedupe_key=f"{REQUEST}:{row.id}:{recipient.id}", now=now)
    audit(session, now, f"partner.{kind}_requested", user.id, f"contact:{contact.id}",
          request=row.id, explained=bool(row.text))
    return Requested(row, new=True)


def handlers(session: Session, contact: Contact, kind: Kind) -> list[User]:
    """Who gets a request: those who answer the partner's questions (the owner, or the
    coordinators); an erasure also goes to the admins, the only ones who may erase."""
    chosen = answerers(session, contact)
    if kind == Kind.ERASURE:
        admins = session.exec(select(User).where(User.role == Role.ADMIN,
                                                 col(User.revoked_at).is_(None))
                              .order_by(col(User.id))).all()
        chosen += [a for a in admins if a.id not in {u.id for u in chosen}]
    return chosen


def mark_handled(session: Session, request_id: int, by: User, now: datetime) -> bool:
    """Close a request once (of two presses exactly one wins) and tell the partner."""
    claimed = session.execute(
        update(SubjectRequest)
        .where(col(SubjectRequest.id) == request_id, col(SubjectRequest.handled_at).is_(None))
        .values(handled_at=now, handled_by_user_id=by.id))
    if claimed.rowcount != 1:  # type: ignore[attr-defined]
        return False
    row = session.get(SubjectRequest, request_id)
    assert row is not None
    session.refresh(row)
    outbox.enqueue(session, user_id=row.requested_by_user_id, kind=HANDLED, ref_id=row.id,
                   dedupe_key=f"{HANDLED}:{row.id}", now=now)
    audit(session, now, "subject_request.handled", by.id, f"contact:{row.contact_id}",
          request=row.id, kind=row.kind)
    return True
