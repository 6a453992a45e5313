"""The terminal chat: buttons as numbered choices, the same conversation as in Telegram."""

from __future__ import annotations

import asyncio
import io

from bot.app import App
from bot.transports.console import ConsoleTransport
from core.clock import FakeClock
from storage.engine import Database
from tests.bot.test_visit_flow import FATIMA


async def chat_in_terminal(db: Database, clock: FakeClock, lines: list[str]) -> str:
    output = io.StringIO()
    console = ConsoleTransport(stdin=io.StringIO("".join(f"{line}\n" for line in lines)),
                               stdout=output)
    app = App(db, [console], clock, schedule=False)
    await app.start()
    await asyncio.wait_for(console.closed.wait(), timeout=10)
    await app.stop()
    return output.getvalue()


async def test_a_visit_is_logged_in_the_terminal_by_typing_the_button_number(
    db: Database, clock: FakeClock
) -> None:
    screen = await chat_in_terminal(db, clock, [FATIMA, "1"])

    assert "[1] Opslaan   [2] Wijzigen   [3] Annuleren" in screen
    assert "Opgeslagen. Herinnering op dinsdag 1 december: Terugbellen." in screen


async def test_a_reminder_appears_in_the_terminal_with_its_buttons(
    db: Database, clock: FakeClock
) -> None:
    await chat_in_terminal(db, clock, [FATIMA, "1"])
    clock.advance(days=2)
    output = io.StringIO()
    console = ConsoleTransport(stdin=io.StringIO(""), stdout=output)
    app = App(db, [console], clock, schedule=False)
    await app.start()
    await app.tick()
    await app.stop()

    assert "⏰ Herinnering: Terugbellen" in output.getvalue()
    assert "[1] Gedaan   [2] +1 dag   [3] +1 week" in output.getvalue()


async def test_the_terminal_user_is_a_coordinator_without_any_invite(
    db: Database, clock: FakeClock
) -> None:
    screen = await chat_in_terminal(db, clock, ["/acties"])

    assert "Je hebt geen open vervolgacties." in screen


async def test_a_number_typed_as_an_answer_does_not_press_an_old_button(
    db: Database, clock: FakeClock
) -> None:
    # The card's [1] is Opslaan; after "Wijzigen → Samenvatting" the bot asks for text, and
    # "1" typed there is the new summary, not a press of the old Opslaan.
    screen = await chat_in_terminal(db, clock, [FATIMA, "2", "5", "1"])

    assert "📝 Samenvatting: 1" in screen
    assert "Opgeslagen" not in screen
