"""A file with /informeer through python-telegram-bot's real stack against the fake Bot API
(issue 6): the coordinator uploads a document at the file step, the bot fetches it with
getFile, and the partner who agreed receives it as a protected document with the message."""

from __future__ import annotations

import re

from sqlmodel import select

from bot.app import App
from bot.conversation import texts as catalogue
from core.clock import FakeClock
from core.contacts import create_contact, create_organisation
from storage.engine import Database
from storage.models import BroadcastFile, Network
from tests.support.fake_bot_api import FakeBotApi
from tests.telegram.conftest import Chat

PARTNER_CHAT = 5353
INFO = "Het programma van de gebiedsavond op 10 december staat in de bijlage."
PDF = b"%PDF-1.4\n" + b"Programma gebiedsavond De Schakel\n" * 200


def seed_fatima(db: Database, clock: FakeClock) -> None:
    with db.session() as session:
        schakel = create_organisation(session, name="De Schakel", type_code="buurthuis",
                                      network=Network.INFORMAL, now=clock.now())
        create_contact(session, name="Fatima Bakkali", network=Network.INFORMAL,
                       now=clock.now(), organisation_id=schakel.id)


async def test_a_document_the_coordinator_uploads_reaches_the_partner_protected(
    app: App, api: FakeBotApi, coordinator: Chat, db: Database, clock: FakeClock
) -> None:
    seed_fatima(db, clock)
    partner = Chat(api, PARTNER_CHAT)
    (choices,) = await coordinator.send("/uitnodigen Fatima")
    (made,) = await coordinator.press("Fatima Bakkali (De Schakel, informeel)", choices)
    found = re.search(r"/start (\S+)", str(made.params["text"]))
    assert found is not None
    (notice,) = await partner.send(f"/start {found.group(1)}")
    await partner.press("Akkoord", notice)

    await coordinator.send("/informeer")
    await coordinator.press("Hele stad")
    await coordinator.press("Beide")
    await coordinator.press("Alle typen")
    (asked,) = await coordinator.send(INFO)
    before = len(coordinator.messages())
    api.push_document(coordinator.chat_id, "programma.pdf", PDF, "application/pdf")
    preview = (await coordinator.wait_for_messages(before + 1))[-1]
    await coordinator.press("Versturen", preview)
    await app.tick()
    received = (await partner.wait_for_messages(3))[-1]

    assert asked.params["text"] == catalogue.text("nl", "pt_inform_file_ask")
    assert "📎 Bijlage: programma.pdf (7 kB)" in str(preview.params["text"])
    assert len(api.calls_to("getFile")) == 1
    (document,) = [call for call in api.calls_to("sendDocument")
                   if call.params.get("chat_id") == PARTNER_CHAT]
    upload = document.files["document"]
    assert (upload.filename, upload.content) == ("programma.pdf", PDF)
    assert document.params.get("protect_content") is True
    assert received.params["text"] == catalogue.text("nl", "pt_info_out", message=INFO)
    assert received.params.get("protect_content") is True
    with db.session() as session:
        (stored,) = session.exec(select(BroadcastFile)).all()
    assert stored.broadcast_id is not None
    assert stored.size == len(PDF)
