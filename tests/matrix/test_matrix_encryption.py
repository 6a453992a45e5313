"""End-to-end encrypted direct chats: the homeserver only ever sees ciphertext."""

from __future__ import annotations

from collections.abc import Callable

from sqlmodel import select

from bot.app import App
from storage.engine import Database
from storage.models import Interaction
from tests.matrix.conftest import MakeHuman, StartBot, choices, transport_of
from tests.matrix.synapse import Account

VISIT = (
    "Vandaag gesproken met Fatima Bakkali van buurthuis De Schakel in Stad-Oost. "
    "Volgende week dinsdag terugbellen."
)
SAVED = "Opgeslagen. Herinnering op dinsdag 1 december: Terugbellen."


async def test_an_encrypted_direct_chat_works_and_the_bot_answers_encrypted(
    app: App, start_bot: StartBot, human: MakeHuman, bot_account: Account,
    invite: Callable[..., str], db: Database,
) -> None:
    person = await human("secret", encryption=True)
    chat = await person.dm(bot_account.user_id, encrypted=True)

    (welcome,) = await chat.send(f"!start {invite()}")
    (card,) = await chat.send(VISIT)
    (saved,) = await chat.send(str(chat.number_of("Opslaan", card)))

    assert str(welcome.body).startswith("Welkom")
    assert [name for _, name in choices(card)][:3] == ["Opslaan", "Wijzigen", "Annuleren"]
    assert saved.body == SAVED
    for message in (welcome, card, saved):
        assert message.decrypted  # it arrived as m.room.encrypted and only the client read it
        assert message.source["content"]["msgtype"] == "m.notice"
    with db.session() as session:
        assert len(session.exec(select(Interaction)).all()) == 1

    # After a restart the bot has the same device and keys, so the chat goes on.
    device = transport_of(app).device_id
    await app.stop()
    again = await start_bot()
    (listing,) = await chat.send("!acties")

    assert transport_of(again).device_id == device
    assert listing.decrypted
    assert "Terugbellen" in str(listing.body)
