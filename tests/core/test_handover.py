"""Handing a network over (core.handover): everything the leaver owns moves in one go and is
audited without content; the document lists per area what the successor needs and nothing of
contacts that are not theirs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlmodel import Session, col, select

from core.clock import FakeClock
from core.contacts import create_contact, create_organisation
from core.handover import HandoverError, check, document, hand_over, pending, render_markdown
from storage.engine import Database
from storage.models import (
    Area,
    AuditEvent,
    Contact,
    FollowUp,
    FollowUpStatus,
    Interaction,
    InteractionContact,
    Meeting,
    Role,
    Signal,
    User,
)


@dataclass
class Seeded:
    admin: int
    leaver: int
    successor: int
    other: int  # another coordinator, whose network stays
    colleague: int  # sees the formal network only
    oost: int
    haven: int


def user(session: Session, name: str, role: Role) -> int:
    row = User(transport="memory", external_id=name, chat_id=name, role=role)
    session.add(row)
    session.flush()
    assert row.id is not None
    return row.id


def area(session: Session, name: str) -> int:
    row = session.exec(select(Area).where(Area.name == name)).one()
    assert row.id is not None
    return row.id


def talk(session: Session, contact: Contact, when: datetime, *, by: int, asked: str = "",
         minutes: int | None = None) -> None:
    interaction = Interaction(occurred_at=when, asked=asked, logged_by_user_id=by,
                              duration_minutes=minutes, created_at=when)
    session.add(interaction)
    session.flush()
    assert interaction.id is not None
    assert contact.id is not None
    session.add(InteractionContact(interaction_id=interaction.id, contact_id=contact.id))


def seed(db: Database, now: datetime) -> Seeded:
    """The leaver keeps a small network in Stad-Oost and Almere Haven; another coordinator has
    a contact in Stad-Oost too."""
    with db.session() as session:
        s = Seeded(
            admin=user(session, "admin", Role.ADMIN), leaver=user(session, "leaver",
                                                                 Role.COORDINATOR),
            successor=user(session, "successor", Role.COORDINATOR),
            other=user(session, "other", Role.COORDINATOR),
            colleague=user(session, "colleague", Role.COLLEAGUE),
            oost=area(session, "Stad-Oost"), haven=area(session, "Almere Haven"),
        )
        schakel = create_organisation(session, name="Buurthuis De Schakel",
                                      type_code="buurthuis", network="formal", now=now)
        fatima = create_contact(session, name="Fatima el Amrani", network="informal", now=now,
                                owner_user_id=s.leaver, area_ids=[s.oost],
                                roles=["sleutelfiguur"], organisation_id=schakel.id)
        jan = create_contact(session, name="Jan de Vries", network="formal", now=now,
                             owner_user_id=s.leaver, area_ids=[s.haven])
        karin = create_contact(session, name="Karin Bos", network="formal", now=now,
                               owner_user_id=s.other, area_ids=[s.oost])
        gone = create_contact(session, name="Oud Contact", network="formal", now=now,
                              owner_user_id=s.leaver, area_ids=[s.oost])
        gone.archived_at = now
        talk(session, fatima, now - timedelta(days=20), by=s.leaver,
             asked="Of de gemeente de huur van de zaal kan dragen")
        talk(session, fatima, now - timedelta(days=400), by=s.leaver,
             asked="Een oude vraag van vorig jaar")
        talk(session, jan, now - timedelta(days=200), by=s.leaver)
        talk(session, karin, now - timedelta(days=3), by=s.other,
             asked="Karins vraag hoort bij een ander")
        assert fatima.id
        assert jan.id
        assert karin.id
        for title, owner, contact_id, status in (
            ("Fatima terugbellen over de zaal", s.leaver, fatima.id, FollowUpStatus.OPEN),
            ("Jan het verslag sturen", s.leaver, jan.id, FollowUpStatus.OPEN),
            ("Al gedaan", s.leaver, fatima.id, FollowUpStatus.DONE),
            ("Karin mailen", s.other, karin.id, FollowUpStatus.OPEN),
        ):
            session.add(FollowUp(title=title, owner_user_id=owner, contact_id=contact_id,
                                 due_at=now + timedelta(days=3), status=status,
                                 created_at=now))
        for facts, signal_status in (("Onrust bij het skatepark", "gemeld"),
                              ("Opgelost conflict", "afgehandeld")):
            session.add(Signal(observed_on=now.date() - timedelta(days=5), area_id=s.oost,
                               category="jongeren", facts=facts, source_type="sleutelfiguur",
                               source_contact_id=karin.id, reliability="waarschijnlijk",
                               trend="stijgend", urgency="normaal", status=signal_status,
                               tension_level=1, created_at=now, updated_at=now))
        session.add(Meeting(area_id=s.oost, organiser_user_id=s.leaver, every_weeks=4,
                            first_on=date(2026, 12, 7), at_time=time(19, 30), created_at=now))
        session.add(Meeting(area_id=s.haven, organiser_user_id=s.leaver, every_weeks=6,
                            first_on=date(2026, 1, 5), at_time=time(10, 0), created_at=now,
                            ended_at=now))
    return s


def test_the_handover_moves_contacts_open_follow_ups_and_running_meetings(
    db: Database, clock: FakeClock
) -> None:
    s = seed(db, clock.now())
    with db.session() as session:
        before = pending(session, s.leaver)
        moved = hand_over(session, s.leaver, s.successor, s.admin, clock.now())

    with db.session() as session:
        owners = {c.display_name: c.owner_user_id for c in session.exec(select(Contact)).all()}
        follow_ups = {f.title: f.owner_user_id for f in session.exec(select(FollowUp)).all()}
        organisers = [m.organiser_user_id for m in session.exec(
            select(Meeting).order_by(col(Meeting.id))).all()]
        left = pending(session, s.leaver)

    assert not isinstance(moved, HandoverError)
    assert (before.contacts, before.follow_ups, before.meetings) == (3, 2, 1)
    assert moved.counts == before
    assert owners == {"Fatima el Amrani": s.successor, "Jan de Vries": s.successor,
                      "Oud Contact": s.successor, "Karin Bos": s.other}
    assert follow_ups == {"Fatima terugbellen over de zaal": s.successor,
                          "Jan het verslag sturen": s.successor, "Al gedaan": s.leaver,
                          "Karin mailen": s.other}
    assert organisers == [s.successor, s.leaver]  # an ended meeting stays where it was
    assert left.total == 0


def test_the_handover_is_audited_with_ids_and_counts_and_no_content(
    db: Database, clock: FakeClock
) -> None:
    s = seed(db, clock.now())
    with db.session() as session:
        hand_over(session, s.leaver, s.successor, s.admin, clock.now())

    with db.session() as session:
        [entry] = session.exec(select(AuditEvent).where(
            AuditEvent.action == "network.handed_over")).all()

    assert entry.actor_user_id == s.admin
    assert entry.subject == f"user:{s.leaver}"
    assert entry.detail["to_user"] == s.successor
    assert len(entry.detail["contacts"]) == 3
    assert len(entry.detail["follow_ups"]) == 2
    assert len(entry.detail["meetings"]) == 1
    written = repr(entry.detail) + entry.subject
    assert "Fatima" not in written
    assert "zaal" not in written


def test_a_refused_handover_moves_nothing(db: Database, clock: FakeClock) -> None:
    s = seed(db, clock.now())
    with db.session() as session:
        revoked = user(session, "revoked", Role.COORDINATOR)
        gone = session.get(User, revoked)
        assert gone is not None
        gone.revoked_at = clock.now()
        partner = user(session, "partner", Role.PARTNER)

    with db.session() as session:
        answers = [hand_over(session, s.leaver, to, s.admin, clock.now())
                   for to in (s.leaver, revoked, partner, 999, s.colleague)]
        audited = session.exec(select(AuditEvent).where(
            AuditEvent.action == "network.handed_over")).all()
        still = pending(session, s.leaver)

    assert answers == [HandoverError.SAME_USER, HandoverError.SUCCESSOR_REVOKED,
                       HandoverError.SUCCESSOR_ROLE, HandoverError.UNKNOWN_USER,
                       HandoverError.SUCCESSOR_CANNOT_SEE]
    assert audited == []
    assert still.total == 6


def test_a_colleague_granted_the_informal_network_may_take_it_over(
    db: Database, clock: FakeClock
) -> None:
    s = seed(db, clock.now())
    with db.session() as session:
        colleague = session.get(User, s.colleague)
        assert colleague is not None
        colleague.informal_granted_at = clock.now()

    with db.session() as session:
        assert check(session, s.leaver, s.colleague) is None


def test_the_document_lists_per_area_what_the_successor_needs(
    db: Database, clock: FakeClock
) -> None:
    s = seed(db, clock.now())
    with db.session() as session:
        moved = hand_over(session, s.leaver, s.successor, s.admin, clock.now())
        assert not isinstance(moved, HandoverError)
        doc = document(session, moved, clock.now())
    by_area = {a.name: a for a in doc.areas}

    assert list(by_area) == ["Almere Haven", "Stad-Oost"]
    oost, haven = by_area["Stad-Oost"], by_area["Almere Haven"]
    [fatima] = oost.contacts
    assert (fatima.name, fatima.network, fatima.organisations) == (
        "Fatima el Amrani", "informal", ("Buurthuis De Schakel",))
    assert (fatima.rhythm.ideal_days, fatima.last_contact_on) == (
        30, (clock.now() - timedelta(days=20)).date())
    assert fatima.quiet is None
    [jan] = haven.contacts
    assert jan.quiet is not None  # 200 days since the last contact
    assert [f.text for f in oost.follow_ups] == ["Fatima terugbellen over de zaal"]
    assert [f.text for f in haven.follow_ups] == ["Jan het verslag sturen"]
    assert [a.text for a in oost.asked] == ["Of de gemeente de huur van de zaal kan dragen"]
    assert [line.text for line in oost.signals] == [
        "jongeren (gemeld, spanning 1): Onrust bij het skatepark"]
    assert len(oost.meetings) == 1
    assert haven.meetings == []


def test_the_document_names_nobody_who_did_not_move(db: Database, clock: FakeClock) -> None:
    s = seed(db, clock.now())
    with db.session() as session:
        moved = hand_over(session, s.leaver, s.successor, s.admin, clock.now())
        assert not isinstance(moved, HandoverError)
        text = render_markdown(document(session, moved, clock.now()))

    assert "Fatima el Amrani" in text
    assert "Jan de Vries" in text
    assert "Vertrouwelijk" in text
    for absent in ("Karin", "Oud Contact", "Een oude vraag", "Al gedaan", "Opgelost conflict"):
        assert absent not in text
    assert "elke 4 weken op maandag om 19:30" in text
