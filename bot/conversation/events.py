"""Transport-neutral events: what a user did (`Incoming`) and what the bot says (`Reply`)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from core.partners import MAX_FILE_BYTES as MAX_FILE_BYTES  # larger ones are not fetched
from core.text import clean


@dataclass(frozen=True)
class IncomingFile:
    """A file a user sent (a document, a photo); its caption is the `Incoming` text.

    `content` is None when the bytes are not at hand: the file is larger than
    `MAX_FILE_BYTES` (not fetched), fetching failed, or the update was replayed from the
    journal, which never keeps file bytes (core.journal). `ref` is the chat service's own id
    for the file.
    """

    filename: str
    mime: str
    size: int
    content: bytes | None = None
    ref: str | None = None

    @property
    def too_large(self) -> bool:
        return self.size > MAX_FILE_BYTES


@dataclass(frozen=True)
class Incoming:
    """One thing a user did in a chat: typed text or a command, pressed a button, or sent a
    file (with `text` as its caption)."""

    transport: str
    user_id: str
    chat_id: str
    text: str | None = None
    button: str | None = None  # the short payload id of a pressed button
    private: bool = True
    language: str | None = None  # the client's language, a hint for new users
    update_id: str | None = None
    file: IncomingFile | None = None

    def cleaned(self) -> Incoming:
        """The same event with its text (and a file's name) through core.text.clean: no
        control characters or bidi overrides, NFC. The conversation takes nothing else in."""
        text = clean(self.text) if self.text is not None else None
        file = self.file
        if file is not None:
            file = replace(file, filename=clean(file.filename, keep_lines=False))
        if text == self.text and file is self.file:
            return self
        return replace(self, text=text, file=file)


@dataclass(frozen=True)
class Button:
    label: str
    payload: str


@dataclass(frozen=True)
class Attachment:
    """A file sent with a reply (a report PDF, a coverage picture)."""

    filename: str
    content: bytes
    mime: str


@dataclass(frozen=True)
class Reply:
    """A message to show: text and rows of buttons (a transport without buttons numbers them)."""

    text: str
    buttons: tuple[tuple[Button, ...], ...] = field(default_factory=tuple)
    protect: bool = False  # sensitive content: ask the client not to allow forwarding
    file: Attachment | None = None  # sent before the text

    def prefixed(self, text: str) -> Reply:
        """The same reply with a line (an answer, a warning) put in front."""
        return replace(self, text=f"{text}\n\n{self.text}")

    def button_labels(self) -> list[str]:
        return [button.label for row in self.buttons for button in row]


@dataclass(frozen=True)
class Outgoing:
    """A reply addressed to a chat on a transport; what delivery hands to a transport."""

    transport: str
    chat_id: str
    reply: Reply
