"""An in-memory transport: the twin of a chat service for tests and scripted sessions."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field, replace

from bot.conversation.events import Attachment, Incoming, IncomingFile, Reply
from bot.transports.base import IncomingHandler, SendError


@dataclass
class Sent:
    chat_id: str
    reply: Reply

    @property
    def file(self) -> Attachment | None:
        """The file sent with the reply, if any."""
        return self.reply.file


@dataclass
class MemoryTransport:
    """Push what a user does, pop what the bot said; `fail_next` makes sends fail."""

    name: str = "memory"
    sent: list[Sent] = field(default_factory=list)
    _handler: IncomingHandler | None = None
    _failures: list[SendError] = field(default_factory=list)
    _read: dict[str, int] = field(default_factory=dict)

    async def start(self, on_incoming: IncomingHandler) -> None:
        self._handler = on_incoming

    async def stop(self) -> None:
        self._handler = None

    async def send(self, chat_id: str, reply: Reply, *, txn_id: str | None = None) -> None:
        if self._failures:
            raise self._failures.pop(0)
        self.sent.append(Sent(chat_id, reply))

    def fail_next(self, error: SendError) -> None:
        self._failures.append(error)

    async def say(self, text: str, *, user: str = "u1", chat: str | None = None,
                  private: bool = True, language: str | None = "nl") -> None:
        await self._push(Incoming(self.name, user, chat or user, text=text, private=private,
                                  language=language, update_id=uuid.uuid4().hex))

    async def send_file(self, filename: str, content: bytes, mime: str, *,
                        caption: str | None = None, user: str = "u1",
                        chat: str | None = None) -> None:
        """Send a file, like a chat service: one over the size limit arrives unfetched."""
        file = IncomingFile(filename, mime, len(content), ref=uuid.uuid4().hex)
        if not file.too_large:
            file = replace(file, content=content)
        await self._push(Incoming(self.name, user, chat or user, text=caption, file=file,
                                  update_id=uuid.uuid4().hex))

    async def press(self, label: str, *, user: str = "u1", chat: str | None = None) -> None:
        """Press the most recent button with this label in the user's chat."""
        chat_id = chat or user
        for item in reversed(self.sent):
            if item.chat_id != chat_id:
                continue
            for row in item.reply.buttons:
                for button in row:
                    if button.label == label:
                        await self.press_payload(button.payload, user=user, chat=chat_id)
                        return
        raise LookupError(f"no button {label!r} was sent to chat {chat_id}")

    async def press_payload(self, payload: str, *, user: str = "u1",
                            chat: str | None = None) -> None:
        await self._push(Incoming(self.name, user, chat or user, button=payload,
                                  update_id=uuid.uuid4().hex))

    def pop(self, chat: str = "u1") -> list[Reply]:
        """Everything sent to `chat` since the last pop (the history stays for `press`)."""
        mine = [s.reply for s in self.sent if s.chat_id == chat]
        seen = self._read.get(chat, 0)
        self._read[chat] = len(mine)
        return mine[seen:]

    async def _push(self, incoming: Incoming) -> None:
        if self._handler is None:
            raise RuntimeError("the transport was not started")
        await self._handler(incoming)
