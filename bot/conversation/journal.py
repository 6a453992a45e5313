"""`Incoming` as plain data for the update journal (core.journal), and back: what is
needed to handle an update after a crash (the column is sealed).

A file's bytes are never journalled (a journal row per 10 MB upload would bloat the table the
bot writes for every update): its name, type, size and the chat service's reference are. A
file replayed after a crash arrives without content, and the flow asks for it again.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from bot.conversation.events import Incoming, IncomingFile


def incoming_to_data(incoming: Incoming) -> dict[str, Any]:
    data = asdict(incoming)
    if incoming.file is not None:
        data["file"] = {**data["file"], "content": None}
    return data


def incoming_from_data(data: dict[str, Any]) -> Incoming:
    fields = Incoming.__dataclass_fields__
    values = {name: value for name, value in data.items() if name in fields}
    file = values.get("file")
    if isinstance(file, dict):
        known = IncomingFile.__dataclass_fields__
        values["file"] = IncomingFile(**{k: v for k, v in file.items()
                                         if k in known and k != "content"})
    return Incoming(**values)
