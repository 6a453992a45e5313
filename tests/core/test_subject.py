"""A contact's rights: everything exported, restriction stops processing, erasure cascades;
and contact details in a visit's text are not stored unless the writer chose so."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import pytest
from sqlmodel import Session, select

from core.contacts import create_contact
from core.digest import daily_digest
from core.meetings import plan_meeting
from core.partners import Segment, agree, ask, send_broadcast
from core.rhythm import quiet_contacts
from core.subject import (
    ERASURE,
    erase,
    erasure_plan,
    export_subject,
    find_subjects,
    flag_contact_details,
    lift_restriction,
    remove_contact_details,
    restrict,
)
from core.visits import ContactDetailsError, draft_visit, known, save_visit
from storage.engine import Database
from storage.models import (
    Area,
    AuditEvent,
    BroadcastRecipient,
    Contact,
    ContactArea,
    FollowUp,
    Interaction,
    InteractionContact,
    Meeting,
    MeetingInvitee,
    Network,
    PartnerQuestion,
    Role,
    Signal,
    SurveyAnswer,
    SurveyParticipant,
    Tombstone,
    User,
)
from tests.conftest import AMSTERDAM, REFERENCE_NOW

NOW = REFERENCE_NOW
BOTH = (Network.FORMAL, Network.INFORMAL)


def user(session: Session, role: Role = Role.COORDINATOR) -> User:
    row = User(transport="memory", external_id="u1", chat_id="u1", role=role)
    session.add(row)
    session.flush()
    return row


def person(session: Session, name: str, owner: User | None = None, days_ago: int = 0,
           **fields: object) -> Contact:
    area = session.exec(select(Area)).first()
    assert area is not None
    assert area.id is not None
    return create_contact(session, name=name, network=Network.INFORMAL,
                          now=NOW - timedelta(days=days_ago),
                          owner_user_id=owner.id if owner else None, area_ids=[area.id],
                          **fields)  # type: ignore[arg-type]


def moment(session: Session, *people: Contact, summary: str, days_ago: int = 5) -> Interaction:
    interaction = Interaction(occurred_at=NOW - timedelta(days=days_ago), summary=summary,
                              created_at=NOW)
    session.add(interaction)
    session.flush()
    for someone in people:
        assert interaction.id is not None
        assert someone.id is not None
        session.add(InteractionContact(interaction_id=interaction.id, contact_id=someone.id))
    session.flush()
    return interaction


def sourced_signal(session: Session, source: Contact) -> Signal:
    area = session.exec(select(Area)).first()
    assert area is not None
    assert area.id is not None
    row = Signal(observed_on=NOW.date(), area_id=area.id, category="polarisatie",
                 facts="Posters bij het buurthuis", source_type="sleutelfiguur",
                 reliability="betrouwbaar", trend="gelijk", urgency="normaal", status="nieuw",
                 source_contact_id=source.id, created_at=NOW, updated_at=NOW)
    session.add(row)
    session.flush()
    return row


def follow_up(session: Session, owner: User, about: Contact | None, title: str,
              interaction: Interaction | None = None, due: datetime = NOW) -> FollowUp:
    assert owner.id is not None
    row = FollowUp(title=title, owner_user_id=owner.id, contact_id=about.id if about else None,
                   interaction_id=interaction.id if interaction else None, due_at=due,
                   created_at=NOW)
    session.add(row)
    session.flush()
    return row


# --- access ------------------------------------------------------------------------------------


def test_the_export_holds_everything_about_the_contact_and_nothing_about_others(
    db: Database,
) -> None:
    with db.session() as session:
        owner = user(session)
        fatima = person(session, "Fatima Bakkali", owner, phone="0612345678")
        ahmed = person(session, "Ahmed Yilmaz", owner)
        together = moment(session, fatima, ahmed, summary="Overleg over de iftar")
        moment(session, ahmed, summary="Alleen met Ahmed")
        follow_up(session, owner, fatima, "Fatima terugbellen", together)
        follow_up(session, owner, ahmed, "Ahmed mailen")
        sourced_signal(session, fatima)

        document = export_subject(session, fatima, NOW, AMSTERDAM, owner.id)
        audited = session.exec(select(AuditEvent).where(
            AuditEvent.action == "subject.exported")).one()

    text = json.dumps(document, ensure_ascii=False)
    assert document["contact"]["display_name"] == "Fatima Bakkali"
    assert document["contact"]["phone"] == "0612345678"
    assert [i["summary"] for i in document["interactions"]] == ["Overleg over de iftar"]
    assert [f["title"] for f in document["follow_ups"]] == ["Fatima terugbellen"]
    assert [s["facts"] for s in document["signals"]] == ["Posters bij het buurthuis"]
    assert "Alleen met Ahmed" not in text
    assert "Ahmed mailen" not in text
    assert audited.subject == f"contact:{fatima.id}"
    assert "Fatima" not in json.dumps(audited.detail)


def test_archived_contacts_can_still_be_found_for_a_request(db: Database) -> None:
    with db.session() as session:
        stopped = person(session, "Kees de Vries")
        stopped.archived_at = NOW
        session.add(stopped)
        session.flush()

        found = find_subjects(session, "kees", BOTH)
        hidden = find_subjects(session, "kees", [Network.FORMAL])

    assert [c.display_name for c in found] == ["Kees de Vries"]
    assert hidden == []


# --- restriction -------------------------------------------------------------------------------


def test_a_restricted_contact_is_kept_but_gets_no_nudges_digest_lines_or_matching(
    db: Database,
) -> None:
    with db.session() as session:
        owner = user(session)
        fatima = person(session, "Fatima Bakkali", owner, days_ago=400)
        follow_up(session, owner, fatima, "Fatima terugbellen", due=NOW - timedelta(hours=1))
        before = ([q.name for q in quiet_contacts(session, owner, NOW.date())],
                  _follow_up_lines(session, owner),
                  [n for _, n in known(session).contacts])

        assert restrict(session, fatima, NOW, owner.id)
        assert not restrict(session, fatima, NOW, owner.id)
        after = ([q.name for q in quiet_contacts(session, owner, NOW.date())],
                 _follow_up_lines(session, owner),
                 [n for _, n in known(session).contacts])
        kept = session.get(Contact, fatima.id)
        restricted_at = kept.restricted_at if kept else None

        assert lift_restriction(session, fatima, NOW, owner.id)
        lifted = [q.name for q in quiet_contacts(session, owner, NOW.date())]

    assert before == (["Fatima Bakkali"], 1, ["Fatima Bakkali"])
    assert after == ([], 0, [])
    assert kept is not None
    assert restricted_at == NOW
    assert lifted == ["Fatima Bakkali"]


def _follow_up_lines(session: Session, owner: User) -> int:
    digest = daily_digest(session, owner, NOW)
    return len(digest.due_today) + len(digest.overdue)


# --- erasure -----------------------------------------------------------------------------------


def test_erasure_deletes_what_is_only_theirs_unlinks_the_rest_and_leaves_a_tombstone(
    db: Database,
) -> None:
    with db.session() as session:
        owner = user(session, Role.ADMIN)
        fatima = person(session, "Fatima Bakkali", owner)
        ahmed = person(session, "Ahmed Yilmaz", owner)
        alone = moment(session, fatima, summary="Alleen met Fatima")
        together = moment(session, fatima, ahmed, summary="Overleg met beiden")
        follow_up(session, owner, fatima, "Fatima terugbellen")
        follow_up(session, owner, None, "Verslag sturen", alone)
        follow_up(session, owner, ahmed, "Ahmed mailen", together)
        sourced = sourced_signal(session, fatima)
        fatima_id, alone_id, together_id = fatima.id, alone.id, together.id

        plan = erasure_plan(session, fatima_id)  # type: ignore[arg-type]
        done = erase(session, fatima, NOW, owner.id).plan

    with db.session() as session:
        assert session.get(Contact, fatima_id) is None
        assert session.get(Interaction, alone_id) is None
        assert session.get(Interaction, together_id) is not None
        participants = [(p.interaction_id, p.contact_id)
                        for p in session.exec(select(InteractionContact))]
        titles = [f.title for f in session.exec(select(FollowUp))]
        signal = session.get(Signal, sourced.id)
        links = session.exec(select(ContactArea).where(ContactArea.contact_id == fatima_id)).all()
        stones = {(t.record_type, t.record_id, t.reason) for t in session.exec(select(Tombstone))}
        audited = session.exec(select(AuditEvent).where(AuditEvent.action == "subject.erased")
                               ).one()
    assert plan == done
    assert (done.interactions_deleted, done.interactions_unlinked, done.follow_ups_deleted,
            done.signals_unsourced) == (1, 1, 2, 1)
    assert participants == [(together_id, ahmed.id)]
    assert titles == ["Ahmed mailen"]
    assert signal is not None
    assert signal.source_contact_id is None
    assert signal.facts == "Posters bij het buurthuis"
    assert links == []
    assert ("contact", fatima_id, ERASURE) in stones
    assert ("interaction", alone_id, ERASURE) in stones
    assert audited.subject == f"contact:{fatima_id}"
    assert audited.actor_user_id == owner.id
    assert "Fatima" not in json.dumps(audited.detail)


def test_erasing_a_partner_takes_their_questions_and_messages_and_ends_their_account(
    db: Database,
) -> None:
    with db.session() as session:
        admin = user(session, Role.ADMIN)
        fatima = person(session, "Fatima Bakkali", admin)
        partner = User(transport="memory", external_id="p1", chat_id="p1", role=Role.PARTNER,
                       contact_id=fatima.id)
        session.add(partner)
        session.flush()
        assert agree(session, partner, NOW.date(), NOW)
        question = ask(session, partner, "Wanneer is het volgende overleg?", NOW)
        assert isinstance(question, PartnerQuestion)
        sent = send_broadcast(session, admin, Segment(), "De subsidieronde is open",
                              urgent=True, now=NOW, tz=AMSTERDAM)
        assert sent is not None
        fatima_id, partner_id, question_id = fatima.id, partner.id, question.id

        erase(session, fatima, NOW, admin.id)

    with db.session() as session:
        assert session.get(Contact, fatima_id) is None
        assert session.get(PartnerQuestion, question_id) is None
        assert session.exec(select(BroadcastRecipient)).all() == []
        account = session.get(User, partner_id)
        assert account is not None
        assert account.revoked_at is not None
        assert account.contact_id is None
        stones = {(t.record_type, t.record_id) for t in session.exec(select(Tombstone))}
    assert ("partner_question", question_id) in stones


def test_erasing_an_invitee_takes_them_off_the_meeting_and_keeps_the_meeting(
    db: Database,
) -> None:
    with db.session() as session:
        admin = user(session, Role.ADMIN)
        fatima = person(session, "Fatima Bakkali", admin)
        ahmed = person(session, "Ahmed Yilmaz", admin)
        area = session.exec(select(Area)).first()
        assert area is not None
        assert area.id is not None
        meeting = plan_meeting(session, area_id=area.id, organiser=admin, every_weeks=6,
                               first=NOW + timedelta(days=7), place="Buurthuis",
                               invitee_ids=[fatima.id, ahmed.id], now=NOW)  # type: ignore[list-item]
        assert isinstance(meeting, Meeting)
        meeting_id, ahmed_id = meeting.id, ahmed.id

        erase(session, fatima, NOW, admin.id)

    with db.session() as session:
        assert session.get(Meeting, meeting_id) is not None
        invited = [i.contact_id for i in session.exec(select(MeetingInvitee))]
    assert invited == [ahmed_id]


def test_erasing_a_survey_participant_takes_their_answers_too(db: Database) -> None:
    from tests.core.test_report_render import add_partners, run_round

    with db.session() as session:
        admin = user(session, Role.ADMIN)
        (partner, *_others) = add_partners(session, 6, Network.INFORMAL, "Stad-Oost", NOW)
        run_round(session, NOW - timedelta(days=30))
        contact = session.get(Contact, partner.contact_id)
        assert contact is not None
        before = len(session.exec(select(SurveyAnswer)).all())
        theirs = session.exec(select(SurveyParticipant)
                              .where(SurveyParticipant.contact_id == contact.id)).one()

        erase(session, contact, NOW, admin.id)

    with db.session() as session:
        assert session.get(SurveyParticipant, theirs.id) is None
        left = session.exec(select(SurveyAnswer)).all()
    assert 0 < len(left) < before
    assert all(a.participant_id != theirs.id for a in left)


# --- contact details in a visit's text ---------------------------------------------------------


def test_contact_details_in_a_visit_are_flagged_and_not_stored_without_a_choice(
    db: Database,
) -> None:
    text = ("Vandaag bij Fatima van buurthuis De Schakel geweest, haar nummer is 06-12345678 "
            "en mail fatima@example.nl, volgende week terugbellen")
    with db.session() as session:
        owner = user(session)
        draft = draft_visit(session, text, NOW)
        for someone in draft.people:
            someone.network = Network.INFORMAL
        flag_contact_details(draft)

        with pytest.raises(ContactDetailsError):
            save_visit(session, draft, owner, NOW)
        draft.keep_contact_details = True
        kept = save_visit(session, draft, owner, NOW)

    assert sorted(draft.contact_details) == ["06-12345678", "fatima@example.nl"]
    assert "06-12345678" in kept.summary


def test_removing_contact_details_takes_them_out_of_every_text(db: Database) -> None:
    with db.session() as session:
        draft = draft_visit(session, "Gesprek met Ahmed Yilmaz, mail ahmed@example.nl of bel "
                            "+31 6 1234 5678 over de iftar", NOW)
        flag_contact_details(draft)
        remove_contact_details(draft)
        flag_contact_details(draft)

    assert draft.contact_details == []
    assert "@" not in draft.summary
    assert "1234" not in draft.summary
    assert "iftar" in draft.summary


def test_a_new_detail_after_keeping_needs_its_own_choice(db: Database) -> None:
    with db.session() as session:
        draft = draft_visit(session, "Gesprek met Ahmed Yilmaz, mail ahmed@example.nl", NOW)
    flag_contact_details(draft)
    draft.keep_contact_details = True
    draft.summary += " en bel 0612345678"

    flag_contact_details(draft)

    assert draft.keep_contact_details is False
    assert "0612345678" in draft.contact_details
