"""Time spent in the chat: the duration on the visit card, its buttons under Wijzigen, and
/uren with the weeks against the budget."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlmodel import select

from bot.app import App
from bot.conversation import texts as catalogue
from bot.conversation.context import Options
from core.clock import FakeClock
from storage.engine import Database
from storage.models import Interaction, User
from tests.bot.conftest import Chat, texts
from tests.bot.test_register_flow import seed_fatima
from tests.conftest import AMSTERDAM

VISIT = ("Vandaag anderhalf uur gesproken met Fatima Bakkali van buurthuis De Schakel in "
         "Stad-Oost. Zorgen over jongeren bij het skatepark.")
NO_DURATION = ("Vandaag gesproken met Fatima Bakkali van buurthuis De Schakel in Stad-Oost. "
               "Zorgen over jongeren bij het skatepark.")


def stored_minutes(db: Database) -> int | None:
    with db.session() as session:
        return session.exec(select(Interaction)).one().duration_minutes


async def test_the_card_shows_the_duration_read_from_the_message_and_opslaan_keeps_it(
    coordinator: Chat, db: Database
) -> None:
    [card] = await coordinator.say(VISIT)
    await coordinator.press("Opslaan")

    assert "⏱ Duur: 1 uur 30 min" in card.text
    assert "📅 Wanneer: zondag 29 november" in card.text
    assert stored_minutes(db) == 90


async def test_a_card_without_a_duration_says_nothing_about_it(coordinator: Chat) -> None:
    [card] = await coordinator.say(NO_DURATION)

    assert "⏱" not in card.text


async def test_wijzigen_offers_the_duration_buttons_and_one_press_sets_it(
    coordinator: Chat, db: Database
) -> None:
    await coordinator.say(NO_DURATION)
    [menu] = await coordinator.press("Wijzigen")
    [question] = await coordinator.press("Duur")
    [card] = await coordinator.press("45 min")
    await coordinator.press("Opslaan")

    assert "Duur" in menu.button_labels()
    assert question.text == catalogue.text("nl", "ask_duration")
    assert question.button_labels() == ["15 min", "30 min", "45 min", "1 uur", "1,5 uur",
                                        "2 uur", "Anders…", "Geen duur"]
    assert "⏱ Duur: 45 min" in card.text
    assert stored_minutes(db) == 45


async def test_anders_takes_a_typed_duration_and_explains_one_it_cannot_read(
    coordinator: Chat, db: Database
) -> None:
    await coordinator.say(VISIT)
    await coordinator.press("Wijzigen")
    await coordinator.press("Duur")
    asked = await coordinator.press("Anders…")
    confused = await coordinator.say("best lang")
    [card] = await coordinator.say("2,5 uur")
    await coordinator.press("Opslaan")

    assert texts(asked) == catalogue.text("nl", "ask_duration_other")
    assert texts(confused) == catalogue.text("nl", "duration_not_understood")
    assert "⏱ Duur: 2 uur 30 min" in card.text
    assert stored_minutes(db) == 150


async def test_geen_duur_takes_a_duration_off_the_card(coordinator: Chat, db: Database) -> None:
    await coordinator.say(VISIT)
    await coordinator.press("Wijzigen")
    await coordinator.press("Duur")
    [card] = await coordinator.press("Geen duur")
    await coordinator.press("Opslaan")

    assert "⏱" not in card.text
    assert stored_minutes(db) is None


def log(db: Database, external_id: str, when: datetime, minutes: int | None) -> None:
    with db.session() as session:
        me = session.exec(select(User).where(User.external_id == external_id)).one()
        session.add(Interaction(occurred_at=when, duration_minutes=minutes,
                                logged_by_user_id=me.id, created_at=when))


async def test_uren_shows_eight_weeks_against_the_budget_and_what_has_no_duration(
    coordinator: Chat, db: Database, clock: FakeClock
) -> None:
    log(db, "u1", datetime(2026, 11, 17, 10, 0, tzinfo=AMSTERDAM), 11 * 60 + 15)  # week 47
    log(db, "u1", datetime(2026, 11, 25, 10, 0, tzinfo=AMSTERDAM), 90)  # week 48
    log(db, "u1", datetime(2026, 11, 26, 10, 0, tzinfo=AMSTERDAM), 90)
    for days in range(12):
        log(db, "u1", clock.now() - timedelta(days=days), None)

    answer = texts(await coordinator.say("/uren"))

    assert answer.splitlines()[0] == (
        "⏱ Jouw uren per week, de laatste 8 weken (budget 10 uur per week):")
    assert "• week 41 (5–11 okt): 0 min" in answer
    assert "• week 47 (16–22 nov): 11 uur 15 min ⚠ 1 uur 15 min boven budget" in answer
    assert "• week 48 (23–29 nov, deze week): 3 uur" in answer
    assert "1 week boven budget." in answer
    assert "12 contactmomenten zonder duur" in answer


async def test_uren_follows_the_configured_budget(coordinator: Chat, db: Database, app: App
                                                   ) -> None:
    app.conversation.options = Options(hours_budget=2.5)  # HOURS_BUDGET_PER_WEEK=2.5
    log(db, "u1", datetime(2026, 11, 25, 10, 0, tzinfo=AMSTERDAM), 3 * 60)

    answer = texts(await coordinator.say("/uren 2"))

    assert "(budget 2 uur 30 min per week)" in answer
    assert "• week 48 (23–29 nov, deze week): 3 uur ⚠ 30 min boven budget" in answer
    assert len([line for line in answer.splitlines() if line.startswith("• week")]) == 2


async def test_uren_without_logged_contacts_says_so(coordinator: Chat) -> None:
    assert texts(await coordinator.say("/uren")) == catalogue.text("nl", "hours_nothing",
                                                                  weeks=8)


async def test_uren_with_a_strange_number_of_weeks_explains_itself(coordinator: Chat) -> None:
    assert texts(await coordinator.say("/uren honderd")) == catalogue.text("nl", "hours_usage")


async def test_uren_counts_only_ones_own_contacts(
    coordinator: Chat, db: Database, clock: FakeClock
) -> None:
    with db.session() as session:
        someone = User(transport="memory", external_id="u2", chat_id="u2", role="coordinator")
        session.add(someone)
    log(db, "u2", clock.now() - timedelta(days=1), 120)

    answer = texts(await coordinator.say("/uren"))

    assert answer == catalogue.text("nl", "hours_nothing", weeks=8)


async def test_the_guided_flow_takes_the_duration_from_the_summary(
    coordinator: Chat, db: Database
) -> None:
    seed_fatima(db)
    await coordinator.say("/stapsgewijs")
    for label in ("Fatima Bakkali", "Verder ▸", "Telefoon", "Gisteren", "Zij", "Bezorgd"):
        await coordinator.press(label)
    await coordinator.say("Anderhalf uur gesproken over de onrust bij het skatepark.")
    await coordinator.press("Overslaan")
    await coordinator.press("Overslaan")
    [card] = await coordinator.press("Over een week")
    await coordinator.press("Opslaan")

    assert "⏱ Duur: 1 uur 30 min" in card.text
    assert stored_minutes(db) == 90
