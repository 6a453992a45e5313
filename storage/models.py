"""The register's tables.

Kept deliberately free of special-category fields: there is no column for religion,
ethnicity, political opinion, health or nationality of a person, and organisations are typed
while persons are not (design.md §2). Names, contact details, notes, summaries, facts and
dialogue drafts are sealed per field (AES-GCM, `storage.sealing`): `SEALED` at the bottom lists
them, and those columns hold only ciphertext.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Column, Index, Text, UniqueConstraint, text
from sqlmodel import Field, SQLModel

from storage.types import UTCDateTime


def utcnow() -> datetime:
    """Default for creation stamps; business code passes its own clock's time instead."""
    return datetime.now(UTC)


class Role(StrEnum):
    ADMIN = "admin"
    COORDINATOR = "coordinator"
    COLLEAGUE = "colleague"
    PARTNER = "partner"


class Network(StrEnum):
    FORMAL = "formal"
    INFORMAL = "informal"


class ContactStatus(StrEnum):
    PROSPECT = "prospect"
    BENADERD = "benaderd"
    ACTIEF = "actief"
    SLAPEND = "slapend"
    GESTOPT = "gestopt"


class InteractionKind(StrEnum):
    BEZOEK = "bezoek"
    TELEFOON = "telefoon"
    BIJEENKOMST = "bijeenkomst"
    GEBIEDSOVERLEG = "gebiedsoverleg"
    TRAINING = "training"
    TOEVALLIG = "toevallig"
    ONLINE = "online"


class Initiative(StrEnum):
    US = "us"
    THEM = "them"


class Mood(StrEnum):
    POSITIEF = "positief"
    NEUTRAAL = "neutraal"
    BEZORGD = "bezorgd"
    GESPANNEN = "gespannen"


class FollowUpStatus(StrEnum):
    OPEN = "open"
    DONE = "done"


class User(SQLModel, table=True):
    """Someone allowed to talk to the bot, on one transport."""

    __table_args__ = (UniqueConstraint("transport", "external_id"),)

    id: int | None = Field(default=None, primary_key=True)
    transport: str = Field(max_length=16)
    external_id: str = Field(max_length=255)
    chat_id: str = Field(max_length=255)
    role: str = Field(max_length=16)
    language: str = Field(default="nl", max_length=8)
    created_at: datetime = Field(sa_type=UTCDateTime, default_factory=utcnow)
    revoked_at: datetime | None = Field(sa_type=UTCDateTime, default=None)


class Invite(SQLModel, table=True):
    """A one-time invitation; only the hash of its token is kept."""

    id: int | None = Field(default=None, primary_key=True)
    token_hash: str = Field(max_length=64, unique=True)
    role: str = Field(max_length=16)
    created_at: datetime = Field(sa_type=UTCDateTime)
    expires_at: datetime = Field(sa_type=UTCDateTime)
    used_at: datetime | None = Field(sa_type=UTCDateTime, default=None)
    used_by_user_id: int | None = Field(default=None, foreign_key="user.id")
    revoked_at: datetime | None = Field(sa_type=UTCDateTime, default=None)


class Area(SQLModel, table=True):
    """A stadsdeel or wijk; wijken point at their stadsdeel."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=120, unique=True)
    kind: str = Field(max_length=16)
    parent_id: int | None = Field(default=None, foreign_key="area.id")


class Organisation(SQLModel, table=True):
    """An organisation is typed (gebedshuis – moskee, school, …); the people in it are not."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200)
    type: str = Field(max_length=40)
    network: str = Field(max_length=16)
    created_at: datetime = Field(sa_type=UTCDateTime, default_factory=utcnow)
    archived_at: datetime | None = Field(sa_type=UTCDateTime, default=None)


class OrganisationArea(SQLModel, table=True):
    organisation_id: int = Field(foreign_key="organisation.id", primary_key=True)
    area_id: int = Field(foreign_key="area.id", primary_key=True)


class Contact(SQLModel, table=True):
    """A partner or key figure in the municipality's network (never a community member graph).

    The network (formal/informal) is set once; only an admin changes it, with an audit record.
    The last contact is derived from interactions, by the date they happened.
    """

    id: int | None = Field(default=None, primary_key=True)
    display_name: str = Field(sa_type=Text)
    network: str = Field(max_length=16)
    status: str = Field(default=ContactStatus.ACTIEF, max_length=16)
    roles: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    agreed_on: date | None = None
    informed_on: date | None = None
    preferred_channel: str | None = Field(default=None, max_length=20)
    phone: str | None = Field(default=None, sa_type=Text)
    email: str | None = Field(default=None, sa_type=Text)
    rhythm_ideal_days: int | None = None  # None: the default for the contact's role or type
    rhythm_max_days: int | None = None
    quiet_snoozed_until: date | None = None  # "Later" on a going-quiet line in the digest
    owner_user_id: int | None = Field(default=None, foreign_key="user.id")
    created_at: datetime = Field(sa_type=UTCDateTime, default_factory=utcnow)
    archived_at: datetime | None = Field(sa_type=UTCDateTime, default=None)


class ContactOrganisation(SQLModel, table=True):
    """A contact's place in an organisation, with their function there ("voorzitter")."""

    contact_id: int = Field(foreign_key="contact.id", primary_key=True)
    organisation_id: int = Field(foreign_key="organisation.id", primary_key=True)
    function: str | None = Field(default=None, max_length=120)


class ContactArea(SQLModel, table=True):
    contact_id: int = Field(foreign_key="contact.id", primary_key=True)
    area_id: int = Field(foreign_key="area.id", primary_key=True, index=True)


class Interaction(SQLModel, table=True):
    """One visit, call or meeting; participants are in `InteractionContact`."""

    id: int | None = Field(default=None, primary_key=True)
    occurred_at: datetime = Field(sa_type=UTCDateTime, index=True)
    occurred_grain: str = Field(default="day", max_length=8)
    kind: str = Field(default=InteractionKind.BEZOEK, max_length=20)
    area_id: int | None = Field(default=None, foreign_key="area.id")
    organisation_id: int | None = Field(default=None, foreign_key="organisation.id")
    initiated_by: str = Field(default=Initiative.US, max_length=8)
    mood: str | None = Field(default=None, max_length=16)
    topics: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    summary: str = Field(default="", sa_type=Text)
    # what we told or gave them: the reciprocity ledger
    shared: str = Field(default="", sa_type=Text)
    asked: str = Field(default="", sa_type=Text)  # what they asked of the municipality
    logged_by_user_id: int | None = Field(default=None, foreign_key="user.id")
    created_at: datetime = Field(sa_type=UTCDateTime, default_factory=utcnow)


class InteractionContact(SQLModel, table=True):
    interaction_id: int = Field(foreign_key="interaction.id", primary_key=True)
    contact_id: int = Field(foreign_key="contact.id", primary_key=True, index=True)


class FollowUp(SQLModel, table=True):
    """Something to do by a date; the sweep reminds its owner once per due time."""

    # The sweep asks "open, not reminded, due by now, oldest first" every few seconds; these
    # keep that flat as the table grows (measured in bench/sweep.py): the composite index is
    # what SQLite uses, the partial one what PostgreSQL uses.
    __table_args__ = (
        Index("ix_followup_sweep", "status", "reminded_at", "due_at"),
        Index("ix_followup_unreminded_due", "due_at",
              postgresql_where=text("status = 'open' AND reminded_at IS NULL")),
    )

    id: int | None = Field(default=None, primary_key=True)
    title: str = Field(sa_type=Text)
    contact_id: int | None = Field(default=None, foreign_key="contact.id")
    interaction_id: int | None = Field(default=None, foreign_key="interaction.id")
    owner_user_id: int = Field(foreign_key="user.id", index=True)
    due_at: datetime = Field(sa_type=UTCDateTime, index=True)
    due_grain: str = Field(default="day", max_length=8)
    status: str = Field(default=FollowUpStatus.OPEN, max_length=8, index=True)
    reminded_at: datetime | None = Field(sa_type=UTCDateTime, default=None)
    created_at: datetime = Field(sa_type=UTCDateTime, default_factory=utcnow)
    done_at: datetime | None = Field(sa_type=UTCDateTime, default=None)


class DialogState(SQLModel, table=True):
    """Where a user is in a multi-step flow; in the database so a restart loses nothing."""

    user_id: int = Field(foreign_key="user.id", primary_key=True)
    flow: str = Field(max_length=40)
    step: str = Field(max_length=40)
    data: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    updated_at: datetime = Field(sa_type=UTCDateTime, default_factory=utcnow)


class ButtonPayload(SQLModel, table=True):
    """What a button means, kept under a short id (Telegram allows 64 bytes of callback data)."""

    id: str = Field(primary_key=True, max_length=16)
    user_id: int = Field(foreign_key="user.id", index=True)
    action: str = Field(max_length=40)
    data: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    created_at: datetime = Field(sa_type=UTCDateTime, default_factory=utcnow)
    used_at: datetime | None = Field(sa_type=UTCDateTime, default=None)


class Outbox(SQLModel, table=True):
    """A message the bot owes someone; rendered and sent by delivery, marked when sent.

    Only a kind and a reference are stored, never the text, so no sensitive content waits
    here in the clear; `dedupe_key` makes "remind once per due time" a database guarantee.
    """

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user.id", index=True)
    kind: str = Field(max_length=40)
    ref_id: int | None = None
    dedupe_key: str = Field(max_length=120, unique=True)
    created_at: datetime = Field(sa_type=UTCDateTime)
    not_before: datetime = Field(sa_type=UTCDateTime, index=True)
    sent_at: datetime | None = Field(sa_type=UTCDateTime, default=None, index=True)
    attempts: int = 0
    failed_at: datetime | None = Field(sa_type=UTCDateTime, default=None)
    last_error: str | None = Field(default=None, max_length=200)


class JobRun(SQLModel, table=True):
    """One occurrence of recurring work (a day's digest for one user), done once.

    The key names the occurrence, so a restart, a second sweep or a second process finds it
    done instead of doing it again — also when it produced no message.
    """

    key: str = Field(primary_key=True, max_length=120)
    ran_at: datetime = Field(sa_type=UTCDateTime)


class ProcessedUpdate(SQLModel, table=True):
    """Update ids already taken in, so a redelivered update is handled once."""

    transport: str = Field(primary_key=True, max_length=16)
    update_id: str = Field(primary_key=True, max_length=64)
    received_at: datetime = Field(sa_type=UTCDateTime)


class AuditEvent(SQLModel, table=True):
    """Who did what to which record; never message text."""

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(sa_type=UTCDateTime, index=True)
    actor_user_id: int | None = Field(default=None, foreign_key="user.id")
    action: str = Field(max_length=60)
    subject: str = Field(default="", max_length=120)
    detail: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))


# --- signals, the tension picture per area, handed-over concerns (issue 5) ---------------------
# A signal describes an area or a theme, never a person (design.md §2.2). A concern about one
# person is handed over and only the handoff record below stays, without a name.


class TriggerEvent(SQLModel, table=True):
    """Something that can stir tension (an incident, a demonstration, a speaker, a policy
    decision, a media story, a commemoration), local or far away; signals link to it."""

    id: int | None = Field(default=None, primary_key=True)
    title: str = Field(sa_type=Text)
    scope: str = Field(max_length=16)  # lokaal | nationaal | internationaal
    kind: str = Field(max_length=20)
    happens_on: date
    area_id: int | None = Field(default=None, foreign_key="area.id")
    created_by_user_id: int | None = Field(default=None, foreign_key="user.id")
    created_at: datetime = Field(sa_type=UTCDateTime)


class Signal(SQLModel, table=True):
    """What was seen or heard in an area. Facts and interpretation are kept apart; the source
    contact is shown only to roles allowed to see sources; the status history is kept in
    `SignalStatusChange`."""

    id: int | None = Field(default=None, primary_key=True)
    observed_on: date
    area_id: int = Field(foreign_key="area.id", index=True)
    location_type: str | None = Field(default=None, max_length=24)
    category: str = Field(max_length=24)
    subcategory: str | None = Field(default=None, max_length=24)
    facts: str = Field(sa_type=Text)
    interpretation: str = Field(default="", sa_type=Text)
    counter_signals: str = Field(default="", sa_type=Text)
    kind: str | None = Field(default=None, max_length=12)  # feitelijk | ervaren | verwacht
    source_type: str = Field(max_length=20)
    reliability: str = Field(max_length=16)
    tension_level: int | None = None  # 0–3 as the reporter judges it; None: not judged
    trend: str = Field(max_length=12)
    urgency: str = Field(max_length=12)
    trigger_event_id: int | None = Field(default=None, foreign_key="triggerevent.id")
    source_contact_id: int | None = Field(default=None, foreign_key="contact.id")
    status: str = Field(max_length=16, index=True)
    reported_by_user_id: int | None = Field(default=None, foreign_key="user.id")
    created_at: datetime = Field(sa_type=UTCDateTime)
    updated_at: datetime = Field(sa_type=UTCDateTime)


class SignalStatusChange(SQLModel, table=True):
    """One step in a signal's workflow, with the reason when it was closed or reopened."""

    id: int | None = Field(default=None, primary_key=True)
    signal_id: int = Field(foreign_key="signal.id", index=True)
    at: datetime = Field(sa_type=UTCDateTime)
    from_status: str | None = Field(default=None, max_length=16)
    to_status: str = Field(max_length=16)
    reason: str = Field(default="", sa_type=Text)
    by_user_id: int | None = Field(default=None, foreign_key="user.id")


class AreaTension(SQLModel, table=True):
    """One assessment of an area's tension; the latest is the current picture, the rest its
    history. The justification names the signals and trigger events it rests on."""

    id: int | None = Field(default=None, primary_key=True)
    area_id: int = Field(foreign_key="area.id", index=True)
    level: str = Field(max_length=8)  # groen | geel | oranje | rood | nafase
    justification: str = Field(default="", sa_type=Text)
    signal_ids: list[int] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    trigger_event_ids: list[int] = Field(default_factory=list,
                                         sa_column=Column(JSON, nullable=False))
    review_on: date | None = None
    set_by_user_id: int | None = Field(default=None, foreign_key="user.id")
    set_at: datetime = Field(sa_type=UTCDateTime)


class Referral(SQLModel, table=True):
    """A concern about one person, handed over: no name, only what the handoff needs.

    The facts (and the other organisation's reference) are wiped a set term after feedback
    came, or a longer one without; what remains is counted, never read as a case."""

    id: int | None = Field(default=None, primary_key=True)
    area_id: int = Field(foreign_key="area.id")
    age_band: str = Field(max_length=8)
    nature: str = Field(max_length=24)
    facts: str = Field(default="", sa_type=Text)
    referred_to: str = Field(max_length=24)
    external_reference: str | None = Field(default=None, sa_type=Text)
    referred_on: date
    feedback_check_on: date
    feedback_received_on: date | None = None
    purge_on: date | None = None
    purged_at: datetime | None = Field(sa_type=UTCDateTime, default=None)
    created_by_user_id: int | None = Field(default=None, foreign_key="user.id")
    created_at: datetime = Field(sa_type=UTCDateTime)


class FollowUpLink(SQLModel, table=True):
    """What a follow-up hangs off besides a visit: a signal (an action, or reporting back to
    the source), a handed-over concern (asking for feedback) or an area's tension review."""

    follow_up_id: int = Field(foreign_key="followup.id", primary_key=True)
    purpose: str = Field(max_length=20)
    signal_id: int | None = Field(default=None, foreign_key="signal.id", index=True)
    referral_id: int | None = Field(default=None, foreign_key="referral.id", index=True)
    area_tension_id: int | None = Field(default=None, foreign_key="areatension.id")


class KeyCheck(SQLModel, table=True):
    """A known value sealed under the database's key: a wrong or missing key is noticed at
    start-up, before anything is read or written under it."""

    id: int = Field(default=1, primary_key=True)
    key_id: str = Field(max_length=16)
    sealed: str = Field(sa_type=Text)
    updated_at: datetime = Field(sa_type=UTCDateTime)


# Every column that holds personal or sensitive text, sealed per value under the row's identity
# (`storage.sealing`). A new free-text column about people belongs here.
SEALED: dict[type[SQLModel], tuple[str, ...]] = {
    Contact: ("display_name", "phone", "email"),
    Interaction: ("summary", "shared", "asked"),
    FollowUp: ("title",),
    DialogState: ("data",),
    ButtonPayload: ("data",),
    TriggerEvent: ("title",),
    Signal: ("facts", "interpretation", "counter_signals"),
    SignalStatusChange: ("reason",),
    AreaTension: ("justification",),
    Referral: ("facts", "external_reference"),
}
