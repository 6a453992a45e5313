"""Files on Matrix: reports and pictures are uploaded to the homeserver's media repository and
sent as m.file / m.image; in an encrypted room the homeserver only ever holds ciphertext."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from nio import (
    DownloadResponse,
    RoomEncryptedFile,
    RoomEncryptedImage,
    RoomMessageFile,
    RoomMessageImage,
)
from nio.crypto import decrypt_attachment

from bot.app import App
from tests.matrix.conftest import Dm, MakeHuman
from tests.matrix.synapse import Account

FILES = (RoomMessageFile, RoomMessageImage, RoomEncryptedFile, RoomEncryptedImage)
PNG = b"\x89PNG\r\n\x1a\n"


def files_from_bot(chat: Dm) -> list[Any]:
    return [event for event in chat.human.timeline[chat.room_id]
            if isinstance(event, FILES) and event.sender == chat.bot_id]


async def wait_for_file(chat: Dm) -> Any:
    await chat.human.sync_until(lambda: bool(files_from_bot(chat)))
    (event,) = files_from_bot(chat)
    return event


async def download(chat: Dm, url: str) -> bytes:
    answer = await chat.human.client.download(mxc=url)
    assert isinstance(answer, DownloadResponse), answer
    return bytes(answer.body)


async def test_a_report_arrives_as_a_pdf_file_before_its_text(coordinator: Dm) -> None:
    progress, text = await coordinator.send("!rapport kwartaal", replies=2)
    event = await wait_for_file(coordinator)

    assert str(progress.body).startswith("⏳ Het kwartaalrapport wordt gemaakt")
    assert "Kwartaalrapportage netwerkregie" in str(text.body)
    assert "[1] 📱 Als webpagina (HTML)" in str(text.body)
    assert "nog niet via Matrix" not in str(text.body)
    assert isinstance(event, RoomMessageFile)
    assert event.source["content"]["msgtype"] == "m.file"
    assert event.source["content"]["info"]["mimetype"] == "application/pdf"
    assert event.body == "rapportage-kwartaal-2026-07.pdf"
    timeline = coordinator.human.timeline[coordinator.room_id]
    assert timeline.index(event) < timeline.index(text)  # the file first, then its text
    assert (await download(coordinator, event.url)).startswith(b"%PDF")


async def test_a_picture_is_sent_as_an_image(coordinator: Dm) -> None:
    (text,) = await coordinator.send("!witte-vlekken")
    event = await wait_for_file(coordinator)

    assert "Witte vlekken" in str(text.body)
    assert isinstance(event, RoomMessageImage)
    assert event.source["content"]["msgtype"] == "m.image"
    assert (await download(coordinator, event.url)).startswith(PNG)


async def test_in_an_encrypted_room_the_file_is_encrypted_before_it_is_uploaded(
    app: App, human: MakeHuman, bot_account: Account, invite: Callable[..., str],
) -> None:
    person = await human("secret", encryption=True)
    chat = await person.dm(bot_account.user_id, encrypted=True)
    await chat.send(f"!start {invite()}")

    await chat.send("!rapport maand", replies=2)
    event = await wait_for_file(chat)

    assert isinstance(event, RoomEncryptedFile)
    assert "url" not in event.source["content"]  # the key travels in the encrypted event
    stored = await download(chat, event.url)
    assert not stored.startswith(b"%PDF")  # the homeserver holds ciphertext only
    plain = decrypt_attachment(stored, event.key["k"], event.hashes["sha256"], event.iv)
    assert plain.startswith(b"%PDF")
