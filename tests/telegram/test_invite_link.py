"""The Telegram transport learns its bot's @username from getMe at start, so an invite made
in the chat carries the real t.me deep link instead of a placeholder."""

from __future__ import annotations

import re

from core.clock import FakeClock
from core.contacts import create_contact
from storage.engine import Database
from storage.models import Network
from tests.support.fake_bot_api import BOT_USERNAME
from tests.telegram.conftest import Chat


async def test_an_invite_made_in_telegram_links_to_the_bot_by_its_real_name(
    coordinator: Chat, db: Database, clock: FakeClock
) -> None:
    with db.session() as session:
        create_contact(session, name="Fatima Bakkali", network=Network.INFORMAL, now=clock.now())

    (choices,) = await coordinator.send("/uitnodigen Fatima")
    (made,) = await coordinator.press("Fatima Bakkali (informeel)", choices)

    text = str(made.params["text"])
    token = re.search(r"/start (\S+)", text)
    assert token is not None
    assert f"https://t.me/{BOT_USERNAME}?start={token.group(1)}" in text
