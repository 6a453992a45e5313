"""The webhook endpoint: only Telegram, knowing the secret, gets an update in; the secret is
compared in constant time, and a wrong, missing or malformed one gets 403 and nothing else."""

from __future__ import annotations

import hmac
import socket
from collections.abc import Callable

import pytest
from aiohttp import ClientSession, ClientTimeout

from bot.transports import telegram
from bot.transports.base import TransportStartError
from tests.support.fake_bot_api import FakeBotApi
from tests.telegram.conftest import COORDINATOR_CHAT, StartApp

SECRET = "geheim-123_ABC-voor-de-webhook-tests"  # 36 characters, as required
STRANGER = 6161


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def webhook_bot(api: FakeBotApi, start_app: StartApp) -> str:
    port = free_port()
    url = f"http://127.0.0.1:{port}/telegram"
    await start_app(webhook_url=url, webhook_secret=SECRET, webhook_listen="127.0.0.1",
                    webhook_port=port)
    return url


async def post(url: str, body: bytes, headers: dict[str, str]) -> int:
    async with (
        ClientSession(timeout=ClientTimeout(total=10)) as session,
        session.post(url, data=body, headers=headers) as response,
    ):
        await response.read()
        return response.status


async def test_a_missing_or_wrong_secret_gets_403_and_the_update_is_never_handled(
    api: FakeBotApi, start_app: StartApp
) -> None:
    url = await webhook_bot(api, start_app)
    forged = api.text_update(STRANGER, "Ik ben het echt")

    statuses = [
        await api.deliver_webhook(dict(forged), url, None),
        await api.deliver_webhook(dict(forged), url, SECRET[:-1]),
        await api.deliver_webhook(dict(forged), url, SECRET + "x"),
        await api.deliver_webhook(dict(forged), url, SECRET.upper()),
    ]
    await handled_so_far_by_webhook(api, url)

    assert statuses == [403, 403, 403, 403]
    assert api.sent_texts(STRANGER) == []


async def handled_so_far_by_webhook(api: FakeBotApi, url: str) -> None:
    """Deliver a genuine update last: once it is answered, anything accepted before it was too
    (PTB handles updates in order)."""
    assert await api.deliver_webhook(api.text_update(STRANGER + 1, "hallo"), url, SECRET) == 200
    await api.wait_for_call("sendMessage")


async def test_a_secret_with_characters_outside_ascii_is_refused_not_crashed_on(
    api: FakeBotApi, start_app: StartApp
) -> None:
    url = await webhook_bot(api, start_app)
    body = b'{"update_id": 1}'

    status = await post(url, body, {"Content-Type": "application/json",
                                    telegram.AUTH_HEADER: "geheim-123_ABÇ"})

    assert status == 403


async def test_a_body_that_is_not_an_update_gets_400_even_with_the_secret(
    api: FakeBotApi, start_app: StartApp
) -> None:
    url = await webhook_bot(api, start_app)

    status = await post(url, b"not json", {"Content-Type": "application/json",
                                           telegram.AUTH_HEADER: SECRET})

    assert status == 400


@pytest.mark.parametrize("secret", [None, "", "1", SECRET[:31]])
async def test_a_webhook_without_a_secret_of_32_characters_does_not_start(
    api: FakeBotApi, start_app: StartApp, secret: str | None
) -> None:
    port = free_port()

    with pytest.raises(TransportStartError, match="TELEGRAM_WEBHOOK_SECRET op minstens 32"):
        await start_app(webhook_url=f"http://127.0.0.1:{port}/telegram", webhook_secret=secret,
                        webhook_listen="127.0.0.1", webhook_port=port)

    assert api.calls_to("setWebhook") == []


def test_no_secret_configured_lets_no_call_in() -> None:
    assert not telegram.secret_matches(None, "iets")
    assert not telegram.secret_matches("", "")


async def test_a_forged_chat_id_cannot_steer_a_reply_into_another_chat(
    api: FakeBotApi, start_app: StartApp, invite: Callable[..., str]
) -> None:
    victim = 777_001
    url = await webhook_bot(api, start_app)
    registered = api.text_update(COORDINATOR_CHAT, f"/start {invite()}")
    assert await api.deliver_webhook(registered, url, SECRET) == 200
    await api.wait_for_call("sendMessage")

    # The coordinator's account, but another chat: the reply must still go to the coordinator.
    forged = api.text_update(victim, "/help", user_id=COORDINATOR_CHAT)
    assert await api.deliver_webhook(forged, url, SECRET) == 200
    await api.wait_for_call("sendMessage", 2)

    assert api.sent_texts(victim) == []
    assert len(api.sent_texts(COORDINATOR_CHAT)) == 2


async def test_the_genuine_secret_lets_the_update_in(api: FakeBotApi,
                                                    start_app: StartApp) -> None:
    url = await webhook_bot(api, start_app)

    status = await api.deliver_webhook(api.text_update(STRANGER, "Hallo"), url, SECRET)
    (reply,) = await api.wait_for_call("sendMessage")

    assert status == 200
    assert reply.params["chat_id"] == STRANGER
    assert "uitnodiging" in reply.params["text"]


def test_the_secret_is_compared_in_constant_time(monkeypatch: pytest.MonkeyPatch) -> None:
    compared: list[tuple[bytes, bytes]] = []
    real = hmac.compare_digest

    def recording(given: bytes, expected: bytes) -> bool:
        compared.append((given, expected))
        return real(given, expected)

    monkeypatch.setattr(hmac, "compare_digest", recording)

    assert telegram.secret_matches(SECRET, SECRET)
    assert not telegram.secret_matches(SECRET, "geheim-123_ABD")
    assert not telegram.secret_matches(SECRET, None)
    assert compared == [(SECRET.encode(), SECRET.encode()),
                        (b"geheim-123_ABD", SECRET.encode())]
