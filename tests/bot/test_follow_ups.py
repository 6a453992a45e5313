"""Reminders when due, once; Gedaan, snoozes and the /acties list."""

from __future__ import annotations

from sqlmodel import select

from bot.conversation import texts as catalogue
from bot.transports.base import SendError
from core import outbox
from core.clock import FakeClock
from storage.engine import Database
from storage.models import FollowUp, FollowUpStatus, Outbox
from tests.bot.conftest import Chat, texts
from tests.bot.test_visit_flow import FATIMA


async def logged(chat: Chat, message: str = FATIMA) -> None:
    await chat.say(message)
    await chat.press("Opslaan")


async def test_no_reminder_before_the_follow_up_is_due(coordinator: Chat,
                                                      clock: FakeClock) -> None:
    await logged(coordinator)
    clock.advance(days=1, hours=18)  # Tuesday 08:00, an hour before the reminder time

    assert await coordinator.tick() == []


async def test_a_due_follow_up_is_reminded_once(coordinator: Chat, clock: FakeClock) -> None:
    await logged(coordinator, FATIMA.replace("dinsdag", "dinsdag om 10 uur"))
    clock.advance(days=1, hours=18, minutes=30)  # Tuesday 08:30: the digest lists it
    await coordinator.tick()
    clock.advance(hours=1, minutes=30)  # Tuesday 1 December 10:00: its own reminder

    first = await coordinator.tick()
    second = await coordinator.tick()

    assert [r.text for r in first] == [
        "⏰ Herinnering: Terugbellen\nOver: Fatima Bakkali\nVastgelegd op zondag 29 november."
    ]
    assert first[0].button_labels() == ["Gedaan", "+1 dag", "+1 week"]
    assert second == []


async def test_gedaan_closes_the_follow_up(coordinator: Chat, clock: FakeClock,
                                          db: Database) -> None:
    await logged(coordinator)
    clock.advance(days=2)
    await coordinator.tick()

    done = await coordinator.press("Gedaan")
    again = await coordinator.press("Gedaan")

    assert texts(done) == "Afgevinkt: Terugbellen."
    assert texts(again) == catalogue.text("nl", "already_handled")
    with db.session() as session:
        assert session.exec(select(FollowUp)).one().status == FollowUpStatus.DONE
    assert texts(await coordinator.say("/acties")) == catalogue.text("nl", "no_follow_ups")


async def test_plus_one_day_brings_it_back_in_the_next_morning_digest(
    coordinator: Chat, clock: FakeClock
) -> None:
    await logged(coordinator)
    clock.advance(days=2)  # Tuesday 14:00, past the morning digest: reminded on its own
    await coordinator.tick()

    moved = await coordinator.press("+1 dag")
    clock.advance(hours=18)  # Wednesday 08:00
    early = await coordinator.tick()
    clock.advance(minutes=30)  # Wednesday 08:30, digest time
    digest = await coordinator.tick()
    clock.advance(minutes=30)  # Wednesday 09:00, the follow-up's own reminder time
    no_second_ping = await coordinator.tick()

    assert texts(moved) == "Verzet naar woensdag 2 december."
    assert early == []
    assert texts(digest).splitlines()[-2:] == ["Vandaag", "1. Terugbellen (Fatima Bakkali)"]
    assert no_second_ping == []


async def test_acties_lists_open_follow_ups_overdue_first(coordinator: Chat,
                                                         clock: FakeClock) -> None:
    await logged(coordinator, "Gesproken met Ahmed van moskee Al Fath. Over twee weken bellen.")
    await logged(coordinator)
    clock.advance(days=3)

    [listing] = await coordinator.say("/acties")

    assert listing.text.splitlines() == [
        "Je open vervolgacties (2):",
        "1. ⚠️ Terugbellen (Fatima Bakkali) — dinsdag 1 december (te laat)",
        "2. Bellen (Ahmed) — zondag 13 december",
    ]
    assert listing.button_labels() == ["✓ 1 gedaan", "✓ 2 gedaan"]
    assert texts(await coordinator.say("/followups")) == listing.text


async def test_a_reminder_that_could_not_be_sent_is_retried_not_lost(
    coordinator: Chat, clock: FakeClock, db: Database
) -> None:
    await logged(coordinator)
    clock.advance(days=2)
    coordinator.transport.fail_next(SendError("rate limited", retry_after=30))

    failed = await coordinator.tick()
    clock.advance(seconds=29)
    too_early = await coordinator.tick()
    clock.advance(seconds=2)
    delivered = await coordinator.tick()

    assert failed == []
    assert too_early == []
    assert [r.text.splitlines()[0] for r in delivered] == ["⏰ Herinnering: Terugbellen"]
    with db.session() as session:
        row = session.exec(select(Outbox)).one()
    assert (row.attempts, row.sent_at is not None) == (0, True)  # a rate limit is no failure


async def test_a_reminder_held_back_by_rate_limits_for_long_is_still_delivered(
    coordinator: Chat, clock: FakeClock, db: Database
) -> None:
    await logged(coordinator)
    clock.advance(days=2)
    for _ in range(3 * outbox.MAX_ATTEMPTS):  # a long burst: the service keeps saying "wait"
        coordinator.transport.fail_next(SendError("rate limited", retry_after=5))
    for _ in range(3 * outbox.MAX_ATTEMPTS):
        assert await coordinator.tick() == []
        clock.advance(seconds=6)

    delivered = await coordinator.tick()

    assert [r.text.splitlines()[0] for r in delivered] == ["⏰ Herinnering: Terugbellen"]
    with db.session() as session:
        row = session.exec(select(Outbox)).one()
    assert row.failed_at is None


async def test_a_blocked_recipient_is_not_retried_forever(
    coordinator: Chat, clock: FakeClock, db: Database
) -> None:
    await logged(coordinator)
    clock.advance(days=2)
    coordinator.transport.fail_next(SendError("blocked by the user", permanent=True))

    await coordinator.tick()
    clock.advance(days=1)

    assert await coordinator.tick() == []
    with db.session() as session:
        row = session.exec(select(Outbox)).one()
    assert row.failed_at is not None
    assert row.sent_at is None


async def test_a_follow_up_done_before_its_reminder_is_not_reminded(
    coordinator: Chat, clock: FakeClock
) -> None:
    await logged(coordinator)
    await coordinator.say("/acties")
    await coordinator.press("✓ 1 gedaan")
    clock.advance(days=3)

    assert await coordinator.tick() == []
