"""Where the bot's memory grows with use (issue 11, item 4): resident memory as visits go by.

    python bench/memory_growth.py                 # 10,000 contacts, 400 visits, ~1.5 min
    python bench/memory_growth.py --trace         # plus tracemalloc: what grew, by file
    python bench/memory_growth.py --smoke         # 200 contacts, 20 visits

bench/memory.py measures the real `python -m bot` process; this one looks inside. A register
is seeded (bench/seed.py), then a fresh interpreter opens it and hands visit messages and
their Opslaan press straight to `Conversation.handle` (no chat library, no scheduler: what is
left is the conversation's own memory), printing VmRSS after the first visit, after 10, 100
and every further hundred. With --trace, tracemalloc (which costs memory itself: the RSS
figures of a traced run are higher) compares what was allocated after all the visits with
what was there before the first, by file.
"""

from __future__ import annotations

import argparse
import gc
import os
import subprocess
import sys
import tempfile
import tracemalloc
from pathlib import Path
from zoneinfo import ZoneInfo

from common import VISIT_TEMPLATES, machine, row
from seed import Size, name_of, open_register, seed

from bot.conversation.dispatcher import Conversation
from bot.conversation.events import Incoming
from core.access import Identity, create_invite, redeem_invite
from core.clock import SystemClock
from storage.models import Role

CHAT = "7001"


def rss_mb() -> float:
    for line in Path(f"/proc/{os.getpid()}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def visit(conversation: Conversation, number: int, contacts: int) -> None:
    """One visit message about a contact of the register, then a press on its first button
    (Opslaan on the card, or the first candidate when several contacts fit)."""
    text = VISIT_TEMPLATES[number % len(VISIT_TEMPLATES)].format(
        name=name_of((number * 7919) % contacts), area="Stad-Oost")
    replies = conversation.handle(Incoming(
        transport="telegram", user_id=CHAT, chat_id=CHAT, language="nl", text=text,
        update_id=str(10_000 + 2 * number)))
    buttons = [b for reply in replies for line in reply.buttons for b in line]
    if buttons:
        conversation.handle(Incoming(
            transport="telegram", user_id=CHAT, chat_id=CHAT, language="nl", text="",
            button=buttons[0].payload, update_id=str(10_001 + 2 * number)))


def measure(url: str, visits: int, contacts: int, trace: bool) -> None:
    """In the fresh interpreter: open the register and handle the visits."""
    db = open_register(url)
    clock = SystemClock(ZoneInfo("Europe/Amsterdam"))
    conversation = Conversation(db, clock)
    with db.session() as session:
        token = create_invite(session, Role.COORDINATOR, clock.now())
        redeem_invite(session, token, Identity("telegram", CHAT, CHAT), "nl", clock.now())
    gc.collect()
    print(row("RSS idle MB", f"{rss_mb():.0f}", "-", "register opened, nothing handled"),
          flush=True)
    if trace:
        tracemalloc.start(5)
    before = tracemalloc.take_snapshot() if trace else None
    checkpoints = {1, 10, *range(100, visits + 1, 100), visits}
    for number in range(visits):
        visit(conversation, number, contacts)
        if number + 1 in checkpoints:
            label = "visit" if number == 0 else "visits"
            print(row(f"RSS after {number + 1} {label} MB", f"{rss_mb():.0f}", "-"), flush=True)
    if before is None:
        return
    gc.collect()
    grown = tracemalloc.take_snapshot().compare_to(before, "filename")
    print(f"traced growth over the visits: {sum(s.size_diff for s in grown) / 2**20:.1f} MB")
    for stat in grown[:20]:
        print(f"  {stat.size_diff / 2**20:7.2f} MB  {stat.traceback[0].filename}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contacts", type=int, default=10_000)
    parser.add_argument("--visits", type=int, default=400)
    parser.add_argument("--trace", action="store_true", help="tracemalloc, by file")
    parser.add_argument("--smoke", action="store_true", help="tiny data, a few seconds")
    parser.add_argument("--measure", metavar="URL", help=argparse.SUPPRESS)  # the child
    args = parser.parse_args()
    if args.smoke:
        args.contacts, args.visits = 200, 20
    if args.measure:
        measure(args.measure, args.visits, args.contacts, args.trace)
        return 0
    with tempfile.TemporaryDirectory(prefix="bench-growth-") as tmp:
        url = f"sqlite:///{Path(tmp) / 'register.db'}"
        db = open_register(url)
        print(seed(db, Size(contacts=args.contacts, interactions=args.contacts * 2)).line())
        db.engine.dispose()
        print(f"machine: {machine()}; {args.contacts:,} contacts, {args.visits} visits")
        print(row("figure", "ours", "-"), flush=True)  # before the child's lines
        command = [sys.executable, __file__, "--measure", url, "--visits", str(args.visits),
                   "--contacts", str(args.contacts), *(["--trace"] if args.trace else [])]
        subprocess.run(command, check=True)  # noqa: S603 - this script, a fresh interpreter
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
