"""Reminder lateness: many reminders due in the same minute (issue 11, item 7).

    python bench/lateness.py                        # 10,000 reminders, back to back (~6 min)
    python bench/lateness.py --reminders 1000       # a quicker run
    python bench/lateness.py --scheduled --reminders 1000   # the App's own scheduler, 30 s
    python bench/lateness.py --smoke                # 60 reminders, a few seconds

--reminders follow-ups (sealed titles, about contacts of a bench/seed.py register) fall due
in the same minute for --users coordinators on Telegram. They go the real way: the follow-up
sweep (`scheduler.jobs.sweep_follow_ups`: claim, owe one outbox row each), the delivery
(`bot.delivery.Delivery.run_once`: rounds of 50 outbox rows while a round comes back full,
each rendered and sent one at a time after a permit from the shared send limiter, with the
limits `python -m bot` uses: 30 a second, reminders 80 % of that), python-telegram-bot, and
the fake Bot API on loopback. The fake holds the bot to
Telegram's global limit of about 30 messages a second (`common.RateLimitedBotApi`): more in
any one second are refused with 429 and retry_after, as Telegram does, and the bot must wait
and send them again.

The figure is the time from the moment they are all due until the last reminder reaches the
fake, beside the floor the chat service sets: reminders / 30 per second; and beside the
bot's own pace for messages nobody waits for (24 a second: a fifth is kept for replies to
people typing). Two ways to drive it:

* back to back (default): the sweep once, then delivery rounds one after the other, as fast
  as the bot can go: the capacity of the path itself;
* --scheduled: `App` with its APScheduler jobs every --sweep-seconds (SWEEP_SECONDS, default
  30), the way the bot runs: lateness then also includes the waits between rounds.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from common import RateLimitedBotApi, machine, percentile, row
from seed import Size, add_due, open_register, seed, seed_users
from sqlalchemy import func
from sqlmodel import col, select

from bot.app import App
from bot.transports.telegram import TelegramTransport
from core.clock import SystemClock
from core.ratelimit import Limits
from scheduler.jobs import sweep_follow_ups
from storage.engine import Database
from storage.models import FollowUp, Outbox

TOKEN = "123456:TEST-token-for-the-fake-Bot-API-0000"  # noqa: S105 - the fake server's fake token
FIRST_CHAT = 80_001
LIMITS = Limits()  # what `python -m bot` sets for Telegram unless TELEGRAM_SENDS_* say otherwise
REMINDER_MARK = "⏰"  # how a reminder message starts (core/followups, its catalogue)


class ReminderCounter:
    """The reminder messages that reached the fake (they start with ⏰: one follow-up each,
    or several for one person at once), with when each arrived."""

    def __init__(self, api: RateLimitedBotApi) -> None:
        self.api = api
        self.arrivals: list[float] = []
        self._seen = 0

    def update(self) -> int:
        new = zip(self.api.accepted[self._seen:], self.api.accepted_params[self._seen:],
                  strict=True)
        self._seen = len(self.api.accepted)
        self.arrivals.extend(at for at, params in new
                             if str(params.get("text", "")).startswith(REMINDER_MARK))
        return len(self.arrivals)


def given_up(db: Database) -> int:
    """Reminder messages the delivery gave up on (too many failed attempts)."""
    with db.session() as session:
        return int(session.exec(
            select(func.count()).select_from(Outbox).where(
                col(Outbox.kind).startswith("follow_up"), col(Outbox.failed_at).is_not(None))
        ).one())


def still_owed(db: Database, follow_ups: range) -> int:
    """Follow-ups not reminded yet plus reminder messages not handed over yet."""
    with db.session() as session:
        unswept = session.exec(
            select(func.count()).select_from(FollowUp).where(
                col(FollowUp.id).in_(list(follow_ups)), col(FollowUp.reminded_at).is_(None))
        ).one()
        unsent = session.exec(
            select(func.count()).select_from(Outbox).where(
                col(Outbox.kind).startswith("follow_up"), col(Outbox.sent_at).is_(None),
                col(Outbox.failed_at).is_(None))
        ).one()
    return int(unswept) + int(unsent)


async def wait_until_handed_over(db: Database, follow_ups: range, counter: ReminderCounter,
                                 timeout: float) -> bool:  # noqa: ASYNC109
    deadline = time.perf_counter() + timeout
    while True:
        counter.update()
        if counter.arrivals and not await asyncio.to_thread(still_owed, db, follow_ups):
            return True
        if time.perf_counter() > deadline:
            return False
        await asyncio.sleep(0.25)


async def back_to_back(app: App, db: Database, clock: SystemClock, follow_ups: range,
                       timeout: float) -> tuple[int, int]:  # noqa: ASYNC109
    """Sweeps and delivery rounds one after the other until nothing is owed; a sweep takes at
    most 500 follow-ups (`core.followups.sweep_due`), so it runs again while one came back
    full. Returns (sweeps, delivery rounds)."""
    sweeps = rounds = 0
    swept = -1
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        if swept != 0:
            swept = await sweep_follow_ups(db, clock.now())
            sweeps += 1
        sent = await app.delivery.run_once(clock.now())
        rounds += 1
        if sent == 0 and swept == 0:  # what is left waits out a retry_after, or nothing is
            if not await asyncio.to_thread(still_owed, db, follow_ups):
                break
            await asyncio.sleep(0.05)
    return sweeps, rounds


async def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reminders", type=int, default=10_000)
    parser.add_argument("--users", type=int, default=0,
                        help="coordinators they are for (default: one reminder each)")
    parser.add_argument("--limit", type=int, default=30, help="the service's messages/s")
    parser.add_argument("--scheduled", action="store_true",
                        help="the App's own scheduler instead of rounds back to back")
    parser.add_argument("--sweep-seconds", type=float, default=30.0)
    parser.add_argument("--timeout", type=float, default=3600.0)
    parser.add_argument("--contacts", type=int, default=1_000, help="in the register")
    parser.add_argument("--smoke", action="store_true", help="60 reminders, a few seconds")
    args = parser.parse_args()
    if args.smoke:
        args.reminders, args.users, args.limit, args.contacts = 60, 0, 30, 100
        if args.scheduled:
            args.sweep_seconds = 1.0
    args.users = args.users or args.reminders

    # One warning per refused send would drown the figures; the refusals are counted below.
    logging.getLogger("bot.delivery").setLevel(logging.ERROR)
    clock = SystemClock(ZoneInfo("Europe/Amsterdam"))
    floor = args.reminders / args.limit
    with tempfile.TemporaryDirectory(prefix="bench-lateness-") as tmp:
        db = open_register(f"sqlite:///{Path(tmp) / 'netwerk.db'}")
        now = datetime.now(UTC)
        seeded = seed(db, Size(contacts=args.contacts, interactions=args.contacts * 5, users=0),
                      now=now)
        print(seeded.line())
        users = seed_users(db, args.users, now, transport="telegram", first_chat=FIRST_CHAT,
                           role="coordinator")
        started = time.perf_counter()
        first_follow_up = _next_id(db)
        add_due(db, owners=users, now=clock.now(), count=args.reminders,
                contacts=list(seeded.contact_ids))
        follow_ups = range(first_follow_up, first_follow_up + args.reminders)
        print(f"{args.reminders:,} follow-ups due in the same minute for {args.users} "
              f"coordinators, written in {time.perf_counter() - started:.1f} s")

        async with RateLimitedBotApi(TOKEN, per_second=args.limit) as api:
            transport = TelegramTransport(TOKEN, base_url=api.base_url, poll_timeout=1)
            app = App(db, [transport], clock, schedule=args.scheduled,
                      sweep_seconds=args.sweep_seconds,
                      send_limits={"telegram": LIMITS})
            counter = ReminderCounter(api)
            due_at = time.perf_counter()  # all due from here: the bot is up and it is time
            await app.start()
            try:
                if args.scheduled:
                    sweeps = rounds = 0
                    done = await wait_until_handed_over(db, follow_ups, counter, args.timeout)
                else:
                    sweeps, rounds = await back_to_back(app, db, clock, follow_ups,
                                                        args.timeout)
                    done = not await asyncio.to_thread(still_owed, db, follow_ups)
            finally:
                await app.stop()
            counter.update()
        lost = given_up(db)
        db.engine.dispose()

    if not done or not counter.arrivals:
        raise SystemExit(f"not every reminder was handed over within {args.timeout:g} s "
                         f"({len(counter.arrivals)} reminder messages arrived)")
    lateness = [at - due_at for at in counter.arrivals]
    last = max(lateness)
    messages = len(counter.arrivals)
    message_floor = messages / args.limit
    mode = (f"APScheduler every {args.sweep_seconds:g} s" if args.scheduled
            else f"back to back, {sweeps} sweeps and {rounds} delivery rounds")
    print(f"machine: {machine()}; {mode}; limit {args.limit} msg/s; "
          f"{args.reminders:,} reminders for {args.users:,} users")
    print(row("figure", "ours", "floor"))
    print(row("last reminder handed over s", f"{last:.1f}", f"{floor:.1f}",
              f"ratio to the floor {last / floor:.2f}; floor = {args.reminders:,} reminders / "
              f"{args.limit} per s"))
    print(row("reminder messages sent", f"{messages:,}", f"{args.reminders:,}",
              "several due at once for one person go in one message"))
    if messages != args.reminders:
        print(row("last one, against these messages s", f"{last:.1f}", f"{message_floor:.1f}",
                  f"ratio {last / message_floor:.2f}"))
    print(row("median reminder message handed over s", f"{percentile(lateness, 0.5):.1f}",
              f"{message_floor / 2:.1f}"))
    own = args.reminders / LIMITS.background_per_second
    print(row("against the bot's own pace s", f"{last:.1f}", f"{own:.1f}",
              f"ratio {last / own:.2f}; {LIMITS.background_per_second} reminders per s"))
    print(row("messages per second", f"{messages / last:.1f}", f"{args.limit}",
              f"peak in one second {api.peak_per_second()}"))
    print(row("refused by the rate limit (429)", f"{api.refused:,}", "0",
              "each one sent again after retry_after"))
    print(row("reminder messages given up", f"{lost:,}", "0",
              "failed too often: the owner is told, the reminder never arrives"))
    return 0


def _next_id(db: Database) -> int:
    with db.session() as session:
        return int(session.exec(select(func.max(FollowUp.id))).one() or 0) + 1


if __name__ == "__main__":
    raise SystemExit(asyncio.run(main()))
