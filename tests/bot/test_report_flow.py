"""/rapport and /witte-vlekken in the chat, and files sent through every transport."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlmodel import select

from bot.conversation.events import Attachment, Reply
from bot.transports.console import ConsoleTransport
from bot.transports.memory import MemoryTransport
from bot.transports.telegram import TelegramTransport
from core.clock import FakeClock
from storage.engine import Database
from storage.models import AuditEvent, Role
from tests.bot.conftest import Chat, invite, texts
from tests.core.test_reports import NAMES, pdf_text, seed_year
from tests.support.fake_bot_api import FakeBotApi
from tests.telegram.conftest import TOKEN

PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture
def seeded(db: Database) -> Database:
    with db.session() as session:
        seed_year(session, datetime(2026, 11, 29, 12, tzinfo=UTC))
    return db


async def test_a_report_is_sent_as_a_pdf_with_a_summary(seeded: Database, coordinator: Chat
                                                        ) -> None:
    (progress, reply) = await coordinator.say("/rapport kwartaal")

    assert progress.file is None
    assert progress.text.startswith("⏳ Het kwartaalrapport wordt gemaakt")
    assert reply.file is not None
    assert reply.file.mime == "application/pdf"
    assert reply.file.content.startswith(b"%PDF")
    assert reply.file.filename == "rapportage-kwartaal-2026-07.pdf"
    assert reply.protect
    assert "Kwartaalrapportage netwerkregie" in reply.text
    assert "Periode: 1 juli 2026 t/m 30 september 2026" in reply.text
    assert "In deze periode zijn" in reply.text
    for part in {p for name in NAMES for p in name.split() if len(p) > 3}:
        assert part not in reply.text
        assert part not in pdf_text(reply.file.content)


async def test_without_a_period_the_report_offers_buttons(seeded: Database, coordinator: Chat
                                                          ) -> None:
    (question,) = await coordinator.say("/rapport")
    assert question.file is None
    assert question.button_labels() == ["Maand", "Kwartaal", "Jaar", "🔔 Automatisch sturen…"]

    (_, reply) = await coordinator.press("Maand")
    assert reply.file is not None
    assert reply.file.filename == "rapportage-maand-2026-10.pdf"
    assert "Maandrapportage" in reply.text
    (again,) = await coordinator.press("Maand")  # a used button does not make a second one
    assert again.file is None


async def test_the_english_command_gives_an_english_report(seeded: Database, coordinator: Chat
                                                           ) -> None:
    await coordinator.say("/taal en")
    (progress, reply) = await coordinator.say("/report year")
    assert "being made" in progress.text

    assert reply.file is not None
    assert "Annual network coordination report" in reply.text
    assert "signals were recorded" in reply.text


async def test_the_coverage_view_sends_a_picture_and_a_table(seeded: Database,
                                                             coordinator: Chat) -> None:
    for command in ("/witte-vlekken", "/witte_vlekken", "/wittevlekken", "/coverage"):
        (reply,) = await coordinator.say(command)
        assert reply.file is not None
        assert reply.file.mime == "image/png"
        assert reply.file.content.startswith(PNG)
        assert "Witte vlekken" in reply.text or "Blank spots" in reply.text

    (reply,) = await coordinator.say("/witte-vlekken")
    assert "• Almere Stad: F" in reply.text
    assert "gebedshuis – moskee" in reply.text
    assert "gebedshuis – gurdwara" in reply.text
    assert "⚠" in reply.text  # Almere Hout has no contacts at all
    for part in {p for name in NAMES for p in name.split() if len(p) > 3}:
        assert part not in reply.text


async def test_reports_are_audited_without_content(seeded: Database, coordinator: Chat) -> None:
    await coordinator.say("/rapport maand")
    await coordinator.say("/witte-vlekken")
    with seeded.session() as session:
        actions = list(session.exec(select(AuditEvent.action)).all())
    assert "report.made" in actions
    assert "coverage.made" in actions


@pytest.mark.parametrize("role", [Role.COLLEAGUE, Role.PARTNER])
async def test_a_colleague_or_partner_is_refused(
    role: Role, db: Database, clock: FakeClock, chat_as: Callable[[str], Chat]
) -> None:
    chat = chat_as("someone")
    await chat.say(f"/start {invite(db, clock, role)}")
    for command in ("/rapport kwartaal", "/rapport", "/witte-vlekken", "/coverage"):
        (reply,) = await chat.say(command)
        assert reply.file is None
        assert reply.text == "Dat kan ik voor jouw rol niet doen. Typ /help voor wat wel kan."


async def test_the_help_lists_both_commands(coordinator: Chat) -> None:
    help_text = texts(await coordinator.say("/help"))
    assert "/rapport maand|kwartaal|jaar" in help_text
    assert "/witte_vlekken" in help_text


# --- transports ---------------------------------------------------------------------------------

PDF = Attachment("rapport.pdf", b"%PDF-1.4 test", "application/pdf")
PICTURE = Attachment("vlekken.png", PNG + b"test", "image/png")


async def test_the_memory_transport_keeps_the_file_on_the_sent_record() -> None:
    transport = MemoryTransport()
    await transport.send("c1", Reply("Hier is het rapport.", file=PDF))
    assert transport.sent[0].file == PDF


async def test_the_terminal_writes_the_file_and_prints_its_path(tmp_path: Path) -> None:
    output = io.StringIO()
    console = ConsoleTransport(stdin=io.StringIO(""), stdout=output,
                               files_dir=tmp_path / "data" / "reports")
    await console.send("console", Reply("Hier is het rapport.", file=PDF))
    await console.send("console", Reply("Nog een keer.", file=PDF))

    first = tmp_path / "data" / "reports" / "rapport.pdf"
    second = tmp_path / "data" / "reports" / "rapport-2.pdf"
    assert first.read_bytes() == PDF.content
    assert second.read_bytes() == PDF.content
    assert f"📎 {first}" in output.getvalue()
    assert "Hier is het rapport." in output.getvalue()


async def test_telegram_sends_a_pdf_as_a_document_and_a_png_as_a_photo() -> None:
    async with FakeBotApi(token=TOKEN) as api:
        transport = TelegramTransport(TOKEN, base_url=api.base_url)
        await transport.app.initialize()
        try:
            await transport.send("42", Reply("Rapport", protect=True, file=PDF))
            await transport.send("42", Reply("Witte vlekken", protect=True, file=PICTURE))
        finally:
            await transport.app.shutdown()
        (document,) = api.calls_to("sendDocument")
        (photo,) = api.calls_to("sendPhoto")
    assert document.files["document"].content == PDF.content
    assert document.files["document"].filename == "rapport.pdf"
    assert photo.files["photo"].content == PICTURE.content
    assert document.params["protect_content"] in (True, "true", "True")
    assert photo.params["protect_content"] in (True, "true", "True")
    assert api.sent_texts(42) == ["Rapport", "Witte vlekken"]
