"""A needs survey through python-telegram-bot's real stack against the fake Bot API (issue 6):
the partner is invited and agrees, answers the behoeftepeiling with buttons, and when the
round closes the coordinator gets the summary with small counts as <5."""

from __future__ import annotations

import re

from bot.app import App
from core.clock import FakeClock
from storage.engine import Database
from tests.support.fake_bot_api import FakeBotApi
from tests.telegram.conftest import Chat, button_labels
from tests.telegram.test_partners_telegram import PARTNER_CHAT, seed_fatima


async def test_a_partner_answers_a_survey_and_the_coordinator_gets_the_summary_on_telegram(
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

    (menu,) = await coordinator.send("/peiling")
    (area,) = await coordinator.press("Nieuwe ronde", menu)
    (network,) = await coordinator.press("Hele stad", area)
    (kind,) = await coordinator.press("Beide", network)
    (deadline,) = await coordinator.press("Alle typen", kind)
    (preview,) = await coordinator.press("14 dagen", deadline)
    (sent,) = await coordinator.press("Versturen", preview)
    await app.tick()
    question = (await partner.wait_for_messages(3))[-1]

    (second,) = await partner.press("Ja, elk kwartaal", question)
    (ticked,) = await partner.press("Online polarisatie", second)
    (third,) = await partner.press("Klaar", ticked)
    (ticked,) = await partner.press("Wat er speelt in de wijk", third)
    (fourth,) = await partner.press("Klaar", ticked)
    (fifth,) = await partner.press("Online", fourth)
    (sixth,) = await partner.press("5", fifth)
    (thanks,) = await partner.press("Overslaan", sixth)
    clock.advance(days=15)
    before = len(coordinator.messages())
    await app.tick()
    summary = (await coordinator.wait_for_messages(before + 1))[-1]

    assert "1 partner(s)" in str(sent.params["text"])
    assert "Vraag 1 van 6" in str(question.params["text"])
    assert "Ja, elk kwartaal" in button_labels(question)
    assert "✓ Wat er speelt in de wijk" in button_labels(ticked)
    assert button_labels(fifth) == ["1", "2", "3", "4", "5"]
    assert str(thanks.params["text"]).startswith("Dank je wel voor je antwoorden")
    text = str(summary.params["text"])
    assert "Respons: 1 van 1 partner(s) (100%), 1 helemaal." in text
    assert "• 5: <5 (formeel 0, informeel <5)" in text
    assert "Dit doen we ermee" in button_labels(summary)
