"""Signals: what is seen or heard in an area, and the trigger events it may be linked to.

A signal describes an area or a theme, never a person (design.md §2.2): its free texts are
screened for names, addresses, phone numbers, e-mail addresses and BSNs before they are kept.
Facts and interpretation are separate fields. Every status change is kept with its reason;
closing and reopening need one. Follow-ups can hang off a signal, including reporting back
to whoever raised it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from pydantic import BaseModel
from sqlmodel import Session, col, select

from core.access import audit
from core.dates import find_when
from core.reading.redact import redact
from core.understanding import MAX_MESSAGE, read_visit
from core.visits import as_local, known, remind_on
from storage.models import (
    Area,
    Contact,
    FollowUp,
    FollowUpLink,
    Signal,
    SignalStatusChange,
    TriggerEvent,
    User,
)

LOCATION_TYPES = ("openbare_ruimte", "school", "online", "gebedshuis_organisatie", "evenement",
                  "overig")
# Two levels: the main category and, optionally, what kind within it.
CATEGORIES: dict[str, tuple[str, ...]] = {
    "polarisatie": ("tussen_bewoners", "tussen_jongeren", "wij_zij"),
    "discriminatie": ("verbaal", "bekladding", "geweld", "uitsluiting", "online_haat"),
    "extremistische_uitingen": ("symbolen", "propaganda", "uitspraken", "online_uitingen"),
    "online": ("oproep", "desinformatie", "haatberichten", "intimidatie_online"),
    "gebeurtenis": ("internationaal", "nationaal", "elders"),
    "demonstratie": ("aangekondigd", "spontaan", "tegendemonstratie"),
    "jongeren": ("groepsvorming", "overlast", "beinvloeding", "online_gedrag"),
    "wantrouwen": ("gemeente", "politie", "instanties", "complot"),
    "positief": ("verbinding", "initiatief", "tegengeluid", "samenwerking"),
    "overig": (),
}
KINDS = ("feitelijk", "ervaren", "verwacht")
SOURCE_TYPES = ("eigen_waarneming", "sleutelfiguur", "formele_partner", "media",
                "sociale_media", "intern", "anoniem")
RELIABILITY = ("bevestigd", "waarschijnlijk", "mogelijk", "twijfelachtig", "onbekend")
TRENDS = ("stijgend", "stabiel", "dalend", "onbekend")
URGENCIES = ("laag", "normaal", "hoog")
TENSION_LEVELS = (0, 1, 2, 3)
EVENT_SCOPES = ("lokaal", "nationaal", "internationaal")
EVENT_KINDS = ("incident", "demonstratie", "spreker", "beleidsbesluit", "media", "herdenking",
               "overig")
MAX_TEXT = 1000  # characters in one free-text field of a signal


class Status(StrEnum):
    GEMELD = "gemeld"
    IN_BEHANDELING = "in_behandeling"
    DOORGEZET = "doorgezet"
    MONITOREN = "monitoren"
    AFGEHANDELD = "afgehandeld"
    GEANNULEERD = "geannuleerd"
    HEROPEND = "heropend"


CLOSED = (Status.AFGEHANDELD, Status.GEANNULEERD)
_WORKING = (Status.IN_BEHANDELING, Status.DOORGEZET, Status.MONITOREN)
# Where a signal may go from each status: forward through the work, back when it flares up
# again, closed (afgehandeld, geannuleerd) from any open status, and only reopened once closed.
TRANSITIONS: dict[Status, tuple[Status, ...]] = {
    Status.GEMELD: (*_WORKING, *CLOSED),
    Status.IN_BEHANDELING: (Status.DOORGEZET, Status.MONITOREN, *CLOSED),
    Status.DOORGEZET: (Status.IN_BEHANDELING, Status.MONITOREN, *CLOSED),
    Status.MONITOREN: (Status.IN_BEHANDELING, Status.DOORGEZET, *CLOSED),
    Status.HEROPEND: (*_WORKING, *CLOSED),
    Status.AFGEHANDELD: (Status.HEROPEND,),
    Status.GEANNULEERD: (Status.HEROPEND,),
}
NEEDS_REASON = (*CLOSED, Status.HEROPEND)
MIN_REASON_LETTERS = 3

PURPOSE_ACTION = "actie"
PURPOSE_SOURCE = "bron"  # terugkoppelen aan de bron: report back to whoever raised it

# Words that suggest a category or a location type; the coordinator confirms or changes it.
_CATEGORY_WORDS: tuple[tuple[str, str], ...] = (
    ("positief", r"positief|veerkracht|verbinding|samen\s?werk|mooi initiatief|tegengeluid"),
    ("discriminatie", r"discrimin\w*|haat\w*|racis\w*|uitgescholden|scheldwoord\w*|beklad\w*|"
                      r"graffiti|hakenkruis|antisemit\w*|moslimhaat|vernield"),
    ("extremistische_uitingen", r"extremis\w*|propaganda|flyers?|pamflet\w*|symbo\w*|leuze\w*"),
    ("demonstratie", r"demonstr\w*|protest\w*|betoging|manifestatie"),
    ("online", r"online|sociale media|tiktok|instagram|telegram|whatsapp|snapchat|facebook|"
               r"desinformatie|nepnieuws|gerucht\w*|oproep\w*"),
    ("gebeurtenis", r"oorlog|conflict|aanslag|gaza|israël|oekraïne|verkiezing\w*|"
                    r"internationa\w*"),
    ("jongeren", r"jongeren|jongens|groepje|hangjongeren|tieners|meiden"),
    ("wantrouwen", r"wantrouwen|complot\w*|overheid|boos op de gemeente|boos op de politie"),
    ("polarisatie", r"polaris\w*|spanning\w*|wij.zij|ruzie|confrontatie|vechtpartij|onrust|"
                    r"grimmig\w*|vijandig\w*"),
)
_LOCATION_WORDS: tuple[tuple[str, str], ...] = (
    ("online", r"online|sociale media|tiktok|instagram|telegram|whatsapp|snapchat|facebook|"
               r"groepsapp|internet"),
    ("school", r"school|klas|leerlingen|schoolplein|mbo|roc|college"),
    ("gebedshuis_organisatie", r"moskee|kerk|synagoge|tempel|gurdwara|buurthuis|wijkcentrum|"
                               r"vereniging|stichting"),
    ("evenement", r"evenement|festival|markt|wedstrijd|bijeenkomst|herdenking|optocht"),
    ("openbare_ruimte", r"straat|plein|park|skatepark|winkelcentrum|station|speeltuin|"
                        r"buiten|voetbalveld|bushalte"),
)


class SignalDraft(BaseModel):
    """A signal being written; kept in the dialogue state until Opslaan."""

    observed_on: date
    area_id: int | None = None
    location_type: str | None = None
    category: str | None = None
    subcategory: str | None = None
    facts: str = ""
    interpretation: str = ""
    counter_signals: str = ""
    kind: str | None = None
    source_type: str = "eigen_waarneming"
    reliability: str = "onbekend"
    tension_level: int | None = None
    trend: str = "onbekend"
    urgency: str = "normaal"
    trigger_event_id: int | None = None
    source_contact_id: int | None = None


class SignalError(ValueError):
    """The draft cannot be stored as it is."""


def guess_category(text: str) -> str | None:
    lowered = text.lower()
    for code, pattern in _CATEGORY_WORDS:
        if re.search(rf"\b(?:{pattern})\b", lowered):
            return code
    return None


def guess_location(text: str) -> str | None:
    lowered = text.lower()
    for code, pattern in _LOCATION_WORDS:
        if re.search(rf"\b(?:{pattern})\b", lowered):
            return code
    return None


def draft_signal(session: Session, text: str, now: datetime) -> SignalDraft:
    """A draft from one message: the facts as written, with the area, the day, the category
    and the kind of place guessed from it."""
    text = " ".join(text[:MAX_MESSAGE].split())
    reading = read_visit(text, now, known(session))
    observed = now.date()
    found = find_when(text, now, prefer="past")
    if found is not None:
        tz = now.tzinfo if isinstance(now.tzinfo, ZoneInfo) else ZoneInfo("UTC")
        day = as_local(found.when.start, tz).date()
        if day <= now.date():
            observed = day
    area_id = reading.area.area_id if reading.area is not None else None
    return SignalDraft(observed_on=observed, area_id=area_id, facts=text[:MAX_TEXT],
                       category=guess_category(text), location_type=guess_location(text))


def save_signal(session: Session, draft: SignalDraft, user: User, now: datetime) -> Signal:
    """Store a confirmed signal as 'gemeld', with the first line of its history."""
    if draft.area_id is None or draft.category is None or not draft.facts.strip():
        raise SignalError("a signal needs an area, a category and facts")
    if draft.category not in CATEGORIES:
        raise SignalError(f"unknown category {draft.category!r}")
    signal = Signal(
        observed_on=draft.observed_on, area_id=draft.area_id,
        location_type=draft.location_type, category=draft.category,
        subcategory=draft.subcategory, facts=_guarded(draft.facts),
        interpretation=_guarded(draft.interpretation),
        counter_signals=_guarded(draft.counter_signals), kind=draft.kind,
        source_type=draft.source_type, reliability=draft.reliability,
        tension_level=draft.tension_level, trend=draft.trend, urgency=draft.urgency,
        trigger_event_id=draft.trigger_event_id, source_contact_id=draft.source_contact_id,
        status=Status.GEMELD, reported_by_user_id=user.id, created_at=now, updated_at=now,
    )
    session.add(signal)
    session.flush()
    assert signal.id is not None
    session.add(SignalStatusChange(signal_id=signal.id, at=now, from_status=None,
                                   to_status=Status.GEMELD, by_user_id=user.id))
    audit(session, now, "signal.created", user.id, f"signal:{signal.id}")
    return signal


def _guarded(text: str) -> str:
    """What of a signal's text may be stored (core.reading.redact). The chat flow already
    replaced names, asking the writer about each; here no special-category sentence and no
    minor's name get through whatever path filled the draft."""
    return redact(text.strip(), replace_names=False).text[:MAX_TEXT]


def reference(signal_id: int) -> str:
    """How a signal is named in the chat: S-12."""
    return f"S-{signal_id}"


# --- the status workflow -----------------------------------------------------------------------


class Change(StrEnum):
    CHANGED = "changed"
    NOT_ALLOWED = "not_allowed"  # not a step this status can take
    REASON_NEEDED = "reason_needed"
    NOT_FOUND = "not_found"


def next_statuses(status: str) -> tuple[Status, ...]:
    try:
        return TRANSITIONS[Status(status)]
    except ValueError:
        return ()


def needs_reason(status: str) -> bool:
    return status in NEEDS_REASON


def valid_reason(reason: str) -> bool:
    return sum(c.isalpha() for c in reason) >= MIN_REASON_LETTERS


def change_status(session: Session, signal_id: int, to: str, user: User, now: datetime,
                  reason: str = "") -> Change:
    """Move a signal to `to` when the workflow allows it; the change is kept as history."""
    signal = session.get(Signal, signal_id)
    if signal is None:
        return Change.NOT_FOUND
    if to not in next_statuses(signal.status):
        return Change.NOT_ALLOWED
    reason = redact(" ".join(reason.split())).text[:300]  # the one guard (core.reading.redact)
    if needs_reason(to) and not valid_reason(reason):
        return Change.REASON_NEEDED
    session.add(SignalStatusChange(signal_id=signal_id, at=now, from_status=signal.status,
                                   to_status=to, reason=reason, by_user_id=user.id))
    signal.status, signal.updated_at = to, now
    session.add(signal)
    audit(session, now, "signal.status", user.id, f"signal:{signal_id}", status=to)
    return Change.CHANGED


def history(session: Session, signal_id: int) -> list[SignalStatusChange]:
    return list(session.exec(
        select(SignalStatusChange).where(SignalStatusChange.signal_id == signal_id)
        .order_by(col(SignalStatusChange.at), col(SignalStatusChange.id))
    ).all())


def is_open(signal: Signal) -> bool:
    return signal.status not in CLOSED


# --- finding signals ---------------------------------------------------------------------------


def area_and_children(session: Session, area_id: int) -> list[int]:
    """An area and the wijken under it (a stadsdeel's picture includes its wijken)."""
    children = session.exec(select(Area.id).where(Area.parent_id == area_id)).all()
    return [area_id, *(c for c in children if c is not None)]


def signals(session: Session, *, area_ids: list[int] | None = None, open_only: bool = True,
            since: date | None = None, limit: int | None = None) -> list[Signal]:
    """Signals, the most recently observed first."""
    statement = select(Signal)
    if area_ids is not None:
        statement = statement.where(col(Signal.area_id).in_(area_ids))
    if open_only:
        statement = statement.where(col(Signal.status).not_in(list(CLOSED)))
    if since is not None:
        statement = statement.where(col(Signal.observed_on) >= since)
    statement = statement.order_by(col(Signal.observed_on).desc(), col(Signal.id).desc())
    if limit is not None:
        statement = statement.limit(limit)
    return list(session.exec(statement).all())


# --- follow-ups hanging off a signal -----------------------------------------------------------


STRUCK_TITLE = "Opvolgen"  # a follow-up whose whole title the guard left out


def add_follow_up(session: Session, signal: Signal, user: User, *, title: str, due_on: date,
                  now: datetime, purpose: str = PURPOSE_ACTION, contact_id: int | None = None
                  ) -> FollowUp:
    """A follow-up on a signal, reminded like any other; `purpose` 'bron' is reporting back."""
    assert user.id is not None
    assert signal.id is not None
    # The one guard (core.reading.redact): only the contact reported back to keeps a name.
    source = session.get(Contact, contact_id) if contact_id is not None else None
    title = redact(title, keep=[source.display_name] if source else []).text or STRUCK_TITLE
    follow_up = FollowUp(
        title=title[:200], contact_id=contact_id, owner_user_id=user.id,
        due_at=remind_on(due_on, now.tzinfo), due_grain="day",
        created_at=now,
    )
    session.add(follow_up)
    session.flush()
    assert follow_up.id is not None
    session.add(FollowUpLink(follow_up_id=follow_up.id, purpose=purpose, signal_id=signal.id))
    audit(session, now, "signal.follow_up", user.id, f"signal:{signal.id}", purpose=purpose)
    return follow_up


def follow_ups(session: Session, signal_id: int) -> list[tuple[FollowUp, str]]:
    rows = session.exec(
        select(FollowUp, FollowUpLink.purpose)
        .join(FollowUpLink, col(FollowUpLink.follow_up_id) == col(FollowUp.id))
        .where(FollowUpLink.signal_id == signal_id)
        .order_by(col(FollowUp.due_at))
    ).all()
    return [(follow_up, purpose) for follow_up, purpose in rows]


# --- trigger events ----------------------------------------------------------------------------


@dataclass(frozen=True)
class EventDraft:
    title: str
    scope: str
    kind: str
    happens_on: date
    area_id: int | None = None


def create_event(session: Session, draft: EventDraft, user: User, now: datetime
                 ) -> TriggerEvent:
    if draft.scope not in EVENT_SCOPES or draft.kind not in EVENT_KINDS:
        raise SignalError("unknown scope or kind of event")
    event = TriggerEvent(title=" ".join(draft.title.split())[:200], scope=draft.scope,
                         kind=draft.kind, happens_on=draft.happens_on, area_id=draft.area_id,
                         created_by_user_id=user.id, created_at=now)
    session.add(event)
    session.flush()
    audit(session, now, "trigger_event.created", user.id, f"trigger_event:{event.id}")
    return event


def recent_events(session: Session, today: date, days_back: int = 60, days_ahead: int = 60,
                  limit: int = 8) -> list[TriggerEvent]:
    """Events from the last `days_back` days and the coming `days_ahead`, nearest first."""
    rows = session.exec(
        select(TriggerEvent)
        .where(col(TriggerEvent.happens_on) >= today - timedelta(days=days_back),
               col(TriggerEvent.happens_on) <= today + timedelta(days=days_ahead))
        .order_by(col(TriggerEvent.happens_on).desc(), col(TriggerEvent.id).desc())
    ).all()
    return sorted(rows, key=lambda e: abs((e.happens_on - today).days))[:limit]


def link_event(session: Session, signal_id: int, event_id: int | None, user: User,
               now: datetime) -> bool:
    signal = session.get(Signal, signal_id)
    if signal is None or (event_id is not None and session.get(TriggerEvent, event_id) is None):
        return False
    signal.trigger_event_id, signal.updated_at = event_id, now
    session.add(signal)
    audit(session, now, "signal.event_linked", user.id, f"signal:{signal_id}")
    return True
