"""Logging a visit: from a message to a draft the coordinator confirms, then to the register."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, datetime, time, tzinfo
from typing import Any
from weakref import WeakKeyDictionary
from zoneinfo import ZoneInfo

from pydantic import BaseModel, Field
from sqlmodel import Session, col, select

from core.access import audit
from core.contacts import create_contact, create_organisation, link_area, link_organisation
from core.dates import When
from core.organisations import BY_CODE
from core.reading.names import find_names
from core.reading.redact import redact
from core.understanding import Known, read_visit
from storage.models import (
    Area,
    Contact,
    FollowUp,
    Initiative,
    Interaction,
    InteractionContact,
    InteractionKind,
    Network,
    Organisation,
    RegisterRevision,
    User,
)
from storage.revision import BUMPED
from storage.sealing import opened

REMIND_AT = time(9, 0)  # a follow-up due "on a day" is reminded at the start of the working day
MIDDAY = time(12, 0)
STRUCK_TITLE = "Opvolgen"  # a follow-up whose whole title the guard left out


class DraftPerson(BaseModel):
    name: str
    contact_id: int | None = None
    candidates: list[int] = Field(default_factory=list)
    network: str | None = None


class DraftOrganisation(BaseModel):
    name: str
    type_code: str | None = None
    organisation_id: int | None = None


class DraftArea(BaseModel):
    name: str
    area_id: int | None = None


class DraftReplacement(BaseModel):
    """A name the guard replaced in the card's texts (core.reading.redact), shown on the card."""

    name: str
    word: str
    minor: bool = False


class DraftFollowUp(BaseModel):
    title: str
    # None: the message gave no date the bot could read. The card asks "Wanneer?" and the
    # visit is not stored until it is answered (a guessed date was easy to overlook).
    due_at: datetime | None = None
    grain: str = "day"


class VisitDraft(BaseModel):
    """Everything on the confirmation card; kept in the dialogue state until Opslaan."""

    people: list[DraftPerson] = Field(default_factory=list)
    organisation: DraftOrganisation | None = None
    area: DraftArea | None = None
    occurred_at: datetime
    occurred_grain: str = "day"
    kind: str = "bezoek"
    initiated_by: str = "us"
    mood: str | None = None
    topics: list[str] = Field(default_factory=list)
    summary: str = ""
    shared: str = ""  # what we told or gave them
    asked: str = ""  # what they asked of the municipality
    duration_minutes: int | None = None  # time spent (core.hours); None: not said
    follow_up: DraftFollowUp | None = None  # the one the card's buttons edit
    more_follow_ups: list[DraftFollowUp] = Field(default_factory=list)  # "…bellen en …mailen"
    signal_words: list[str] = Field(default_factory=list)
    # What the guard left out of the texts (design §2.7): shown on the card, never stored.
    struck: list[str] = Field(default_factory=list)
    replaced: list[DraftReplacement] = Field(default_factory=list)
    # E-mail addresses and phone numbers in the texts (core.subject flags them): stored only
    # when the writer chose to keep them on the card.
    contact_details: list[str] = Field(default_factory=list)
    keep_contact_details: bool = False

    def all_follow_ups(self) -> list[DraftFollowUp]:
        return ([self.follow_up] if self.follow_up else []) + list(self.more_follow_ups)

    def undated_follow_up(self) -> int | None:
        """Where in all_follow_ups() the first follow-up without a date is, if any."""
        return next((index for index, follow_up in enumerate(self.all_follow_ups())
                     if follow_up.due_at is None), None)

    def set_due(self, index: int, due_at: datetime, grain: str) -> None:
        """Give the follow-up at `index` of all_follow_ups() its date."""
        follow_up = self.all_follow_ups()[index]
        follow_up.due_at, follow_up.grain = due_at, grain

    def people_needing_network(self) -> list[DraftPerson]:
        return [p for p in self.people if p.contact_id is None and p.network is None]

    def ambiguous_people(self) -> list[DraftPerson]:
        return [p for p in self.people if p.contact_id is None and p.candidates]

    def guard(self, text: str, keep: Collection[str] = (), places: Collection[str] = ()) -> str:
        """`text` as it may be stored (core.reading.redact), noting on the card what changed.

        The people on the card keep their names; anyone else's is replaced, a minor's always.
        `places` (organisations, areas; the card's own always) are not taken for names.
        """
        own = [x.name for x in (self.organisation, self.area) if x is not None]
        result = redact(text, keep=[*keep, *(p.name for p in self.people)],
                        places=[*own, *places])
        self.struck += [s for s in result.struck if s not in self.struck]
        for replacement in result.replaced:
            if all(r.name.lower() != replacement.name.lower() for r in self.replaced):
                self.replaced.append(DraftReplacement(
                    name=replacement.name, word=replacement.word, minor=replacement.minor))
        return result.text

    def guard_texts(self, keep: Collection[str] = (), places: Collection[str] = ()) -> None:
        """Every text on the card through the guard: summary, ledger and follow-up titles."""
        self.summary = self.guard(self.summary, keep, places)
        self.shared = self.guard(self.shared, keep, places)
        self.asked = self.guard(self.asked, keep, places)
        for follow_up in self.all_follow_ups():
            follow_up.title = self.guard(follow_up.title, keep, places) or STRUCK_TITLE

    def add_replaced_person(self, index: int) -> bool:
        """A replaced adult's name becomes a contact on the card (a minor's never does)."""
        if not 0 <= index < len(self.replaced) or self.replaced[index].minor:
            return False
        replacement = self.replaced.pop(index)
        self.people.append(DraftPerson(name=replacement.name))
        return True


class UndatedFollowUpError(ValueError):
    """A follow-up has no date yet: the card asks when before the visit is stored."""


class MissingNetworkError(ValueError):
    """A new contact must be placed in the formal or informal network before it is stored."""


class ContactDetailsError(ValueError):
    """The texts hold e-mail addresses or phone numbers nobody chose to keep."""


def known(session: Session, networks: Collection[str] | None = None) -> Known:
    """Names the register knows, for matching in memory (never a plaintext name query).

    `networks` limits the contacts to those the user may see: a colleague must not meet an
    informal key figure's name on a card or a "which one?" button. A restricted contact
    (core.subject) is not offered at all. Kept per process until the register's revision moves
    (storage.revision); a transaction that changed names itself reads them afresh.
    """
    revision = session.get(RegisterRevision, 1)
    bind = session.get_bind()
    key = (revision.n if revision else None, frozenset(networks) if networks else None)
    if revision is None or session.info.get(BUMPED):
        return _load_known(session, networks)
    cache = _KNOWN.setdefault(bind, {})
    found = cache.get(key)
    if found is None:
        if any(n != key[0] for n, _ in cache):
            cache.clear()
        found = cache[key] = _load_known(session, networks)
    return found


# Per engine: (revision, networks) → the names. Cleared when the revision moves.
_KNOWN: WeakKeyDictionary[Any, dict[tuple[int | None, frozenset[str] | None], Known]] = (
    WeakKeyDictionary())


def _load_known(session: Session, networks: Collection[str] | None) -> Known:
    statement = select(Contact.id, Contact.display_name).where(
        col(Contact.archived_at).is_(None), col(Contact.restricted_at).is_(None))
    if networks is not None:
        statement = statement.where(col(Contact.network).in_(list(networks)))
    contacts = opened(session, Contact, "display_name", session.exec(statement))
    organisation_names = select(Organisation.id, Organisation.name)
    if networks is not None:  # an organisation of a network one may not see is not known
        organisation_names = organisation_names.where(
            col(Organisation.network).in_(list(networks)))
    organisations = session.exec(organisation_names).all()
    areas = session.exec(select(Area.id, Area.name)).all()
    return Known(
        contacts=tuple((int(i), n) for i, n in contacts if i is not None),
        organisations=tuple((int(i), n) for i, n in organisations if i is not None),
        areas=tuple((int(i), n) for i, n in areas if i is not None),
    )


def as_local(moment: datetime, tz: ZoneInfo) -> datetime:
    """Aware moment in the municipality's zone; naive wall-clock times are read as local."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=tz)
    return moment.astimezone(tz)


def remind_on(day: date, tz: tzinfo | None) -> datetime:
    """The moment a follow-up "for a day" is reminded: the start of that working day."""
    return datetime.combine(day, REMIND_AT, tzinfo=tz)


def due_moment(when: When, tz: ZoneInfo) -> datetime:
    """When to remind: a precise time as said, a day (or week, month) at 09:00 on its first day."""
    start = as_local(when.start, tz)
    if when.grain in ("minute", "hour"):
        return start
    return remind_on(start.date(), tz)


def visit_moment(when: When, tz: ZoneInfo) -> datetime:
    """When a visit happened: a day is stored at midday, so no zone shift moves its date."""
    start = as_local(when.start, tz)
    if when.grain in ("minute", "hour"):
        return start
    return datetime.combine(start.date(), MIDDAY, tzinfo=tz)


def draft_visit(
    session: Session, text: str, now: datetime, networks: Collection[str] | None = None,
    keep: Collection[str] = (),
) -> VisitDraft:
    """Read a visit message into a draft, matching names against the contacts in `networks`.

    The texts pass the guard with the people read from the message, and `keep` (a contact the
    visit was started from), allowed to keep their names.
    """
    tz = _zone(now)
    register = known(session, networks)
    reading = read_visit(text, now, register)
    organisation = None
    network_hint: str | None = None
    if reading.organisation is not None:
        org = reading.organisation
        organisation = DraftOrganisation(
            name=org.name, type_code=org.type_code, organisation_id=org.organisation_id
        )
        if org.organisation_id is not None:
            existing = session.get(Organisation, org.organisation_id)
            network_hint = existing.network if existing else None
        elif org.type_code and BY_CODE[org.type_code].network is not None:
            network_hint = BY_CODE[org.type_code].network
    if network_hint is None and reading.role_type is not None:
        network_hint = BY_CODE[reading.role_type].network
    # A name with an age under 18 beside it is a minor's: never a contact (design §2.7).
    minors = {m.text.lower() for m in find_names(text) if m.minor}
    people = [
        DraftPerson(
            name=p.text, contact_id=p.contact_id, candidates=p.candidates,
            network=None if p.contact_id else network_hint,
        )
        for p in reading.people if p.text.lower() not in minors
    ]
    for person in people:
        if person.contact_id is not None:
            contact = session.get(Contact, person.contact_id)
            if contact is not None:
                person.name = contact.display_name
    occurred_at, occurred_grain = now, "day"
    if reading.occurred is not None and as_local(reading.occurred.start, tz) <= now:
        occurred_at, occurred_grain = visit_moment(reading.occurred, tz), reading.occurred.grain
    guesses = [
        _draft_follow_up(guess.title, guess.due, tz) for guess in reading.follow_ups
    ] or ([_draft_follow_up(reading.follow_up.title, reading.follow_up.due, tz)]
          if reading.follow_up is not None else [])
    area = None
    if reading.area is not None:
        area = DraftArea(name=reading.area.name, area_id=reading.area.area_id)
    draft = VisitDraft(
        people=people,
        organisation=organisation,
        area=area,
        occurred_at=occurred_at,
        occurred_grain=occurred_grain,
        summary=reading.summary,
        kind=reading.kind or InteractionKind.BEZOEK.value,
        initiated_by=reading.initiated_by or Initiative.US.value,
        shared=ledger([*reading.shared, *reading.promised]),
        asked=ledger(reading.asked),
        duration_minutes=reading.duration_minutes,
        follow_up=guesses[0] if guesses else None,
        more_follow_ups=guesses[1:],
        signal_words=reading.signal_words,
    )
    draft.guard_texts(keep, places(register))
    return draft


def places(register: Known) -> list[str]:
    """The organisations and areas the register knows: names, but not of people."""
    return [name for _, name in (*register.organisations, *register.areas)]


def ledger(lines: Collection[str]) -> str:
    """Lines of the reciprocity ledger as one text ("Info gegeven over…; Ik zorg dat…")."""
    return "; ".join(line.strip().rstrip(".;") for line in lines if line.strip())


def _draft_follow_up(title: str, due: When | None, tz: ZoneInfo) -> DraftFollowUp:
    """A follow-up for the card; without a time its date is left open for the card to ask."""
    if due is None:
        return DraftFollowUp(title=title)
    return DraftFollowUp(title=title, due_at=due_moment(due, tz), grain=due.grain)


def save_visit(session: Session, draft: VisitDraft, user: User, now: datetime) -> Interaction:
    """Store the confirmed visit, its new contacts and its follow-up in one transaction."""
    missing = draft.people_needing_network()
    if missing:
        raise MissingNetworkError(", ".join(p.name for p in missing))
    if draft.undated_follow_up() is not None:
        raise UndatedFollowUpError("a follow-up without a date")
    if draft.contact_details and not draft.keep_contact_details:
        raise ContactDetailsError(f"{len(draft.contact_details)} contact detail(s) to decide on")
    # Whatever path filled the texts, only what the guard keeps is stored.
    draft.guard_texts(places=places(known(session)))
    area_id = _area_id(session, draft.area)
    organisation_id = _organisation_id(session, draft, area_id, now)
    interaction = Interaction(
        occurred_at=draft.occurred_at,
        occurred_grain=draft.occurred_grain,
        kind=draft.kind,
        area_id=area_id,
        organisation_id=organisation_id,
        initiated_by=draft.initiated_by,
        mood=draft.mood,
        topics=list(draft.topics),
        summary=draft.summary,
        shared=draft.shared,
        asked=draft.asked,
        duration_minutes=draft.duration_minutes,
        logged_by_user_id=user.id,
        created_at=now,
    )
    session.add(interaction)
    session.flush()
    assert interaction.id is not None
    contact_ids: list[int] = []
    for person in draft.people:
        contact_id = person.contact_id
        if contact_id is None:
            contact = create_contact(
                session, name=person.name, network=person.network or "", now=now,
                owner_user_id=user.id, organisation_id=organisation_id,
                area_ids=[area_id] if area_id else [],
            )
            assert contact.id is not None
            contact_id = contact.id
        else:
            if organisation_id is not None:
                link_organisation(session, contact_id, organisation_id)
            if area_id is not None:
                link_area(session, contact_id, area_id)
        if contact_id not in contact_ids:
            contact_ids.append(contact_id)
            session.add(InteractionContact(interaction_id=interaction.id, contact_id=contact_id))
    assert user.id is not None
    for follow_up in draft.all_follow_ups():
        assert follow_up.due_at is not None  # undated ones were refused above
        session.add(
            FollowUp(
                title=follow_up.title,
                contact_id=contact_ids[0] if contact_ids else None,
                interaction_id=interaction.id,
                owner_user_id=user.id,
                due_at=follow_up.due_at,
                due_grain=follow_up.grain,
                created_at=now,
            )
        )
    audit(session, now, "interaction.created", user.id, f"interaction:{interaction.id}")
    return interaction


def _zone(now: datetime) -> ZoneInfo:
    if isinstance(now.tzinfo, ZoneInfo):
        return now.tzinfo
    raise ValueError("visits are drafted with an aware 'now' in the municipality's zone")


def _area_id(session: Session, area: DraftArea | None) -> int | None:
    if area is None:
        return None
    if area.area_id is not None:
        return area.area_id
    existing = session.exec(select(Area).where(Area.name == area.name)).first()
    if existing is None:
        existing = Area(name=area.name, kind="wijk")
        session.add(existing)
        session.flush()
    return existing.id


def _organisation_id(
    session: Session, draft: VisitDraft, area_id: int | None, now: datetime
) -> int | None:
    org = draft.organisation
    if org is None:
        return None
    if org.organisation_id is not None:
        return org.organisation_id
    type_code = org.type_code or "overig"
    network = BY_CODE[type_code].network or (draft.people[0].network if draft.people else None)
    organisation = create_organisation(
        session, name=org.name, type_code=type_code, network=network or Network.FORMAL,
        now=now, area_ids=[area_id] if area_id else [],
    )
    return organisation.id
