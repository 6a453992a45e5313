"""The whole conversation through python-telegram-bot's real HTTP stack (design.md §7, tier 3).

The bot runs in-process with long polling against the fake Bot API; time is a FakeClock and
`await app.tick()` does the due work (follow-up sweep, outbox delivery) the scheduler would do.
"""

from __future__ import annotations

import socket
from collections.abc import Callable

import pytest
from sqlmodel import select

from bot.app import App
from core.clock import FakeClock
from storage.engine import Database
from storage.models import FollowUp, FollowUpStatus, Interaction, Outbox
from tests.support.fake_bot_api import FakeBotApi
from tests.telegram.conftest import (
    MENUS,
    Chat,
    StartApp,
    button_labels,
    handled_so_far,
)

VISIT = (
    "Vandaag gesproken met Fatima Bakkali van buurthuis De Schakel in Stad-Oost. "
    "Zorgen over een groepje jongeren bij het skatepark. Volgende week dinsdag terugbellen."
)
# No organisation, so the bot cannot know which network this new contact belongs to.
VISIT_WITHOUT_NETWORK = (
    "Vandaag koffie gedronken met Mehmet Yilmaz in Stad-Oost. Volgende week vrijdag terugbellen."
)
SAVED = "Opgeslagen. Herinnering op dinsdag 1 december: Terugbellen."
REMINDER_BUTTONS = ["Gedaan", "+1 dag", "+1 week"]
STRANGER = 5151
GROUP = -4_000_123


def interactions(db: Database) -> list[Interaction]:
    with db.session() as session:
        return list(session.exec(select(Interaction)).all())


def follow_ups(db: Database) -> list[FollowUp]:
    with db.session() as session:
        return list(session.exec(select(FollowUp)).all())


def reminders(chat: Chat) -> list[str]:
    return [text for text in chat.texts() if text.startswith("⏰ Herinnering")]


async def log_visit(coordinator: Chat) -> None:
    """Log the standard visit and save it: a follow-up due Tuesday 1 December 09:00."""
    await coordinator.send(VISIT)
    (saved,) = await coordinator.press("Opslaan")
    assert saved.params["text"] == SAVED


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# --------------------------------------------------------------------------- access


async def test_an_invited_user_who_sends_start_with_the_token_is_welcomed_in_dutch(
    app: App, chat: Chat, invite: Callable[..., str]
) -> None:
    (welcome,) = await chat.send(f"/start {invite()}")

    text = str(welcome.params["text"])
    assert text.startswith("Welkom bij de Netwerkregie-bot.")
    assert "aangemeld als netwerkregisseur" in text


async def test_a_stranger_gets_one_refusal_and_then_silence(app: App, api: FakeBotApi) -> None:
    stranger = Chat(api, STRANGER)

    (refusal,) = await stranger.send("Hallo, wie ben jij?")
    api.push_text(STRANGER, "Hallo? Ben je daar nog?")
    await handled_so_far(api)

    assert "uitnodiging" in str(refusal.params["text"])
    assert stranger.texts() == [refusal.params["text"]]


async def test_a_start_with_an_unknown_token_is_refused_without_registering(
    app: App, chat: Chat
) -> None:
    (answer,) = await chat.send("/start bestaatniet")
    (refusal,) = await chat.send("/acties")

    assert answer.params["text"].startswith("Deze uitnodiging ken ik niet.")
    assert "uitnodiging" in refusal.params["text"]


async def test_a_group_message_is_answered_that_the_bot_only_works_in_private_chats(
    app: App, api: FakeBotApi
) -> None:
    api.push_group_text(GROUP, "Hoi bot, doe eens wat")
    (answer,) = await api.wait_for_call("sendMessage")

    assert answer.params["chat_id"] == GROUP
    assert "alleen in een privégesprek" in answer.params["text"]


# --------------------------------------------------------------------------- logging a visit


async def test_a_logged_visit_shows_a_card_and_opslaan_stores_it_and_removes_the_keyboard(
    api: FakeBotApi, coordinator: Chat, db: Database
) -> None:
    (card,) = await coordinator.send(VISIT)

    assert card.params["text"].startswith("Bezoek vastleggen — klopt dit?")
    assert "Fatima Bakkali" in card.params["text"]
    assert button_labels(card) == ["Opslaan", "Wijzigen", "Annuleren", "Signaal vastleggen"]
    assert card.params["protect_content"] is True  # names and notes are not forwarded

    (saved,) = await coordinator.press("Opslaan", card)

    assert saved.params["text"] == SAVED
    answered = [call.params["callback_query_id"] for call in api.calls_to("answerCallbackQuery")]
    assert answered == coordinator.callback_ids
    (edit,) = api.calls_to("editMessageReplyMarkup")
    assert edit.params["chat_id"] == coordinator.chat_id
    assert edit.params["message_id"] == card.result["message_id"]
    assert edit.status == 200
    message = api.message(coordinator.chat_id, card.result["message_id"])
    assert message is not None
    assert "reply_markup" not in message
    assert len(interactions(db)) == 1
    (follow_up,) = follow_ups(db)
    assert follow_up.title == "Terugbellen"


async def test_a_new_contact_without_a_known_network_is_asked_formal_or_informal_first(
    coordinator: Chat, db: Database
) -> None:
    await coordinator.send(VISIT_WITHOUT_NETWORK)

    (question,) = await coordinator.press("Opslaan")
    assert interactions(db) == []
    assert button_labels(question) == ["Formeel netwerk", "Informeel netwerk"]
    assert "Mehmet Yilmaz" in question.params["text"]

    (saved,) = await coordinator.press("Informeel netwerk", question)
    assert saved.params["text"] == "Opgeslagen. Herinnering op vrijdag 4 december: Terugbellen."
    assert len(interactions(db)) == 1

    (again,) = await coordinator.press("Informeel netwerk", question)
    assert again.params["text"] == "Dit is al verwerkt."
    assert len(interactions(db)) == 1


async def test_pressing_opslaan_twice_stores_the_visit_once_and_says_it_was_already_saved(
    api: FakeBotApi, coordinator: Chat, db: Database
) -> None:
    (card,) = await coordinator.send(VISIT)
    (saved,) = await coordinator.press("Opslaan", card)

    (second,) = await coordinator.press("Opslaan", card)

    assert saved.params["text"] == SAVED
    assert second.params["text"] == "Dit bezoek is al opgeslagen."
    assert len(interactions(db)) == 1
    assert len(follow_ups(db)) == 1
    # Both presses were answered, so neither button kept spinning.
    assert len(api.calls_to("answerCallbackQuery")) == 2


# --------------------------------------------------------------------------- reminders


async def test_a_due_follow_up_is_reminded_once_and_gedaan_ticks_it_off(
    app: App, coordinator: Chat, clock: FakeClock, db: Database
) -> None:
    await log_visit(coordinator)
    assert await app.tick() == 0  # Sunday afternoon: nothing is due yet
    assert reminders(coordinator) == []

    clock.advance(days=2)  # Tuesday 1 December 14:00, past the 09:00 reminder
    assert await app.tick() == 1
    (reminder,) = coordinator.messages()[-1:]
    assert reminder.params["text"].startswith("⏰ Herinnering: Terugbellen")
    assert "Fatima Bakkali" in reminder.params["text"]
    assert button_labels(reminder) == REMINDER_BUTTONS

    sent_before = len(coordinator.messages())
    assert await app.tick() == 0
    assert len(coordinator.messages()) == sent_before
    assert len(reminders(coordinator)) == 1

    (done,) = await coordinator.press("Gedaan", reminder)
    assert done.params["text"] == "Afgevinkt: Terugbellen."
    (listing,) = await coordinator.send("/acties")
    assert listing.params["text"] == "Je hebt geen open vervolgacties."
    (follow_up,) = follow_ups(db)
    assert follow_up.status == FollowUpStatus.DONE


async def test_plus_one_day_moves_the_reminder_to_the_next_morning(
    app: App, coordinator: Chat, clock: FakeClock
) -> None:
    await log_visit(coordinator)
    clock.advance(days=2)
    await app.tick()
    reminder = coordinator.messages()[-1]

    (snoozed,) = await coordinator.press("+1 dag", reminder)
    assert snoozed.params["text"] == "Verzet naar woensdag 2 december."
    assert await app.tick() == 0

    clock.advance(days=1)  # Wednesday 14:00
    assert await app.tick() == 1
    assert len(reminders(coordinator)) == 2
    (done,) = await coordinator.press("Gedaan", coordinator.messages()[-1])
    assert done.params["text"] == "Afgevinkt: Terugbellen."


async def test_a_rate_limited_reminder_is_delivered_once_after_the_retry_time(
    app: App,
    api: FakeBotApi,
    coordinator: Chat,
    clock: FakeClock,
    db: Database,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # PTB 22 warns (PTBDeprecationWarning) inside RetryAfter() on every 429 unless this opt-in
    # is set; with warnings as errors that warning would replace the RetryAfter exception.
    monkeypatch.setenv("PTB_TIMEDELTA", "true")
    await log_visit(coordinator)
    clock.advance(days=2)
    api.fail_next("sendMessage", status=429, retry_after=1)

    assert await app.tick() == 0
    (refused,) = [call for call in api.calls_to("sendMessage") if call.status == 429]
    assert refused.params["chat_id"] == coordinator.chat_id
    assert reminders(coordinator) == []
    assert await app.tick() == 0  # the retry time has not passed on the bot's clock

    clock.advance(seconds=2)
    assert await app.tick() == 1
    assert await app.tick() == 0
    assert len(reminders(coordinator)) == 1
    with db.session() as session:
        (row,) = session.exec(select(Outbox)).all()
    assert row.sent_at is not None
    assert row.attempts == 0  # a rate limit is not a failed attempt


# --------------------------------------------------------------------------- setup


async def test_the_command_menu_is_registered_in_dutch_by_default_and_in_english(
    app: App, api: FakeBotApi
) -> None:
    private = {"type": "all_private_chats"}
    dutch = api.commands_for("", scope=private)
    english = api.commands_for("en", scope=private)

    assert [(c["command"], c["description"]) for c in dutch] == list(MENUS["nl"])
    assert [(c["command"], c["description"]) for c in english] == list(MENUS["en"])
    assert [c["command"] for c in dutch][:2] == ["bezoek", "stapsgewijs"]
    assert {"acties", "help", "annuleer", "taal"} <= {c["command"] for c in dutch}
    assert {"visit", "followups", "help", "cancel", "language"} <= {
        c["command"] for c in english
    }
    assert len(api.calls_to("setMyCommands")) == 2


async def test_in_webhook_mode_only_updates_with_the_right_secret_are_handled(
    api: FakeBotApi, start_app: StartApp
) -> None:
    port = free_port()
    url = f"http://127.0.0.1:{port}/telegram"
    secret = "geheim-123_ABC-voor-de-webhook-tests"
    await start_app(
        webhook_url=url, webhook_secret=secret, webhook_listen="127.0.0.1", webhook_port=port,
    )

    assert api.webhook is not None
    assert api.webhook.url == url
    assert api.webhook.secret_token == secret

    forged = api.text_update(STRANGER + 1, "Ik ben het echt")
    assert await api.deliver_webhook(forged, url, "fout-geheim") == 403
    genuine = api.text_update(STRANGER, "Hallo")
    assert await api.deliver_webhook(genuine, url, secret) == 200
    (reply,) = await api.wait_for_call("sendMessage")

    # Updates are handled in order: had the forged one been accepted, it was answered first.
    assert reply.params["chat_id"] == STRANGER
    assert "uitnodiging" in reply.params["text"]
    assert api.sent_texts(STRANGER + 1) == []
    assert api.calls_to("getUpdates") == []
