"""`/uren`: the user's own logged hours per week against the budget (core.hours).

The memo's concern is that the role fits next to another job; this shows, week by week, what
the logged contacts took, marks the weeks over budget, and says plainly how many contacts have
no duration (and so are not counted).
"""

from __future__ import annotations

from datetime import date

from bot.conversation.context import Ctx
from bot.conversation.events import Reply
from bot.conversation.routing import Command, Feature
from core import hours as core
from core.permissions import Capability

MAX_WEEKS = 52


def show(ctx: Ctx, args: str) -> list[Reply]:
    """`/uren [weken]`: the last 8 (or the given number of) weeks."""
    weeks = core.DEFAULT_WEEKS
    if args.strip():
        if not args.strip().isdigit() or not 1 <= int(args.strip()) <= MAX_WEEKS:
            return [ctx.reply("hours_usage")]
        weeks = int(args.strip())
    overview = core.hours_per_week(ctx.session, ctx.user_id, ctx.now.astimezone(ctx.tz),
                                   weeks=weeks, budget_hours=ctx.options.hours_budget)
    return [ctx.reply_text(render(ctx, overview))]


def render(ctx: Ctx, overview: core.HoursOverview) -> str:
    weeks = len(overview.weeks)
    if not any(week.contacts for week in overview.weeks):
        return ctx.t("hours_nothing", weeks=weeks)
    lines = [ctx.t("hours_title", weeks=weeks,
                   budget=_hours(ctx, overview.budget_minutes)), ""]
    for index, week in enumerate(overview.weeks):
        key = "hours_week_current" if index == weeks - 1 else "hours_week"
        line = ctx.t(key, number=week.number, days=_days(ctx, week.monday, week.sunday),
                     hours=_hours(ctx, week.minutes))
        if overview.over_budget(week):
            line += ctx.t("hours_over",
                          over=_hours(ctx, week.minutes - overview.budget_minutes))
        lines.append(line)
    lines += ["", ctx.t("hours_summary", average=_hours(ctx, overview.average_minutes))]
    over = overview.weeks_over
    lines.append(ctx.t("hours_weeks_over_none") if over == 0 else
                 ctx.t("hours_weeks_over_one") if over == 1 else
                 ctx.t("hours_weeks_over", count=over))
    missing = overview.without_duration
    if missing == 1:
        lines.append(ctx.t("hours_without_one"))
    elif missing > 1:
        lines.append(ctx.t("hours_without", count=missing))
    return "\n".join(lines)


def _hours(ctx: Ctx, minutes: int) -> str:
    return core.format_duration(minutes, ctx.lang)


def _days(ctx: Ctx, first: date, last: date) -> str:
    """"23–29 nov", or "30 nov–6 dec" across a month."""
    months = ctx.t("hours_months").split()
    if first.month == last.month:
        return f"{first.day}–{last.day} {months[last.month - 1]}"
    return f"{first.day} {months[first.month - 1]}–{last.day} {months[last.month - 1]}"


FEATURE = Feature(
    commands=(Command(("uren", "hours"), Capability.VIEW_OWN_HOURS, show, "cmd_uren"),),
)
