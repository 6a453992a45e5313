"""Starting the bot on Matrix: the real `python -m bot`, both transports at once, and clear
messages (not tracebacks) when the homeserver or the credentials are wrong."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import sys
from pathlib import Path

import pytest

from bot.app import chosen_transports
from bot.settings import Settings
from bot.transports.base import TransportStartError
from bot.transports.matrix import MatrixTransport
from bot.transports.telegram import TelegramTransport
from tests.matrix.conftest import Dm, MakeHuman
from tests.matrix.synapse import Account, Synapse, free_port

PROCESS_TIMEOUT = 60.0  # starting Python with the bot's libraries takes a few seconds


async def noop(_incoming: object) -> None:
    return None


def settings(**values: object) -> Settings:
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


def test_telegram_and_matrix_run_together_when_both_are_configured(tmp_path: Path) -> None:
    transports = chosen_transports(settings(
        telegram_bot_token="123456:TEST-token-for-the-fake-Bot-API-0000",
        matrix_homeserver="http://127.0.0.1:8008", matrix_user_id="@bot:localhost",
        matrix_password="a-real-password", matrix_store_dir=tmp_path,
    ))

    assert [type(t) for t in transports] == [TelegramTransport, MatrixTransport]
    assert [t.name for t in transports] == ["telegram", "matrix"]


def test_matrix_without_a_user_or_a_password_is_a_clear_start_error(tmp_path: Path) -> None:
    with pytest.raises(TransportStartError, match="MATRIX_USER_ID"):
        chosen_transports(settings(matrix_homeserver="http://127.0.0.1:8008"))
    with pytest.raises(TransportStartError, match="MATRIX_PASSWORD or MATRIX_ACCESS_TOKEN"):
        chosen_transports(settings(matrix_homeserver="http://127.0.0.1:8008",
                                   matrix_user_id="@bot:localhost"))


async def test_a_wrong_password_is_a_clear_start_error(
    synapse: Synapse, bot_account: Account, tmp_path: Path
) -> None:
    transport = MatrixTransport(synapse.url, bot_account.user_id, password="not-the-password",
                                store_dir=tmp_path / "store")

    with pytest.raises(TransportStartError, match="MATRIX_PASSWORD") as raised:
        await transport.start(noop)

    assert "not-the-password" not in str(raised.value)


async def test_a_wrong_access_token_is_a_clear_start_error(
    synapse: Synapse, bot_account: Account, tmp_path: Path
) -> None:
    transport = MatrixTransport(synapse.url, bot_account.user_id, access_token="syt_wrong",
                                store_dir=tmp_path / "store")

    with pytest.raises(TransportStartError, match="MATRIX_ACCESS_TOKEN"):
        await transport.start(noop)


async def test_an_unreachable_homeserver_is_a_clear_start_error(tmp_path: Path) -> None:
    transport = MatrixTransport(f"http://127.0.0.1:{free_port()}", "@bot:localhost",
                                password="a-real-password", store_dir=tmp_path / "store")

    with pytest.raises(TransportStartError, match="could not be reached"):
        await transport.start(noop)


async def test_a_bot_with_an_access_token_uses_that_tokens_device(
    synapse: Synapse, bot_account: Account, human: MakeHuman, tmp_path: Path
) -> None:
    transport = MatrixTransport(synapse.url, bot_account.user_id,
                                access_token=bot_account.access_token,
                                store_dir=tmp_path / "store")
    seen: list[object] = []

    async def receive(incoming: object) -> None:
        seen.append(incoming)

    await transport.start(receive)
    try:
        person = await human("tokenuser")
        chat = await person.dm(bot_account.user_id)
        await person.send_text(chat.room_id, "hallo")
        async with asyncio.timeout(15):
            while not seen:
                await person.sync(200)
    finally:
        await transport.stop()

    assert transport.device_id
    stored = json.loads((tmp_path / "store" / "matrix-state.json").read_text())
    assert stored["device_id"] == transport.device_id
    assert stored["access_token"] is None  # a configured token is not copied to disk


async def test_python_m_bot_runs_on_matrix_when_the_homeserver_is_set(
    synapse: Synapse, bot_account: Account, human: MakeHuman, tmp_path: Path
) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "MATRIX_"))}
    env |= {
        "DATABASE_URL": f"sqlite:///{tmp_path / 'netwerk.db'}",
        "MATRIX_HOMESERVER": synapse.url,
        "MATRIX_USER_ID": bot_account.user_id,
        "MATRIX_PASSWORD": bot_account.password,
        "MATRIX_STORE_DIR": str(tmp_path / "matrix"),
        "SWEEP_SECONDS": "1",
    }
    invite = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "invite", "--role", "coordinator", env=env, cwd=tmp_path,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )
    out, _ = await asyncio.wait_for(invite.communicate(), timeout=PROCESS_TIMEOUT)
    (line,) = [line for line in out.decode().splitlines() if "/start " in line]
    token = line.rsplit("/start ", 1)[1].strip()

    log = tmp_path / "bot.log"
    with log.open("wb") as output:
        bot = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", env=env, cwd=tmp_path,
            stdin=asyncio.subprocess.DEVNULL, stdout=output, stderr=output,
        )
    try:
        person = await human("newcomer")
        chat = Dm(person, await person.create_room([bot_account.user_id]), bot_account.user_id)
        await person.wait_for_membership(chat.room_id, bot_account.user_id, "join")
        (welcome,) = await chat.send(f"!start {token}")
        bot.send_signal(signal.SIGTERM)
        code = await asyncio.wait_for(bot.wait(), timeout=PROCESS_TIMEOUT)
    finally:
        if bot.returncode is None:
            bot.kill()
            await bot.wait()

    output_text = log.read_text(errors="replace")
    assert str(welcome.body).startswith("Welkom"), output_text
    assert code == 0, output_text
    assert "Traceback" not in output_text
    assert bot_account.password not in output_text
    assert token not in output_text
    assert (tmp_path / "matrix" / "matrix-state.json").stat().st_mode & 0o077 == 0
