"""Sends what the outbox owes, through the right transport, one message at a time.

One delivery runs at a time in a process (a lock), oldest message first, so each chat sees
its messages in order: after a failed send, that chat's later messages wait for it. A failed
send is retried later with backoff (core.outbox), honouring
the service's `retry_after`; a recipient who blocked the bot is not retried.

A run claims a round of messages (ROUND), sends them, and claims the next round while the last
came back full: a burst (hundreds of reminders due in the same minute) goes out at the pace the
limiter allows, not one round per sweep.

Each send first takes a permit from the shared limiter (core.ratelimit), as a message nobody
is waiting for: within a round the chats take turns (each chat's own messages stay in order),
so one person's five reminders do not hold up everybody else's for the per-chat second.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Mapping
from datetime import datetime, timedelta

from bot.conversation.dispatcher import Conversation, where_it_failed
from bot.conversation.events import Outgoing
from bot.transports.base import SendError, Transport
from core.ratelimit import SendLimiter

log = logging.getLogger(__name__)


ROUND = 50  # outbox rows claimed at a time: a round is claimed, then sent one by one
# A run waits this long at most for messages the service asked to have again after a moment
# (a 429's retry_after), so a burst's last messages do not wait for the next sweep.
RETRY_SOON = 5.0


class Delivery:
    def __init__(self, conversation: Conversation, transports: Mapping[str, Transport],
                 limiter: SendLimiter | None = None, round_size: int = ROUND,
                 sleep: Callable[[float], Awaitable[object]] = asyncio.sleep) -> None:
        self.conversation = conversation
        self.transports = transports
        self.limiter = limiter or SendLimiter(None, {})
        self.round_size = round_size
        self._sleep = sleep
        self.running: asyncio.Task[int] | None = None  # the run the scheduler started
        self._lock = asyncio.Lock()
        self._closed = False
        self._again = False  # a caller asked for one more round while this one ran

    async def close(self) -> None:
        """Start no new round; return once the round in progress (if any) has finished."""
        self._closed = True
        async with self._lock:
            pass
        if self.running is not None:  # started, perhaps not yet in: it ends without a round
            await asyncio.wait([self.running])

    async def run_in_background(self, now: datetime) -> None:
        """Start a run and return at once (the scheduler's jobs): a burst of 10,000 reminders
        takes minutes to drain at the service's pace, and a job waiting for it would have the
        next sweeps skipped meanwhile (digests, new reminders). A run already going is asked
        for one more round instead."""
        if self.running is not None and not self.running.done():
            self._again = True
            return
        self.running = asyncio.create_task(self.run_once(now), name="outbox-delivery")
        self.running.add_done_callback(_report_failure)

    async def run_once(self, now: datetime, *, rounds: int | None = None) -> int:
        """Send everything due now; returns how many messages this call delivered.

        Round after round of `round_size` messages while a round comes back full (more may be
        owed) and the delivery is not closing (`rounds` rounds at most when given): 500
        reminders due at once go at the pace the limiter allows instead of 50 per sweep.

        Each round takes its own moment (`now` moved on by the clock's time since the call
        began), so leases run from when rows are taken and what became owed meanwhile is due.
        A message put back for a retry is not due before its retry time (and its chat's later
        messages wait behind it, core.outbox.claim); when the service asked for it again
        within RETRY_SOON (a 429's retry_after), the run waits that long and goes on, so the
        end of a burst does not wait for the next sweep. A round in which messages were put
        back and none arrived ends the call: the service is not taking any now.

        A call while another runs in this process does not queue behind it: it asks the
        running one for one more round (which takes what is owed by then, such as a report
        asked for just now) and returns 0 at once, so a chat handler is never held up by a
        backlog somebody else is delivering.
        """
        if self._lock.locked():
            self._again = True
            return 0
        async with self._lock:
            clock = self.conversation.clock
            began = clock.now()
            sent = done = 0
            while not self._closed:  # shutting down: what is left waits for the next start
                self._again = False
                moment = now + max(clock.now() - began, timedelta(0))
                claimed, delivered, put_back, retry_in = await self._round(moment)
                sent += delivered
                done += 1
                if (rounds is not None and done >= rounds) or (put_back and not delivered):
                    break
                if claimed >= self.round_size or self._again:
                    continue
                if retry_in is None or retry_in > RETRY_SOON:
                    break
                await self._sleep(retry_in)
            return sent

    async def _round(self, now: datetime) -> tuple[int, int, bool, float | None]:
        """Claim one round and send it: (claimed, delivered, whether any was put back, the
        shortest wait the service asked for before one of them may go again)."""
        owed = taking_turns(await asyncio.to_thread(
            self.conversation.owed, now, list(self.transports), self.round_size))
        sent = 0
        retry_in: float | None = None
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
                if error.retry_after is not None:
                    retry_in = min(error.retry_after, retry_in or error.retry_after)
                await asyncio.to_thread(
                    self.conversation.not_delivered, outbox_id, now, error.reason,
                    permanent=error.permanent, retry_after=error.retry_after,
                )
                continue
            except Exception as error:  # one bad message must not block those after it
                log.error("delivery of outbox %d broke: %s", outbox_id, where_it_failed(error))
                waiting.add(chat)
                await asyncio.to_thread(
                    self.conversation.not_delivered, outbox_id, now,
                    type(error).__name__, permanent=False,
                )
                continue
            await asyncio.to_thread(self.conversation.delivered, outbox_id, now)
            sent += 1
        return len(owed), sent, bool(waiting), retry_in


def _report_failure(task: asyncio.Task[int]) -> None:
    """A background run that broke (the database away, say) is logged; the next job retries."""
    error = None if task.cancelled() else task.exception()
    if error is not None:
        log.error("outbox delivery broke: %s", where_it_failed(error))


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
