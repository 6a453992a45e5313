"""Help, language, cancel, unknown commands, redelivered updates and stale buttons."""

from __future__ import annotations

from collections.abc import Callable

from bot.conversation import texts as catalogue
from bot.conversation.dispatcher import COMMANDS, where_it_failed
from bot.conversation.events import Incoming
from core.clock import FakeClock
from core.permissions import can
from storage.engine import Database
from storage.models import Role
from tests.bot.conftest import Chat, invite, texts
from tests.bot.test_visit_flow import FATIMA


async def test_help_mentions_every_command_to_an_admin(chat_as: Callable[[str], Chat],
                                                       db: Database, clock: FakeClock) -> None:
    admin = chat_as("a1")
    await admin.say(f"/start {invite(db, clock, Role.ADMIN)}")
    help_text = texts(await admin.say("/help"))

    for command in COMMANDS:
        if command.description:
            assert f"/{command.names[0]}" in help_text


async def test_help_leaves_out_what_the_role_cannot_do(chat_as: Callable[[str], Chat],
                                                      db: Database, clock: FakeClock) -> None:
    colleague = chat_as("c1")
    await colleague.say(f"/start {invite(db, clock, Role.COLLEAGUE)}")
    help_text = texts(await colleague.say("/help"))

    shown = {c.names[0] for c in COMMANDS if c.description and f"• /{c.names[0]}" in help_text}
    assert "bezoek" in shown
    assert "signaal" in shown
    assert shown.isdisjoint({"gebruikers", "overdracht", "informeer", "uitnodigen"})
    assert all(can(Role.COLLEAGUE, c.capability) for c in COMMANDS if c.names[0] in shown)


async def test_taal_en_switches_to_english_and_back(coordinator: Chat) -> None:
    switched = await coordinator.say("/taal en")
    [card] = await coordinator.say(FATIMA)
    back = await coordinator.say("/language nl")

    assert texts(switched) == catalogue.text("en", "language_set")
    assert card.text.startswith("Log visit — is this right?")
    assert card.button_labels()[:3] == ["Opslaan", "Edit", "Cancel"]
    assert texts(back) == catalogue.text("nl", "language_set")


async def test_an_unknown_language_gets_the_choices(coordinator: Chat) -> None:
    assert texts(await coordinator.say("/taal fr")) == catalogue.text("nl", "language_usage")


async def test_annuleer_leaves_the_visit_flow(coordinator: Chat) -> None:
    await coordinator.say(FATIMA)

    left = await coordinator.say("/annuleer")
    nothing = await coordinator.say("/cancel")

    assert texts(left) == catalogue.text("nl", "cancelled")
    assert texts(nothing) == catalogue.text("nl", "nothing_to_cancel")
    assert texts(await coordinator.press("Opslaan")) == catalogue.text("nl", "draft_gone")


async def test_an_unknown_command_points_to_help(coordinator: Chat) -> None:
    assert texts(await coordinator.say("/onzin")) == catalogue.text("nl", "unknown_command")


async def test_bezoek_without_text_asks_for_the_visit_and_then_reads_it(
    coordinator: Chat,
) -> None:
    prompt = await coordinator.say("/bezoek")
    [card] = await coordinator.say(FATIMA)

    assert texts(prompt) == catalogue.text("nl", "visit_prompt")
    assert card.text.startswith("Bezoek vastleggen")


async def test_a_redelivered_update_is_handled_once(coordinator: Chat) -> None:
    incoming = Incoming("memory", "u1", "u1", text=FATIMA, update_id="telegram-42")

    first = coordinator.app.conversation.handle(incoming)
    second = coordinator.app.conversation.handle(incoming)

    assert len(first) == 1
    assert second == []


async def test_a_button_of_another_user_does_nothing_for_you(
    coordinator: Chat, chat_as: Callable[[str], Chat], db: Database, clock: FakeClock
) -> None:
    [card] = await coordinator.say(FATIMA)
    other = chat_as("u2")
    await other.say(f"/start {invite(db, clock)}")

    await other.transport.press_payload(card.buttons[0][0].payload, user="u2")

    assert texts(other.transport.pop("u2")) == catalogue.text("nl", "stale_button")


def test_a_failure_is_logged_without_the_text_that_caused_it() -> None:
    def parse(text: str) -> None:
        raise ValueError(f"could not read {text!r}")

    try:
        parse("Fatima Bakkali belde over haar zoon")
    except ValueError as error:
        logged = where_it_failed(error)

    assert logged.startswith("ValueError at test_general_commands.py:")
    assert "Fatima" not in logged
