"""Sends what the outbox owes, through the right transport, one message at a time.

One delivery runs at a time in a process (a lock), oldest message first, so each chat sees
its messages in order. A failed send is retried later with backoff (core.outbox), honouring
the service's `retry_after`; a recipient who blocked the bot is not retried.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping
from datetime import datetime

from bot.conversation.dispatcher import Conversation, where_it_failed
from bot.transports.base import SendError, Transport

log = logging.getLogger(__name__)


class Delivery:
    def __init__(self, conversation: Conversation, transports: Mapping[str, Transport]) -> None:
        self.conversation = conversation
        self.transports = transports
        self._lock = asyncio.Lock()

    async def run_once(self, now: datetime) -> int:
        """Send everything due now; returns how many messages arrived."""
        async with self._lock:
            owed = await asyncio.to_thread(self.conversation.owed, now, list(self.transports))
            sent = 0
            for outbox_id, outgoing in owed:
                if outgoing is None:  # no longer needed (done meanwhile, user revoked)
                    await asyncio.to_thread(self.conversation.delivered, outbox_id, now)
                    continue
                try:
                    await self.transports[outgoing.transport].send(
                        outgoing.chat_id, outgoing.reply, txn_id=f"outbox-{outbox_id}"
                    )
                except SendError as error:
                    log.warning("delivery of outbox %d failed: %s", outbox_id, error.reason)
                    await asyncio.to_thread(
                        self.conversation.not_delivered, outbox_id, now, error.reason,
                        permanent=error.permanent, retry_after=error.retry_after,
                    )
                    continue
                except Exception as error:  # one bad message must not block those after it
                    log.error("delivery of outbox %d broke: %s", outbox_id,
                              where_it_failed(error))
                    await asyncio.to_thread(
                        self.conversation.not_delivered, outbox_id, now,
                        type(error).__name__, permanent=False,
                    )
                    continue
                await asyncio.to_thread(self.conversation.delivered, outbox_id, now)
                sent += 1
            return sent
