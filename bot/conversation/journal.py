"""`Incoming` as plain data for the update journal (core.journal), and back: what is
needed to handle an update after a crash (the column is sealed)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from bot.conversation.events import Incoming


def incoming_to_data(incoming: Incoming) -> dict[str, Any]:
    return asdict(incoming)


def incoming_from_data(data: dict[str, Any]) -> Incoming:
    fields = Incoming.__dataclass_fields__
    return Incoming(**{name: value for name, value in data.items() if name in fields})
