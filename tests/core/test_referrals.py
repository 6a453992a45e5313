"""Handing over a concern about a person: what is refused, the handoff record, the purge."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select

from core.referrals import (
    DEFAULT_RETENTION,
    Found,
    Outcome,
    ReferralDraft,
    ReferralError,
    Retention,
    counts,
    purge_due,
    record_feedback,
    save_referral,
    screen,
    visible_referrals,
)
from storage.engine import Database
from storage.models import Area, AuditEvent, FollowUp, Referral, User
from tests.conftest import REFERENCE_NOW

TODAY = REFERENCE_NOW.date()
FACTS = "Jongen van ongeveer 16 deelt filmpjes met geweld en zoekt contact met oudere mannen."


@pytest.mark.parametrize(("text", "kind", "found"), [
    ("Youssef deelt filmpjes op TikTok.", Found.NAME, "Youssef"),
    ("Een jongen, Youssef El Amrani, deelt filmpjes.", Found.NAME, "Youssef El Amrani"),
    ("De zoon van mevrouw Jansen is erg veranderd.", Found.NAME, "Jansen"),
    ("Kees de Vries zegt dat zijn buurjongen verandert.", Found.NAME, "Kees de Vries"),
    ("Het gaat om de dochter van Bakkali.", Found.NAME, "Bakkali"),
    ("Dewi zegt dat haar broer niet meer naar school gaat.", Found.NAME, "Dewi"),
    ("Ilyas heeft ruzie met de buren.", Found.NAME, "Ilyas"),
    ("Gesprek over jayden, hij spijbelt.", Found.NAME, "jayden"),
    ("Woont op de Stationsstraat 12.", Found.ADDRESS, "Stationsstraat 12"),
    ("Postcode 1312 AB, bovenwoning.", Found.ADDRESS, "1312 AB"),
    ("Te bereiken op 06-12345678.", Found.PHONE, "06-12345678"),
    ("Belde vanaf +31 6 1234 5678.", Found.PHONE, "+31 6 1234 5678"),
    ("Moeder mailde vanaf ouder.zorg@example.nl.", Found.EMAIL, "ouder.zorg@example.nl"),
    ("Zijn BSN is 111222333.", Found.BSN, ""),
])
def test_what_identifies_a_person_is_found_in_a_text(text: str, kind: Found, found: str
                                                     ) -> None:
    findings = screen(text, known_names=["Fatima Bakkali"])

    assert (kind, found) in [(f.kind, f.text) for f in findings]


def test_a_known_contact_is_a_name_by_their_first_name_too() -> None:
    [finding] = screen("Fatima maakt zich zorgen over haar neef.", ["Fatima Bakkali"])

    assert (finding.kind, finding.text) == (Found.NAME, "Fatima")


@pytest.mark.parametrize("text", [
    "Jongen van ongeveer 16 uit Stad-Oost deelt extremistische filmpjes op TikTok.",
    "Bij het skatepark 5 jongeren gezien op 12-03-2026 rond 21.00 uur.",
    "Tijdens de Ramadan spanningen rond de moskee Al Fath.",
    "Doorgezet naar Veilig Thuis en het Landelijk Steunpunt Extremisme.",
    "Vader maakt zich zorgen; hij belde de wijkagent.",
    "Zaterdag 14 december demonstratie bij het Stadhuisplein, 3 keer eerder geweest.",
])
def test_an_ordinary_description_is_not_refused(text: str) -> None:
    assert screen(text, ["Fatima Bakkali"], allowed=["Stad-Oost", "Al Fath"]) == []


def user(db: Database, external: str = "u1", role: str = "coordinator") -> User:
    with db.session() as session:
        person = User(transport="memory", external_id=external, chat_id=external, role=role)
        session.add(person)
        session.flush()
        return person


def area_id(db: Database) -> int:
    with db.session() as session:
        area = session.exec(select(Area).where(Area.name == "Stad-Oost")).one()
        assert area.id is not None
        return area.id


def hand_over(db: Database, who: User, days: int = 0, **fields: object) -> int:
    values: dict[str, object] = {"area_id": area_id(db), "age_band": "12-17",
                                 "nature": "online", "facts": FACTS, "referred_to": "zvh",
                                 "external_reference": "ZVH-2026-041"}
    values.update(fields)
    with db.session() as session:
        referral = save_referral(session, ReferralDraft.model_validate(values), who,
                                 REFERENCE_NOW + timedelta(days=days),
                                 "Terugkoppeling navragen (overdracht {ref})")
        assert referral.id is not None
        return referral.id


def stored(db: Database, referral_id: int) -> Referral:
    with db.session() as session:
        found = session.get(Referral, referral_id)
        assert found is not None
        return found


def test_a_handoff_keeps_no_name_and_owes_a_reminder_to_ask_for_feedback(db: Database) -> None:
    me = user(db)

    referral_id = hand_over(db, me, feedback_days=14)

    with db.session() as session:
        [follow_up] = session.exec(select(FollowUp)).all()
    record = stored(db, referral_id)
    assert (record.age_band, record.nature, record.referred_to) == ("12-17", "online", "zvh")
    assert record.feedback_check_on == TODAY + timedelta(days=14)
    assert follow_up.title == f"Terugkoppeling navragen (overdracht Z-{referral_id})"
    assert follow_up.due_at.astimezone(REFERENCE_NOW.tzinfo).date() == record.feedback_check_on


def test_facts_with_a_phone_number_are_refused_even_past_the_chat(db: Database) -> None:
    me = user(db)

    with pytest.raises(ReferralError):
        hand_over(db, me, facts="Moeder is bereikbaar op 06-12345678, zorgen over zoon.")

    with db.session() as session:
        assert session.exec(select(Referral)).all() == []


def test_feedback_sets_the_purge_date_and_ends_the_reminder(db: Database) -> None:
    me = user(db)
    referral_id = hand_over(db, me)

    with db.session() as session:
        outcome, _ = record_feedback(session, referral_id, me, REFERENCE_NOW + timedelta(days=10))
        again, _ = record_feedback(session, referral_id, me, REFERENCE_NOW + timedelta(days=11))
        follow_up = session.exec(select(FollowUp)).one()

    record = stored(db, referral_id)
    assert (outcome, again) == (Outcome.RECORDED, Outcome.ALREADY)
    assert record.feedback_received_on == TODAY + timedelta(days=10)
    assert record.purge_on == TODAY + timedelta(days=10) + DEFAULT_RETENTION.after_feedback
    assert follow_up.status == "done"


def test_the_facts_are_purged_after_the_term_and_only_counts_remain(db: Database) -> None:
    me = user(db)
    referral_id = hand_over(db, me)
    retention = Retention(after_feedback=timedelta(days=30))
    with db.session() as session:
        record_feedback(session, referral_id, me, REFERENCE_NOW + timedelta(days=10), retention)

    with db.session() as session:
        early = purge_due(session, REFERENCE_NOW + timedelta(days=39), retention)
    with db.session() as session:
        due = purge_due(session, REFERENCE_NOW + timedelta(days=40), retention)
    with db.session() as session:
        again = purge_due(session, REFERENCE_NOW + timedelta(days=41), retention)
        counted = counts(session, TODAY)
        audited = session.exec(select(AuditEvent.action)
                               .where(AuditEvent.action == "referral.purged")).all()

    record = stored(db, referral_id)
    assert (early, due, again) == (0, 1, 0)
    assert (record.facts, record.external_reference) == ("", None)
    assert record.purged_at is not None
    assert (record.area_id, record.age_band, record.referred_to) == (area_id(db), "12-17", "zvh")
    assert (counted.total, counted.with_feedback, counted.by_destination) == (1, 1, {"zvh": 1})
    assert audited == ["referral.purged"]


def test_without_feedback_the_facts_are_purged_after_the_longer_term(db: Database) -> None:
    me = user(db)
    referral_id = hand_over(db, me)
    retention = Retention(without_feedback=timedelta(days=365))

    with db.session() as session:
        before = purge_due(session, REFERENCE_NOW + timedelta(days=364), retention)
    with db.session() as session:
        after = purge_due(session, REFERENCE_NOW + timedelta(days=365), retention)
        follow_up = session.exec(select(FollowUp)).one()

    assert (before, after) == (0, 1)
    assert stored(db, referral_id).facts == ""
    assert follow_up.status == "done"


def test_a_colleague_sees_only_their_own_handoffs_and_a_coordinator_sees_all(
    db: Database,
) -> None:
    coordinator, colleague = user(db), user(db, "u2", "colleague")
    mine = hand_over(db, colleague)
    hand_over(db, coordinator)

    with db.session() as session:
        seen_by_colleague = [r.id for r in visible_referrals(session, colleague)]
        seen_by_coordinator = visible_referrals(session, coordinator)

    assert seen_by_colleague == [mine]
    assert len(seen_by_coordinator) == 2
