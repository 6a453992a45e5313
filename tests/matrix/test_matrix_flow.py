"""The whole conversation on Matrix: a real Synapse, real clients (design.md §7, tier 4).

People act through matrix-nio as a Matrix app would; the bot runs in-process with its real
MatrixTransport; time is a FakeClock and `await app.tick()` does the scheduler's due work.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlmodel import select

from bot.app import App
from bot.conversation.events import Button, Reply
from core.clock import FakeClock
from storage.engine import Database
from storage.models import FollowUp, FollowUpStatus, Interaction, User
from tests.matrix.conftest import Dm, MakeHuman, StartBot, choices, transport_of
from tests.matrix.synapse import Account, Synapse

VISIT = (
    "Vandaag gesproken met Fatima Bakkali van buurthuis De Schakel in Stad-Oost. "
    "Zorgen over een groepje jongeren bij het skatepark. Volgende week dinsdag terugbellen."
)
SAVED = "Opgeslagen. Herinnering op dinsdag 1 december: Terugbellen."
KEYCAP_1, KEYCAP_2, KEYCAP_3 = (f"{n}\ufe0f\u20e3" for n in (1, 2, 3))


def interactions(db: Database) -> list[Interaction]:
    with db.session() as session:
        return list(session.exec(select(Interaction)).all())


def follow_ups(db: Database) -> list[FollowUp]:
    with db.session() as session:
        return list(session.exec(select(FollowUp)).all())


def reminders(chat: Dm) -> list[str]:
    return [text for text in chat.texts() if text.startswith("⏰ Herinnering")]


# --------------------------------------------------------------------------- access


async def test_an_invited_user_who_sends_start_in_a_direct_chat_is_welcomed_with_a_notice(
    app: App, human: MakeHuman, bot_account: Account, invite: Callable[..., str], db: Database
) -> None:
    person = await human("fatima")
    chat = await person.dm(bot_account.user_id)

    (welcome,) = await chat.send(f"/start {invite()}")

    assert str(welcome.body).startswith("Welkom bij de Netwerkregie-bot.")
    assert "aangemeld als netwerkregisseur" in str(welcome.body)
    assert welcome.source["content"]["msgtype"] == "m.notice"
    with db.session() as session:
        (user,) = session.exec(select(User)).all()
    assert (user.transport, user.external_id, user.chat_id) == (
        "matrix", person.user_id, chat.room_id
    )


async def test_a_stranger_gets_one_refusal_and_then_silence(
    app: App, human: MakeHuman, bot_account: Account, invite: Callable[..., str]
) -> None:
    stranger = await human("stranger")
    chat = await stranger.dm(bot_account.user_id)

    (refusal,) = await chat.send("Hallo, wie ben jij?")
    await stranger.send_text(chat.room_id, "Hallo? Ben je daar nog?")
    (welcome,) = await chat.send(f"!start {invite()}")  # answered after the message before

    assert "uitnodiging" in str(refusal.body)
    assert chat.texts() == [refusal.body, welcome.body]


async def test_a_group_room_is_refused_once_and_left(
    app: App, human: MakeHuman, bot_account: Account
) -> None:
    alice, bob = await human("alice"), await human("bob")
    room_id = await alice.create_room([bot_account.user_id, bob.user_id], direct=False)

    await alice.wait_for_membership(room_id, bot_account.user_id, "leave")

    said = [e for e in alice.timeline[room_id] if getattr(e, "sender", "") == bot_account.user_id
            and hasattr(e, "body")]
    assert len(said) == 1
    assert "alleen in een privégesprek" in str(said[0].body)


async def test_a_direct_chat_that_becomes_a_group_is_refused_and_left(
    coordinator: Dm, human: MakeHuman
) -> None:
    colleague = await human("colleague")
    answer = await coordinator.human.client.room_invite(coordinator.room_id, colleague.user_id)
    assert not hasattr(answer, "status_code"), answer

    await coordinator.human.wait_for_membership(coordinator.room_id, coordinator.bot_id, "leave")

    assert "alleen in een privégesprek" in coordinator.texts()[-1]


# --------------------------------------------------------------------------- logging a visit


async def test_a_visit_shows_a_card_with_numbered_choices_and_typing_1_saves_it(
    coordinator: Dm, db: Database
) -> None:
    (card,) = await coordinator.send(VISIT)

    assert str(card.body).startswith("Bezoek vastleggen — klopt dit?")
    assert "Fatima Bakkali" in str(card.body)
    assert choices(card)[:3] == [("1", "Opslaan"), ("2", "Wijzigen"), ("3", "Annuleren")]
    assert card.source["content"]["msgtype"] == "m.notice"

    (saved,) = await coordinator.send("1")

    assert saved.body == SAVED
    assert len(interactions(db)) == 1
    (follow_up,) = follow_ups(db)
    assert follow_up.title == "Terugbellen"


async def test_the_bot_offers_keycap_reactions_and_a_reaction_presses_that_button(
    coordinator: Dm, db: Database
) -> None:
    (card,) = await coordinator.send(VISIT)
    count = len(choices(card))
    await coordinator.human.sync_until(
        lambda: len(coordinator.reactions_by_bot(card.event_id)) == count
    )
    assert coordinator.reactions_by_bot(card.event_id)[:3] == [KEYCAP_1, KEYCAP_2, KEYCAP_3]
    assert coordinator.number_of("Annuleren") == 3

    before = len(coordinator.messages())
    await coordinator.human.react(coordinator.room_id, card.event_id, KEYCAP_3)
    (cancelled,) = (await coordinator.wait_for_messages(before + 1))[before:]

    assert cancelled.body == "Geannuleerd; er is niets opgeslagen."
    assert interactions(db) == []


async def test_a_number_in_reply_to_an_older_message_presses_that_messages_button(
    app: App, coordinator: Dm, clock: FakeClock, db: Database
) -> None:
    await coordinator.send(VISIT)
    await coordinator.press("Opslaan")
    clock.advance(days=2)
    assert await app.tick() == 1
    (reminder,) = (await coordinator.wait_for_messages(4))[3:]
    (card,) = await coordinator.send(
        "Net gebeld met Jan de Vries van de politie. Volgende week vrijdag terugbellen."
    )
    assert coordinator.last_with_choices().event_id == card.event_id

    number = coordinator.number_of("Gedaan", reminder)
    (done,) = await coordinator.send(str(number), reply_to=reminder.event_id)

    assert done.body == "Afgevinkt: Terugbellen."
    (follow_up,) = follow_ups(db)
    assert follow_up.status == FollowUpStatus.DONE


async def test_a_number_that_is_no_choice_is_read_as_text(coordinator: Dm, db: Database) -> None:
    await coordinator.send(VISIT)

    (answer,) = await coordinator.send("7")

    assert not str(answer.body).startswith("Opgeslagen")
    assert interactions(db) == []


async def test_when_the_homeserver_rate_limits_the_bot_reactions_pause_and_answers_still_come(
    synapse: Synapse, bot_account: Account, start_bot: StartBot, human: MakeHuman,
    invite: Callable[..., str], db: Database, caplog: pytest.LogCaptureFixture,
) -> None:
    synapse.limit_messages(bot_account.user_id, per_second=2, burst_count=3)
    await start_bot()
    person = await human("busy")
    chat = await person.dm(bot_account.user_id)
    await chat.send(f"!start {invite()}")

    (card,) = await chat.send(VISIT)  # the card and its reactions are more than the burst
    (saved,) = await chat.press("Opslaan")  # answered after waiting as the server said

    assert saved.body == SAVED
    assert len(chat.reactions_by_bot(card.event_id)) < len(choices(card))
    assert "rate-limits the bot" in caplog.text
    assert len(interactions(db)) == 1


# --------------------------------------------------------------------------- reminders


async def test_a_due_follow_up_is_reminded_once_as_a_notice_and_gedaan_ticks_it_off(
    app: App, coordinator: Dm, clock: FakeClock, db: Database
) -> None:
    await coordinator.send(VISIT)
    (saved,) = await coordinator.press("Opslaan")
    assert saved.body == SAVED
    assert await app.tick() == 0  # Sunday afternoon: nothing is due yet

    clock.advance(days=2)  # Tuesday 1 December 14:00, past the 09:00 reminder
    assert await app.tick() == 1
    (reminder,) = (await coordinator.wait_for_messages(4))[3:]
    assert str(reminder.body).startswith("⏰ Herinnering: Terugbellen")
    assert "Fatima Bakkali" in str(reminder.body)
    assert reminder.source["content"]["msgtype"] == "m.notice"
    assert [name for _, name in choices(reminder)] == ["Gedaan", "+1 dag", "+1 week"]

    assert await app.tick() == 0
    (done,) = await coordinator.press("Gedaan")

    assert done.body == "Afgevinkt: Terugbellen."
    assert len(reminders(coordinator)) == 1
    (follow_up,) = follow_ups(db)
    assert follow_up.status == FollowUpStatus.DONE


async def test_a_send_repeated_with_the_same_transaction_id_arrives_once(
    app: App, coordinator: Dm
) -> None:
    transport = transport_of(app)
    reminder = Reply("⏰ Herinnering: test", ((Button("Gedaan", "p1"),),))

    await transport.send(coordinator.room_id, reminder, txn_id="outbox-41")
    await transport.send(coordinator.room_id, reminder, txn_id="outbox-41")
    await transport.send(coordinator.room_id, Reply("daarna"), txn_id="outbox-42")
    await coordinator.wait_for_messages(3)

    assert coordinator.texts()[1:] == ["⏰ Herinnering: test\n\n[1] Gedaan", "daarna"]


async def test_a_number_typed_as_an_answer_does_not_press_an_old_button(
    coordinator: Dm, db: Database
) -> None:
    await coordinator.send(VISIT)
    await coordinator.send("2")  # Wijzigen
    (question,) = await coordinator.send("5")  # Samenvatting: a question without buttons

    (card,) = await coordinator.send("1")

    assert question.body == "Typ de nieuwe samenvatting."
    assert "📝 Samenvatting: 1" in str(card.body)
    assert interactions(db) == []
