"""Who gets in: invites, strangers, groups, roles."""

from __future__ import annotations

from collections.abc import Callable

from sqlmodel import select

from bot.conversation import texts as catalogue
from core.clock import FakeClock
from storage.engine import Database
from storage.models import AuditEvent, Contact, Network, Role, StrangerCount
from tests.bot.conftest import Chat, invite, texts


async def test_an_invited_coordinator_is_welcomed_in_dutch(stranger: Chat, db: Database,
                                                          clock: FakeClock) -> None:
    replies = await stranger.say(f"/start {invite(db, clock)}")

    assert texts(replies) == catalogue.text("nl", "welcome", role="netwerkregisseur")


def audited(db: Database, action: str) -> list[AuditEvent]:
    with db.session() as session:
        return list(session.exec(select(AuditEvent).where(AuditEvent.action == action)))


def counted(db: Database, kind: str) -> int:
    with db.session() as session:
        return sum(row.count for row in session.exec(
            select(StrangerCount).where(StrangerCount.kind == kind)))


async def test_a_stranger_gets_one_polite_refusal_a_day_and_one_audit_row_a_day(
        stranger: Chat, db: Database, clock: FakeClock) -> None:
    """Attack review #7: a flood of messages is one answer and one audit row per chat-day."""
    first = await stranger.say("Hallo, wie ben jij?")
    later = [await stranger.say(f"Hallo?? {n}") for n in range(20)]
    clock.advance(days=1)
    next_day = await stranger.say("Hallo, nog een keer")
    and_again = await stranger.say("Hallo?")

    assert texts(first) == catalogue.text("nl", "refusal")
    assert all(replies == [] for replies in later)
    assert texts(next_day) == catalogue.text("nl", "refusal")
    assert and_again == []
    events = audited(db, "access.refused")
    assert len(events) == 2  # one per day, not one per message
    assert all("Hallo" not in str(event.detail) + event.subject for event in events)
    assert counted(db, "message") == 23  # every message is still counted


async def test_wrong_invite_codes_are_answered_five_times_then_once_told_then_silence(
        stranger: Chat, db: Database, clock: FakeClock) -> None:
    """Attack review #7: /start <guess> cannot be tried without limit."""
    answers = [await stranger.say(f"/start gok{n:012d}") for n in range(5)]
    silent = await stranger.say("/start gok999999999999")
    good_code_meanwhile = await stranger.say(f"/start {invite(db, clock)}")

    assert [texts(a) for a in answers[:4]] == [catalogue.text("nl", "invite_unknown")] * 4
    assert texts(answers[4]) == (catalogue.text("nl", "invite_unknown") + "\n\n"
                                 + catalogue.text("nl", "invite_throttled"))
    assert silent == []
    assert good_code_meanwhile == []  # not even a right code is tried while the chat waits
    assert len(audited(db, "invite.rejected")) == 5
    other = stranger.as_user("someone-else")  # another chat is not held back
    assert texts(await other.say("/start gok000000000000")) == catalogue.text(
        "nl", "invite_unknown")

    clock.advance(minutes=61)
    welcomed = await stranger.say(f"/start {invite(db, clock)}")
    assert texts(welcomed) == catalogue.text("nl", "welcome", role="netwerkregisseur")


async def test_an_invite_opens_the_door_only_once(stranger: Chat, db: Database,
                                                 clock: FakeClock) -> None:
    token = invite(db, clock)
    await stranger.say(f"/start {token}")

    other = stranger.as_user("someone-else")
    replies = await other.say(f"/start {token}")

    assert texts(replies) == catalogue.text("nl", "invite_used")


async def test_an_expired_invite_is_refused(stranger: Chat, db: Database,
                                           clock: FakeClock) -> None:
    token = invite(db, clock)
    clock.advance(hours=73)

    replies = await stranger.say(f"/start {token}")

    assert texts(replies) == catalogue.text("nl", "invite_expired")


async def test_a_made_up_invite_is_refused(stranger: Chat) -> None:
    replies = await stranger.say("/start abcdefghijklmnop")

    assert texts(replies) == catalogue.text("nl", "invite_unknown")


async def test_a_group_chat_is_refused(coordinator: Chat) -> None:
    transport = coordinator.transport
    await transport.say("/acties", user="u1", chat="group-1", private=False)

    assert texts(transport.pop("group-1")) == catalogue.text("nl", "group_refused")


async def test_a_partner_is_politely_refused_coordinator_commands(
    chat_as: Callable[[str], Chat], db: Database, clock: FakeClock
) -> None:
    partner = chat_as("partner-1")
    await partner.say(f"/start {invite(db, clock, Role.PARTNER)}")

    for command in ("/acties", "/bezoek", "/followups"):
        assert texts(await partner.say(command)) == catalogue.text("nl", "not_allowed")
    visit = await partner.say("Gesproken met Fatima over het buurthuis, volgende week bellen")
    assert texts(visit) == catalogue.text("nl", "help_partner")


async def test_an_english_speaking_newcomer_is_welcomed_in_english(
    chat_as: Callable[[str], Chat], db: Database, clock: FakeClock
) -> None:
    transport = chat_as("en-1").transport
    await transport.say(f"/start {invite(db, clock)}", user="en-1", language="en")

    assert texts(transport.pop("en-1")) == catalogue.text(
        "en", "welcome", role="network coordinator"
    )


async def test_an_invite_lasts_72_hours_by_default(stranger: Chat, db: Database,
                                                  clock: FakeClock) -> None:
    token = invite(db, clock)
    clock.advance(hours=71, minutes=59)

    replies = await stranger.say(f"/start {token}")

    assert texts(replies).startswith("Welkom")


async def test_a_colleague_logging_a_visit_never_sees_an_informal_contacts_name(
    chat_as: Callable[[str], Chat], db: Database, clock: FakeClock
) -> None:
    with db.session() as session:
        session.add(Contact(display_name="Fatima Bakkali", network=Network.INFORMAL))
        session.add(Contact(display_name="Fatima El Amrani", network=Network.INFORMAL))
    colleague = chat_as("colleague-1")
    await colleague.say(f"/start {invite(db, clock, Role.COLLEAGUE)}")

    [card] = await colleague.say("Vandaag Fatima gesproken over de buurtavond.")

    assert "Bakkali" not in card.text
    assert "El Amrani" not in card.text
    assert "👤 Wie: Fatima (nieuw contact)" in card.text
