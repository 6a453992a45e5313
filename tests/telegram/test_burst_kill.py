"""Kill -9 in the middle of a burst of visit messages, then start again (core.journal).

The real `python -m bot` runs against the fake Bot API; a burst of visit messages from a few
coordinators is queued at once, the process is killed while it works through them, and a new
process is started. Telegram counts a fetched batch as delivered at the next poll, so without
the journal the fetched-but-unhandled messages would be gone.

Afterwards: every message was handled exactly once (one confirmation card drafted per message,
counted by its Opslaan button), each chat saw its cards in the order it sent the messages, and
every message got its card except, in each chat, at most the one being answered at the moment
of the kill (handled and stored, its reply not yet sent: replies are not resent, sendMessage is
not idempotent). Chats are handled side by side, so several chats can each lose that one.
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


def _journal(database_url: str) -> tuple[int, int, int]:
    counts = with_db(database_url, handled)
    assert isinstance(counts, tuple)
    return counts


async def _next_send_or_quiet(api: FakeBotApi, seconds: float) -> bool:
    """Wait for the next sendMessage; False after `seconds` without one."""
    try:
        await api.wait_for_call("sendMessage", len(api.calls_to("sendMessage")) + 1,
                                timeout=seconds)
    except TimeoutError:
        return False
    return True


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
            # Chats are handled side by side: at the kill each may have had a reply in flight.
            while len(cards(api)) < MESSAGES - len(CHATS):
                await api.wait_for_call("sendMessage", len(api.calls_to("sendMessage")) + 1,
                                        timeout=BURST_TIMEOUT)
            while _journal(database_url)[:2] != (MESSAGES, MESSAGES):
                await _next_send_or_quiet(api, seconds=2.0)
    except TimeoutError:  # say how far it got: a slow restart and a stuck one look alike
        pytest.fail(f"{len(before)} cards before the kill, {len(cards(api))} after "
                    f"{BURST_TIMEOUT:.0f} s, journal {_journal(database_url)}; the "
                    f"bot's log ends with:\n{processes.log_text()[-4000:]}")
    while await _next_send_or_quiet(api, seconds=1.0):
        pass  # the last replies go out after their handling commits

    counts = with_db(database_url, handled)
    assert isinstance(counts, tuple)
    entries, done, saves = counts
    assert (entries, done) == (MESSAGES, MESSAGES), processes.log_text()[-3000:]
    assert saves == MESSAGES  # every message handled, none twice
    seen = cards(api)
    twice = [card for card, times in Counter(seen).items() if times > 1]
    assert twice == []
    missing = set(range(MESSAGES)) - {number for _, number in seen}
    for chat in CHATS:  # at most the reply each chat had in flight at the kill
        last_before = max((number for where, number in before if where == chat), default=-1)
        in_flight = {number for number in sent[chat] if number > last_before}
        assert missing & set(sent[chat]) <= set(sorted(in_flight)[:1])
    for chat in CHATS:
        order = [number for where, number in seen if where == chat]
        assert order == sorted(order)  # each chat in the order its messages were sent
        assert set(order) | (missing & set(sent[chat])) == set(sent[chat])
