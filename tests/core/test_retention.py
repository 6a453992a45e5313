"""Retention: past its term a record goes, leaves a tombstone, and the admins hear the counts."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlmodel import Session, select

from core.contacts import create_contact, link_organisation
from core.referrals import ReferralDraft, Retention, save_referral
from core.retention import (
    ANONYMISED_NAME,
    REPORT,
    RetentionPolicy,
    purge,
    report_of,
    run_nightly,
)
from storage.engine import Database
from storage.models import (
    Area,
    Broadcast,
    BroadcastRecipient,
    ButtonPayload,
    Contact,
    ContactOrganisation,
    ContactStatus,
    DialogState,
    FollowUp,
    FollowUpStatus,
    Interaction,
    InteractionContact,
    JobRun,
    Meeting,
    MeetingOccurrence,
    Network,
    Organisation,
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
from tests.conftest import REFERENCE_NOW

NOW = REFERENCE_NOW
POLICY = RetentionPolicy()


def user(session: Session, role: Role = Role.COORDINATOR, external_id: str = "u1") -> User:
    row = User(transport="memory", external_id=external_id, chat_id=external_id, role=role)
    session.add(row)
    session.flush()
    return row


def visit(session: Session, when: datetime, *people: Contact, owner: User | None = None,
          follow_up: str | None = None) -> Interaction:
    interaction = Interaction(occurred_at=when, summary="Gesprek over het buurthuis",
                              created_at=when)
    session.add(interaction)
    session.flush()
    assert interaction.id is not None
    for person in people:
        assert person.id is not None
        session.add(InteractionContact(interaction_id=interaction.id, contact_id=person.id))
    if follow_up is not None and owner is not None:
        assert owner.id is not None
        session.add(FollowUp(title=follow_up, owner_user_id=owner.id,
                             interaction_id=interaction.id, due_at=when, created_at=when))
    session.flush()
    return interaction


def signal(session: Session, observed_on: date, source: Contact | None = None) -> Signal:
    area = session.exec(select(Area)).first()
    assert area is not None
    assert area.id is not None
    row = Signal(observed_on=observed_on, area_id=area.id, category="polarisatie",
                 facts="Posters over het buurthuis", interpretation="Onrust bij jongeren",
                 source_type="sleutelfiguur", reliability="betrouwbaar", trend="gelijk",
                 urgency="normaal", status="nieuw",
                 source_contact_id=source.id if source else None,
                 created_at=NOW, updated_at=NOW)
    session.add(row)
    session.flush()
    session.add(SignalStatusChange(signal_id=row.id, at=NOW, to_status="gesloten",
                                   reason="Gesprek met Fatima gevoerd"))
    session.flush()
    return row


def tombstones(session: Session) -> list[tuple[str, int, str, str]]:
    return [(t.record_type, t.record_id, t.action, t.reason) for t in session.exec(
        select(Tombstone).order_by(Tombstone.id))]  # type: ignore[arg-type]


def test_a_contact_moment_past_its_term_is_deleted_with_its_follow_ups_and_leaves_a_tombstone(
    db: Database,
) -> None:
    with db.session() as session:
        owner = user(session)
        fatima = create_contact(session, name="Fatima Bakkali", network=Network.INFORMAL,
                                now=NOW - timedelta(days=2000))
        old = visit(session, NOW - timedelta(days=3 * 366), fatima, owner=owner,
                    follow_up="Terugbellen over subsidie")
        recent = visit(session, NOW - timedelta(days=2 * 365), fatima)
        old_id, recent_id = old.id, recent.id

        report = purge(session, NOW, POLICY)

    with db.session() as session:
        assert session.get(Interaction, old_id) is None
        assert session.get(Interaction, recent_id) is not None
        assert session.exec(select(InteractionContact)).all() == [
            InteractionContact(interaction_id=recent_id, contact_id=fatima.id)]
        assert session.exec(select(FollowUp)).all() == []
        kinds = {(t[0], t[2], t[3]) for t in tombstones(session)}
        [stone] = session.exec(select(Tombstone).where(Tombstone.record_type == "interaction"))
    assert kinds == {("interaction", "deleted", "term_interactions"),
                     ("follow_up", "deleted", "term_interactions")}
    assert (stone.record_id, stone.record_date) == (old_id, (NOW - timedelta(days=3 * 366)).date())
    assert stone.term_ended_on is not None
    assert stone.term_ended_on <= NOW.date()
    assert report.records == {"interaction.deleted": 1, "follow_up.deleted": 1}


def test_an_old_signal_keeps_what_a_trend_counts_but_loses_its_words_and_source(
    db: Database,
) -> None:
    with db.session() as session:
        source = create_contact(session, name="Fatima Bakkali", network=Network.INFORMAL, now=NOW)
        old = signal(session, NOW.date() - timedelta(days=5 * 366), source)
        young = signal(session, NOW.date() - timedelta(days=365), source)
        old_id, young_id = old.id, young.id

        first = purge(session, NOW, POLICY)
        second = purge(session, NOW + timedelta(days=1), POLICY)

    with db.session() as session:
        wiped, kept = session.get(Signal, old_id), session.get(Signal, young_id)
        assert wiped is not None
        assert kept is not None
        reasons = {c.signal_id: c.reason for c in session.exec(select(SignalStatusChange))}
        stones = tombstones(session)
    assert (wiped.facts, wiped.interpretation, wiped.source_contact_id) == ("", "", None)
    assert (wiped.area_id, wiped.category) == (kept.area_id, "polarisatie")
    assert kept.facts == "Posters over het buurthuis"
    assert kept.source_contact_id == source.id
    assert reasons == {old_id: "", young_id: "Gesprek met Fatima gevoerd"}
    assert stones == [("signal", old_id, "wiped", "term_signals")]
    assert (first.records["signal.wiped"], second.records["signal.wiped"]) == (1, 0)


def test_a_done_follow_up_goes_after_its_term_and_an_open_one_stays(db: Database) -> None:
    with db.session() as session:
        owner = user(session)
        assert owner.id is not None
        long_ago = NOW - timedelta(days=400)
        done = FollowUp(title="Flyers brengen", owner_user_id=owner.id, due_at=long_ago,
                        status=FollowUpStatus.DONE, done_at=long_ago, created_at=long_ago)
        recently_done = FollowUp(title="Bellen", owner_user_id=owner.id, due_at=long_ago,
                                 status=FollowUpStatus.DONE, done_at=NOW - timedelta(days=30),
                                 created_at=long_ago)
        still_open = FollowUp(title="Mailen", owner_user_id=owner.id, due_at=long_ago,
                              created_at=long_ago)
        session.add_all([done, recently_done, still_open])
        session.flush()
        done_id = done.id

        purge(session, NOW, POLICY)

    with db.session() as session:
        titles = sorted(f.title for f in session.exec(select(FollowUp)))
        assert tombstones(session) == [("follow_up", done_id, "deleted", "term_follow_ups")]
    assert titles == ["Bellen", "Mailen"]


def test_a_contact_who_stopped_long_ago_is_anonymised_and_others_are_not(db: Database) -> None:
    long_ago = NOW - timedelta(days=800)
    with db.session() as session:
        organisation = Organisation(name="Moskee Al Fath", type="gebedshuis_moskee",
                                    network=Network.INFORMAL, created_at=long_ago)
        session.add(organisation)
        session.flush()
        assert organisation.id is not None
        stopped = create_contact(session, name="Ahmed Yilmaz", network=Network.INFORMAL,
                                 now=long_ago, status=ContactStatus.GESTOPT,
                                 phone="0612345678", email="ahmed@example.nl",
                                 organisation_id=organisation.id, function="voorzitter",
                                 agreed_on=long_ago.date())
        active = create_contact(session, name="Fatima Bakkali", network=Network.INFORMAL,
                                now=long_ago)
        stopped_lately = create_contact(session, name="Kees de Vries", network=Network.FORMAL,
                                        now=long_ago, status=ContactStatus.GESTOPT)
        visit(session, NOW - timedelta(days=100), stopped_lately)
        ids = (stopped.id, active.id, stopped_lately.id)

        report = purge(session, NOW, POLICY)
        again = purge(session, NOW + timedelta(days=1), POLICY)

    with db.session() as session:
        gone, kept, recent = (session.get(Contact, i) for i in ids)
        assert gone is not None
        assert kept is not None
        assert recent is not None
        links = session.exec(select(ContactOrganisation)).all()
        stones = tombstones(session)
    assert (gone.display_name, gone.phone, gone.email, gone.agreed_on) == (
        ANONYMISED_NAME, None, None, None)
    assert gone.archived_at is not None
    assert gone.network == Network.INFORMAL
    assert links == []
    assert (kept.display_name, recent.display_name) == ("Fatima Bakkali", "Kees de Vries")
    assert stones == [("contact", ids[0], "anonymised", "term_stopped_contacts")]
    assert (report.records["contact.anonymised"], again.records["contact.anonymised"]) == (1, 0)


def test_machinery_rows_are_cleaned_after_their_days_without_tombstones(db: Database) -> None:
    old, fresh = NOW - timedelta(days=100), NOW - timedelta(days=1)
    with db.session() as session:
        owner = user(session)
        other = user(session, external_id="u2")
        assert owner.id is not None
        assert other.id is not None
        session.add_all([
            ButtonPayload(id="oldbutton", user_id=owner.id, action="x", created_at=old),
            ButtonPayload(id="newbutton", user_id=owner.id, action="x", created_at=fresh),
            DialogState(user_id=owner.id, flow="visit", step="card", updated_at=old),
            DialogState(user_id=other.id, flow="visit", step="card", updated_at=fresh),
            ProcessedUpdate(transport="memory", update_id="1", received_at=old),
            ProcessedUpdate(transport="memory", update_id="2", received_at=fresh),
            Outbox(user_id=owner.id, kind="k", dedupe_key="sent-old", created_at=old,
                   not_before=old, sent_at=old),
            Outbox(user_id=owner.id, kind="k", dedupe_key="unsent-old", created_at=old,
                   not_before=old),
            JobRun(key="digest.daily:1:2026-08-01", ran_at=old),
        ])
        session.flush()

        report = purge(session, NOW, POLICY)

    with db.session() as session:
        buttons = [b.id for b in session.exec(select(ButtonPayload))]
        states = [s.user_id for s in session.exec(select(DialogState))]
        updates = [u.update_id for u in session.exec(select(ProcessedUpdate))]
        outbox = [o.dedupe_key for o in session.exec(select(Outbox))]
        runs = session.exec(select(JobRun)).all()
        assert tombstones(session) == []
    assert (buttons, states, updates, outbox, runs) == (
        ["newbutton"], [other.id], ["2"], ["unsent-old"], [])
    assert report.technical == {"button_payload": 1, "dialog_state": 1, "processed_update": 1,
                                "outbox": 1, "job_run": 1}


def test_the_night_run_happens_once_per_night_from_its_hour_and_tells_only_admins(
    db: Database,
) -> None:
    night = datetime.combine(NOW.date() + timedelta(days=1), POLICY.run_at, tzinfo=NOW.tzinfo)
    with db.session() as session:
        admin = user(session, Role.ADMIN, "admin")
        user(session, Role.COORDINATOR, "coordinator")
        revoked = user(session, Role.ADMIN, "gone")
        revoked.revoked_at = NOW
        session.add(revoked)
        fatima = create_contact(session, name="Fatima Bakkali", network=Network.INFORMAL,
                                now=NOW - timedelta(days=2000))
        visit(session, NOW - timedelta(days=4 * 365), fatima)

        too_early = run_nightly(session, night - timedelta(minutes=1), POLICY)
        first = run_nightly(session, night, POLICY)
        second = run_nightly(session, night + timedelta(hours=5), POLICY)

    with db.session() as session:
        [message] = session.exec(select(Outbox)).all()
        counted = report_of(session, message.created_at)
    assert too_early is None
    assert second is None
    assert first is not None
    assert first.records["interaction.deleted"] == 1
    assert (message.user_id, message.kind) == (admin.id, REPORT)
    assert counted is not None
    assert counted.records["interaction.deleted"] == 1


def test_a_night_with_nothing_past_its_term_sends_no_message(db: Database) -> None:
    night = datetime.combine(NOW.date() + timedelta(days=1), POLICY.run_at, tzinfo=NOW.tzinfo)
    with db.session() as session:
        user(session, Role.ADMIN, "admin")
        fatima = create_contact(session, name="Fatima Bakkali", network=Network.INFORMAL,
                                now=NOW)
        visit(session, NOW - timedelta(days=10), fatima)

        report = run_nightly(session, night, POLICY)

    with db.session() as session:
        assert session.exec(select(Outbox)).all() == []
        assert session.exec(select(Interaction)).all() != []
    assert report is not None
    assert not +report.records


def test_handed_over_concerns_are_purged_by_the_night_run_and_leave_tombstones(
    db: Database,
) -> None:
    terms = RetentionPolicy(referrals=Retention(without_feedback=timedelta(days=60)))
    with db.session() as session:
        owner = user(session)
        area = session.exec(select(Area)).first()
        assert area is not None
        draft = ReferralDraft(area_id=area.id, age_band="12-17", nature="online",
                              facts="Deelt filmpjes met geweld.", referred_to="wijkteam")
        referral = save_referral(session, draft, owner, NOW - timedelta(days=61), "Navragen {ref}")
        referral_id = referral.id

        report = purge(session, NOW, terms)

    with db.session() as session:
        stored = session.get(Referral, referral_id)
        assert stored is not None
        stones = tombstones(session)
    assert stored.facts == ""
    assert stones == [("referral", referral_id, "wiped", "term_referrals_without_feedback")]
    assert report.records["referral.wiped"] == 1


def test_link_organisation_is_undone_by_anonymising_only_for_that_contact(db: Database) -> None:
    long_ago = NOW - timedelta(days=800)
    with db.session() as session:
        organisation = Organisation(name="Buurthuis De Schakel", type="buurthuis",
                                    network=Network.FORMAL, created_at=long_ago)
        session.add(organisation)
        session.flush()
        assert organisation.id is not None
        stopped = create_contact(session, name="Kees de Vries", network=Network.FORMAL,
                                 now=long_ago, status=ContactStatus.GESTOPT)
        staying = create_contact(session, name="Anouk Smit", network=Network.FORMAL,
                                 now=long_ago)
        assert stopped.id is not None
        assert staying.id is not None
        link_organisation(session, stopped.id, organisation.id)
        link_organisation(session, staying.id, organisation.id)

        purge(session, NOW, POLICY)

    with db.session() as session:
        members = [link.contact_id for link in session.exec(select(ContactOrganisation))]
    assert members == [staying.id]


def test_partner_questions_and_messages_keep_the_term_of_contact_moments(db: Database) -> None:
    long_ago = NOW - timedelta(days=3 * 366)
    with db.session() as session:
        coordinator = user(session)
        fatima = create_contact(session, name="Fatima Bakkali", network=Network.INFORMAL,
                                now=NOW - timedelta(days=2000))
        partner = user(session, Role.PARTNER, external_id="p1")
        partner.contact_id = fatima.id
        answered_moment = visit(session, long_ago, fatima)
        answered = PartnerQuestion(contact_id=fatima.id, asked_by_user_id=partner.id,
                                   question="Is er subsidie voor de iftar?", asked_at=long_ago,
                                   answer="Ja, via het wijkbudget", answered_at=long_ago,
                                   interaction_id=answered_moment.id)
        unanswered = PartnerQuestion(contact_id=fatima.id, asked_by_user_id=partner.id,
                                     question="Wanneer is het overleg?", asked_at=long_ago)
        recent = PartnerQuestion(contact_id=fatima.id, asked_by_user_id=partner.id,
                                 question="Komt u langs?", asked_at=NOW - timedelta(days=30))
        old_message = Broadcast(text="De subsidieronde is open", created_by_user_id=coordinator.id,
                                created_at=long_ago)
        session.add_all([answered, unanswered, recent, old_message])
        session.flush()
        session.add(BroadcastRecipient(broadcast_id=old_message.id, contact_id=fatima.id,
                                       user_id=partner.id, status="delivered",
                                       interaction_id=answered_moment.id))
        session.flush()
        ids = (answered.id, unanswered.id, recent.id, old_message.id)

        report = purge(session, NOW, POLICY)

    with db.session() as session:
        left = [q.id for q in session.exec(select(PartnerQuestion))]
        assert session.get(Broadcast, ids[3]) is None
        assert session.exec(select(BroadcastRecipient)).all() == []
        kinds = {(t[0], t[1]) for t in tombstones(session)}
    assert left == [ids[2]]
    assert {("partner_question", ids[0]), ("partner_question", ids[1]),
            ("broadcast", ids[3])} <= kinds
    assert report.records["partner_question.deleted"] == 1  # the other went with its moment
    assert report.records["broadcast.deleted"] == 1


def test_a_logged_meeting_keeps_its_date_when_its_contact_moment_reaches_its_term(
    db: Database,
) -> None:
    long_ago = NOW - timedelta(days=3 * 366)
    with db.session() as session:
        organiser = user(session)
        moment = visit(session, long_ago)
        area = session.exec(select(Area)).first()
        assert area is not None
        meeting = Meeting(area_id=area.id, organiser_user_id=organiser.id, every_weeks=6,
                          first_on=long_ago.date(), at_time=long_ago.time(), created_at=long_ago)
        session.add(meeting)
        session.flush()
        held = MeetingOccurrence(meeting_id=meeting.id, held_on=long_ago.date(),
                                 starts_at=long_ago, logged_at=long_ago,
                                 decisions="Buurtavond in januari", interaction_id=moment.id)
        session.add(held)
        session.flush()
        moment_id, held_id = moment.id, held.id

        report = purge(session, NOW, POLICY)

    with db.session() as session:
        assert session.get(Interaction, moment_id) is None
        kept = session.get(MeetingOccurrence, held_id)
        assert kept is not None
        assert kept.interaction_id is None
    assert report.records["interaction.deleted"] == 1
