"""When scheduled survey rounds open: cron expressions read by APScheduler's CronTrigger (core
knows no cron; it stores the next time this computes)."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from apscheduler.triggers.cron import CronTrigger

from core import surveys
from storage.engine import Database

DAY_NAMES = ("sun", "mon", "tue", "wed", "thu", "fri", "sat")  # crontab's 0..6 (7 is Sunday too)


def _crontab_weekdays(field: str) -> str:
    """A crontab day-of-week field as APScheduler 3 reads it.

    APScheduler 3 counts weekdays from Monday = 0, crontab from Sunday = 0 (and Monday = 1):
    `from_crontab` passes the numbers through, so "0 9 * * 1" would fire on Tuesdays. The
    field is expanded to the days it means and handed over by name, which both read alike.
    Raises ValueError for a field crontab does not allow.
    """
    if field == "*":
        return field
    days: set[int] = set()
    for part in field.lower().split(","):
        spec, _, step_text = part.partition("/")
        step = int(step_text) if step_text else 1
        if step < 1:
            raise ValueError(part)
        if spec == "*":
            first, last = 0, 6
        else:
            low, _, high = spec.partition("-")
            first = _weekday(low)
            last = _weekday(high) if high else (6 if step_text else first)
            if high == "7" or (high and last == 0 and high.isalpha()):
                last = 7  # "5-7", "fri-sun": up to and including Sunday
        if first > last:
            raise ValueError(part)
        days.update(day % 7 for day in range(first, last + 1, step))
    return ",".join(DAY_NAMES[day] for day in sorted(days))


def _weekday(text: str) -> int:
    if text.isdigit() and 0 <= int(text) <= 7:
        return int(text)
    if text in DAY_NAMES:
        return DAY_NAMES.index(text)
    raise ValueError(text)


def next_fire(cron: str, after: datetime, tz: ZoneInfo) -> datetime | None:
    """The first time after `after` the expression (crontab's five fields, crontab's
    meaning) fires; None for an invalid expression."""
    fields = cron.split()
    try:
        if len(fields) != 5:
            raise ValueError(cron)
        minute, hour, day, month, weekdays = fields
        trigger = CronTrigger(minute=minute, hour=hour, day=day, month=month,
                              day_of_week=_crontab_weekdays(weekdays), timezone=tz)
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

