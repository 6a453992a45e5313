"""The terminal chat: the whole bot on one machine, with no chat account anywhere.

Buttons are shown as numbered choices; typing the number presses it. Reminders appear
between prompts while the chat runs.

Where the user is in a dialogue lives in the database for every transport (DialogState and
ButtonPayload), so it survives a restart; what only the terminal knows is which number stands
for which button. That is kept in `buttons_file` (the buttons' random ids, never their labels),
so the numbers of the last card still work after a restart, as Telegram's buttons do.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import mimetypes
import os
import sys
import threading
from pathlib import Path
from typing import TextIO

from bot.conversation.events import Attachment, Incoming, IncomingFile, Reply
from bot.transports.base import IncomingHandler
from core.access import CONSOLE_TRANSPORT, CONSOLE_USER
from core.text import clean
from storage.files import private_folder, write_private_bytes

EXIT_WORDS = ("/exit", "/quit", "exit", "quit")
FILE_WORDS = ("/bestand", "/file")  # `/bestand PAD` sends that file, as an upload would
# Files (reports, pictures) go beside the default database, sqlite:///data/netwerk.db.
FILES_DIR = Path("data") / "reports"
CONSOLE_BUTTONS = "console-buttons.json"  # beside the database: the last card's numbers


class ConsoleTransport:
    name = CONSOLE_TRANSPORT

    def __init__(self, stdin: TextIO | None = None, stdout: TextIO | None = None,
                 files_dir: Path | None = None, buttons_file: Path | None = None) -> None:
        self._files_dir = files_dir or FILES_DIR
        self._in = stdin or sys.stdin
        self._out = stdout or sys.stdout
        self._buttons_file = buttons_file
        self._choices: dict[str, str] = self._load_choices()
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
        if self._choices:
            self._write(f"De knoppen van het laatste bericht werken nog: typ 1–{len(self._choices)}"
                        ".\n")
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
        # What is shown may quote stored names: an escape code in one must not drive the
        # terminal, so control characters and bidi overrides never reach it.
        lines.append(clean(reply.text))
        if not reply.buttons and self._answering:
            # A question without buttons: a typed "1" is an answer, not an old button.
            self._set_choices({})
        if reply.buttons:
            self._choices = {}
            number = 0
            for row in reply.buttons:
                labels = []
                for button in row:
                    number += 1
                    self._choices[str(number)] = button.payload
                    labels.append(f"[{number}] {clean(button.label, keep_lines=False)}")
                lines.append("   ".join(labels))
            self._save_choices()
        self._write("\n".join(lines) + "\n")
        if not self._answering:  # a reminder arrived between inputs: offer the prompt again
            self._prompt()

    def _set_choices(self, choices: dict[str, str]) -> None:
        if choices != self._choices:
            self._choices = choices
            self._save_choices()

    def _load_choices(self) -> dict[str, str]:
        """The last card's numbers from the previous run; none when unreadable."""
        if self._buttons_file is None:
            return {}
        try:
            loaded = json.loads(self._buttons_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        if not isinstance(loaded, dict):
            return {}
        return {str(key): value for key, value in loaded.items() if isinstance(value, str)}

    def _save_choices(self) -> None:
        """Write the numbers atomically (a crash mid-write leaves the previous file)."""
        if self._buttons_file is None:
            return
        self._buttons_file.parent.mkdir(parents=True, exist_ok=True)
        partial = self._buttons_file.with_name(self._buttons_file.name + ".tmp")
        with contextlib.suppress(FileNotFoundError):
            partial.unlink()
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(self._choices, out)
        partial.replace(self._buttons_file)

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
