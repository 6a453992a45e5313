"""Sends what the outbox owes, through the right transport, one message at a time.

One delivery runs at a time in a process (a lock), oldest message first, so each chat sees
its messages in order: after a failed send, that chat's later messages wait for it. A failed
send is retried later with backoff (core.outbox), honouring
the service's `retry_after`; a recipient who blocked the bot is not retried.

Each send first takes a permit from the shared limiter (core.ratelimit), as a message nobody
is waiting for: within a round the chats take turns (each chat's own messages stay in order),
so one person's five reminders do not hold up everybody else's for the per-chat second.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping
from datetime import datetime

from bot.conversation.dispatcher import Conversation, where_it_failed
from bot.conversation.events import Outgoing
from bot.transports.base import SendError, Transport
from core.ratelimit import SendLimiter

log = logging.getLogger(__name__)


class Delivery:
    def __init__(self, conversation: Conversation, transports: Mapping[str, Transport],
                 limiter: SendLimiter | None = None) -> None:
        self.conversation = conversation
        self.transports = transports
        self.limiter = limiter or SendLimiter(None, {})
        self._lock = asyncio.Lock()
        self._closed = False

    async def close(self) -> None:
        """Start no new round; return once the round in progress (if any) has finished."""
        self._closed = True
        async with self._lock:
            pass

    async def run_once(self, now: datetime) -> int:
        """Send everything due now; returns how many messages arrived."""
        async with self._lock:
            if self._closed:  # shutting down: what is left waits for the next start
                return 0
            owed = taking_turns(
                await asyncio.to_thread(self.conversation.owed, now, list(self.transports)))
            sent = 0
            waiting: set[tuple[str, str]] = set()  # chats whose older message failed just now
            for outbox_id, outgoing in owed:
                if outgoing is None:  # no longer needed (done meanwhile, user revoked)
                    await asyncio.to_thread(self.conversation.delivered, outbox_id, now)
                    continue
                chat = (outgoing.transport, outgoing.chat_id)
                if chat in waiting:  # never overtake the failed one: back in line after it
                    await asyncio.to_thread(self.conversation.release, outbox_id, now)
                    continue
                await self.limiter.permit(outgoing.transport, outgoing.chat_id, reply=False)
                try:
                    await self.transports[outgoing.transport].send(
                        outgoing.chat_id, outgoing.reply, txn_id=f"outbox-{outbox_id}"
                    )
                except SendError as error:
                    log.warning("delivery of outbox %d failed: %s", outbox_id, error.reason)
                    if not error.permanent:
                        waiting.add(chat)
                    await asyncio.to_thread(
                        self.conversation.not_delivered, outbox_id, now, error.reason,
                        permanent=error.permanent, retry_after=error.retry_after,
                    )
                    continue
                except Exception as error:  # one bad message must not block those after it
                    log.error("delivery of outbox %d broke: %s", outbox_id,
                              where_it_failed(error))
                    waiting.add(chat)
                    await asyncio.to_thread(
                        self.conversation.not_delivered, outbox_id, now,
                        type(error).__name__, permanent=False,
                    )
                    continue
                await asyncio.to_thread(self.conversation.delivered, outbox_id, now)
                sent += 1
            return sent


def taking_turns(owed: list[tuple[int, Outgoing | None]]) -> list[tuple[int, Outgoing | None]]:
    """Each chat's first message, then each chat's second, and so on; every chat's own
    messages keep their order (oldest first, as claimed)."""
    seen: dict[tuple[str, str], int] = {}
    turns: list[int] = []
    for _, outgoing in owed:
        if outgoing is None:
            turns.append(0)
            continue
        chat = (outgoing.transport, outgoing.chat_id)
        turns.append(seen.get(chat, 0))
        seen[chat] = turns[-1] + 1
    order = sorted(range(len(owed)), key=lambda index: (turns[index], index))
    return [owed[index] for index in order]
