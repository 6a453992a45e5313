"""The Bot API failing at random: 429 with retry_after, 5xx, and requests that time out.

Whatever fails is tried again: every message arrives, once, each chat sees its messages in
the order the bot meant them, and after a 429 nothing goes to that chat before `retry_after`
has passed. Timeouts here are requests the fake holds past the client's read timeout without
performing them (a send that timed out but did arrive cannot be told apart by the bot; it is
the one case where a message may show twice, see design.md §8).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta

from sqlmodel import select

from bot.app import App
from core.clock import FakeClock
from storage.engine import Database
from storage.models import FollowUp, Outbox, User
from tests.support.fake_bot_api import TIMED_OUT, Call, FakeBotApi
from tests.telegram.conftest import Chat, StartApp

CHATS = (6101, 6102, 6103)
PER_CHAT = 8
RETRY_AFTER = 1
READ_TIMEOUT = 0.3  # the bot's read timeout here; the fake holds a "timeout" longer
MARK = re.compile(r"(?:bericht|Opvolging) (\d+)")


async def register(chats: tuple[int, ...], api: FakeBotApi, invite: Callable[..., str]
                   ) -> list[Chat]:
    registered = []
    for chat_id in chats:
        chat = Chat(api, chat_id, timeout=60.0)
        (welcome,) = await chat.send(f"/start {invite()}")
        assert str(welcome.params["text"]).startswith("Welkom")
        registered.append(chat)
    return registered


def numbers(calls: list[Call], chat_id: int) -> list[int]:
    """The numbers of the messages that arrived in a chat, in the order they arrived."""
    found = []
    for call in calls:
        match = MARK.search(str(call.params.get("text", "")))
        if call.status == 200 and call.params.get("chat_id") == chat_id and match:
            found.append(int(match.group(1)))
    return found


def assert_retry_after_respected(calls: list[Call]) -> int:
    """No call to a chat sooner than `retry_after` after that chat was told 429; how many."""
    told = 0
    for index, call in enumerate(calls):
        if call.status != 429:
            continue
        told += 1
        later = [c for c in calls[index + 1:] if c.params["chat_id"] == call.params["chat_id"]]
        if later:
            assert later[0].at >= call.at + RETRY_AFTER, (call.at, later[0].at)
    return told


async def test_replies_survive_random_faults_in_order_and_after_retry_after(
    api: FakeBotApi, start_app: StartApp, invite: Callable[..., str],
) -> None:
    await start_app(read_timeout=READ_TIMEOUT)
    chats = await register(CHATS, api, invite)
    api.fail_at_random("sendMessage", 0.25, retry_after=RETRY_AFTER, hang=READ_TIMEOUT * 3,
                       seed=9)
    for number in range(PER_CHAT):
        for chat in chats:
            api.push_text(chat.chat_id,
                          f"Net gesproken met Jan de Vries van de politie over bericht {number}.")

    for chat in chats:  # each visit gets its card (every one after the first a notice too)
        await chat.wait_for_messages(1 + PER_CHAT + PER_CHAT - 1)

    calls = api.calls_to("sendMessage")
    for chat in chats:
        assert numbers(calls, chat.chat_id) == list(range(PER_CHAT))
    assert {c.status for c in calls} >= {200, 429, TIMED_OUT}  # the faults did happen
    assert assert_retry_after_respected(calls) > 0


async def test_reminders_survive_random_faults_in_order_and_after_retry_after(
    api: FakeBotApi, db: Database, clock: FakeClock, start_app: StartApp,
    invite: Callable[..., str],
) -> None:
    app: App = await start_app(read_timeout=READ_TIMEOUT)
    chats = await register(CHATS, api, invite)
    with db.session() as session:
        users = {int(u.chat_id): u.id for u in session.exec(select(User)).all()}
        for chat in chats:
            owner = users[chat.chat_id]
            assert owner is not None
            for number in range(5):  # five each: below the batching threshold
                session.add(FollowUp(title=f"Opvolging {number}", owner_user_id=owner,
                                     due_at=clock.now() - timedelta(hours=5 - number)))
    api.clock = lambda: clock.now().timestamp()
    api.fail_at_random("sendMessage", 0.3, retry_after=RETRY_AFTER, hang=READ_TIMEOUT * 3,
                       seed=4)

    for _ in range(600):  # ten minutes of bot time, a second at a time
        await app.tick()
        if all(len(numbers(api.calls_to("sendMessage"), c.chat_id)) >= 5 for c in chats):
            break
        clock.advance(seconds=1)

    calls = api.calls_to("sendMessage")
    for chat in chats:
        assert numbers(calls, chat.chat_id) == [0, 1, 2, 3, 4]
    with db.session() as session:
        rows = session.exec(select(Outbox)).all()
        assert len(rows) == 15
        assert all(row.sent_at is not None for row in rows)
    assert {c.status for c in calls} >= {200, 429, TIMED_OUT}
    assert assert_retry_after_respected(calls) > 0
