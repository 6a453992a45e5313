"""Reading sensitive records leaves a trace in the audit chain: who read what, never its content."""

from __future__ import annotations

from collections.abc import Callable

from sqlmodel import select

from core.access import create_invite
from core.audit import verify
from core.clock import FakeClock
from core.contacts import create_contact
from storage.engine import Database
from storage.models import AuditEvent, Network, Role, User
from tests.bot.conftest import Chat

SKATEPARK = ("Gisteren bij het skatepark in Stad-Oost scholden twee groepen jongeren elkaar "
             "uit, er vielen klappen.")


def events(db: Database, action: str) -> list[AuditEvent]:
    with db.session() as session:
        return list(session.exec(select(AuditEvent).where(AuditEvent.action == action)).all())


def user_id(db: Database, external_id: str) -> int | None:
    with db.session() as session:
        return session.exec(select(User).where(User.external_id == external_id)).one().id


def fatima(db: Database, clock: FakeClock) -> int:
    with db.session() as session:
        contact = create_contact(session, name="Fatima Bakkali", network=Network.FORMAL,
                                 now=clock.now())
    assert contact.id is not None
    return contact.id


def nothing_said_in_the_log(db: Database, *words: str) -> bool:
    with db.session() as session:
        rows = session.exec(select(AuditEvent)).all()
    logged = " ".join(f"{e.action} {e.subject} {e.detail}" for e in rows)
    return not any(word in logged for word in words)


async def test_reading_a_briefing_is_audited_with_reader_and_contact_but_no_content(
    coordinator: Chat, db: Database, clock: FakeClock
) -> None:
    contact_id = fatima(db, clock)

    [brief] = await coordinator.say("/kort fatima")

    assert brief.text.startswith("📋 Kort: Fatima Bakkali")
    [read] = events(db, "contact.read_briefing")
    assert (read.actor_user_id, read.subject, read.detail) == (
        user_id(db, "u1"), f"contact:{contact_id}", {})
    assert nothing_said_in_the_log(db, "Fatima", "Bakkali")
    with db.session() as session:
        assert verify(session, db.keyring).ok


async def test_opening_a_contact_card_is_audited_with_reader_and_contact_but_no_content(
    coordinator: Chat, db: Database, clock: FakeClock
) -> None:
    """Attack review #10: the card shows phone and e-mail, so who opened it is on record."""
    with db.session() as session:
        contact = create_contact(session, name="Fatima Bakkali", network=Network.FORMAL,
                                 now=clock.now(), phone="06 1234 5678",
                                 email="fatima@example.nl")

    [card] = await coordinator.say("/contact fatima")

    assert "06 1234 5678" in card.text
    [read] = events(db, "contact.read_card")
    assert (read.actor_user_id, read.subject, read.detail) == (
        user_id(db, "u1"), f"contact:{contact.id}", {})
    assert nothing_said_in_the_log(db, "Fatima", "Bakkali", "1234", "example.nl")
    with db.session() as session:
        assert verify(session, db.keyring).ok


async def test_seeing_a_signals_source_is_audited_and_not_seeing_it_is_not(
    coordinator: Chat, chat_as: Callable[[str], Chat], db: Database, clock: FakeClock
) -> None:
    contact_id = fatima(db, clock)
    await coordinator.say(f"/signaal {SKATEPARK}")
    await coordinator.press("Overslaan")
    await coordinator.press("Weet ik niet")
    await coordinator.press("Wijzigen")
    await coordinator.press("Broncontact")
    await coordinator.say("Fatima")
    await coordinator.press("Fatima Bakkali")
    await coordinator.press("Opslaan")
    colleague = chat_as("u2")
    with db.session() as session:
        token = create_invite(session, Role.COLLEAGUE, clock.now())
    await colleague.say(f"/start {token}")
    before = len(events(db, "signal.read_source"))

    await colleague.say("/signalen")
    [seen_by_colleague] = await colleague.press("S-1")
    after_colleague = len(events(db, "signal.read_source"))
    await coordinator.say("/signalen")
    [shown] = await coordinator.press("S-1")

    assert "Fatima" not in seen_by_colleague.text
    assert after_colleague == before
    assert "Fatima Bakkali" in shown.text
    last = events(db, "signal.read_source")[-1]
    assert len(events(db, "signal.read_source")) == before + 1
    assert (last.actor_user_id, last.subject, last.detail) == (
        user_id(db, "u1"), "signal:1", {"contact": contact_id})
    assert nothing_said_in_the_log(db, "Fatima", "skatepark", "klappen")
