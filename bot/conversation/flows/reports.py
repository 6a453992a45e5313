"""The trend report (/rapport maand|kwartaal|jaar) and the coverage view (/witte-vlekken).

Both are for the coordinator and admins only (Capability.VIEW_REPORTS). The report is sent as
a PDF with a one-paragraph summary; the coverage view as a picture with a short text table.
Neither contains names; the files are sent protected (no forwarding where the app allows it).
"""

from __future__ import annotations

from datetime import datetime

from bot.conversation.context import Ctx
from bot.conversation.events import Attachment, Reply
from bot.conversation.routing import Command, Feature
from core import coverage as cov
from core import reports as core
from core.access import audit
from core.permissions import Capability
from storage.models import ButtonPayload

# What users type after /rapport, in Dutch or English.
PERIOD_WORDS: dict[str, core.Period] = {
    "maand": "maand", "month": "maand", "maandelijks": "maand", "monthly": "maand",
    "kwartaal": "kwartaal", "quarter": "kwartaal", "q": "kwartaal", "quarterly": "kwartaal",
    "jaar": "jaar", "year": "jaar", "annual": "jaar", "jaarlijks": "jaar",
}


def _local_now(ctx: Ctx) -> datetime:
    return ctx.now.astimezone(ctx.tz)


def report(ctx: Ctx, args: str) -> list[Reply]:
    """`/rapport [maand|kwartaal|jaar]`: the PDF and its summary; without a period, buttons."""
    period = PERIOD_WORDS.get(args.strip().lower())
    if period is None:
        buttons = [ctx.button(ctx.t(f"rep_button_{p}"), "report.period", period=p)
                   for p in core.PERIODS]
        return [ctx.reply("rep_choose_period", [buttons])]
    return [_send_report(ctx, period)]


def on_period(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    period = PERIOD_WORDS.get(str(payload.data.get("period")))
    if period is None or not ctx.claim(payload):
        return [ctx.reply("stale_button")]
    return [_send_report(ctx, period)]


def _send_report(ctx: Ctx, period: core.Period) -> Reply:
    data = core.trend_report(ctx.session, period, _local_now(ctx))
    pdf = core.render_pdf(data, ctx.lang)
    audit(ctx.session, ctx.now, "report.made", ctx.user_id, f"report:{period}")
    text = ctx.t("rep_sent", title=core.title(data, ctx.lang),
                 period=core.period_text(data, ctx.lang),
                 summary=core.summary(data, ctx.lang))
    name = ctx.t("rep_file_name", period=period, start=data.start.strftime("%Y-%m"))
    return Reply(text, protect=True, file=Attachment(name, pdf, "application/pdf"))


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
    buttons={"report.period": (Capability.VIEW_REPORTS, on_period)},
)
