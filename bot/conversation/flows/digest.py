"""The morning digest and weekly overview as chat messages, and their buttons."""

from __future__ import annotations

from datetime import timedelta

from bot.conversation.context import Ctx
from bot.conversation.events import Button, Reply
from bot.conversation.flows import visit
from bot.conversation.flows.tension import EMOJI
from bot.conversation.routing import Feature
from core.digest import daily_digest, weekly_overview
from core.followups import FollowUpView
from core.permissions import Capability, can
from core.rhythm import Quiet, QuietContact, snooze_quiet
from core.tension import DEFAULT_REVIEW, proposals, tense_areas
from storage.models import Area, ButtonPayload, Contact

NAMES_PER_AREA = 3  # the overview stays readable; /contact and the digest have the rest
SHOWN = 10  # lines in one digest; the rest is counted, and /acties has them all
QUIET_SNOOZE = timedelta(days=7)


def render_daily(ctx: Ctx) -> Reply | None:
    """Today's digest for the context's user, or None when nothing needs attention."""
    digest = daily_digest(ctx.session, ctx.user, ctx.now, ctx.options.tightening)
    if digest.is_empty():
        return None
    lines = [ctx.t("digest_title", date=ctx.when(ctx.now, "day"))]
    rows: list[list[Button]] = []
    index = 0
    hidden = 0
    sections: list[tuple[str, list[FollowUpView] | list[QuietContact]]] = [
        ("digest_due_today", digest.due_today),
        ("digest_overdue", digest.overdue),
        ("digest_quiet", digest.quiet),
    ]
    for heading, items in sections:
        if not items:
            continue
        lines += ["", ctx.t(heading)]
        for item in items:
            if index >= SHOWN:
                hidden += 1
                continue
            index += 1
            if isinstance(item, FollowUpView):
                lines.append(_follow_up_line(ctx, index, item, heading == "digest_overdue"))
                rows.append([
                    ctx.button(ctx.t("button_digest_done", index=index), "follow_up.done",
                               follow_up=item.id),
                    ctx.button(ctx.t("button_digest_later", index=index), "follow_up.snooze",
                               follow_up=item.id, by="day"),
                ])
            else:
                lines.append(_quiet_line(ctx, index, item))
                rows.append([
                    ctx.button(ctx.t("button_digest_visit", index=index), "quiet.visit",
                               contact=item.contact_id),
                    ctx.button(ctx.t("button_digest_later", index=index), "quiet.later",
                               contact=item.contact_id),
                ])
    lines += _tension_lines(ctx, rows)
    if hidden:
        lines += ["", ctx.t("digest_more", count=hidden)]
    return Reply("\n".join(lines), tuple(tuple(r) for r in rows), protect=True)


def _tension_lines(ctx: Ctx, rows: list[list[Button]]) -> list[str]:
    """Areas whose tension tightens the contact rhythm, and areas proposed for a review."""
    lines: list[str] = []
    for area_id, (assessment, factor) in tense_areas(ctx.session).items():
        area = ctx.session.get(Area, area_id)
        lines.append(ctx.t("digest_tension_line", emoji=EMOJI[assessment.level],
                           area=area.name if area else "",
                           level=ctx.t(f"ten_level_{assessment.level}"),
                           times=round(1 / factor) if factor > 0 else 1))
    if can(ctx.user.role, Capability.SET_TENSION):
        for found in proposals(ctx.session, ctx.now.date()):
            key = "digest_tension_proposal" if found.since else "digest_tension_proposal_new"
            if found.new_signals < DEFAULT_REVIEW.threshold:  # one signal judged higher
                key = "digest_tension_proposal_above"
            lines.append(ctx.t(key, area=found.area, count=found.new_signals))
            rows.append([ctx.button(ctx.t("digest_button_tension", area=found.area),
                                    "tension.area", area=found.area_id)])
    return ["", ctx.t("digest_tension"), *sorted(lines)] if lines else []


def render_weekly(ctx: Ctx) -> Reply | None:
    overview = weekly_overview(ctx.session, ctx.user, ctx.now, ctx.options.tightening)
    if overview.is_empty():
        return None
    lines = [ctx.t("weekly_title", date=ctx.when(ctx.now, "day")), ""]
    if not overview.week_ahead:
        lines.append(ctx.t("weekly_nothing_ahead"))
    for item in overview.week_ahead:
        about = ctx.t("digest_about", name=item.contact_name) if item.contact_name else ""
        lines.append(ctx.t("weekly_line", when=ctx.when(item.due_at, item.grain),
                           title=item.title, about=about))
    if overview.silent_by_area:
        lines += ["", ctx.t("weekly_silent")]
        for area, quiet in overview.silent_by_area.items():
            names = ", ".join(
                ctx.t("weekly_name", name=q.name, when=ctx.when_date(q.last_contact_on))
                if q.last_contact_on else ctx.t("weekly_name_never", name=q.name)
                for q in quiet[:NAMES_PER_AREA]
            )
            if len(quiet) > NAMES_PER_AREA:
                names += ctx.t("weekly_more", count=len(quiet) - NAMES_PER_AREA)
            lines.append(ctx.t("weekly_area", area=area or ctx.t("weekly_no_area"),
                               names=names))
    return Reply("\n".join(lines), protect=True)


def on_visit(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    return visit.start_for_contact(ctx, int(payload.data["contact"]))


def on_later(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    if not ctx.claim(payload):
        return [ctx.reply("already_handled")]
    contact = ctx.session.get(Contact, int(payload.data["contact"]))
    if contact is None or contact.id is None:
        return [ctx.reply("stale_button")]
    snooze_quiet(ctx.session, contact.id, ctx.now.date() + QUIET_SNOOZE)
    return [ctx.reply("quiet_snoozed", name=contact.display_name)]


def _follow_up_line(ctx: Ctx, index: int, item: FollowUpView, overdue: bool) -> str:
    about = ctx.t("digest_about", name=item.contact_name) if item.contact_name else ""
    if overdue:
        return ctx.t("digest_follow_up_overdue", index=index, title=item.title, about=about,
                     when=ctx.when(item.due_at, "day"))
    return ctx.t("digest_follow_up", index=index, title=item.title, about=about)


def _quiet_line(ctx: Ctx, index: int, item: QuietContact) -> str:
    if item.last_contact_on is None:
        return ctx.t("digest_quiet_never", index=index, name=item.name)
    key = "digest_quiet_line_overdue" if item.state == Quiet.OVERDUE else "digest_quiet_line"
    line = ctx.t(key, index=index, name=item.name, when=ctx.when_date(item.last_contact_on))
    if item.tightened_in:
        line += ctx.t("digest_quiet_tightened", area=item.tightened_in)
    return line


FEATURE = Feature(
    buttons={
        "quiet.visit": (Capability.LOG_VISIT, on_visit),
        "quiet.later": (Capability.LOG_VISIT, on_later),
    },
)
