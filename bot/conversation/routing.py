"""How features plug into the conversation: each flow module declares its own commands,
buttons and free-text handler in a `Feature`; the dispatcher joins them into one table."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from bot.conversation.context import Ctx
from bot.conversation.events import Reply
from core.permissions import Capability
from storage.models import ButtonPayload

CommandHandler = Callable[[Ctx, str], list[Reply]]
ButtonHandler = Callable[[Ctx, ButtonPayload], list[Reply]]
TextHandler = Callable[[Ctx, str, dict[str, Any], str], list[Reply]]


@dataclass(frozen=True)
class Command:
    names: tuple[str, ...]  # the Dutch name, the English name, then other aliases
    capability: Capability
    handler: CommandHandler
    description: str | None = None  # catalogue key; listed in the chat app's command menu


@dataclass(frozen=True)
class Feature:
    """What one flow module adds: commands, button actions, and a handler for typed text
    while the user is inside that flow (keyed by the flow name in the dialogue state)."""

    commands: tuple[Command, ...] = ()
    buttons: dict[str, tuple[Capability, ButtonHandler]] = field(default_factory=dict)
    text_flows: dict[str, TextHandler] = field(default_factory=dict)
