"""A partner through python-telegram-bot's real stack against the fake Bot API (issue 6):
invited from the register, agrees with Akkoord, asks a question, gets the coordinator's
answer — and that exchange is logged on the contact."""

from __future__ import annotations

import re

from sqlmodel import select

from bot.app import App
from bot.conversation import texts as catalogue
from core.clock import FakeClock
from core.contacts import create_contact, create_organisation
from storage.engine import Database
from storage.models import Contact, Initiative, Interaction, Network
from tests.support.fake_bot_api import FakeBotApi
from tests.telegram.conftest import Chat, button_labels

PARTNER_CHAT = 5252
QUESTION = "Is er in december een training over online polarisatie?"
ANSWER = "Ja, op 14 december in het stadhuis. Ik zet je op de lijst."


def seed_fatima(db: Database, clock: FakeClock) -> int:
    with db.session() as session:
        schakel = create_organisation(session, name="De Schakel", type_code="buurthuis",
                                      network=Network.FORMAL, now=clock.now())
        fatima = create_contact(session, name="Fatima Bakkali", network=Network.INFORMAL,
                                now=clock.now(), organisation_id=schakel.id)
        assert fatima.id is not None
        return fatima.id


async def test_a_partner_is_invited_agrees_asks_and_gets_the_answer_through_telegram(
    app: App, api: FakeBotApi, coordinator: Chat, db: Database, clock: FakeClock
) -> None:
    contact_id = seed_fatima(db, clock)
    partner = Chat(api, PARTNER_CHAT)

    (choices,) = await coordinator.send("/uitnodigen Fatima")
    (made,) = await coordinator.press("Fatima Bakkali (De Schakel, informeel)", choices)
    found = re.search(r"/start (\S+)", str(made.params["text"]))
    assert found is not None
    (notice,) = await partner.send(f"/start {found.group(1)}")
    (agreed,) = await partner.press("Akkoord", notice)
    (sent,) = await partner.send(f"/vraag {QUESTION}")
    before = len(coordinator.messages())
    await app.tick()
    question = (await coordinator.wait_for_messages(before + 1))[-1]
    (prompt,) = await coordinator.press("Beantwoorden", question)
    (done,) = await coordinator.send(ANSWER)
    await app.tick()
    answer = (await partner.wait_for_messages(4))[-1]

    assert made.params.get("protect_content") is True
    assert str(notice.params["text"]).startswith("Welkom, Fatima. Deze bot is van de gemeente.")
    assert button_labels(notice) == ["Akkoord"]
    assert str(agreed.params["text"]).startswith("Dank je, je akkoord is vastgelegd")
    assert sent.params["text"] == catalogue.text("nl", "pt_question_sent")
    assert question.params["text"] == (
        f"❓ Vraag van Fatima Bakkali (De Schakel):\n“{QUESTION}”")
    assert button_labels(question) == ["Beantwoorden"]
    assert prompt.params["text"] == catalogue.text("nl", "pt_answer_ask", name="Fatima Bakkali")
    assert str(done.params["text"]).startswith("Verstuurd aan Fatima Bakkali.")
    assert answer.params["text"] == catalogue.text("nl", "pt_answer_out", question=QUESTION,
                                                   answer=ANSWER)
    with db.session() as session:
        stored = session.get(Contact, contact_id)
        logged = session.exec(select(Interaction)).one()
    assert stored is not None
    assert stored.agreed_on == clock.now().date()
    assert (logged.initiated_by, logged.asked, logged.shared) == (Initiative.THEM, QUESTION,
                                                                  ANSWER)
