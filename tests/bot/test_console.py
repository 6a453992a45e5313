"""The terminal chat: buttons as numbered choices, the same conversation as in Telegram."""

from __future__ import annotations

import asyncio
import io
import os
import subprocess
import sys
from pathlib import Path

from bot.app import App
from bot.transports.console import ConsoleTransport
from core.clock import FakeClock
from storage.engine import Database
from tests.bot.test_cli import SETTINGS_KEYS
from tests.bot.test_visit_flow import FATIMA
from tests.support.keys import TEST_DATA_KEY


async def chat_in_terminal(db: Database, clock: FakeClock, lines: list[str],
                           buttons_file: Path | None = None) -> str:
    output = io.StringIO()
    console = ConsoleTransport(stdin=io.StringIO("".join(f"{line}\n" for line in lines)),
                               stdout=output, buttons_file=buttons_file)
    app = App(db, [console], clock, schedule=False)
    await app.start()
    await asyncio.wait_for(console.closed.wait(), timeout=10)
    await app.stop()
    return output.getvalue()


async def test_a_visit_is_logged_in_the_terminal_by_typing_the_button_number(
    db: Database, clock: FakeClock
) -> None:
    screen = await chat_in_terminal(db, clock, [FATIMA, "1"])

    assert "[1] Opslaan   [2] Wijzigen   [3] Annuleren" in screen
    assert "Opgeslagen. Herinnering op dinsdag 1 december: Terugbellen." in screen


async def test_a_reminder_appears_in_the_terminal_with_its_buttons(
    db: Database, clock: FakeClock
) -> None:
    await chat_in_terminal(db, clock, [FATIMA, "1"])
    clock.advance(days=2)
    output = io.StringIO()
    console = ConsoleTransport(stdin=io.StringIO(""), stdout=output)
    app = App(db, [console], clock, schedule=False)
    await app.start()
    await app.tick()
    await app.stop()

    assert "⏰ Herinnering: Terugbellen" in output.getvalue()
    assert "[1] Gedaan   [2] +1 dag   [3] +1 week" in output.getvalue()


async def test_the_terminal_user_is_a_coordinator_without_any_invite(
    db: Database, clock: FakeClock
) -> None:
    screen = await chat_in_terminal(db, clock, ["/acties"])

    assert "Je hebt geen open vervolgacties." in screen


async def test_a_number_typed_as_an_answer_does_not_press_an_old_button(
    db: Database, clock: FakeClock
) -> None:
    # The card's [1] is Opslaan; after "Wijzigen → Samenvatting" the bot asks for text, and
    # "1" typed there is the new summary, not a press of the old Opslaan.
    screen = await chat_in_terminal(db, clock, [FATIMA, "2", "5", "1"])

    assert "📝 Samenvatting: 1" in screen
    assert "Opgeslagen" not in screen


async def test_an_open_card_survives_a_restart_of_the_terminal_chat(
    db: Database, clock: FakeClock, tmp_path: Path
) -> None:
    buttons = tmp_path / "console-buttons.json"
    first = await chat_in_terminal(db, clock, [FATIMA, "/exit"], buttons)
    assert "[1] Opslaan   [2] Wijzigen   [3] Annuleren" in first
    assert "Fatima" not in buttons.read_text()  # the buttons' ids only, never their labels

    after_restart = await chat_in_terminal(db, clock, ["1"], buttons)

    assert "De knoppen van het laatste bericht werken nog: typ 1–4." in after_restart
    assert "Opgeslagen. Herinnering op dinsdag 1 december: Terugbellen." in after_restart


def run_terminal_chat(workdir: Path, typed: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k.upper() not in SETTINGS_KEYS}
    env.update(TIMEZONE="Europe/Amsterdam", DATA_KEY=TEST_DATA_KEY)
    return subprocess.run(
        [sys.executable, "-m", "bot"], cwd=workdir, env=env, input=typed,
        capture_output=True, text=True, timeout=300, check=False,
    )


def test_exit_right_after_start_or_mid_dialogue_ends_cleanly_without_a_lock_file(
    tmp_path: Path,
) -> None:
    """The real `python -m bot` with its default database, data/netwerk.db: `/exit` as the
    first thing typed, and again with a card open, ends with code 0, no traceback, no lock
    file; the card's numbers still work in the next run."""
    right_away = run_terminal_chat(tmp_path, "/exit\n")
    assert right_away.returncode == 0, right_away.stderr
    assert "Traceback" not in right_away.stderr + right_away.stdout
    assert "CancelledError" not in right_away.stderr + right_away.stdout
    assert (tmp_path / "data" / "netwerk.db").exists()
    assert not (tmp_path / "data" / "netwerk.db.lock").exists()

    mid_dialogue = run_terminal_chat(tmp_path, f"{FATIMA}\n/exit\n")
    assert mid_dialogue.returncode == 0, mid_dialogue.stderr
    assert "Traceback" not in mid_dialogue.stderr
    assert "[1] Opslaan" in mid_dialogue.stdout
    assert not (tmp_path / "data" / "netwerk.db.lock").exists()

    restarted = run_terminal_chat(tmp_path, "1\n")  # end of input: the chat closes too
    assert restarted.returncode == 0, restarted.stderr
    assert "Opgeslagen." in restarted.stdout
    assert not (tmp_path / "data" / "netwerk.db.lock").exists()
