"""The attack replay (issue #18): run as an operator runs it, it finds every attack held against
the real bot on the fake Telegram; and its verdicts call a start that went on, or a broken attack,
BROKEN with exit 1."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tools import attack_replay as replay

ROOT = Path(__file__).resolve().parents[1]
HANG_GUARD = 240  # seconds; only reached when the replay hangs, never a performance limit
ATTACKS = (
    "audit reset", "webhook without secret", "weak token", "csv formula", "file modes",
    "control characters", "stranger flood", "invite guessing", "oversized import",
    "backup tamper",
)


@pytest.mark.parametrize(("code", "err", "why"), [
    (None, "", "still running"),
    (0, "", "exit 0: accepted"),
    (2, "Traceback (most recent call last):", "with a traceback"),
    (2, "Fout in de instellingen: DATABASE_URL klopt niet", "'TELEGRAM_BOT_TOKEN' not named"),
])
def test_a_start_that_went_on_or_refused_for_another_reason_is_broken(
        code: int | None, err: str, why: str) -> None:
    with pytest.raises(replay.Broken, match=why):
        replay._refused(replay.Run(code, "", err), "TELEGRAM_BOT_TOKEN")


def test_one_broken_attack_is_printed_as_broken_and_makes_the_exit_code_1(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    async def outcomes(workdir: Path) -> list[replay.Outcome]:
        return [replay.Outcome(name, name != "weak token", "why") for name in ATTACKS[:-1]]

    monkeypatch.setattr(replay, "replay", outcomes)
    code = replay.main()

    lines = capsys.readouterr().out.splitlines()
    assert code == 1
    assert [line.split("  ")[0] for line in lines] == (
        ["held"] * 2 + ["BROKEN"] + ["held"] * (len(ATTACKS) - 4) + ["BROKEN"])
    assert lines[-1].endswith("not replayed (one byte flipped in a backup, then restore)")


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
