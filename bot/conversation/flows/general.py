"""Commands every role has: help, language, cancel, and /start for someone already known."""

from __future__ import annotations

import re

from bot.conversation import texts
from bot.conversation.context import Ctx
from bot.conversation.events import Reply
from bot.conversation.routing import Command, Feature
from core.access import set_language
from core.permissions import Capability
from storage.models import Role


def help_text(ctx: Ctx, _args: str) -> list[Reply]:
    """The overview, without the lines about commands this user's role cannot use."""
    from bot.conversation.dispatcher import may_use  # the command table imports this module

    if ctx.user.role == Role.PARTNER:
        return [ctx.reply("help_partner")]
    lines = [line for line in ctx.t("help").split("\n")
             if (command := _LEADING_COMMAND.match(line)) is None
             or may_use(ctx.user.role, command.group(1))]
    return [ctx.reply_text("\n".join(lines))]


_LEADING_COMMAND = re.compile(r"• /([\w-]+)")


def language(ctx: Ctx, args: str) -> list[Reply]:
    choice = args.strip().lower()[:2]
    if choice not in texts.LANGUAGES:
        return [ctx.reply("language_usage")]
    set_language(ctx.session, ctx.user, choice)
    return [ctx.reply("language_set")]


def cancel(ctx: Ctx, _args: str) -> list[Reply]:
    return [ctx.reply("cancelled" if ctx.clear_state() else "nothing_to_cancel")]


def start_known(ctx: Ctx, _args: str) -> list[Reply]:
    return [ctx.reply("already_registered")]


def welcome(ctx: Ctx) -> Reply:
    if ctx.user.role == Role.PARTNER:
        return ctx.reply("welcome_partner")
    return ctx.reply("welcome", role=ctx.t(f"role_{ctx.user.role}"))


FEATURE = Feature(
    commands=(
        Command(("help", "help", "hulp"), Capability.USE_BOT, help_text, "cmd_help"),
        Command(("annuleer", "cancel", "stop"), Capability.USE_BOT, cancel, "cmd_annuleer"),
        Command(("taal", "language"), Capability.USE_BOT, language, "cmd_taal"),
        Command(("start",), Capability.USE_BOT, start_known),
    ),
)
