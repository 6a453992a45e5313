"""`/status` for admins (and `python -m bot status`), and the notice that something owed
could not be delivered.

The database knows the last sweep, the outbox and whether some process polls; only the
running process knows its own connections. That part reaches the handler through `PROCESS`,
a context variable the App sets before handing an update to the conversation (the handling
thread gets a copy), so several Apps in one process each report their own.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime
from importlib.metadata import PackageNotFoundError, version
from zoneinfo import ZoneInfo

from bot.conversation import texts
from bot.conversation.context import Ctx
from bot.conversation.events import Reply
from bot.conversation.routing import Command, Feature
from core.digest import DAILY, WEEKLY
from core.followups import REMINDER
from core.outbox import MAX_ATTEMPTS
from core.permissions import Capability
from core.status import StoreStatus, store_status
from storage.models import FollowUp, FollowUpStatus, Outbox, User

DISTRIBUTION = "netwerkregie-bot"
BACKENDS = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}


@dataclass(frozen=True)
class ProcessFacts:
    transports: tuple[str, ...]  # started in this process
    polling: bool | None  # this process long-polls; None when no transport polls


PROCESS: ContextVar[ProcessFacts | None] = ContextVar("process_facts", default=None)


def bot_version() -> str:
    try:
        return version(DISTRIBUTION)
    except PackageNotFoundError:  # running from a checkout that was never installed
        return "?"


def status_lines(
    language: str, tz: ZoneInfo, now: datetime, store: StoreStatus, *,
    facts: ProcessFacts | None = None, configured: Sequence[str] = (),
    stale_after: float | None = None,
) -> list[str]:
    """The status report, one fact a line. In the chat the running process adds its own
    facts; from the command line only what is configured is known."""

    def t(key: str, **values: object) -> str:
        return texts.text(language, key, **values)

    def yes_no(value: bool) -> str:
        return t("status_yes" if value else "status_no")

    lines = [t("status_title"), t("status_version", version=bot_version()),
             t("status_database", backend=BACKENDS.get(store.backend, store.backend))]
    if facts is not None:
        lines.append(t("status_connected",
                       transports=", ".join(facts.transports) or t("status_none")))
        if facts.polling is not None:
            lines.append(t("status_polling_here", answer=yes_no(facts.polling)))
    else:
        lines.append(t("status_configured", transports=", ".join(configured) or t("status_none")))
    if store.poller_elected is not None:
        lines.append(t("status_poller_elected", answer=yes_no(store.poller_elected)))
    if store.last_sweep is None:
        lines.append(t("status_no_sweep"))
    else:
        age = (now - store.last_sweep).total_seconds()
        ago = _duration(language, age)
        lines.append(t("status_last_sweep", ago=ago,
                       when=store.last_sweep.astimezone(tz).strftime("%d-%m-%Y %H:%M:%S")))
        if stale_after is not None and age > stale_after:
            lines.append(t("status_sweep_stale", ago=ago))
    for job in store.failing:
        since = job.failing_since.astimezone(tz).strftime("%d-%m-%Y %H:%M") \
            if job.failing_since is not None else "?"
        name = f"job_{job.job}"
        lines.append(t("status_job_failing", job=t(name) if name in texts.NL else job.job,
                       count=job.failures_in_row, since=since, error=job.error or "?"))
    if not store.failing:
        lines.append(t("status_jobs_ok"))
    lines.append(t("status_outbox", unsent=store.unsent, retrying=store.retrying))
    lines.append(t("status_failed", recent=store.failed_recently, total=store.failed))
    lines.append(t("status_refused", recent=store.refused_recently))
    return lines


def _duration(language: str, seconds: float) -> str:
    seconds = max(0, int(seconds))
    for limit, unit, key in ((120, 1, "status_seconds"), (7200, 60, "status_minutes"),
                             (172_800, 3600, "status_hours")):
        if seconds < limit:
            return texts.text(language, key, n=seconds // unit)
    return texts.text(language, "status_days", n=seconds // 86_400)


def show(ctx: Ctx, _args: str) -> list[Reply]:
    store = store_status(ctx.session, ctx.now)
    lines = status_lines(ctx.lang, ctx.tz, ctx.now, store, facts=PROCESS.get())
    return [ctx.reply_text("\n".join(lines))]


def undelivered(ctx: Ctx, failed_id: int) -> Reply | None:
    """Tell the context's user that the outbox row `failed_id` was not delivered; None when
    the notice has no point any more (the reminder's follow-up was done meanwhile)."""
    failed = ctx.session.get(Outbox, failed_id)
    if failed is None:
        return None
    day = ctx.when(failed.created_at, "day")
    if failed.kind == REMINDER and failed.ref_id is not None:
        follow_up = ctx.session.get(FollowUp, failed.ref_id)
        if follow_up is None or follow_up.status != FollowUpStatus.OPEN:
            return None
        what = ctx.t("undelivered_reminder", title=follow_up.title)
    elif failed.kind == DAILY:
        what = ctx.t("undelivered_daily", date=day)
    elif failed.kind == WEEKLY:
        what = ctx.t("undelivered_weekly", date=day)
    else:
        what = ctx.t("undelivered_message", date=day)
    if failed.user_id == ctx.user_id:
        return ctx.reply("undelivered_own", what=what)
    recipient = ctx.session.get(User, failed.user_id)
    role = ctx.t(f"role_{recipient.role}") if recipient is not None else "?"
    if "blocked" in (failed.last_error or "").lower():
        reason = ctx.t("undelivered_blocked")
    elif failed.attempts >= MAX_ATTEMPTS:
        reason = ctx.t("undelivered_gave_up")
    else:
        reason = ctx.t("undelivered_refused")
    return ctx.reply("undelivered_other", what=what, recipient=role, reason=reason)


FEATURE = Feature(
    # Not in the command menu: everyone sees the menu, only admins may ask for the status.
    commands=(Command(("status",), Capability.VIEW_STATUS, show),),
)
