"""Resident memory and start-up time of the real bot process, beside an echo bot (items 4, 5).

    python bench/memory.py                 # 10,000 contacts, 100,000 interactions, 100 visits
    python bench/memory.py --smoke         # tiny data, a few seconds

Our bot runs as `python -m bot` (long polling against the fake Bot API on loopback, a SQLite
file, the scheduler on) and the baseline as `python bench/echo_bot.py`, one after the other.
Start-up is the time from spawning the process to its first reply reaching the fake: for our
bot the welcome after `/start <token>` (the token from `python -m bot invite`), for the echo
bot the echo of its first message. Resident memory (VmRSS from /proc/<pid>/status) is read
once the process is idle after that first reply, and again after --messages visit messages
(each with its Opslaan press) from one user; VmHWM is the peak.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
import time
from pathlib import Path

from common import TimedBotApi, machine, row
from pydantic import SecretStr
from seed import Size, seed
from throughput import FIRST_CHAT, TOKEN, drive, visit_texts

from bot.app import prepare_database
from bot.settings import Settings
from tests.support.keys import TEST_DATA_KEY

BENCH = Path(__file__).resolve().parent
TIMEOUT = 60.0
IDLE_SECONDS = 1.0  # let the first reply's work settle before reading the idle figure
# Everything bot.settings.Settings reads: the benchmark decides these, not the shell.
SETTINGS_KEYS = (
    "DATABASE_URL", "TIMEZONE", "SWEEP_SECONDS", "LOG_LEVEL", "DATA_KEY", "DATA_KEY_FILE",
    "TELEGRAM_BOT_TOKEN", "TELEGRAM_API_BASE_URL", "TELEGRAM_WEBHOOK_URL",
    "TELEGRAM_WEBHOOK_SECRET", "TELEGRAM_WEBHOOK_LISTEN", "TELEGRAM_WEBHOOK_PORT",
    "MATRIX_HOMESERVER", "MATRIX_USER_ID", "MATRIX_PASSWORD", "MATRIX_ACCESS_TOKEN",
)


def memory_of(pid: int) -> dict[str, float]:
    """VmRSS and VmHWM of a process, in MB."""
    found: dict[str, float] = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            found[key] = int(value.split()[0]) / 1024
    return found


async def invite(env: dict[str, str], workdir: Path) -> str:
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "invite", "--role", "coordinator",
        cwd=workdir, env=env, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(process.communicate(), TIMEOUT)
    if process.returncode != 0:
        raise SystemExit(f"python -m bot invite failed: {err.decode()}")
    (line,) = [line for line in out.decode().splitlines() if line.startswith("Of stuur")]
    return line.rsplit("/start ", 1)[1].strip()


async def measure(
    api: TimedBotApi, command: list[str], first: str, texts: list[str], *, press: bool,
    env: dict[str, str], workdir: Path,
) -> dict[str, float]:
    """Start ``command``, time its first reply to ``first``, read its memory idle and after
    ``texts``; the process is stopped again before returning."""
    log = (workdir / "process.log").open("ab")
    reply = api.expect_reply(FIRST_CHAT)
    started = time.perf_counter()
    process = await asyncio.create_subprocess_exec(
        *command, cwd=workdir, env=env, stdin=asyncio.subprocess.DEVNULL, stdout=log, stderr=log,
    )
    try:
        api.push_text(FIRST_CHAT, first)
        sent = await asyncio.wait_for(reply, TIMEOUT)
        figures = {"startup": sent.at - started}
        await asyncio.sleep(IDLE_SECONDS)
        figures.update({f"idle_{k}": v for k, v in memory_of(process.pid).items()})
        await drive(api, texts, press=press, users=1)
        figures.update({f"after_{k}": v for k, v in memory_of(process.pid).items()})
        return figures
    finally:
        if process.returncode is None:
            process.terminate()
            try:
                await asyncio.wait_for(process.wait(), TIMEOUT)
            except TimeoutError:
                process.kill()
                await process.wait()
        log.close()


async def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--contacts", type=int, default=10_000)
    parser.add_argument("--interactions", type=int, default=100_000)
    parser.add_argument("--messages", type=int, default=100)
    parser.add_argument("--smoke", action="store_true", help="tiny data, a few seconds")
    args = parser.parse_args()
    if args.smoke:
        args.contacts, args.interactions, args.messages = 200, 1_000, 5

    texts = visit_texts(args.messages, args.contacts)
    with tempfile.TemporaryDirectory(prefix="bench-memory-") as tmp:
        workdir = Path(tmp)  # also the working directory, so no .env of the developer is read
        url = f"sqlite:///{workdir / 'netwerk.db'}"
        db = prepare_database(Settings(database_url=url, data_key=SecretStr(TEST_DATA_KEY),
                                       data_key_file=workdir / "unused.key"))
        seeded = seed(db, Size(contacts=args.contacts, interactions=args.interactions),
                      progress=args.interactions >= 100_000)
        db.engine.dispose()
        print(seeded.line() + " (bench/seed.py: sealed, SQLite file)")

        async with TimedBotApi(TOKEN) as api:
            env = {k: v for k, v in os.environ.items() if k.upper() not in SETTINGS_KEYS}
            env.update(TELEGRAM_BOT_TOKEN=TOKEN, TELEGRAM_API_BASE_URL=api.base_url,
                       DATABASE_URL=url, TIMEZONE="Europe/Amsterdam", LOG_LEVEL="WARNING",
                       DATA_KEY=TEST_DATA_KEY)
            token = await invite(env, workdir)
            ours = await measure(api, [sys.executable, "-m", "bot"], f"/start {token}", texts,
                                 press=True, env=env, workdir=workdir)
            echo = await measure(api, [sys.executable, str(BENCH / "echo_bot.py")], "hallo",
                                 texts, press=False, env=env, workdir=workdir)

    print(f"machine: {machine()}; {args.contacts:,} contacts, {args.messages} visit messages")
    print(row("figure", "ours", "echo bot"))
    print(row("start-up to first reply s", f"{ours['startup']:.2f}", f"{echo['startup']:.2f}",
              f"ratio {ours['startup'] / echo['startup']:.1f}"))
    print(row("RSS idle MB", f"{ours['idle_VmRSS']:.0f}", f"{echo['idle_VmRSS']:.0f}",
              "target < 150 MB"))
    print(row("RSS after the messages MB", f"{ours['after_VmRSS']:.0f}",
              f"{echo['after_VmRSS']:.0f}", "target < 150 MB"))
    print(row("peak RSS (VmHWM) MB", f"{ours['after_VmHWM']:.0f}", f"{echo['after_VmHWM']:.0f}"))
    return 0


if __name__ == "__main__":
    raise SystemExit(asyncio.run(main()))
