"""Replay the attack review's attacks (issue #18) end to end and print held / BROKEN per attack.

    .venv/bin/python tools/attack_replay.py

It starts the real bot (`python -m bot`, a subprocess under umask 022) against the fake Telegram
Bot API of the tests, in a temporary folder with a temporary SQLite register, and attacks it from
outside: through chats, through the admin CLI, and, for the attacks that are direct database or
file access, through the files themselves. One line per attack; exit 1 if any is broken.

The unit and integration tests named in SECURITY.md show each finding closed piece by piece;
this shows the pieces hold together in the running bot. It needs no network: the fake API runs
on 127.0.0.1.
"""

from __future__ import annotations

import asyncio
import contextlib
import csv
import os
import signal
import sqlite3
import stat
import sys
import tempfile
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a file, like bench/

from bot.conversation import texts as catalogue
from tests.support.fake_bot_api import FAKE_TOKEN, FakeBotApi
from tests.support.keys import TEST_DATA_KEY

ROOT = Path(__file__).resolve().parent.parent
PROCESS_TIMEOUT = 45.0  # a bot start loads PTB, SQLAlchemy and the name reader: seconds
REFUSAL_TIMEOUT = 30.0  # a refused start ends by itself; one still running after this started
UMASK = 0o022  # the usual umask, under which a plain file comes out 0644 and a folder 0755

# Everything bot.settings.Settings reads; the replay decides these, not the caller's shell.
SETTINGS_KEYS = (
    "DATABASE_URL", "TIMEZONE", "SWEEP_SECONDS", "LOG_LEVEL", "DATA_KEY", "DATA_KEY_FILE",
    "TELEGRAM_BOT_TOKEN", "TELEGRAM_API_BASE_URL", "TELEGRAM_WEBHOOK_URL",
    "TELEGRAM_WEBHOOK_SECRET", "TELEGRAM_WEBHOOK_LISTEN", "TELEGRAM_WEBHOOK_PORT",
    "MATRIX_HOMESERVER", "MATRIX_USER_ID", "MATRIX_PASSWORD", "MATRIX_ACCESS_TOKEN",
)
HOSTILE = ("\x1b", "\x07", "\x9b", "\x00", "\u202e", "\u2066", "\u200f")
FORMULA_NAME = "=cmd|' /C calc'!A0"
COORDINATOR_CHAT = 4242
FLOODING_CHAT = 777_001
GUESSING_CHAT = 777_002


@dataclass(frozen=True)
class Outcome:
    """One attack's verdict and why."""

    attack: str
    held: bool
    reason: str


@dataclass(frozen=True)
class Run:
    code: int | None  # None: still running after the timeout, killed by the replay
    out: str
    err: str


class Broken(Exception):
    """The attack got through; the message says how."""


@dataclass
class Stand:
    """The fake Telegram, a working folder and the `python -m bot` processes started in it."""

    api: FakeBotApi
    workdir: Path
    started: list[asyncio.subprocess.Process] = field(default_factory=list)

    @property
    def data(self) -> Path:
        return self.workdir / "data"

    @property
    def database(self) -> Path:
        return self.data / "netwerk.db"

    def env(self, **changes: str | None) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if k.upper() not in SETTINGS_KEYS}
        env.update(
            TELEGRAM_BOT_TOKEN=FAKE_TOKEN,
            TELEGRAM_API_BASE_URL=self.api.base_url,
            DATABASE_URL=f"sqlite:///{self.database}",
            DATA_KEY=TEST_DATA_KEY,
            TIMEZONE="Europe/Amsterdam",
            LOG_LEVEL="WARNING",
            PYTHONPATH=str(ROOT),
        )
        for name, value in changes.items():
            if value is None:
                env.pop(name, None)
            else:
                env[name] = value
        return env

    async def spawn(self, *args: str | Path, env: dict[str, str] | None = None,
                    cwd: Path | None = None) -> asyncio.subprocess.Process:
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", *map(str, args),
            cwd=cwd or self.workdir, env=env or self.env(), umask=UMASK,
            stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
        )
        self.started.append(process)
        return process

    async def run_bot(self) -> asyncio.subprocess.Process:
        """`python -m bot` with long polling; its output goes to bot.log, so a full pipe never
        holds it up."""
        with (self.workdir / "bot.log").open("ab") as log:
            process = await asyncio.create_subprocess_exec(
                sys.executable, "-m", "bot", cwd=self.workdir, env=self.env(), umask=UMASK,
                stdin=asyncio.subprocess.DEVNULL, stdout=log, stderr=log,
            )
        self.started.append(process)
        return process

    async def cli(self, *args: str | Path, env: dict[str, str] | None = None,
                  cwd: Path | None = None, timeout: float = PROCESS_TIMEOUT) -> Run:  # noqa: ASYNC109
        """Run `python -m bot ARGS` to its end; one still running after `timeout` is killed."""
        process = await self.spawn(*args, env=env, cwd=cwd)
        try:
            async with asyncio.timeout(timeout):
                out, err = await process.communicate()
        except TimeoutError:
            process.kill()
            out, err = await process.communicate()
            return Run(None, out.decode(errors="replace"), err.decode(errors="replace"))
        return Run(process.returncode, out.decode(errors="replace"), err.decode(errors="replace"))

    async def kill_all(self) -> None:
        for process in self.started:
            if process.returncode is None:
                process.kill()
                await process.wait()

    # ------------------------------------------------------------------ chats

    def sent_to(self, chat_id: int) -> list[dict[str, Any]]:
        """The params of every successful sendMessage to `chat_id`, oldest first."""
        return [call.params for call in self.api.calls_to("sendMessage")
                if call.status == 200 and call.params.get("chat_id") == chat_id]

    async def say(self, chat_id: int, text: str) -> None:
        self.api.push_text(chat_id, text)

    async def answered(self, chat_id: int, text: str, expected: str) -> list[str]:
        """Send `text` into `chat_id` and return what the chat received up to and including
        `expected`, the answer to it. One chat's messages are handled and answered in order
        (other chats' meanwhile), so whatever the chat got for earlier messages is in."""
        before = len(self.sent_to(chat_id))
        self.api.push_text(chat_id, text)
        async with asyncio.timeout(PROCESS_TIMEOUT):
            while True:
                received = [str(p["text"]) for p in self.sent_to(chat_id)]
                if expected in received[before:]:
                    return received[: before + received[before:].index(expected) + 1]
                seen = len(self.api.calls_to("sendMessage"))
                await self.api.wait_for_call("sendMessage", seen + 1, timeout=PROCESS_TIMEOUT)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _first_line(text: str) -> str:
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    return lines[0] if lines else "(nothing)"


def _refused(run: Run, *needles: str) -> str:
    """Why a refused start is a refusal; raises Broken when it was not one."""
    if run.code is None:
        raise Broken(f"the bot was still running after {REFUSAL_TIMEOUT:.0f} s: it started")
    if run.code == 0:
        raise Broken("exit 0: accepted")
    if "Traceback" in run.err:
        raise Broken(f"exit {run.code} with a traceback")
    said = run.err + run.out
    missing = [needle for needle in needles if needle not in said]
    if missing:
        raise Broken(f"exit {run.code}, but {', '.join(map(repr, missing))} not named: "
                     f"{_first_line(said)}")
    return f"exit {run.code}: {_first_line(run.err or run.out)}"


# --------------------------------------------------------------------------- the attacks


async def weak_token(stand: Stand) -> str:
    """Attack review #6: a bot token "1"."""
    elsewhere = stand.workdir / "weak-token"
    elsewhere.mkdir()
    env = stand.env(TELEGRAM_BOT_TOKEN="1",  # noqa: S106 - the weak token is the attack
                    DATABASE_URL=f"sqlite:///{elsewhere / 'data' / 'netwerk.db'}")
    run = await stand.cli(env=env, cwd=elsewhere, timeout=REFUSAL_TIMEOUT)
    return _refused(run, "TELEGRAM_BOT_TOKEN")


async def webhook_without_secret(stand: Stand) -> str:
    """Attack review #2: webhook mode with no secret would take forged updates."""
    elsewhere = stand.workdir / "webhook"
    elsewhere.mkdir()
    env = stand.env(TELEGRAM_WEBHOOK_URL="https://bot.example.org/telegram",
                    TELEGRAM_WEBHOOK_SECRET=None,
                    DATABASE_URL=f"sqlite:///{elsewhere / 'data' / 'netwerk.db'}")
    run = await stand.cli(env=env, cwd=elsewhere, timeout=REFUSAL_TIMEOUT)
    return _refused(run, "TELEGRAM_WEBHOOK_SECRET", "Fout in de instellingen")


async def oversized_import(stand: Stand) -> str:
    """Attack review #8: a CSV with 100,000 columns crashed the import with a traceback."""
    wide = stand.workdir / "breed.csv"
    header = ";".join(["naam", "netwerk", *(f"k{i}" for i in range(100_000))])
    wide.write_text(header + "\r\nJan;formeel\r\n", encoding="utf-8", newline="")
    run = await stand.cli("import", wide)
    if run.code != 2:
        raise Broken(f"exit {run.code}, not 2: {_first_line(run.err or run.out)}")
    if "Traceback" in run.err:
        raise Broken("exit 2, but with a traceback")
    return f"exit 2, no traceback: {_first_line(run.err)}"


async def file_modes(stand: Stand) -> str:
    """Attack review #4: the register and its folder were world-readable under umask 022."""
    loose = [f"{path.name} {_mode(path):o}" for path in
             (stand.data, stand.database,
              *(stand.data / f"netwerk.db{end}" for end in ("-wal", "-shm")))
             if path.exists() and _mode(path) != (0o700 if path == stand.data else 0o600)]
    if loose:
        raise Broken(f"readable by others: {', '.join(loose)}")
    extra = [name for name in ("netwerk.db-wal", "netwerk.db-shm") if (stand.data / name).exists()]
    also = f" ({', '.join(extra)} 600 too)" if extra else ""
    return f"data/ 700, netwerk.db 600{also} after a start under umask 022"


async def control_characters(stand: Stand) -> str:
    """Attack review #5: an ANSI escape and a bidi override were stored and echoed."""
    before = len(stand.sent_to(COORDINATOR_CHAT))
    await stand.say(COORDINATOR_CHAT, "/contact Kees\x1b[31m Jan\u202esen\x07")
    async with asyncio.timeout(PROCESS_TIMEOUT):
        while len(stand.sent_to(COORDINATOR_CHAT)) == before:
            await stand.api.wait_for_call("sendMessage", len(stand.api.calls_to("sendMessage"))
                                          + 1, timeout=PROCESS_TIMEOUT)
    replies = stand.sent_to(COORDINATOR_CHAT)[before:]
    shown = []
    for reply in replies:
        shown.append(str(reply["text"]))
        markup = reply.get("reply_markup")
        rows = markup.get("inline_keyboard", []) if isinstance(markup, dict) else []
        shown += [str(button.get("text", "")) for row in rows for button in row]
    found = sorted({repr(code) for code in HOSTILE for text in shown if code in text})
    if found:
        raise Broken(f"echoed: {', '.join(found)}")
    if not any("Kees Jansen" in text for text in shown):
        raise Broken(f"the cleaned name is not in the answer: {shown[0][:80]!r}")
    return f"{len(replies)} answer(s) show 'Kees Jansen' without escape or bidi codes"


async def stranger_flood(stand: Stand) -> str:
    """Attack review #7: every stranger's message got an answer (and an audit row)."""
    for number in range(10):
        await stand.say(FLOODING_CHAT, f"Hallo?? {number}")
    # Then a wrong invite code: its answer shows the ten were handled.
    unknown = catalogue.text("nl", "invite_unknown")
    answers = (await stand.answered(FLOODING_CHAT, "/start gok000000000000", unknown))[:-1]
    if answers != [catalogue.text("nl", "refusal")]:
        raise Broken(f"{len(answers)} answers to 10 messages")
    return "10 messages, 1 refusal (a wrong /start code after them is answered as such)"


async def invite_guessing(stand: Stand) -> str:
    """Attack review #7: every `/start <guess>` was answered, without limit."""
    for number in range(7):
        await stand.say(GUESSING_CHAT, f"/start gok{number:012d}")
    # Then a plain message: the day's refusal shows the seven guesses were handled.
    refusal = catalogue.text("nl", "refusal")
    answers = (await stand.answered(GUESSING_CHAT, "hallo?", refusal))[:-1]
    note = catalogue.text("nl", "invite_throttled")
    told = sum(note in answer for answer in answers)
    if len(answers) > 5 or told != 1 or note not in answers[-1]:
        raise Broken(f"{len(answers)} answers to 7 guesses, the note {told} time(s)")
    return (f"7 guesses, {len(answers)} answers (the last with the note), then silence "
            "(a plain message after them gets the refusal)")


async def csv_formula(stand: Stand) -> str:
    """Attack review #3: a name starting with '=' went out as a live spreadsheet formula."""
    source = stand.workdir / "lijst.csv"
    source.write_text("naam;netwerk\r\n" + f"{FORMULA_NAME};formeel\r\n",
                      encoding="utf-8", newline="")
    dry = await stand.cli("import", source, "--dry-run")
    if dry.code != 0 or "naam begint met '='" not in dry.out:
        raise Broken(f"the dry run (exit {dry.code}) does not flag the formula")
    real = await stand.cli("import", source)
    if real.code != 0:
        raise Broken(f"the import failed (exit {real.code}): {_first_line(real.err)}")
    out = stand.workdir / "export"
    export = await stand.cli("export", "--out", out)
    if export.code != 0:
        raise Broken(f"the export failed (exit {export.code}): {_first_line(export.err)}")
    with (out / "contacts.csv").open(encoding="utf-8", newline="") as file:
        names = [row["display_name"] for row in csv.DictReader(file)]
    cells = [name for name in names if FORMULA_NAME in name]
    if cells != [f"'{FORMULA_NAME}"]:
        raise Broken(f"exported as {cells!r}")
    return "flagged in the dry run; exported as '" + FORMULA_NAME


async def backup_tamper(stand: Stand) -> str:
    """Kept from the review: a backup with one byte changed must not be restored."""
    file = stand.workdir / "backup.age"
    made = await stand.cli("backup", "--out", file)
    if made.code != 0:
        raise Broken(f"no backup made (exit {made.code}): {_first_line(made.err)}")
    data = bytearray(file.read_bytes())
    data[len(data) // 2] ^= 0x01
    file.write_bytes(bytes(data))
    before = stand.database.read_bytes()
    run = await stand.cli("restore", "--from", file)
    reason = _refused(run)
    if stand.database.read_bytes() != before:
        raise Broken(f"refused ({reason}), but the database was changed")
    return f"{reason}; the database untouched"


async def audit_reset(stand: Stand) -> str:
    """Attack review #1: delete the audit rows and blank the head, without the key."""
    intact = await stand.cli("audit", "verify")
    if intact.code != 0:
        raise Broken(f"the log was not intact before the attack: {_first_line(intact.out)}")
    with contextlib.closing(sqlite3.connect(stand.database)) as raw, raw:
        raw.execute("DELETE FROM auditevent")
        raw.execute("UPDATE audithead SET entries = 0, hash = '', mac = ''")
    verify = await stand.cli("audit", "verify")
    if verify.code == 0 or "niet ondertekend" not in verify.out:
        raise Broken(f"audit verify exit {verify.code}: {_first_line(verify.out)}")
    start = await stand.cli(timeout=REFUSAL_TIMEOUT)
    refused = _refused(start, "Het auditlog is gewist of teruggezet")
    return (f"'{_first_line(intact.out)}' before; after it audit verify exits {verify.code} "
            f"naming the unsigned start, and the bot will not start ({refused.split(':')[0]})")


# --------------------------------------------------------------------------- the replay


Attack = Callable[[Stand], Awaitable[str]]

ATTACKS: dict[str, str] = {
    "audit reset": "audit rows deleted and the head blanked in the SQLite file",
    "webhook without secret": "TELEGRAM_WEBHOOK_URL set, no TELEGRAM_WEBHOOK_SECRET",
    "weak token": "TELEGRAM_BOT_TOKEN=1",
    "csv formula": "a name starting with '=' imported, then exported",
    "file modes": "data/ and the database after a start under umask 022",
    "control characters": "a coordinator types an ANSI escape and a bidi override",
    "stranger flood": "10 messages from an unknown chat",
    "invite guessing": "7 wrong /start codes from one chat",
    "oversized import": "a CSV with 100,000 columns",
    "backup tamper": "one byte flipped in a backup, then restore",
}


async def attempt(name: str, attack: Attack, stand: Stand) -> Outcome:
    try:
        return Outcome(name, True, await attack(stand))
    except Broken as broken:
        return Outcome(name, False, str(broken))
    except Exception as error:  # the replay could not finish the attack: count it as broken
        return Outcome(name, False, f"the replay failed: {type(error).__name__}: {error}")


async def start_coordinator(stand: Stand) -> asyncio.subprocess.Process:
    """`python -m bot invite`, `python -m bot` and a coordinator who redeems the invite."""
    invite = await stand.cli("invite", "--role", "coordinator")
    links = [line for line in invite.out.splitlines() if "start=" in line]
    if invite.code != 0 or not links:
        raise RuntimeError(f"no invite (exit {invite.code}): {_first_line(invite.err)}")
    token = links[0].split("start=", 1)[1].strip()
    bot = await stand.run_bot()
    await stand.say(COORDINATOR_CHAT, f"/start {token}")
    async with asyncio.timeout(PROCESS_TIMEOUT):
        while not stand.sent_to(COORDINATOR_CHAT):
            if bot.returncode is not None:
                log = (stand.workdir / "bot.log").read_text(errors="replace")
                raise RuntimeError(f"the bot stopped (exit {bot.returncode}): "
                                   f"{_first_line(log)}")
            seen = len(stand.api.calls_to("sendMessage"))
            try:
                await stand.api.wait_for_call("sendMessage", seen + 1, timeout=1.0)
            except TimeoutError:
                continue
    welcome = str(stand.sent_to(COORDINATOR_CHAT)[0]["text"])
    if not welcome.startswith("Welkom"):
        raise RuntimeError(f"the invite was not taken: {welcome[:80]!r}")
    return bot


async def stop(bot: asyncio.subprocess.Process) -> None:
    bot.send_signal(signal.SIGTERM)
    async with asyncio.timeout(PROCESS_TIMEOUT):
        await bot.wait()


async def replay(workdir: Path) -> list[Outcome]:
    """Every attack against one bot in `workdir`, in an order in which none spoils another:
    the chats while the bot runs, the CLI attacks after it stopped, the reset last."""
    outcomes: dict[str, Outcome] = {}
    async with FakeBotApi(token=FAKE_TOKEN) as api:
        stand = Stand(api, workdir)
        stand.data.mkdir(mode=0o755)
        os.chmod(stand.data, 0o755)  # noqa: S103 - the loose folder an operator may have made
        try:
            # Refused starts and the unusable file need no register: alongside the rest.
            side = asyncio.gather(
                attempt("weak token", weak_token, stand),
                attempt("webhook without secret", webhook_without_secret, stand),
                attempt("oversized import", oversized_import, stand),
            )
            chats: tuple[tuple[str, Attack], ...] = (
                ("file modes", file_modes), ("control characters", control_characters),
                ("stranger flood", stranger_flood), ("invite guessing", invite_guessing))
            try:
                bot = await start_coordinator(stand)
            except (RuntimeError, TimeoutError) as error:
                for name, _ in chats:
                    outcomes[name] = Outcome(name, False, f"the bot did not start: {error}")
            else:
                for name, attack in chats:
                    outcomes[name] = await attempt(name, attack, stand)
                await stop(bot)
            for outcome in await side:
                outcomes[outcome.attack] = outcome
            for name, attack in (("csv formula", csv_formula),
                                 ("backup tamper", backup_tamper),
                                 ("audit reset", audit_reset)):
                outcomes[name] = await attempt(name, attack, stand)
        finally:
            await stand.kill_all()
    return [outcomes[name] for name in ATTACKS if name in outcomes]


def main(argv: list[str] | None = None) -> int:
    """Print one line per attack; 0 when every attack held, 1 otherwise (2: no replay)."""
    del argv
    with tempfile.TemporaryDirectory(prefix="attack-replay-") as folder:
        try:
            outcomes = asyncio.run(replay(Path(folder)))
        except Exception as error:
            print(f"The replay could not run: {type(error).__name__}: {error}", file=sys.stderr)
            return 2
    width = max(len(name) for name in ATTACKS)
    for outcome in outcomes:
        print(f"{'held  ' if outcome.held else 'BROKEN'}  {outcome.attack:<{width}}  "
              f"{outcome.reason}")
    missing = [name for name in ATTACKS if name not in {o.attack for o in outcomes}]
    for name in missing:
        print(f"BROKEN  {name:<{width}}  not replayed ({ATTACKS[name]})")
    return 0 if outcomes and all(o.held for o in outcomes) and not missing else 1


if __name__ == "__main__":
    sys.exit(main())
