"""A file with /informeer (issue 6): the coordinator attaches one file to the message, the
preview names it, and every partner who agreed receives it with the text, protected. The file
is sealed in the database, goes when the message goes, and is never kept in the update
journal."""

from __future__ import annotations

import base64
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from nio import MemoryDownloadResponse, RoomEncryptedFile, RoomMessageFile
from nio.crypto import encrypt_attachment
from sqlalchemy import text
from sqlmodel import select

from bot.conversation import texts as catalogue
from bot.conversation.events import MAX_FILE_BYTES, Incoming, IncomingFile
from bot.conversation.journal import incoming_from_data, incoming_to_data
from bot.transports.matrix import MatrixTransport
from core import partners
from core.access import Identity, redeem_invite
from core.clock import FakeClock
from core.retention import purge
from storage.crypto import is_sealed
from storage.engine import Database
from storage.models import Broadcast, BroadcastFile, Contact, ProcessedUpdate, User
from tests.bot.conftest import Chat, texts
from tests.bot.test_console import chat_in_terminal
from tests.bot.test_partners import INFO, anna, fatima, interactions_of, jan, join

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n" + b"Programma gebiedsavond " * 400
SECRET_LINE = b"Programma gebiedsavond"


def t(key: str, **values: object) -> str:
    return catalogue.text("nl", key, **values)


async def three_partners(coordinator: Chat, chat_as: Callable[[str], Chat], db: Database,
                         clock: FakeClock) -> tuple[int, int, int]:
    """Jan and Fatima agreed; Anna opened her invite but did not agree."""
    ids = jan(db, clock), anna(db, clock), fatima(db, clock)
    await join(coordinator, chat_as("p-jan"), "Jan de Vries")
    await join(coordinator, chat_as("p-anna"), "Anna Jansen", agree=False)
    await join(coordinator, chat_as("p-fatima"), "Fatima Bakkali")
    return ids


async def to_the_file_step(coordinator: Chat) -> None:
    await coordinator.say("/informeer")
    await coordinator.press("Hele stad")
    await coordinator.press("Beide")
    await coordinator.press("Alle typen")
    assert texts(await coordinator.say(INFO)) == t("pt_inform_file_ask")


def stored_files(db: Database) -> list[BroadcastFile]:
    with db.session() as session:
        return list(session.exec(select(BroadcastFile)).all())


async def test_agreed_partners_receive_the_message_with_the_attached_pdf_and_others_nothing(
    coordinator: Chat, chat_as: Callable[[str], Chat], db: Database, clock: FakeClock
) -> None:
    jan_id, anna_id, fatima_id = await three_partners(coordinator, chat_as, db, clock)
    await to_the_file_step(coordinator)

    preview = await coordinator.send_file("programma.pdf", PDF, "application/pdf")
    await coordinator.press("Versturen")
    await coordinator.tick()

    assert texts(preview).startswith("Voorbeeld — dit gaat naar 2 partner(s)")
    assert f"{INFO}\n\n📎 Bijlage: programma.pdf (9 kB)" in texts(preview)
    for partner in ("p-jan", "p-fatima"):
        (received,) = chat_as(partner).transport.pop(partner)
        assert received.text == t("pt_info_out", message=INFO)
        assert received.file is not None
        assert (received.file.filename, received.file.mime) == ("programma.pdf",
                                                                "application/pdf")
        assert received.file.content == PDF
        assert received.protect
    assert chat_as("p-anna").transport.pop("p-anna") == []
    for contact_id in (jan_id, fatima_id):
        (shared,) = interactions_of(db, contact_id)
        assert shared.shared == f"{INFO}\n(bijlage: programma.pdf)"
    assert interactions_of(db, anna_id) == []
    (stored,) = stored_files(db)
    assert stored.broadcast_id is not None  # one copy, for every recipient


async def test_a_file_with_a_caption_is_the_message_and_goes_straight_to_the_preview(
    coordinator: Chat, chat_as: Callable[[str], Chat], db: Database, clock: FakeClock
) -> None:
    await three_partners(coordinator, chat_as, db, clock)
    await coordinator.say("/informeer")
    await coordinator.press("Hele stad")
    await coordinator.press("Beide")
    await coordinator.press("Alle typen")

    preview = await coordinator.send_file("affiche.png", b"\x89PNG\r\n\x1a\n" + b"0" * 3000,
                                          "image/png", caption=INFO)
    await coordinator.press("Versturen")
    await coordinator.tick()

    assert f"{INFO}\n\n📎 Bijlage: affiche.png (3 kB)" in texts(preview)
    (received,) = chat_as("p-jan").transport.pop("p-jan")
    assert received.text == t("pt_info_out", message=INFO)
    assert received.file is not None
    assert received.file.mime == "image/png"


async def test_a_file_without_a_caption_first_asks_for_the_message(
    coordinator: Chat, chat_as: Callable[[str], Chat], db: Database, clock: FakeClock
) -> None:
    await three_partners(coordinator, chat_as, db, clock)
    await coordinator.say("/informeer")
    await coordinator.press("Hele stad")
    await coordinator.press("Beide")
    await coordinator.press("Alle typen")

    asked = await coordinator.send_file("programma.pdf", PDF, "application/pdf")
    preview = await coordinator.say(INFO)

    assert texts(asked) == t("pt_inform_file_text", name="programma.pdf")
    assert "📎 Bijlage: programma.pdf" in texts(preview)


async def test_an_oversized_file_is_refused_clearly_and_the_message_is_kept(
    coordinator: Chat, chat_as: Callable[[str], Chat], db: Database, clock: FakeClock
) -> None:
    await three_partners(coordinator, chat_as, db, clock)
    await to_the_file_step(coordinator)

    refused = await coordinator.send_file("film.pdf", b"%PDF" + b"0" * MAX_FILE_BYTES,
                                          "application/pdf")
    preview = await coordinator.press("Geen bestand")
    await coordinator.press("Versturen")
    await coordinator.tick()

    assert texts(refused).startswith(t("pt_inform_file_too_large", size="10 MB", max="10 MB"))
    assert texts(refused).endswith(t("pt_inform_file_ask"))
    assert f"{INFO}\n\n" in texts(preview)
    assert "Bijlage" not in texts(preview)
    (received,) = chat_as("p-jan").transport.pop("p-jan")
    assert (received.text, received.file) == (t("pt_info_out", message=INFO), None)
    assert stored_files(db) == []


async def test_a_program_is_not_passed_on_to_partners(
    coordinator: Chat, chat_as: Callable[[str], Chat], db: Database, clock: FakeClock
) -> None:
    await three_partners(coordinator, chat_as, db, clock)
    await to_the_file_step(coordinator)

    refused = await coordinator.send_file("setup.exe", b"MZ" + b"0" * 100,
                                          "application/x-msdownload")

    assert texts(refused).startswith(t("pt_inform_file_type"))
    assert stored_files(db) == []


async def test_the_file_is_sealed_in_the_database_and_never_kept_in_the_journal(
    coordinator: Chat, chat_as: Callable[[str], Chat], db: Database, clock: FakeClock
) -> None:
    await three_partners(coordinator, chat_as, db, clock)
    await to_the_file_step(coordinator)
    await coordinator.send_file("programma.pdf", PDF, "application/pdf")

    with db.engine.connect() as connection:
        (name, content), = connection.execute(
            text("SELECT filename, content FROM broadcastfile")).all()
    with db.session() as session:
        journalled = [row.payload for row in session.exec(select(ProcessedUpdate))
                      if row.payload]

    assert is_sealed(name)
    assert is_sealed(content)
    assert "programma" not in name
    assert base64.b64encode(PDF).decode()[:200] not in content
    assert SECRET_LINE.decode() not in content
    (stored,) = stored_files(db)
    assert base64.b64decode(stored.content) == PDF  # opened again through the keyring
    assert journalled == []  # handled: the journal keeps the update id only (core.journal)


async def test_a_file_replayed_from_the_journal_after_a_crash_is_asked_for_again(
    coordinator: Chat, chat_as: Callable[[str], Chat], db: Database, clock: FakeClock
) -> None:
    await three_partners(coordinator, chat_as, db, clock)
    await to_the_file_step(coordinator)
    sent = Incoming("memory", "u1", "u1", update_id="crashed-upload",
                    file=IncomingFile("programma.pdf", "application/pdf", len(PDF), PDF))

    replayed = incoming_from_data(incoming_to_data(sent))
    replies = coordinator.app.conversation.handle(replayed)

    assert replayed.file == IncomingFile("programma.pdf", "application/pdf", len(PDF))
    assert texts(replies).startswith(t("pt_inform_file_lost"))
    assert texts(replies).endswith(t("pt_inform_file_ask"))
    assert stored_files(db) == []


async def test_cancelling_or_choosing_another_file_forgets_the_uploaded_one(
    coordinator: Chat, chat_as: Callable[[str], Chat], db: Database, clock: FakeClock
) -> None:
    await three_partners(coordinator, chat_as, db, clock)
    await to_the_file_step(coordinator)
    await coordinator.send_file("oud.pdf", PDF, "application/pdf")

    preview = await coordinator.send_file("nieuw.pdf", PDF + b"x", "application/pdf")
    kept = [f.filename for f in stored_files(db)]
    await coordinator.press("Annuleren")

    assert "📎 Bijlage: nieuw.pdf" in texts(preview)
    assert kept == ["nieuw.pdf"]
    assert stored_files(db) == []


async def test_a_file_outside_informeer_is_refused_and_not_kept(
    coordinator: Chat, db: Database
) -> None:
    refused = await coordinator.send_file("programma.pdf", PDF, "application/pdf")

    assert texts(refused) == f"{t('pt_file_not_expected')} {t('pt_file_use_inform')}"
    assert stored_files(db) == []


async def test_a_partners_file_is_not_kept_and_they_hear_nothing_about_informeer(
    coordinator: Chat, chat_as: Callable[[str], Chat], db: Database, clock: FakeClock
) -> None:
    await three_partners(coordinator, chat_as, db, clock)

    refused = await chat_as("p-jan").send_file("foto.jpg", b"\xff\xd8\xff" + b"0" * 99,
                                               "image/jpeg")

    assert texts(refused) == t("pt_file_not_expected")
    assert stored_files(db) == []


async def test_the_file_goes_when_the_message_goes_at_the_end_of_its_term(
    coordinator: Chat, chat_as: Callable[[str], Chat], db: Database, clock: FakeClock
) -> None:
    await three_partners(coordinator, chat_as, db, clock)
    await to_the_file_step(coordinator)
    await coordinator.send_file("programma.pdf", PDF, "application/pdf")
    await coordinator.press("Versturen")
    await coordinator.tick()

    clock.advance(days=4 * 366)
    with db.session() as session:
        purge(session, clock.now())

    with db.session() as session:
        assert session.exec(select(Broadcast)).all() == []
    assert stored_files(db) == []


async def test_a_file_left_in_an_abandoned_draft_is_cleaned_up_with_the_draft(
    coordinator: Chat, chat_as: Callable[[str], Chat], db: Database, clock: FakeClock
) -> None:
    await three_partners(coordinator, chat_as, db, clock)
    await to_the_file_step(coordinator)
    await coordinator.send_file("programma.pdf", PDF, "application/pdf")

    clock.advance(days=29)
    with db.session() as session:
        purge(session, clock.now())
    kept = len(stored_files(db))
    clock.advance(days=2)
    with db.session() as session:
        purge(session, clock.now())

    assert kept == 1
    assert stored_files(db) == []


async def test_in_the_terminal_bestand_with_a_path_attaches_that_file(
    db: Database, clock: FakeClock, tmp_path: Path
) -> None:
    contact_id = jan(db, clock)
    with db.session() as session:
        contact = session.get(Contact, contact_id)
        assert contact is not None
        token = partners.invite_partner(session, contact, None, clock.now())
        assert isinstance(token, str)
        partner = redeem_invite(session, token, Identity("memory", "p-jan", "p-jan"), "nl",
                                clock.now())
        assert isinstance(partner, User)
        partners.agree(session, partner, clock.now().date(), clock.now())
    leaflet = tmp_path / "programma avond.pdf"
    leaflet.write_bytes(PDF)

    screen = await chat_in_terminal(db, clock, [
        "/informeer", "1", "3", "1", INFO, f"/bestand {tmp_path}/programma\\ avond.pdf",
        "/bestand /nergens/niets.pdf", "1",
    ])

    assert "📎 Bijlage: programma avond.pdf (9 kB)" in screen
    assert "Geen bestand gevonden op /nergens/niets.pdf." in screen
    assert "Verstuurd naar 1 partner(s)." in screen
    with db.session() as session:
        (stored,) = session.exec(select(BroadcastFile)).all()
    assert stored.broadcast_id is not None
    assert base64.b64decode(stored.content) == PDF


# --- files arriving through Matrix (no homeserver: the media repository is a fake) -------------


@dataclass
class MediaRepository:
    """Stands in for nio's AsyncClient: hands out the files it holds, counts downloads."""

    files: dict[str, bytes]
    downloads: list[str] = field(default_factory=list)

    async def download(self, mxc: str) -> MemoryDownloadResponse:
        self.downloads.append(mxc)
        return MemoryDownloadResponse(self.files[mxc], "application/octet-stream", None)


@dataclass(frozen=True)
class Room:
    room_id: str = "!dm:localhost"


async def matrix_receives(event: Any, repository: MediaRepository, tmp_path: Path
                          ) -> Incoming:
    transport = MatrixTransport("http://127.0.0.1:1", "@bot:localhost", password="pw-for-test",
                                store_dir=tmp_path, reactions=False)
    transport._client = repository
    received: list[Incoming] = []

    async def handle(incoming: Incoming) -> None:
        received.append(incoming)

    transport._on_incoming = handle
    await transport._event(Room(), event)
    (incoming,) = received
    return incoming


def file_event(content: dict[str, Any], kind: type[Any]) -> Any:
    return kind.from_dict({"type": "m.room.message", "event_id": "$upload",
                           "sender": "@coordinator:localhost", "origin_server_ts": 1,
                           "content": {"msgtype": "m.file", **content}})


async def test_a_file_in_an_encrypted_matrix_room_is_downloaded_and_decrypted(
    tmp_path: Path,
) -> None:
    ciphertext, keys = encrypt_attachment(PDF)
    event = file_event({"body": INFO, "filename": "programma.pdf",
                        "info": {"mimetype": "application/pdf", "size": len(PDF)},
                        "file": {**keys, "url": "mxc://localhost/programma",
                                 "mimetype": "application/pdf"}}, RoomEncryptedFile)

    incoming = await matrix_receives(event, MediaRepository(
        {"mxc://localhost/programma": ciphertext}), tmp_path)

    assert incoming.text == INFO  # the body beside a filename is the caption
    assert incoming.file is not None
    assert (incoming.file.filename, incoming.file.mime) == ("programma.pdf", "application/pdf")
    assert incoming.file.content == PDF


async def test_a_matrix_file_announced_over_the_limit_is_not_downloaded(
    tmp_path: Path,
) -> None:
    event = file_event({"body": "film.pdf", "url": "mxc://localhost/film",
                        "info": {"mimetype": "application/pdf",
                                 "size": MAX_FILE_BYTES + 1}}, RoomMessageFile)
    repository = MediaRepository({"mxc://localhost/film": b"%PDF"})

    incoming = await matrix_receives(event, repository, tmp_path)

    assert incoming.file is not None
    assert incoming.file.too_large
    assert incoming.file.content is None
    assert repository.downloads == []
