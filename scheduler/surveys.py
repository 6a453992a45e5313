"""When scheduled survey rounds open: cron expressions read by APScheduler's CronTrigger (core
knows no cron; it stores the next time this computes)."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from apscheduler.triggers.cron import CronTrigger

from core import surveys
from storage.engine import Database


def next_fire(cron: str, after: datetime, tz: ZoneInfo) -> datetime | None:
    """The first time after `after` the expression fires; None for an invalid expression."""
    try:
        trigger = CronTrigger.from_crontab(cron, timezone=tz)
    except ValueError:
        return None
    fire: datetime | None = trigger.get_next_fire_time(None, after + timedelta(seconds=1))
    return fire  # strictly after: a fire time equal to `after` is the one just run


def run_due(db: Database, now: datetime, tz: ZoneInfo) -> surveys.SweepResult:
    """Open the rounds schedules owe, then remind and close (core.surveys.sweep)."""
    opened = 0
    with db.session() as session:
        for schedule in surveys.due_schedules(session, now):
            following = next_fire(schedule.cron, now, tz)
            if following is None:  # an expression that no longer parses stops its schedule
                surveys.end_schedule(session, schedule.id or 0, None, now)
                continue
            if surveys.run_schedule(session, schedule, following, now, tz) is not None:
                opened += 1
    with db.session() as session:
        result = surveys.sweep(session, now, tz)
    result.opened = opened
    return result

