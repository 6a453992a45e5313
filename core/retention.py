"""How long the register keeps what, and the nightly purge that enforces it (AVG art. 5(1)(e)).

Each record type has a term (`RetentionPolicy`, set from the settings; docs/retention.md gives
the defaults and why). Once a night — one `JobRun` per local date, so once across restarts and
processes — everything past its term is deleted, wiped or anonymised; every record that goes
leaves a `Tombstone` (type, id, dates, reason, never content), the run is audited with counts,
and the admins get a message with those counts.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from sqlalchemy import delete, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, SQLModel, col, select

from core.access import audit
from core.contacts import last_contact
from core.outbox import enqueue
from core.referrals import DEFAULT_RETENTION, Retention
from core.referrals import purge_due as purge_referrals
from storage.models import (
    AuditEvent,
    Broadcast,
    BroadcastFile,
    BroadcastRecipient,
    ButtonPayload,
    Contact,
    ContactOrganisation,
    ContactStatus,
    DialogState,
    FollowUp,
    FollowUpLink,
    FollowUpStatus,
    Interaction,
    JobRun,
    Outbox,
    PartnerQuestion,
    ProcessedUpdate,
    Referral,
    Role,
    Signal,
    SignalStatusChange,
    Tombstone,
    User,
)

RUN = "retention.run"  # the audit action of a night's run, and the JobRun key prefix
REPORT = "retention.report"  # the outbox kind of the admins' message
ANONYMISED_NAME = "(geanonimiseerd)"
BATCH = 500  # records per type per night: a backlog is worked off over a few nights


@dataclass(frozen=True)
class RetentionPolicy:
    """The terms, per record type. Years count from when it happened; days from the moment
    named per field."""

    interactions_years: int = 3  # after the contact moment: deleted
    signals_years: int = 5  # after the observation: facts, interpretation and source wiped
    follow_ups_done_days: int = 365  # after being done: deleted
    stopped_contacts_days: int = 730  # "gestopt" or archived, after the last sign: anonymised
    dialog_states_days: int = 30  # an unfinished draft, after its last step
    button_payloads_days: int = 30  # after the button was made
    processed_updates_days: int = 30  # after the update came in
    outbox_days: int = 90  # after it was sent or given up
    job_runs_days: int = 90  # after the occurrence ran
    referrals: Retention = DEFAULT_RETENTION  # handed-over concerns (core.referrals)
    run_at: time = time(3, 0)  # local time from which the night's run is due


DEFAULT_POLICY = RetentionPolicy()


@dataclass
class PurgeReport:
    """What one run did, as counts only: records by (type, action), technical rows by table."""

    records: Counter[str] = field(default_factory=Counter)  # "interaction.deleted" → n
    technical: Counter[str] = field(default_factory=Counter)  # "button_payload" → n

    def is_empty(self) -> bool:
        return not (+self.records or +self.technical)


# --- tombstones and the cascades shared with erasure (core.subject) ----------------------------


def leave_tombstone(session: Session, record_type: str, record_id: int | None, action: str,
                    reason: str, now: datetime, *, record_date: date | None = None,
                    term_ended_on: date | None = None, actor: int | None = None) -> None:
    """Record that a record went, and why; nothing of what it said."""
    assert record_id is not None
    session.add(Tombstone(record_type=record_type, record_id=record_id, action=action,
                          reason=reason, record_date=record_date, term_ended_on=term_ended_on,
                          at=now, actor_user_id=actor))


def delete_follow_up(session: Session, follow_up: FollowUp) -> None:
    session.execute(delete(FollowUpLink).where(col(FollowUpLink.follow_up_id) == follow_up.id))
    session.delete(follow_up)


def delete_interaction(session: Session, interaction: Interaction, now: datetime, reason: str,
                       *, term_ended_on: date | None = None, actor: int | None = None) -> int:
    """Delete a contact moment with its participants and follow-ups; returns follow-ups gone."""
    follow_ups = session.exec(
        select(FollowUp).where(FollowUp.interaction_id == interaction.id)).all()
    for follow_up in follow_ups:
        leave_tombstone(session, "follow_up", follow_up.id, "deleted", reason, now,
                        record_date=follow_up.created_at.date(), term_ended_on=term_ended_on,
                        actor=actor)
        delete_follow_up(session, follow_up)
    for question in session.exec(select(PartnerQuestion)
                                 .where(PartnerQuestion.interaction_id == interaction.id)):
        delete_question(session, question, now, reason, term_ended_on=term_ended_on, actor=actor)
    assert interaction.id is not None
    let_go_of(session, Interaction, interaction.id)
    leave_tombstone(session, "interaction", interaction.id, "deleted", reason, now,
                    record_date=interaction.occurred_at.date(), term_ended_on=term_ended_on,
                    actor=actor)
    session.flush()
    session.delete(interaction)
    return len(follow_ups)


def let_go_of(session: Session, model: type[SQLModel], record_id: int) -> None:
    """Every other reference to a record about to go is dropped, so the delete neither fails
    on a foreign key nor leaves a pointer to nothing: a row that only links it (the reference
    is part of its key: a participant, an invitee) is deleted, an optional reference (the
    meeting a contact moment came from, a message's receipt) is cleared."""
    target = model.__table__.c.id  # type: ignore[attr-defined]
    for table in SQLModel.metadata.sorted_tables:
        for key in table.foreign_keys:
            if key.column is not target:
                continue
            if key.parent.primary_key:
                session.execute(delete(table).where(key.parent == record_id))
            elif key.parent.nullable:
                session.execute(update(table).where(key.parent == record_id)
                                .values({key.parent.name: None}))


def delete_question(session: Session, question: PartnerQuestion, now: datetime, reason: str,
                    *, term_ended_on: date | None = None, actor: int | None = None) -> None:
    """A partner's question (and the answer) goes the way of the contact moment it became."""
    leave_tombstone(session, "partner_question", question.id, "deleted", reason, now,
                    record_date=question.asked_at.date(), term_ended_on=term_ended_on,
                    actor=actor)
    session.delete(question)


def wipe_signal(session: Session, signal: Signal) -> None:
    """Keep what a trend counts (area, category, date, level); drop the words and the source."""
    signal.facts, signal.interpretation, signal.counter_signals = "", "", ""
    signal.source_contact_id = None
    session.add(signal)
    for change in session.exec(
            select(SignalStatusChange).where(SignalStatusChange.signal_id == signal.id)):
        if change.reason:
            change.reason = ""
            session.add(change)


def anonymise_contact(session: Session, contact: Contact, now: datetime) -> None:
    """Nothing that points at the person stays: name, reach, roles, consent dates, where they
    work and what is to be done about them. Area and network stay, for counting."""
    contact.display_name = ANONYMISED_NAME
    contact.phone = contact.email = contact.preferred_channel = None
    contact.roles = []
    contact.agreed_on = contact.informed_on = contact.quiet_snoozed_until = None
    contact.rhythm_ideal_days = contact.rhythm_max_days = None
    contact.owner_user_id = None
    contact.status = ContactStatus.GESTOPT
    contact.archived_at = contact.archived_at or now
    session.add(contact)
    session.execute(delete(ContactOrganisation)
                    .where(col(ContactOrganisation.contact_id) == contact.id))
    for follow_up in session.exec(select(FollowUp).where(FollowUp.contact_id == contact.id)):
        delete_follow_up(session, follow_up)


# --- the nightly run ---------------------------------------------------------------------------


def run_nightly(session: Session, now: datetime,
                policy: RetentionPolicy = DEFAULT_POLICY) -> PurgeReport | None:
    """Tonight's purge, once per local date from `policy.run_at`; None when not due or done.

    A bot that was down at night runs it when it comes back that day.
    """
    if now.timetz().replace(tzinfo=None) < policy.run_at:
        return None
    if not _claim(session, f"{RUN}:{now.date().isoformat()}", now):
        return None
    report = purge(session, now, policy)
    audit(session, now, RUN, None, "retention", records=dict(sorted(report.records.items())),
          technical=dict(sorted(report.technical.items())))
    if +report.records:  # technical clean-up alone is not news
        _tell_admins(session, now)
    return report


def purge(session: Session, now: datetime, policy: RetentionPolicy = DEFAULT_POLICY
          ) -> PurgeReport:
    """Everything past its term, in one transaction; returns what was done."""
    report = PurgeReport()
    today = now.date()
    _purge_interactions(session, now, _years_before(today, policy.interactions_years), report)
    _purge_partner_messages(session, now, _years_before(today, policy.interactions_years),
                            report)
    _purge_signals(session, now, _years_before(today, policy.signals_years), report)
    _purge_follow_ups(session, now, now - timedelta(days=policy.follow_ups_done_days), report)
    _anonymise_stopped(session, now, now - timedelta(days=policy.stopped_contacts_days), report)
    _purge_referrals(session, now, policy.referrals, report)
    _clean_technical(session, now, policy, report)
    session.flush()
    return report


def _purge_interactions(session: Session, now: datetime, before: date,
                        report: PurgeReport) -> None:
    cutoff = datetime.combine(before, time(0), tzinfo=now.tzinfo)
    due = session.exec(select(Interaction).where(col(Interaction.occurred_at) < cutoff)
                       .order_by(col(Interaction.id)).limit(BATCH)).all()
    for interaction in due:
        term_end = _years_after(interaction.occurred_at.astimezone(now.tzinfo).date(),
                                now.date(), before)
        report.records["follow_up.deleted"] += delete_interaction(
            session, interaction, now, "term_interactions", term_ended_on=term_end)
        report.records["interaction.deleted"] += 1


def _purge_partner_messages(session: Session, now: datetime, before: date,
                            report: PurgeReport) -> None:
    """Questions never answered and information sent to partners keep the interactions' term:
    what became a contact moment already went with it."""
    cutoff = datetime.combine(before, time(0), tzinfo=now.tzinfo)
    for question in session.exec(select(PartnerQuestion)
                                 .where(col(PartnerQuestion.asked_at) < cutoff)
                                 .order_by(col(PartnerQuestion.id)).limit(BATCH)).all():
        delete_question(session, question, now, "term_interactions",
                        term_ended_on=_years_after(question.asked_at.astimezone(now.tzinfo)
                                                   .date(), now.date(), before))
        report.records["partner_question.deleted"] += 1
    for broadcast in session.exec(select(Broadcast).where(col(Broadcast.created_at) < cutoff)
                                  .order_by(col(Broadcast.id)).limit(BATCH)).all():
        session.execute(delete(BroadcastRecipient)
                        .where(col(BroadcastRecipient.broadcast_id) == broadcast.id))
        session.execute(delete(BroadcastFile)  # the file goes with its message
                        .where(col(BroadcastFile.broadcast_id) == broadcast.id))
        leave_tombstone(session, "broadcast", broadcast.id, "deleted", "term_interactions", now,
                        record_date=broadcast.created_at.date(),
                        term_ended_on=_years_after(broadcast.created_at.astimezone(now.tzinfo)
                                                   .date(), now.date(), before))
        session.flush()
        session.delete(broadcast)
        report.records["broadcast.deleted"] += 1


def _purge_signals(session: Session, now: datetime, before: date, report: PurgeReport) -> None:
    done = _tombstoned(session, "signal")
    due = session.exec(select(Signal).where(col(Signal.observed_on) < before)
                       .order_by(col(Signal.id))).all()
    for signal in [s for s in due if s.id not in done][:BATCH]:
        wipe_signal(session, signal)
        leave_tombstone(session, "signal", signal.id, "wiped", "term_signals", now,
                        record_date=signal.observed_on,
                        term_ended_on=_years_after(signal.observed_on, now.date(), before))
        report.records["signal.wiped"] += 1


def _purge_follow_ups(session: Session, now: datetime, before: datetime,
                      report: PurgeReport) -> None:
    due = session.exec(select(FollowUp).where(FollowUp.status == FollowUpStatus.DONE,
                                              col(FollowUp.done_at) < before)
                       .order_by(col(FollowUp.id)).limit(BATCH)).all()
    for follow_up in due:
        assert follow_up.done_at is not None
        leave_tombstone(session, "follow_up", follow_up.id, "deleted", "term_follow_ups", now,
                        record_date=follow_up.created_at.date(),
                        term_ended_on=(follow_up.done_at + (now - before)).date())
        delete_follow_up(session, follow_up)
        report.records["follow_up.deleted"] += 1


def _anonymise_stopped(session: Session, now: datetime, before: datetime,
                       report: PurgeReport) -> None:
    """Contacts who stopped (or were archived) and have shown no sign since the term."""
    done = _tombstoned(session, "contact")
    stopped = [c for c in session.exec(
        select(Contact).where((col(Contact.status) == ContactStatus.GESTOPT)
                              | col(Contact.archived_at).is_not(None))
        .order_by(col(Contact.id))).all() if c.id not in done]
    last = last_contact(session, [c.id for c in stopped if c.id is not None])
    anonymised = 0
    for contact in stopped:
        assert contact.id is not None
        signs = [contact.created_at, contact.archived_at, last.get(contact.id)]
        latest = max(s for s in signs if s is not None)
        if latest >= before or anonymised >= BATCH:
            continue
        anonymise_contact(session, contact, now)
        leave_tombstone(session, "contact", contact.id, "anonymised", "term_stopped_contacts",
                        now, record_date=contact.created_at.date(),
                        term_ended_on=(latest + (now - before)).date())
        report.records["contact.anonymised"] += 1
        anonymised += 1


def _purge_referrals(session: Session, now: datetime, terms: Retention,
                     report: PurgeReport) -> None:
    """Handed-over concerns keep their own purge (core.referrals); a tombstone for each."""
    waiting = set(session.exec(select(Referral.id).where(col(Referral.purged_at).is_(None))))
    if not waiting or not purge_referrals(session, now, terms):
        return
    session.flush()
    for referral in session.exec(select(Referral).where(col(Referral.id).in_(waiting),
                                                        col(Referral.purged_at).is_not(None))):
        reason = "after_feedback" if referral.feedback_received_on else "without_feedback"
        leave_tombstone(session, "referral", referral.id, "wiped", f"term_referrals_{reason}",
                        now, record_date=referral.referred_on, term_ended_on=now.date())
        report.records["referral.wiped"] += 1


def _clean_technical(session: Session, now: datetime, policy: RetentionPolicy,
                     report: PurgeReport) -> None:
    """Rows that only serve the machinery: deleted without tombstones, counted."""
    def days(n: int) -> datetime:
        return now - timedelta(days=n)

    statements = {
        "dialog_state": delete(DialogState).where(
            col(DialogState.updated_at) < days(policy.dialog_states_days)),
        "button_payload": delete(ButtonPayload).where(
            col(ButtonPayload.created_at) < days(policy.button_payloads_days)),
        "processed_update": delete(ProcessedUpdate).where(
            col(ProcessedUpdate.received_at) < days(policy.processed_updates_days)),
        "outbox": delete(Outbox).where(
            (col(Outbox.sent_at) < days(policy.outbox_days))
            | (col(Outbox.failed_at) < days(policy.outbox_days))),
        "job_run": delete(JobRun).where(col(JobRun.ran_at) < days(policy.job_runs_days)),
        # a file uploaded for a message that was never sent lives as long as its draft
        "broadcast_file": delete(BroadcastFile).where(
            col(BroadcastFile.broadcast_id).is_(None),
            col(BroadcastFile.created_at) < days(policy.dialog_states_days)),
    }
    for table, statement in statements.items():
        removed = session.execute(statement).rowcount  # type: ignore[attr-defined]
        if removed:
            report.technical[table] += int(removed)


# --- the report to admins ----------------------------------------------------------------------


def _tell_admins(session: Session, now: datetime) -> None:
    admins = session.exec(select(User).where(User.role == Role.ADMIN,
                                             col(User.revoked_at).is_(None))).all()
    for admin in admins:
        assert admin.id is not None
        enqueue(session, user_id=admin.id, kind=REPORT, ref_id=None,
                dedupe_key=f"{REPORT}:{admin.id}:{now.date().isoformat()}", now=now)


def report_of(session: Session, at: datetime) -> PurgeReport | None:
    """The counts of the run at `at` (an outbox row's creation time), read from its audit."""
    event = session.exec(select(AuditEvent).where(AuditEvent.action == RUN,
                                                  AuditEvent.at == at)).first()
    if event is None:
        return None
    return PurgeReport(records=Counter(event.detail.get("records", {})),
                       technical=Counter(event.detail.get("technical", {})))


# --- helpers -----------------------------------------------------------------------------------


def _claim(session: Session, key: str, now: datetime) -> bool:
    """Claim tonight's run; False when it ran already, here or in another process."""
    if session.get(JobRun, key) is not None:
        return False
    savepoint = session.begin_nested()
    try:
        session.add(JobRun(key=key, ran_at=now))
        savepoint.commit()
    except IntegrityError:
        savepoint.rollback()
        return False
    return True


def _tombstoned(session: Session, record_type: str) -> set[int]:
    return set(session.exec(select(Tombstone.record_id)
                            .where(Tombstone.record_type == record_type)).all())


def _years_before(day: date, years: int) -> date:
    """The same calendar day `years` earlier (29 February becomes the 28th)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def _years_after(start: date, today: date, before: date) -> date:
    """When a term that began on `start` ran out: as long after it as today is after `before`."""
    return start + (today - before)
