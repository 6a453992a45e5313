"""Follow-ups in the chat: the list (/acties), reminders, Gedaan and snooze buttons."""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.conversation.context import Ctx
from bot.conversation.events import Reply
from bot.conversation.routing import Command, Feature
from core import followups
from core.followups import FollowUpView, Outcome
from core.permissions import Capability
from storage.models import ButtonPayload, FollowUp

SHOWN = 10
SNOOZES = {"day": timedelta(days=1), "week": timedelta(weeks=1)}


def list_open(ctx: Ctx, _args: str) -> list[Reply]:
    return [_page(ctx, 0)]


def on_page(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    """Meer / Vorige under /acties: the page number rides in the button, the list is read
    afresh (a follow-up done meanwhile is gone, and a page past the end shows the last)."""
    page = payload.data.get("page")
    return [_page(ctx, page if isinstance(page, int) else 0)]


def _page(ctx: Ctx, page: int) -> Reply:
    """One page of the open follow-ups, numbered through the whole list."""
    items = followups.open_for(ctx.session, ctx.user_id)
    if not items:
        return ctx.reply("no_follow_ups")
    pages = (len(items) + SHOWN - 1) // SHOWN
    page = min(max(page, 0), pages - 1)
    first = page * SHOWN
    lines = [ctx.t("follow_ups_title", count=len(items))]
    buttons = []
    for index, item in enumerate(items[first:first + SHOWN], start=first + 1):
        about = ctx.t("follow_up_line_about", name=item.contact_name) if item.contact_name else ""
        key = "follow_up_line_overdue" if item.due_at < ctx.now else "follow_up_line"
        lines.append(ctx.t(key, index=index, title=item.title, about=about,
                           when=ctx.when(item.due_at, item.grain)))
        buttons.append(ctx.button(ctx.t("button_done_numbered", index=index),
                                  "follow_up.done", follow_up=item.id))
    rows = [buttons[i : i + 3] for i in range(0, len(buttons), 3)]
    if pages > 1:
        lines.append(ctx.t("follow_ups_page", page=page + 1, pages=pages))
        turn = []
        if page > 0:
            turn.append(ctx.button(ctx.t("button_follow_ups_previous"), "follow_up.page",
                                   page=page - 1))
        if page < pages - 1:
            turn.append(ctx.button(ctx.t("button_follow_ups_next"), "follow_up.page",
                                   page=page + 1))
        rows.append(turn)
    return Reply("\n".join(lines), tuple(tuple(r) for r in rows), protect=True)


def reminder(ctx: Ctx, follow_up_id: int) -> Reply | None:
    """The reminder message for a due follow-up; None when it no longer needs one."""
    row = ctx.session.get(FollowUp, follow_up_id)
    if row is None or row.status != "open" or row.owner_user_id != ctx.user_id:
        return None
    item: FollowUpView = followups.view(ctx.session, row)
    about = ctx.t("reminder_about", name=item.contact_name) if item.contact_name else ""
    logged = ctx.when(item.logged_at, "day") if item.logged_at else "?"
    buttons = [[
        ctx.button(ctx.t("button_done"), "follow_up.done", follow_up=item.id),
        ctx.button(ctx.t("button_plus_day"), "follow_up.snooze", follow_up=item.id, by="day"),
        ctx.button(ctx.t("button_plus_week"), "follow_up.snooze", follow_up=item.id, by="week"),
    ]]
    text = ctx.t("reminder", title=item.title, about=about, logged=logged)
    return Reply(text, tuple(tuple(r) for r in buttons), protect=True)


def reminders(ctx: Ctx, at: datetime) -> Reply | None:
    """One message for many reminders due at once (written at `at`), with a Gedaan button
    for each shown; None when all of them were done meanwhile."""
    items = followups.reminded_together(ctx.session, ctx.user_id, at)
    if not items:
        return None
    lines = [ctx.t("reminders_batch_title", count=len(items))]
    buttons = []
    for index, item in enumerate(items[:SHOWN], start=1):
        about = ctx.t("follow_up_line_about", name=item.contact_name) if item.contact_name else ""
        lines.append(ctx.t("follow_up_line", index=index, title=item.title, about=about,
                           when=ctx.when(item.due_at, item.grain)))
        buttons.append(ctx.button(ctx.t("button_done_numbered", index=index),
                                  "follow_up.done", follow_up=item.id))
    if len(items) > SHOWN:
        lines.append(ctx.t("more_follow_ups", count=len(items) - SHOWN))
    rows = [buttons[i : i + 3] for i in range(0, len(buttons), 3)]
    return Reply("\n".join(lines), tuple(tuple(r) for r in rows), protect=True)


def on_done(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    if not ctx.claim(payload):
        return [ctx.reply("already_handled")]
    follow_up_id = int(payload.data["follow_up"])
    outcome = followups.mark_done(ctx.session, follow_up_id, ctx.user_id, ctx.now)
    if outcome is Outcome.NOT_FOUND:
        return [ctx.reply("follow_up_gone")]
    if outcome is Outcome.ALREADY_DONE:
        return [ctx.reply("already_done")]
    row = ctx.session.get(FollowUp, follow_up_id)
    return [ctx.reply("done", title=row.title if row else "")]


def on_snooze(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    if not ctx.claim(payload):
        return [ctx.reply("already_handled")]
    delta = SNOOZES.get(str(payload.data.get("by")), SNOOZES["day"])
    outcome, moved = followups.snooze(
        ctx.session, int(payload.data["follow_up"]), ctx.user_id, delta, ctx.now
    )
    if outcome is Outcome.NOT_FOUND:
        return [ctx.reply("follow_up_gone")]
    if outcome is Outcome.ALREADY_DONE or moved is None:
        return [ctx.reply("already_done")]
    row = ctx.session.get(FollowUp, int(payload.data["follow_up"]))
    return [ctx.reply("snoozed", when=ctx.when(moved, row.due_grain if row else "day"))]


FEATURE = Feature(
    commands=(
        Command(("acties", "followups"), Capability.MANAGE_OWN_FOLLOW_UPS, list_open,
                "cmd_acties"),
    ),
    buttons={
        "follow_up.done": (Capability.MANAGE_OWN_FOLLOW_UPS, on_done),
        "follow_up.snooze": (Capability.MANAGE_OWN_FOLLOW_UPS, on_snooze),
        "follow_up.page": (Capability.MANAGE_OWN_FOLLOW_UPS, on_page),
    },
)
