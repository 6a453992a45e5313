"""Kill -9 in the middle of a burst of visit messages, then start again (core.journal).

The real `python -m bot` runs against the fake Bot API; a burst of visit messages from a few
coordinators is queued at once, the process is killed while it works through them, and a new
process is started. Telegram counts a fetched batch as delivered at the next poll, so without
the journal the fetched-but-unhandled messages would be gone.

Afterwards: every message was handled exactly once (one confirmation card drafted per message,
counted by its Opslaan button), each chat saw its cards in the order it sent the messages, and
every message got its card except at most the one being answered at the moment of the kill
(handled and stored, its reply not yet sent: replies are not resent, sendMessage is not
idempotent).
"""

from __future__ import annotations

import asyncio
import re
import signal
from collections import Counter
from datetime import UTC, datetime

import pytest
from sqlmodel import select

from core.access import Identity, create_invite, redeem_invite
from core.journal import chat_key
from storage.engine import Database
from storage.models import ButtonPayload, ProcessedUpdate, Role
from tests.support.audit import migrated
from tests.support.fake_bot_api import FakeBotApi
from tests.telegram.conftest import handled_so_far
from tests.telegram.test_restart import BotProcesses, processes, with_db

__all__ = ["processes"]  # the fixture, shared with test_restart

MESSAGES = 1000
CHATS = (5101, 5102, 5103, 5104)
KILL_AFTER = MESSAGES // 3  # cards seen before the kill
BURST_TIMEOUT = 480.0  # a hang guard for the whole burst on a busy two-core machine; ~70 s alone
MARK = re.compile(r"bericht (\d{4})")


def visit_text(number: int) -> str:
    return f"Net gesproken met Jan de Vries van de politie over bericht {number:04d}."


def register_coordinators(database: Database) -> None:
    """The schema, and one coordinator per chat (as if each had redeemed an invite)."""
    migrated(database)
    now = datetime.now(UTC)
    with database.session() as session:
        for chat_id in CHATS:
            token = create_invite(session, Role.COORDINATOR, now)
            who = Identity("telegram", str(chat_id), str(chat_id))
            assert not isinstance(redeem_invite(session, token, who, "nl", now), str)


def handled(database: Database) -> tuple[int, int, int]:
    """(journal entries, of which handled, Opslaan buttons made): each handling makes one."""
    with database.session() as session:
        # a handled entry keeps no payload: the chat is known by its key (core.journal)
        keys = {chat_key("telegram", str(chat)) for chat in CHATS}
        rows = [row for row in session.exec(select(ProcessedUpdate)).all()
                if row.chat_key in keys]
        saves = session.exec(select(ButtonPayload).where(ButtonPayload.action == "visit.save"))
        return len(rows), sum(r.handled_at is not None for r in rows), len(saves.all())


def cards(api: FakeBotApi) -> list[tuple[int, int]]:
    """(chat, message number) of every confirmation card sent, in the order sent."""
    found = []
    for call in api.calls_to("sendMessage"):
        match = MARK.search(str(call.params.get("text", "")))
        if call.status == 200 and match and call.params.get("reply_markup"):
            found.append((int(call.params["chat_id"]), int(match.group(1))))
    return found


@pytest.mark.slow
async def test_a_burst_interrupted_by_kill_9_is_finished_once_after_the_restart(
    api: FakeBotApi, processes: BotProcesses, database_url: str,
) -> None:
    with_db(database_url, register_coordinators)
    sent: dict[int, list[int]] = {chat: [] for chat in CHATS}
    for number in range(MESSAGES):
        chat = CHATS[number % len(CHATS)]
        api.push_text(chat, visit_text(number))
        sent[chat].append(number)

    first = await processes.run()
    async with asyncio.timeout(BURST_TIMEOUT):
        while len(cards(api)) < KILL_AFTER:
            await api.wait_for_call("sendMessage", len(api.calls_to("sendMessage")) + 1,
                                    timeout=BURST_TIMEOUT)
    assert await processes.stop(first, signal.SIGKILL) == -signal.SIGKILL
    before = cards(api)
    assert len(before) < MESSAGES, "the burst was over before the kill"

    await processes.run()
    try:
        async with asyncio.timeout(BURST_TIMEOUT):
            while len(cards(api)) < MESSAGES - 1:
                await api.wait_for_call("sendMessage", len(api.calls_to("sendMessage")) + 1,
                                        timeout=BURST_TIMEOUT)
    except TimeoutError:  # say how far it got: a slow restart and a stuck one look alike
        pytest.fail(f"{len(before)} cards before the kill, {len(cards(api))} after "
                    f"{BURST_TIMEOUT:.0f} s; the bot's log ends with:\n"
                    f"{processes.log_text()[-4000:]}")
    await handled_so_far(api)  # a stranger's message sent last: once refused, all is done

    counts = with_db(database_url, handled)
    assert isinstance(counts, tuple)
    entries, done, saves = counts
    assert (entries, done) == (MESSAGES, MESSAGES), processes.log_text()[-3000:]
    assert saves == MESSAGES  # every message handled, none twice
    seen = cards(api)
    twice = [card for card, times in Counter(seen).items() if times > 1]
    assert twice == []
    missing = set(range(MESSAGES)) - {number for _, number in seen}
    assert len(missing) <= 1  # at most the reply in flight at the kill
    for chat in CHATS:
        order = [number for where, number in seen if where == chat]
        assert order == sorted(order)  # each chat in the order its messages were sent
        assert set(order) | (missing & set(sent[chat])) == set(sent[chat])
