"""The morning digest: one message with today's and overdue follow-ups and quiet contacts."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import select

from bot.app import App
from bot.transports.memory import MemoryTransport
from core.clock import FakeClock
from core.contacts import create_contact
from storage.engine import Database
from storage.models import Network, User
from tests.bot.conftest import Chat, texts
from tests.bot.test_visit_flow import FATIMA


def quiet_contact(db: Database, name: str = "Ahmed Yilmaz", days_ago: int = 100) -> None:
    """An informal contact of the coordinator's, not spoken to for `days_ago` days."""
    with db.session() as session:
        owner = session.exec(select(User).where(User.external_id == "u1")).one()
        create_contact(session, name=name, network=Network.INFORMAL, owner_user_id=owner.id,
                       now=owner.created_at - timedelta(days=days_ago))


async def monday_morning(clock: FakeClock, hour: int = 8, minute: int = 30) -> None:
    clock.advance(days=1)  # Monday 30 November, 14:00
    clock.advance(hours=hour - 14, minutes=minute)


async def test_nothing_due_means_no_digest(coordinator: Chat, clock: FakeClock) -> None:
    await monday_morning(clock)

    assert await coordinator.tick() == []


async def test_the_digest_lists_due_overdue_and_quiet_in_one_message(
    coordinator: Chat, clock: FakeClock, db: Database
) -> None:
    await coordinator.say("Gesproken met Jan de Vries van de politie. Morgen terugbellen.")
    await coordinator.press("Opslaan")
    await coordinator.say(FATIMA.replace("Volgende week dinsdag", "Woensdag"))
    await coordinator.press("Opslaan")
    quiet_contact(db)
    clock.advance(days=2)  # Tuesday 14:00: Jan's follow-up (Monday) is overdue
    await coordinator.tick()  # Monday's reminder went out on its own, it is Tuesday afternoon
    clock.advance(hours=18, minutes=30)  # Wednesday 08:30

    [digest] = await coordinator.tick()

    assert digest.text.splitlines() == [
        "Goedemorgen. Je overzicht voor woensdag 2 december:",
        "",
        "Vandaag",
        "1. Terugbellen (Fatima Bakkali)",
        "",
        "Te laat",
        "2. Terugbellen (Jan de Vries) — sinds maandag 30 november",
        "",
        "Lang niet gesproken",
        "3. Ahmed Yilmaz — nog geen contact vastgelegd",
    ]
    assert digest.button_labels() == [
        "1 Gedaan", "1 Later", "2 Gedaan", "2 Later", "3 Bezoek loggen", "3 Later",
    ]
    assert digest.protect


async def test_the_digest_comes_once_a_day_and_replaces_the_separate_reminder(
    coordinator: Chat, clock: FakeClock
) -> None:
    await coordinator.say(FATIMA)
    await coordinator.press("Opslaan")
    clock.advance(days=1, hours=18, minutes=30)  # Tuesday 08:30

    first = await coordinator.tick()
    clock.advance(minutes=30)  # 09:00, when the follow-up would remind on its own
    again = await coordinator.tick()

    assert len(first) == 1
    assert first[0].text.startswith("Goedemorgen.")
    assert again == []


async def test_no_digest_at_the_weekend(coordinator: Chat, clock: FakeClock,
                                       db: Database) -> None:
    quiet_contact(db)
    clock.advance(days=6, hours=-5, minutes=30)  # Saturday 5 December 08:30

    assert await coordinator.tick() == []


async def test_a_digest_due_on_a_public_holiday_comes_on_the_next_working_day(
    coordinator: Chat, clock: FakeClock, db: Database
) -> None:
    quiet_contact(db)
    clock.advance(days=26, hours=-5, minutes=30)  # Friday 25 December (Christmas) 08:30
    christmas = await coordinator.tick()
    clock.advance(days=3)  # Monday 28 December 08:30

    monday = await coordinator.tick()

    assert christmas == []
    assert [r.text.splitlines()[0] for r in monday] == [
        "Goedemorgen. Je overzicht voor maandag 28 december:",
        "Je week vooruit (week van maandag 28 december):",
    ]


async def test_the_week_ahead_comes_on_tuesday_after_easter_monday(
    coordinator: Chat, clock: FakeClock, db: Database
) -> None:
    quiet_contact(db, days_ago=200)
    clock.advance(days=120, hours=-5, minutes=30)  # Easter Monday 29 March 2027 08:30
    easter_monday = await coordinator.tick()
    clock.advance(days=1)  # Tuesday 30 March 08:30

    tuesday = await coordinator.tick()

    assert easter_monday == []
    assert [r.text.splitlines()[0] for r in tuesday] == [
        "Goedemorgen. Je overzicht voor dinsdag 30 maart:",
        "Je week vooruit (week van dinsdag 30 maart):",
    ]


async def test_a_bot_that_was_down_at_digest_time_sends_it_later_that_morning(
    coordinator: Chat, clock: FakeClock, db: Database
) -> None:
    quiet_contact(db)
    await monday_morning(clock, 10, 15)

    late = await coordinator.tick()

    assert [r.text.splitlines()[0] for r in late] == [
        "Goedemorgen. Je overzicht voor maandag 30 november:",
        "Je week vooruit (week van maandag 30 november):",
    ]


async def test_after_noon_a_missed_digest_is_left_for_the_next_morning(
    coordinator: Chat, clock: FakeClock, db: Database
) -> None:
    quiet_contact(db)
    await monday_morning(clock, 12, 30)

    assert await coordinator.tick() == []


async def test_bezoek_loggen_from_the_digest_logs_a_visit_with_that_contact(
    coordinator: Chat, clock: FakeClock, db: Database
) -> None:
    quiet_contact(db)
    clock.advance(days=2, hours=-5, minutes=30)  # Tuesday 08:30
    await coordinator.tick()

    prompt = await coordinator.press("1 Bezoek loggen")
    [card] = await coordinator.say("Even bijgepraat bij de koffie, alles rustig in de wijk.")

    assert texts(prompt) == "Wat heb je met Ahmed Yilmaz besproken? Beschrijf het in één bericht."
    assert "👤 Wie: Ahmed Yilmaz\n" in card.text
    await coordinator.press("Opslaan")
    clock.advance(days=1)
    assert await coordinator.tick() == []  # spoken to yesterday: no longer quiet


async def test_later_on_a_quiet_contact_leaves_them_out_for_a_week(
    coordinator: Chat, clock: FakeClock, db: Database
) -> None:
    quiet_contact(db)
    clock.advance(days=2, hours=-5, minutes=30)  # Tuesday 08:30
    await coordinator.tick()

    snoozed = await coordinator.press("1 Later")
    clock.advance(days=1)
    next_day = await coordinator.tick()
    clock.advance(days=6)  # the next Wednesday
    a_week_later = await coordinator.tick()

    assert texts(snoozed) == "Ahmed Yilmaz staat een week niet in je overzicht."
    assert next_day == []
    assert "Ahmed Yilmaz" in texts(a_week_later)


async def test_monday_brings_the_week_ahead_and_long_silent_contacts_by_area(
    coordinator: Chat, clock: FakeClock, db: Database
) -> None:
    await coordinator.say(FATIMA)
    await coordinator.press("Opslaan")
    quiet_contact(db, "Ahmed Yilmaz", days_ago=200)
    await monday_morning(clock)

    replies = await coordinator.tick()

    weekly = next(r for r in replies if r.text.startswith("Je week vooruit"))
    assert weekly.text.splitlines() == [
        "Je week vooruit (week van maandag 30 november):",
        "",
        "• dinsdag 1 december — Terugbellen (Fatima Bakkali)",
        "",
        "Te lang niet gesproken, per gebied:",
        "Zonder gebied: Ahmed Yilmaz (nooit)",
    ]


async def test_a_restart_the_same_morning_does_not_send_the_digest_again(
    coordinator: Chat, clock: FakeClock, db: Database
) -> None:
    quiet_contact(db)
    clock.advance(days=2, hours=-5, minutes=30)  # Tuesday 08:30
    await coordinator.tick()
    await coordinator.app.stop()

    transport = MemoryTransport()
    restarted = App(db, [transport], clock, schedule=False)
    await restarted.start()
    clock.advance(minutes=45)
    await restarted.tick()
    await restarted.stop()

    assert transport.pop("u1") == []


async def test_a_follow_up_that_passed_while_the_bot_was_down_is_in_the_digest_only(
    coordinator: Chat, clock: FakeClock
) -> None:
    await coordinator.say(FATIMA)  # due Tuesday 1 December
    await coordinator.press("Opslaan")
    clock.advance(days=3, hours=-5, minutes=30)  # Wednesday 08:30; Tuesday was missed

    replies = await coordinator.tick()

    assert [r.text.splitlines()[0] for r in replies] == [
        "Goedemorgen. Je overzicht voor woensdag 2 december:"
    ]
