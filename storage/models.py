"""The register's tables.

Kept deliberately free of special-category fields: there is no column for religion,
ethnicity, political opinion, health or nationality of a person, and organisations are typed
while persons are not (design.md §2). Names, contact details, roles and functions, notes,
summaries, facts and dialogue drafts are sealed per field (AES-GCM, `storage.sealing`):
`SEALED` at the bottom lists them, and those columns hold only ciphertext.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, BigInteger, Column, Index, Text, UniqueConstraint, text
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
    # Written contact: no column or constraint changes (kind is free text up to 20 characters).
    EMAIL = "email"
    BERICHT = "bericht"  # an app message, WhatsApp, Signal or SMS


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
    # A colleague sees informal key figures by name only from this moment (core.permissions).
    informal_granted_at: datetime | None = Field(sa_type=UTCDateTime, default=None)
    last_seen_on: date | None = None  # the day of the last message: spots unused accounts
    # A partner's own entry in the register (core.partners): what they may see is about it only.
    # No foreign key: contact.owner_user_id points here already, and a cycle between the two
    # tables would stop them being created or dropped in order.
    contact_id: int | None = Field(default=None, index=True)


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
    # A partner invite is for one contact; redeeming it links the new user to that contact.
    contact_id: int | None = Field(default=None, foreign_key="contact.id")


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
    # Processing restricted (AVG art. 18): kept, but no nudges, digest lines or matching.
    restricted_at: datetime | None = Field(sa_type=UTCDateTime, default=None)


class ContactOrganisation(SQLModel, table=True):
    """A contact's place in an organisation, with their function there ("voorzitter")."""

    contact_id: int = Field(foreign_key="contact.id", primary_key=True)
    organisation_id: int = Field(foreign_key="organisation.id", primary_key=True)
    function: str | None = Field(default=None, sa_type=Text)  # sealed; typed at most 120


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
    # Time spent, including travel if the writer counts it; None: not said (core.hours).
    duration_minutes: int | None = None
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

    # Claiming asks, per user, for messages still owed (and whether an older one waits):
    # the partial index keeps that flat however many sent rows pile up (with thousands of
    # sent rows PostgreSQL otherwise read the whole sent_at index once per row).
    __table_args__ = (
        Index("ix_outbox_owed_user", "user_id", "id",
              postgresql_where=text("sent_at IS NULL AND failed_at IS NULL")),
    )

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


class JobStatus(SQLModel, table=True):
    """How one kind of proactive work (a scheduler job) is doing, shared by every process so
    `python -m bot status` sees a failing job. Counts, times and an exception's class name
    only: never a message, a name or an error text (which may quote either)."""

    job: str = Field(primary_key=True, max_length=40)
    failures_in_row: int = Field(default=0)
    failures_total: int = Field(default=0)
    failing_since: datetime | None = Field(default=None, sa_type=UTCDateTime)
    last_failed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    last_ok_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    error: str | None = Field(default=None, max_length=80)


class ProcessedUpdate(SQLModel, table=True):
    """Update ids already taken in, so a redelivered update is handled once."""

    transport: str = Field(primary_key=True, max_length=16)
    update_id: str = Field(primary_key=True, max_length=64)
    received_at: datetime = Field(sa_type=UTCDateTime)
    # The journal (core.journal): what is needed to finish the update after a crash, written
    # before it is handled (sealed: it quotes what the user typed); handled_at is set in the
    # transaction that handles it.
    payload: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    handled_at: datetime | None = Field(default=None, sa_type=UTCDateTime, index=True)
    # Which chat it belongs to, as a number (core.journal.chat_key): a process handling one
    # of the chat's updates first finishes the chat's earlier ones, in order.
    chat_key: int | None = Field(default=None, sa_type=BigInteger, index=True)


class SendWindow(SQLModel, table=True):
    """Messages sent per scope (a transport, or one chat on it) in one second, counted by
    every process alike so that together they keep the chat service's limits (core.ratelimit).
    Rows older than a minute are of no use and are pruned."""

    scope: str = Field(primary_key=True, max_length=60)
    window: int = Field(primary_key=True, sa_type=BigInteger)  # seconds since the epoch
    sends: int = 0


class StrangerCount(SQLModel, table=True):
    """What unknown accounts sent, per chat and period (core.strangers): counted here so the
    audit log gets one row per chat and day, not one per message, and invite guesses can be
    limited. `chat` is a hash: a stranger's chat id is never kept."""

    chat: str = Field(primary_key=True, max_length=40)
    kind: str = Field(primary_key=True, max_length=20)  # "message" per day, "invite" per minute
    window: int = Field(primary_key=True, sa_type=BigInteger)  # days or minutes since the epoch
    count: int = 0


class AuditEvent(SQLModel, table=True):
    """Who did what to which record; never message text."""

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(sa_type=UTCDateTime, index=True)
    actor_user_id: int | None = Field(default=None, foreign_key="user.id")
    action: str = Field(max_length=60)
    subject: str = Field(default="", max_length=120)
    detail: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    # The keyed hash chain (core.audit): place in the chain, the previous entry's hash and this
    # entry's. Set when the transaction commits; NULL only for an entry that never was chained.
    seq: int | None = Field(default=None, unique=True, index=True)
    prev_hash: str = Field(default="", max_length=64)
    hash: str = Field(default="", max_length=64)


class AuditHead(SQLModel, table=True):
    """The end of the audit chain: one row, locked by every append so the chain never forks,
    and holding the count and last hash so a cut-off tail is noticed (core.audit)."""

    id: int = Field(default=1, primary_key=True)
    entries: int = 0  # how many entries the chain has
    hash: str = Field(default="", max_length=64)
    mac: str = Field(default="", max_length=64)


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


class Tombstone(SQLModel, table=True):
    """What was removed or anonymised, when and why — never what it said.

    Left by the retention purge and by an erasure request, so the register can account for
    every record that is gone without keeping any of it."""

    id: int | None = Field(default=None, primary_key=True)
    record_type: str = Field(max_length=24, index=True)  # contact | interaction | signal | …
    record_id: int
    action: str = Field(max_length=16)  # deleted | anonymised | wiped
    reason: str = Field(max_length=40)  # the term that ran out, or "erasure_request"
    record_date: date | None = None  # when the record happened or was made
    term_ended_on: date | None = None  # when its retention term ran out (None: on request)
    at: datetime = Field(sa_type=UTCDateTime, index=True)
    actor_user_id: int | None = Field(default=None, foreign_key="user.id")


# --- partners on the bot: questions to the municipality, information sent to them (issue 6) ---


class PartnerQuestion(SQLModel, table=True):
    """A partner's question to the municipality and the coordinator's answer; both end up in
    an interaction initiated by the partner once answered."""

    id: int | None = Field(default=None, primary_key=True)
    contact_id: int = Field(foreign_key="contact.id", index=True)
    asked_by_user_id: int = Field(foreign_key="user.id")
    question: str = Field(sa_type=Text)
    asked_at: datetime = Field(sa_type=UTCDateTime)
    answer: str = Field(default="", sa_type=Text)
    answered_at: datetime | None = Field(sa_type=UTCDateTime, default=None)
    answered_by_user_id: int | None = Field(default=None, foreign_key="user.id")
    interaction_id: int | None = Field(default=None, foreign_key="interaction.id")


class Broadcast(SQLModel, table=True):
    """Information sent to a segment of partners (/informeer); urgent in crisis mode."""

    id: int | None = Field(default=None, primary_key=True)
    text: str = Field(sa_type=Text)
    urgent: bool = False
    area_id: int | None = Field(default=None, foreign_key="area.id")  # None: the whole city
    network: str | None = Field(default=None, max_length=16)  # None: formal and informal
    organisation_type: str | None = Field(default=None, max_length=40)  # None: every type
    created_by_user_id: int | None = Field(default=None, foreign_key="user.id")
    created_at: datetime = Field(sa_type=UTCDateTime)


class BroadcastRecipient(SQLModel, table=True):
    """One partner a broadcast went to, and what became of it: queued, delivered, blocked
    (they blocked the bot), failed, or skipped (no longer agreed or no longer a partner)."""

    __table_args__ = (UniqueConstraint("broadcast_id", "contact_id"),)

    id: int | None = Field(default=None, primary_key=True)
    broadcast_id: int = Field(foreign_key="broadcast.id", index=True)
    contact_id: int = Field(foreign_key="contact.id", index=True)
    user_id: int = Field(foreign_key="user.id")
    status: str = Field(default="queued", max_length=12)
    settled_at: datetime | None = Field(sa_type=UTCDateTime, default=None)
    interaction_id: int | None = Field(default=None, foreign_key="interaction.id")


class BroadcastFile(SQLModel, table=True):
    """A file sent with a broadcast (a pdf, a picture), stored once for all its recipients.

    Uploaded while the message is composed (no broadcast yet), linked when it is sent, and
    deleted with the broadcast. Name and content (base64) are sealed.
    """

    id: int | None = Field(default=None, primary_key=True)
    broadcast_id: int | None = Field(default=None, foreign_key="broadcast.id", index=True)
    created_by_user_id: int | None = Field(default=None, foreign_key="user.id")
    created_at: datetime = Field(sa_type=UTCDateTime)
    filename: str = Field(sa_type=Text)
    mime: str = Field(max_length=100)
    size: int
    content: str = Field(sa_type=Text)


# --- area meetings: a recurring gebiedsoverleg per area (issue 7) ------------------------------


class Meeting(SQLModel, table=True):
    """A recurring gebiedsoverleg for one area: from `first_on`, every `every_weeks` weeks on
    that weekday at `at_time` (local wall time); its dates are computed, not stored."""

    id: int | None = Field(default=None, primary_key=True)
    area_id: int = Field(foreign_key="area.id", index=True)
    organiser_user_id: int = Field(foreign_key="user.id", index=True)
    every_weeks: int
    first_on: date
    at_time: time
    place: str = Field(default="", sa_type=Text)
    created_at: datetime = Field(sa_type=UTCDateTime)
    ended_at: datetime | None = Field(sa_type=UTCDateTime, default=None)


class MeetingInvitee(SQLModel, table=True):
    """A contact from the register invited to a meeting (key figures, the area manager)."""

    meeting_id: int = Field(foreign_key="meeting.id", primary_key=True)
    contact_id: int = Field(foreign_key="contact.id", primary_key=True, index=True)


class MeetingOccurrence(SQLModel, table=True):
    """One date of a meeting, made once something concerns it (a message owed, a cancellation,
    the log afterwards); unique per meeting and day, so two processes make the same one."""

    __table_args__ = (UniqueConstraint("meeting_id", "held_on"),)

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", index=True)
    held_on: date
    starts_at: datetime = Field(sa_type=UTCDateTime)
    cancelled_at: datetime | None = Field(sa_type=UTCDateTime, default=None)
    logged_at: datetime | None = Field(sa_type=UTCDateTime, default=None)
    decisions: str = Field(default="", sa_type=Text)
    interaction_id: int | None = Field(default=None, foreign_key="interaction.id")



# --- scheduled trend reports (issue 7) ---------------------------------------------------------


class ReportSubscription(SQLModel, table=True):
    """A user who receives the trend report automatically, on the first working day of each
    month, quarter or year (core.report_schedule); `ended_at` set when it was stopped."""

    __table_args__ = (UniqueConstraint("user_id", "period"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user.id", index=True)
    period: str = Field(max_length=8)  # maand | kwartaal | jaar
    created_at: datetime = Field(sa_type=UTCDateTime)  # (re)started: the next period counts
    created_by_user_id: int | None = Field(default=None, foreign_key="user.id")
    ended_at: datetime | None = Field(sa_type=UTCDateTime, default=None)


class ReportRequest(SQLModel, table=True):
    """A report owed to a user, made when it is sent (the outbox row refers here): which
    period, in which format, computed as of `made_for`. Holds no content."""

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user.id", index=True)
    period: str = Field(max_length=8)
    format: str = Field(max_length=8)  # pdf | html
    made_for: datetime = Field(sa_type=UTCDateTime)
    subscription_id: int | None = Field(default=None, foreign_key="reportsubscription.id")
    created_at: datetime = Field(sa_type=UTCDateTime)

# --- needs surveys: templates, rounds, answers (issue 6) ----------------------------------------


class Survey(SQLModel, table=True):
    """A survey template: a title and a few questions (`SurveyQuestion`), kept as data."""

    id: int | None = Field(default=None, primary_key=True)
    title: str = Field(max_length=120)
    created_at: datetime = Field(sa_type=UTCDateTime)


class SurveyQuestion(SQLModel, table=True):
    """One question of a template: one choice, several choices, a scale 1–5 or a short open
    answer; `options` are the choices' labels."""

    id: int | None = Field(default=None, primary_key=True)
    survey_id: int = Field(foreign_key="survey.id", index=True)
    position: int
    kind: str = Field(max_length=8)  # one | many | scale | open
    text: str = Field(max_length=300)
    options: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    optional: bool = False


class SurveySchedule(SQLModel, table=True):
    """A template sent to a segment on a schedule (a cron expression, quarterly by default);
    `next_run_at` is when the next round opens, computed by the scheduler."""

    id: int | None = Field(default=None, primary_key=True)
    survey_id: int = Field(foreign_key="survey.id", index=True)
    area_id: int | None = Field(default=None, foreign_key="area.id")
    network: str | None = Field(default=None, max_length=16)
    organisation_type: str | None = Field(default=None, max_length=40)
    cron: str = Field(max_length=60)
    deadline_days: int = 14
    next_run_at: datetime = Field(sa_type=UTCDateTime, index=True)
    created_by_user_id: int | None = Field(default=None, foreign_key="user.id")
    created_at: datetime = Field(sa_type=UTCDateTime)
    ended_at: datetime | None = Field(sa_type=UTCDateTime, default=None)


class SurveyRound(SQLModel, table=True):
    """One sending of a template to a segment, open until its deadline; a scheduled round is
    unique per schedule and fire time, so two processes open it once."""

    __table_args__ = (UniqueConstraint("schedule_id", "scheduled_for"),)

    id: int | None = Field(default=None, primary_key=True)
    survey_id: int = Field(foreign_key="survey.id", index=True)
    area_id: int | None = Field(default=None, foreign_key="area.id")
    network: str | None = Field(default=None, max_length=16)
    organisation_type: str | None = Field(default=None, max_length=40)
    opened_at: datetime = Field(sa_type=UTCDateTime)
    deadline: datetime = Field(sa_type=UTCDateTime, index=True)
    closed_at: datetime | None = Field(sa_type=UTCDateTime, default=None, index=True)
    created_by_user_id: int | None = Field(default=None, foreign_key="user.id")
    schedule_id: int | None = Field(default=None, foreign_key="surveyschedule.id")
    scheduled_for: datetime | None = Field(sa_type=UTCDateTime, default=None)
    loop_broadcast_id: int | None = Field(default=None, foreign_key="broadcast.id")


class SurveyParticipant(SQLModel, table=True):
    """A partner a round went to, and where they are in it: the question they are on (so
    answering resumes there), when they finished, when they were reminded."""

    __table_args__ = (UniqueConstraint("round_id", "contact_id"),)

    id: int | None = Field(default=None, primary_key=True)
    round_id: int = Field(foreign_key="surveyround.id", index=True)
    contact_id: int = Field(foreign_key="contact.id", index=True)
    user_id: int = Field(foreign_key="user.id", index=True)
    network: str = Field(max_length=16)  # the segment part the answers are counted under
    position: int = 0
    finished_at: datetime | None = Field(sa_type=UTCDateTime, default=None)
    reminded_at: datetime | None = Field(sa_type=UTCDateTime, default=None)


class SurveyAnswer(SQLModel, table=True):
    """One participant's answer to one question: the chosen options, the scale value, or the
    open text (sealed); `answered_at` is empty while several choices are still being ticked."""

    __table_args__ = (UniqueConstraint("participant_id", "question_id"),)

    id: int | None = Field(default=None, primary_key=True)
    participant_id: int = Field(foreign_key="surveyparticipant.id", index=True)
    question_id: int = Field(foreign_key="surveyquestion.id")
    choices: list[int] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    scale: int | None = None
    text: str = Field(default="", sa_type=Text)
    answered_at: datetime | None = Field(sa_type=UTCDateTime, default=None)


# --- a partner's own requests about their data (issue 8) --------------------------------------


class SubjectRequest(SQLModel, table=True):
    """A partner's request, made through the bot, to correct or erase what the register holds
    about them (AVG art. 16, 17); owed an answer within a month (art. 12(3)). Kept after the
    contact is erased (contact_id None, text emptied) as proof the request was handled."""

    id: int | None = Field(default=None, primary_key=True)
    contact_id: int | None = Field(default=None, foreign_key="contact.id", index=True)
    requested_by_user_id: int = Field(foreign_key="user.id")
    kind: str = Field(max_length=12)  # erasure | correction
    text: str = Field(default="", sa_type=Text)  # the partner's optional explanation
    requested_at: datetime = Field(sa_type=UTCDateTime)
    due_on: date  # the legal term: one month after the request
    handled_at: datetime | None = Field(sa_type=UTCDateTime, default=None)
    handled_by_user_id: int | None = Field(default=None, foreign_key="user.id")



class RegisterRevision(SQLModel, table=True):
    """A counter that moves whenever a contact, organisation or area changes (storage.revision),
    so every process can keep the in-memory name index and know for sure when it is stale."""

    id: int = Field(default=1, primary_key=True)
    n: int = 0

# Every column that holds personal or sensitive text, sealed per value under the row's identity
# (`storage.sealing`). A new free-text column about people belongs here.
SEALED: dict[type[SQLModel], tuple[str, ...]] = {
    Contact: ("display_name", "phone", "email", "roles"),
    ContactOrganisation: ("function",),
    Interaction: ("summary", "shared", "asked"),
    FollowUp: ("title",),
    DialogState: ("data",),
    ButtonPayload: ("data",),
    TriggerEvent: ("title",),
    Signal: ("facts", "interpretation", "counter_signals"),
    SignalStatusChange: ("reason",),
    AreaTension: ("justification",),
    Referral: ("facts", "external_reference"),
    ProcessedUpdate: ("payload",),
    PartnerQuestion: ("question", "answer"),
    Broadcast: ("text",),
    BroadcastFile: ("filename", "content"),
    Meeting: ("place",),
    MeetingOccurrence: ("decisions",),
    SubjectRequest: ("text",),
    SurveyAnswer: ("text",),
}
