"""The transport interface: a chat service seen as start, stop and send."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Protocol

from bot.conversation.events import Incoming, Reply

IncomingHandler = Callable[[Incoming], Awaitable[None]]


class SendError(Exception):
    """A send that did not arrive; says whether and when to try again."""

    def __init__(self, reason: str, *, permanent: bool = False,
                 retry_after: float | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.permanent = permanent
        self.retry_after = retry_after


class TransportStartError(RuntimeError):
    """A chat service could not be started (bad credentials, unreachable); says why."""


class Transport(Protocol):
    """A chat service. Adapters stay thin: map native updates to `Incoming`, `Reply` to sends."""

    name: str

    async def start(self, on_incoming: IncomingHandler) -> None:
        """Begin receiving; returns once receiving runs in the background."""

    async def stop(self) -> None: ...

    async def send(self, chat_id: str, reply: Reply, *, txn_id: str | None = None) -> None:
        """Send one reply; raises `SendError` when it did not arrive.

        `txn_id` names the message for services that deduplicate retried sends (Matrix); the
        outbox passes its row id, so a retry after a timeout never shows a message twice.
        """
