"""The one guard (core.reading.redact) as the chat reports it: one line on what was not kept."""

from __future__ import annotations

from collections.abc import Iterable

from bot.conversation.context import Ctx
from bot.conversation.events import Reply
from core.reading.redact import Redacted, redact
from core.visits import known, places


def guarded(ctx: Ctx, text: str, keep: Iterable[str] = (), *,
            replace_names: bool = True) -> Redacted:
    """`text` as it may be stored; the same guard as every other way into the register. The
    register's organisations and areas are places, not people."""
    return redact(text, keep=keep, places=places(known(ctx.session)),
                  replace_names=replace_names)


def note(ctx: Ctx, result: Redacted) -> str | None:
    """One line: how many sentences and names were not kept, and the sentences themselves.

    The struck sentences already have every minor's name replaced, so none is echoed back;
    replaced names are only counted.
    """
    if not result.changed:
        return None
    parts: list[str] = []
    if result.struck:
        sentences = " ".join(f"“{s}”" for s in result.struck)
        key = "guard_sentence" if len(result.struck) == 1 else "guard_sentences"
        parts.append(ctx.t(key, count=len(result.struck), sentences=sentences))
    if result.replaced:
        key = "guard_name" if len(result.replaced) == 1 else "guard_names"
        parts.append(ctx.t(key, count=len(result.replaced)))
    return ctx.t("guard_note", what=ctx.t("guard_and").join(parts))


def noted(ctx: Ctx, result: Redacted, replies: list[Reply]) -> list[Reply]:
    """`replies` with the guard's line in front of the first, when anything was not kept."""
    line = note(ctx, result)
    if line is None or not replies:
        return replies
    return [replies[0].prefixed(line), *replies[1:]]
