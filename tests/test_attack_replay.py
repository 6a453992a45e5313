"""The attack replay (issue #18) runs end to end against the real bot on the fake Telegram and
finds every attack held: tools/attack_replay.py as an operator runs it, exit code and lines."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
HANG_GUARD = 240  # seconds; only reached when the replay hangs, never a performance limit
ATTACKS = (
    "audit reset", "webhook without secret", "weak token", "csv formula", "file modes",
    "control characters", "stranger flood", "invite guessing", "oversized import",
    "backup tamper",
)


@pytest.mark.slow
def test_the_attack_replay_finds_every_attack_held_and_exits_0() -> None:
    done = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, str(ROOT / "tools" / "attack_replay.py")], cwd=ROOT,
        capture_output=True, text=True, timeout=HANG_GUARD, check=False,
    )

    lines = done.stdout.splitlines()
    assert done.returncode == 0, done.stdout + done.stderr
    assert [line.split("  ")[0].strip() for line in lines] == ["held"] * len(ATTACKS)
    assert [line[8:].split("  ")[0].strip() for line in lines] == list(ATTACKS)
    assert "BROKEN" not in done.stdout
    assert "Traceback" not in done.stderr
