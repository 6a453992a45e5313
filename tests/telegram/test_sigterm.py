"""SIGTERM while a message is being handled: the real `python -m bot` process stops taking new
updates at once, finishes the message in hand within the grace period, then exits cleanly.

The fake Bot API holds the bot's reply (sendMessage) until the test lets it through, so the
signal is known to arrive while the message is in flight; waits are bounded, never fixed.
"""

from __future__ import annotations

import asyncio
import signal
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from aiohttp import web

from tests.support.fake_bot_api import FakeBotApi
from tests.telegram.conftest import TOKEN, Chat
from tests.telegram.test_restart import PROCESS_TIMEOUT, VISIT, BotProcesses


class HeldBotApi(FakeBotApi):
    """The fake Bot API, but sendMessage waits for `release` once `hold()` was called."""

    def __init__(self) -> None:
        super().__init__(token=TOKEN)
        self.release = asyncio.Event()
        self.arrived = asyncio.Event()
        self._holding = False

    def hold(self) -> None:
        self._holding = True

    async def _handle_method(self, request: web.Request) -> web.Response:
        if self._holding and request.match_info["method"].lower() == "sendmessage":
            self.arrived.set()
            await self.release.wait()
        return await super()._handle_method(request)


@pytest.fixture
async def api() -> AsyncIterator[HeldBotApi]:
    held = HeldBotApi()
    async with held:
        yield held
        held.release.set()


@pytest.fixture
async def processes(
    api: HeldBotApi, tmp_path: Path, database_url: str
) -> AsyncIterator[BotProcesses]:
    bots = BotProcesses(api, tmp_path, database_url)
    try:
        yield bots
    finally:
        await bots.kill_all()


async def stopped_polling(api: FakeBotApi) -> None:
    """PTB's last getUpdates, without long polling, confirms what was taken and ends polling."""

    def final_poll_seen() -> bool:
        return any(str(call.params.get("timeout")) in ("0", "0.0")
                   for call in api.calls_to("getUpdates"))

    async with asyncio.timeout(PROCESS_TIMEOUT):
        while not final_poll_seen():
            await api.wait_for_call("getUpdates", len(api.calls_to("getUpdates")) + 1,
                                    timeout=PROCESS_TIMEOUT)


async def test_sigterm_finishes_the_message_in_hand_and_takes_no_new_one(
    api: HeldBotApi, processes: BotProcesses
) -> None:
    chat = Chat(api, 4242, timeout=PROCESS_TIMEOUT)
    token = await processes.invite()
    bot = await processes.run()
    (welcome,) = await chat.send(f"/start {token}")
    assert str(welcome.params["text"]).startswith("Welkom"), processes.log_text()

    api.hold()
    api.push_text(chat.chat_id, VISIT)
    async with asyncio.timeout(PROCESS_TIMEOUT):
        await api.arrived.wait()  # the card is on its way: the message is being handled
    bot.send_signal(signal.SIGTERM)
    await stopped_polling(api)
    api.push_text(chat.chat_id, "/acties")  # sent after the bot stopped taking updates
    api.release.set()

    async with asyncio.timeout(PROCESS_TIMEOUT):
        code = await bot.wait()

    assert code == 0, processes.log_text()
    (card,) = chat.messages()[1:]
    assert "Jan de Vries" in str(card.params["text"])
    assert [u["message"]["text"] for u in api.pending_updates] == ["/acties"]
    assert "did not finish" not in processes.log_text()


async def test_a_message_stuck_past_the_grace_period_does_not_keep_the_bot_from_stopping(
    api: HeldBotApi, processes: BotProcesses
) -> None:
    processes.env["SHUTDOWN_GRACE_SECONDS"] = "1"
    chat = Chat(api, 4242, timeout=PROCESS_TIMEOUT)
    token = await processes.invite()
    bot = await processes.run()
    await chat.send(f"/start {token}")

    api.hold()
    api.push_text(chat.chat_id, VISIT)
    async with asyncio.timeout(PROCESS_TIMEOUT):
        await api.arrived.wait()
    bot.send_signal(signal.SIGTERM)  # and the reply never gets through

    async with asyncio.timeout(PROCESS_TIMEOUT):
        code = await bot.wait()

    assert code == 0, processes.log_text()
    assert "work in flight did not finish within 1 s" in processes.log_text()
