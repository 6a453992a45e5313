"""The trend report (/rapport maand|kwartaal|jaar) and the coverage view (/witte-vlekken).

Both are for the coordinator and admins only (Capability.VIEW_REPORTS). The report is made
when it is sent (core.report_schedule): the chat first says it is being made, then the PDF
arrives with a one-paragraph summary, a button for the same report as a web page (HTML, for
reading on a phone) and one to receive it automatically every period. `/rapport abonneer`
shows and changes who receives it automatically. The coverage view is a picture with a short
text table. Neither contains names; the files are sent protected (no forwarding where the
app allows it).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.conversation.context import Ctx
from bot.conversation.events import Attachment, Button, Reply
from bot.conversation.routing import Command, Feature
from core import coverage as cov
from core import report_schedule as schedule
from core import reports as core
from core.access import audit
from core.permissions import Capability
from core.reports_html import render_html
from storage.models import ButtonPayload, ReportRequest, User

# What users type after /rapport, in Dutch or English.
PERIOD_WORDS: dict[str, core.Period] = {
    "maand": "maand", "month": "maand", "maandelijks": "maand", "monthly": "maand",
    "kwartaal": "kwartaal", "quarter": "kwartaal", "q": "kwartaal", "quarterly": "kwartaal",
    "jaar": "jaar", "year": "jaar", "annual": "jaar", "jaarlijks": "jaar",
}
SUBSCRIPTION_WORDS = ("abonneer", "abonnement", "abonnementen", "automatisch", "subscribe",
                      "subscriptions", "schedule")


@dataclass(frozen=True)
class ReportComing(Reply):
    """The "being made" answer. The file is owed in the outbox; seeing this reply, the app
    runs delivery right after sending it, so the file follows at once and not at the next
    sweep (and is made in delivery's thread)."""


def _local_now(ctx: Ctx) -> datetime:
    return ctx.now.astimezone(ctx.tz)


def report(ctx: Ctx, args: str) -> list[Reply]:
    """`/rapport [maand|kwartaal|jaar|abonneer]`: the report, or who gets it automatically;
    without a word, buttons."""
    word = args.strip().lower()
    if word in SUBSCRIPTION_WORDS:
        return [_overview(ctx)]
    period = PERIOD_WORDS.get(word)
    if period is None:
        buttons = [ctx.button(ctx.t(f"rep_button_{p}"), "report.period", period=p)
                   for p in core.PERIODS]
        return [ctx.reply("rep_choose_period", [buttons, [ctx.button(
            ctx.t("rep_button_subscriptions"), "report.subscriptions")]])]
    return [_ask_report(ctx, period)]


def on_period(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    period = PERIOD_WORDS.get(str(payload.data.get("period")))
    if period is None or not ctx.claim(payload):
        return [ctx.reply("stale_button")]
    return [_ask_report(ctx, period)]


def _ask_report(ctx: Ctx, period: core.Period) -> Reply:
    """Owe the PDF (made and sent right after this answer, by delivery) and say so."""
    schedule.request_report(ctx.session, ctx.user_id, period, "pdf", ctx.now, ctx.now)
    return ReportComing(ctx.t("rep_making", what=ctx.t(f"rep_what_{period}")))


def on_html(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    """The same report as a web page: the same period, as of the same moment."""
    period = PERIOD_WORDS.get(str(payload.data.get("period")))
    made_for = payload.data.get("at")
    if period is None or not isinstance(made_for, str) or not ctx.claim(payload):
        return [ctx.reply("stale_button")]
    schedule.request_report(ctx.session, ctx.user_id, period, "html",
                            datetime.fromisoformat(made_for), ctx.now)
    return [ReportComing(ctx.t("rep_making_html"))]


def render_request(ctx: Ctx, request_id: int) -> Reply | None:
    """Make an owed report file now (delivery calls this in its thread); None when it is no
    longer for this user: their role changed, or the subscription was stopped."""
    request = ctx.session.get(ReportRequest, request_id)
    if (request is None or request.user_id != ctx.user_id
            or not schedule.deliverable(ctx.session, request)):
        return None
    period = PERIOD_WORDS.get(request.period)
    if period is None:
        return None
    data = core.trend_report(ctx.session, period, request.made_for.astimezone(ctx.tz))
    audit(ctx.session, ctx.now, "report.made", ctx.user_id, f"report:{period}",
          format=request.format, scheduled=request.subscription_id is not None)
    values = {"title": core.title(data, ctx.lang), "period": core.period_text(data, ctx.lang)}
    start = data.start.strftime("%Y-%m")
    if request.format == "html":
        page = render_html(data, ctx.lang)
        name = ctx.t("rep_html_file_name", period=period, start=start)
        return Reply(ctx.t("rep_html_sent", **values), protect=True,
                     file=Attachment(name, page, "text/html"))
    pdf = core.render_pdf(data, ctx.lang)
    text = ctx.t("rep_sent", summary=core.summary(data, ctx.lang), **values)
    rows: list[list[Button]] = [[ctx.button(ctx.t("rep_button_html"), "report.html",
                                            period=period,
                                            at=request.made_for.isoformat())]]
    running = schedule.subscribed(ctx.session, ctx.user_id, period)
    if request.subscription_id is not None and running is not None:
        text += "\n\n" + ctx.t("rep_scheduled_note", every=ctx.t(f"rep_every_{period}"))
        rows.append([ctx.button(ctx.t("rep_button_unsubscribe"), "report.unsubscribe",
                                subscription=running.id)])
    elif running is None:
        rows.append([ctx.button(ctx.t("rep_button_subscribe",
                                      every=ctx.t(f"rep_every_{period}")),
                                "report.subscribe", user=ctx.user_id, period=period)])
    name = ctx.t("rep_file_name", period=period, start=start)
    return Reply(text, tuple(tuple(r) for r in rows), protect=True,
                 file=Attachment(name, pdf, "application/pdf"))


# --- who receives the report automatically -----------------------------------------------------


def _who(ctx: Ctx, user: User | None, user_id: int) -> str:
    if user_id == ctx.user_id:
        return ctx.t("rep_you")
    role = ctx.t(f"role_{user.role}") if user is not None else "?"
    return ctx.t("rep_user", number=user_id, role=role)


def _overview(ctx: Ctx) -> Reply:
    rows = schedule.subscriptions(ctx.session)
    lines = [ctx.t("rep_subs_title")]
    buttons: list[list[Button]] = []
    for row in rows:
        who = _who(ctx, ctx.session.get(User, row.user_id), row.user_id)
        every = ctx.t(f"rep_every_{row.period}")
        lines.append(ctx.t("rep_subs_line", who=who, every=every))
        buttons.append([ctx.button(ctx.t("rep_button_stop", who=who, every=every),
                                   "report.unsubscribe", subscription=row.id)])
    if not rows:
        lines.append(ctx.t("rep_subs_none"))
    mine = {row.period for row in rows if row.user_id == ctx.user_id}
    if "kwartaal" not in mine:
        buttons.append([ctx.button(ctx.t("rep_button_subscribe", every=ctx.t(
            "rep_every_kwartaal")), "report.subscribe", user=ctx.user_id, period="kwartaal")])
    buttons.append([ctx.button(ctx.t("rep_button_someone"), "report.pick_user")])
    return ctx.reply_text("\n".join(lines), buttons)


def on_subscriptions(ctx: Ctx, _payload: ButtonPayload) -> list[Reply]:
    return [_overview(ctx)]


def on_pick_user(ctx: Ctx, _payload: ButtonPayload) -> list[Reply]:
    """Everyone whose role may see reports, to choose who receives them."""
    buttons = [[ctx.button(_who(ctx, user, user.id or 0), "report.pick_period", user=user.id)]
               for user in schedule.receivers(ctx.session)]
    buttons.append([ctx.button(ctx.t("rep_button_back"), "report.subscriptions")])
    return [ctx.reply("rep_pick_user", buttons)]


def on_pick_period(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    user = _user(ctx, payload)
    if user is None:
        return [ctx.reply("stale_button")]
    assert user.id is not None
    buttons = [ctx.button(ctx.t(f"rep_button_{p}"), "report.subscribe", user=user.id, period=p)
               for p in core.PERIODS]
    return [ctx.reply("rep_pick_period", [buttons], who=_who(ctx, user, user.id))]


def on_subscribe(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    user = _user(ctx, payload)
    period = PERIOD_WORDS.get(str(payload.data.get("period")))
    if user is None or period is None:
        return [ctx.reply("stale_button")]
    assert user.id is not None
    outcome = schedule.subscribe(ctx.session, user, period, ctx.user, ctx.now)
    who = _who(ctx, user, user.id)
    every = ctx.t(f"rep_every_{period}")
    if outcome is not schedule.Outcome.SUBSCRIBED:
        return [ctx.reply(f"rep_subscribe_{outcome}", who=who, every=every)]
    first = schedule.next_delivery(period, _local_now(ctx))
    row = schedule.subscribed(ctx.session, user.id, period)
    assert row is not None
    stop = ctx.button(ctx.t("rep_button_unsubscribe"), "report.unsubscribe",
                      subscription=row.id)
    return [ctx.reply("rep_subscribed", [[stop]], who=who, every=every,
                      first=ctx.when(first, "minute"))]


def on_unsubscribe(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    subscription = payload.data.get("subscription")
    row = (schedule.unsubscribe(ctx.session, subscription, ctx.user, ctx.now)
           if isinstance(subscription, int) else None)
    if row is None:
        return [ctx.reply("rep_unsubscribe_gone")]
    return [ctx.reply("rep_unsubscribed", who=_who(ctx, ctx.session.get(User, row.user_id),
                                                    row.user_id),
                      every=ctx.t(f"rep_every_{row.period}"))]


def _user(ctx: Ctx, payload: ButtonPayload) -> User | None:
    user_id = payload.data.get("user")
    return ctx.session.get(User, user_id) if isinstance(user_id, int) else None


def coverage(ctx: Ctx, args: str) -> list[Reply]:
    """`/witte-vlekken`: the picture of every area × organisation type, and a text table."""
    now = _local_now(ctx)
    data = cov.coverage(ctx.session, now)
    png = cov.render_png(data, ctx.lang)
    audit(ctx.session, ctx.now, "coverage.made", ctx.user_id, "coverage")
    name = ctx.t("cov_file_name", date=now.date().isoformat())
    return [Reply(coverage_text(ctx, data), protect=True,
                  file=Attachment(name, png, "image/png"))]


def coverage_text(ctx: Ctx, data: cov.Coverage) -> str:
    lines = [ctx.t("cov_title", date=core.long_date(data.made_on, ctx.lang)),
             ctx.t("cov_legend"), "", ctx.t("cov_areas")]
    for area in data.areas:
        total = data.area_total(area)
        thin = sum(1 for t in data.types if data.cell(area, t).thin)
        last = core.long_date(total.last, ctx.lang) if total.last else ctx.t("cov_never")
        warn = " ⚠" if total.thin else ""
        lines.append(ctx.t("cov_area_line", area=area + warn, formal=total.formal,
                           informal=total.informal, last=last, thin=thin,
                           types=len(data.types)))
    lines += ["", ctx.t("cov_religious")]
    for code in cov.RELIGIOUS:
        cells, empty = [], 0
        for area in data.areas:
            cell = data.cell(area, code)
            if cell.total == 0:
                empty += 1
                continue
            warn = " ⚠" if cell.thin else ""
            cells.append(f"{area} F{cell.formal}·I{cell.informal}{warn}")
        if empty and cells:
            cells.append(ctx.t("cov_religious_empty", count=empty))
        text = "; ".join(cells) if cells else ctx.t("cov_religious_none") + " ⚠"
        lines.append(ctx.t("cov_religious_line", type=cov.type_label(code, ctx.lang), cells=text))
    lines += ["", ctx.t("cov_picture")]
    return "\n".join(lines)


FEATURE = Feature(
    commands=(
        Command(("rapport", "report", "rapportage"), Capability.VIEW_REPORTS, report,
                "cmd_rapport"),
        Command(("witte_vlekken", "coverage", "wittevlekken"), Capability.VIEW_REPORTS,
                coverage, "cmd_witte_vlekken"),
    ),
    buttons={
        "report.period": (Capability.VIEW_REPORTS, on_period),
        "report.html": (Capability.VIEW_REPORTS, on_html),
        "report.subscriptions": (Capability.VIEW_REPORTS, on_subscriptions),
        "report.pick_user": (Capability.VIEW_REPORTS, on_pick_user),
        "report.pick_period": (Capability.VIEW_REPORTS, on_pick_period),
        "report.subscribe": (Capability.VIEW_REPORTS, on_subscribe),
        "report.unsubscribe": (Capability.VIEW_REPORTS, on_unsubscribe),
    },
)
