"""Starting the real bot against Telegram: a wrong token is a clear message, not a traceback."""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

from tests.support.fake_bot_api import FakeBotApi


async def test_a_wrong_bot_token_stops_the_bot_with_a_clear_message(tmp_path: Path) -> None:
    async with FakeBotApi() as api:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "MATRIX_"))}
        env |= {
            "TELEGRAM_BOT_TOKEN": "999999:WRONG-token-the-fake-Bot-API-refuses",
            "TELEGRAM_API_BASE_URL": api.base_url,
            "DATABASE_URL": f"sqlite:///{tmp_path / 'netwerk.db'}",
        }
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", env=env, cwd=tmp_path,
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
        )
        _, stderr = await asyncio.wait_for(process.communicate(), timeout=60)

    assert process.returncode == 1
    assert "Telegram refused the bot token" in stderr.decode()
    assert "Traceback" not in stderr.decode()
    assert "WRONG" not in stderr.decode()


async def test_a_webhook_without_a_secret_stops_the_bot_with_the_setting_named(
    tmp_path: Path
) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "MATRIX_"))}
    env |= {
        "TELEGRAM_BOT_TOKEN": "123456:TEST-token-for-the-fake-Bot-API-0000",
        "TELEGRAM_WEBHOOK_URL": "https://bot.example.org/telegram",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'netwerk.db'}",
    }
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", env=env, cwd=tmp_path,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )
    _, stderr = await asyncio.wait_for(process.communicate(), timeout=60)

    assert process.returncode == 2
    assert stderr.decode().startswith("Fout in de instellingen: TELEGRAM_WEBHOOK_URL staat aan "
                                      "zonder TELEGRAM_WEBHOOK_SECRET")
    assert "Traceback" not in stderr.decode()
