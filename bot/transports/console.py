"""The terminal chat: the whole bot on one machine, with no chat account anywhere.

Buttons are shown as numbered choices; typing the number presses it. Reminders appear
between prompts while the chat runs.
"""

from __future__ import annotations

import asyncio
import mimetypes
import sys
import threading
from pathlib import Path
from typing import TextIO

from bot.conversation.events import Attachment, Incoming, IncomingFile, Reply
from bot.transports.base import IncomingHandler
from core.access import CONSOLE_TRANSPORT, CONSOLE_USER
from storage.files import private_folder, write_private_bytes

EXIT_WORDS = ("/exit", "/quit", "exit", "quit")
FILE_WORDS = ("/bestand", "/file")  # `/bestand PAD` sends that file, as an upload would
# Files (reports, pictures) go beside the default database, sqlite:///data/netwerk.db.
FILES_DIR = Path("data") / "reports"


class ConsoleTransport:
    name = CONSOLE_TRANSPORT

    def __init__(self, stdin: TextIO | None = None, stdout: TextIO | None = None,
                 files_dir: Path | None = None) -> None:
        self._files_dir = files_dir or FILES_DIR
        self._in = stdin or sys.stdin
        self._out = stdout or sys.stdout
        self._choices: dict[str, str] = {}
        self._lines: asyncio.Queue[str | None] = asyncio.Queue()
        self._task: asyncio.Task[None] | None = None
        self.closed = asyncio.Event()
        self._answering = False

    async def start(self, on_incoming: IncomingHandler) -> None:
        loop = asyncio.get_running_loop()

        def read() -> None:
            # A daemon thread, so a blocked read never keeps the process alive at exit.
            for line in self._in:
                loop.call_soon_threadsafe(self._lines.put_nowait, line)
            loop.call_soon_threadsafe(self._lines.put_nowait, None)

        threading.Thread(target=read, name="console-input", daemon=True).start()
        self._write(
            "Netwerkregie — terminal chat. Typ een bericht, /help voor uitleg, "
            "een nummer om een knop te kiezen, /bestand PAD om een bestand te sturen, "
            "/exit om te stoppen.\n"
        )
        self._prompt()
        self._task = asyncio.create_task(self._loop(on_incoming))

    async def _loop(self, on_incoming: IncomingHandler) -> None:
        while True:
            line = await self._lines.get()
            if line is None or line.strip().lower() in EXIT_WORDS:
                self.closed.set()
                return
            text = line.strip()
            if not text:
                self._prompt()
                continue
            button = self._choices.get(text)
            head, _, path = text.partition(" ")
            file = None
            if head.lower() in FILE_WORDS:
                file = _read_file(path)
                if file is None:
                    self._write(f"Geen bestand gevonden op {path.strip() or '(geen pad)'}.\n")
                    self._prompt()
                    continue
            incoming = Incoming(
                transport=self.name,
                user_id=CONSOLE_USER,
                chat_id=CONSOLE_USER,
                text=None if button or file else text,
                button=button,
                update_id=None,
                file=file,
            )
            self._answering = True
            try:
                await on_incoming(incoming)
            finally:
                self._answering = False
            self._prompt()

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
        self.closed.set()

    async def send(self, chat_id: str, reply: Reply, *, txn_id: str | None = None) -> None:
        lines = [""]
        if reply.file is not None:
            lines.append(f"📎 {self._save(reply.file)}")
        lines.append(reply.text)
        if not reply.buttons and self._answering:
            # A question without buttons: a typed "1" is an answer, not an old button.
            self._choices = {}
        if reply.buttons:
            self._choices = {}
            number = 0
            for row in reply.buttons:
                labels = []
                for button in row:
                    number += 1
                    self._choices[str(number)] = button.payload
                    labels.append(f"[{number}] {button.label}")
                lines.append("   ".join(labels))
        self._write("\n".join(lines) + "\n")
        if not self._answering:  # a reminder arrived between inputs: offer the prompt again
            self._prompt()

    def _save(self, file: Attachment) -> Path:
        """Write a sent file to the reports folder; an earlier file of that name is kept."""
        private_folder(self._files_dir)
        name = Path(file.filename).name or "bestand"
        target = self._files_dir / name
        stem, suffix, number = target.stem, target.suffix, 1
        while target.exists():
            number += 1
            target = self._files_dir / f"{stem}-{number}{suffix}"
        write_private_bytes(target, file.content)  # a report names people: the owner's only
        return target

    def _prompt(self) -> None:
        self._write("> ")

    def _write(self, text: str) -> None:
        self._out.write(text)
        self._out.flush()


def _read_file(typed: str) -> IncomingFile | None:
    """The file at a typed path (quotes and escaped spaces from a dragged-in file allowed);
    one over the size limit is not read, like a chat service that does not fetch it."""
    path = Path(typed.strip().strip("'\"").replace("\\ ", " ")).expanduser()
    if not typed.strip() or not path.is_file():
        return None
    mime, _encoding = mimetypes.guess_type(path.name)
    file = IncomingFile(path.name, mime or "application/octet-stream", path.stat().st_size)
    if file.too_large:
        return file
    content = path.read_bytes()
    return IncomingFile(file.filename, file.mime, len(content), content=content)
