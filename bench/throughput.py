"""End-to-end message handling beside a bare python-telegram-bot echo bot (issue 11, item 1).

    python bench/throughput.py                       # 400 visits, 10,000 contacts, 100,000 visits
    python bench/throughput.py --interactions 1000000  # the issue's size (seeding takes minutes)
    python bench/throughput.py --smoke               # tiny data, a few seconds

Both bots run the real PTB stack (long polling, httpx) against the fake Bot API on loopback,
in this process and on one event loop with the fake, one after the other in the same run.
20 users each send their next message as soon as the previous one is answered (a closed
loop). Latency is from pushing the update to the reply's sendMessage reaching the fake.

The register comes from bench/seed.py: contacts with Dutch names in Almere's areas, their
organisations, visits over the years with follow-ups, all sealed as the bot seals them.
Our bot's updates are a realistic Dutch visit message (parse, match the contact among the
register, reply with a card, or first ask "which one?" when several contacts fit: answered
with the first button) and the press on Opslaan (store, reply "Opgeslagen"): every round trip
counts, and "how the visits went" shows the replies. The echo
bot answers each text with the same text. The ratio compares updates handled per second.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import cProfile
import pstats
import random
import tempfile
import threading
import time
from collections import Counter
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from zoneinfo import ZoneInfo

from common import (
    VISIT_TEMPLATES,
    Sent,
    TimedBotApi,
    buttons,
    machine,
    percentile,
    round_trip,
    row,
    rss_mb,
)
from seed import Size, name_of, open_register, seed
from telegram import Update
from telegram.ext import Application, ApplicationBuilder, ContextTypes, MessageHandler, filters

from bot.app import App
from bot.conversation.events import Incoming, Reply
from bot.transports.telegram import TelegramTransport
from core.access import create_invite
from core.clock import SystemClock
from storage.engine import Database
from storage.models import Role

TOKEN = "123456:TEST-token-for-the-fake-Bot-API-0000"  # noqa: S105 - the fake server's fake token
USERS = 20
FIRST_CHAT = 70_001
AREAS = ("Stad-Oost", "Haven", "Buiten", "Poort", "Stad-West", "Muziekwijk")


@contextlib.asynccontextmanager
async def echo_bot(api: TimedBotApi) -> AsyncIterator[Application]:  # type: ignore[type-arg]
    """The baseline: an Application whose only handler replies the text."""

    async def echo(update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.message is not None
        assert update.message.text is not None
        await update.message.reply_text(update.message.text)

    app = ApplicationBuilder().token(TOKEN).base_url(api.base_url).build()
    app.add_handler(MessageHandler(filters.TEXT, echo))
    async with app:
        await app.start()
        assert app.updater is not None
        await app.updater.start_polling(poll_interval=0, timeout=1)
        try:
            yield app
        finally:
            await app.updater.stop()
            await app.stop()


def visit_texts(count: int, contacts: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    return [
        VISIT_TEMPLATES[i % len(VISIT_TEMPLATES)].format(
            name=name_of(rng.randrange(max(contacts, 1))), area=AREAS[i % len(AREAS)]
        )
        for i in range(count)
    ]


async def drive(
    api: TimedBotApi, texts: list[str], *, press: bool, users: int = USERS,
    outcomes: Counter[str] | None = None,
) -> tuple[float, list[float], list[float]]:
    """``users`` users send ``texts`` between them; returns (seconds, message latencies, press
    latencies). ``outcomes`` counts the first lines of the replies each visit got."""
    messages: list[float] = []
    presses: list[float] = []

    async def user(chat_id: int, mine: list[str]) -> None:
        for text in mine:
            seconds, sent = await round_trip(api, chat_id, api.text_update(chat_id, text))
            messages.append(seconds)
            if outcomes is not None:
                outcomes["first reply: " + first_line(sent)] += 1
            for _ in range(3):  # Opslaan, then at most a question or two after it
                offered = buttons(sent)
                if not press or not offered:
                    break
                label_data = next((b for b in offered if b[0] == "Opslaan"), offered[0])
                message_id = int(sent.message["message_id"])
                press_update = api.callback_update(chat_id, label_data[1], message_id=message_id)
                seconds, sent = await round_trip(api, chat_id, press_update)
                presses.append(seconds)
                if outcomes is not None and buttons(sent):
                    outcomes["then asked: " + first_line(sent)] += 1
            if outcomes is not None:
                outcomes["last reply: " + first_line(sent)] += 1

    started = time.perf_counter()
    await asyncio.gather(*(
        user(FIRST_CHAT + u, texts[u::users]) for u in range(users)
    ))
    return time.perf_counter() - started, messages, presses


def first_line(sent: Sent) -> str:
    """The reply's first three words: enough to tell a card, a question and a confirmation."""
    return " ".join(str(sent.params["text"]).split()[:3])


async def register_users(api: TimedBotApi, db: Database, clock: SystemClock) -> None:
    for u in range(USERS):
        with db.session() as session:
            token = create_invite(session, Role.COORDINATOR, clock.now())
        chat_id = FIRST_CHAT + u
        start = api.text_update(chat_id, f"/start {token}")
        _seconds, welcome = await round_trip(api, chat_id, start)
        if not str(welcome.params["text"]).startswith("Welkom"):
            raise SystemExit(f"redeeming an invite failed: {welcome.params['text']!r}")


def profiled(handle: Callable[[Incoming], list[Reply]], profile: cProfile.Profile
             ) -> Callable[[Incoming], list[Reply]]:
    """The handler under cProfile, one update at a time: the bot handles several chats' updates
    at once in threads, and one cProfile cannot follow two threads at once. The figures of a
    profiled run are therefore not the bot's; the profile shows what one update costs (for the
    whole process, threads included, use py-spy: docs/performance.md)."""
    lock = threading.Lock()

    def run(incoming: Incoming) -> list[Reply]:
        with lock:
            return profile.runcall(handle, incoming)

    return run


def summary(label: str, seconds: float, latencies: list[float]) -> dict[str, float]:
    return {
        "rate": len(latencies) / seconds,
        "p50": percentile(latencies, 0.50) * 1000,
        "p95": percentile(latencies, 0.95) * 1000,
    }


async def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--messages", type=int, default=400, help="visit messages in all")
    parser.add_argument("--contacts", type=int, default=10_000)
    parser.add_argument("--interactions", type=int, default=100_000)
    parser.add_argument("--smoke", action="store_true", help="tiny data, a few seconds")
    parser.add_argument("--profile", type=int, default=0, metavar="N",
                        help="print the N costliest functions of the conversation's handling")
    parser.add_argument("--profile-out", type=Path, default=None, metavar="FILE",
                        help="also write the profile to FILE (for pstats or snakeviz)")
    args = parser.parse_args()
    if args.smoke:
        args.messages, args.contacts, args.interactions = 40, 200, 1_000

    clock = SystemClock(ZoneInfo("Europe/Amsterdam"))
    texts = visit_texts(args.messages, args.contacts)
    solo = min(len(texts), 40)  # messages sent by one user alone: latency without queueing
    with tempfile.TemporaryDirectory(prefix="bench-throughput-") as tmp:
        db = open_register(f"sqlite:///{Path(tmp) / 'netwerk.db'}")
        seeded = seed(db, Size(contacts=args.contacts, interactions=args.interactions),
                      progress=args.interactions >= 100_000)
        print(seeded.line() + " (bench/seed.py: sealed, SQLite file, WAL)")

        async with TimedBotApi(TOKEN) as api:
            async with echo_bot(api):
                await drive(api, texts[:USERS], press=False)  # warm up
                echo_seconds, echo_lat, _ = await drive(api, texts, press=False)
                _, echo_alone, _ = await drive(api, texts[:solo], press=False, users=1)

            transport = TelegramTransport(TOKEN, base_url=api.base_url, poll_timeout=1)
            app = App(db, [transport], clock, schedule=False)
            profile = cProfile.Profile() if args.profile else None
            if profile is not None:
                app.conversation.handle = profiled(app.conversation.handle, profile)  # type: ignore[method-assign,assignment]
            await app.start()
            try:
                await register_users(api, db, clock)
                outcomes: Counter[str] = Counter()
                ours_seconds, msg_lat, press_lat = await drive(api, texts, press=True,
                                                               outcomes=outcomes)
                _, alone_msg, alone_press = await drive(api, texts[:solo], press=True, users=1)
                rss = rss_mb()
            finally:
                await app.stop()
        db.engine.dispose()

    echo = summary("echo", echo_seconds, echo_lat)
    ours = summary("ours", ours_seconds, msg_lat + press_lat)
    visits = summary("visits", ours_seconds, msg_lat)
    saves = summary("saves", ours_seconds, press_lat) if press_lat else None
    print(f"machine: {machine()}; {USERS} users, {len(texts)} visit messages, "
          f"{len(msg_lat) + len(press_lat)} updates (ours), {len(echo_lat)} (echo)")
    print(row("figure", "ours", "echo bot"))
    print(row("updates/s", f"{ours['rate']:.1f}", f"{echo['rate']:.1f}",
              f"ratio ours/echo {ours['rate'] / echo['rate']:.2f} (target >= 0.50)"))
    print(row("latency p50 ms (all updates)", f"{ours['p50']:.1f}", f"{echo['p50']:.1f}"))
    print(row("latency p95 ms (all updates)", f"{ours['p95']:.1f}", f"{echo['p95']:.1f}",
              "target < 50 ms"))
    print(row("visit message p50/p95 ms", f"{visits['p50']:.0f}/{visits['p95']:.0f}", "-"))
    if saves is not None:
        print(row("Opslaan press p50/p95 ms", f"{saves['p50']:.0f}/{saves['p95']:.0f}", "-",
                  f"{len(press_lat)} presses"))
    print(row("one user alone: p50 ms", f"{percentile(alone_msg + alone_press, 0.5) * 1000:.1f}",
              f"{percentile(echo_alone, 0.5) * 1000:.1f}", f"{solo} messages, no queueing"))
    print(row("one user alone: p95 ms", f"{percentile(alone_msg + alone_press, 0.95) * 1000:.1f}",
              f"{percentile(echo_alone, 0.95) * 1000:.1f}", "target < 50 ms"))
    print(row("one user alone: visit p50/p95 ms",
              f"{percentile(alone_msg, 0.5) * 1000:.0f}/{percentile(alone_msg, 0.95) * 1000:.0f}",
              "-"))
    print("how the visits went: " + "; ".join(f"{n} x {text!r}"
                                               for text, n in outcomes.most_common(6)))
    if profile is not None:
        print(f"profile of the conversation's handling (cumulative, top {args.profile}):")
        stats = pstats.Stats(profile)
        stats.sort_stats("cumulative").print_stats(args.profile)
        if args.profile_out is not None:
            stats.dump_stats(args.profile_out)
    print(row("this process's RSS after the run MB", f"{rss:.0f}", "-",
              "bot, fake, both PTB apps and seeding: see bench/memory.py"))
    return 0


if __name__ == "__main__":
    raise SystemExit(asyncio.run(main()))
