"""`/status` for admins and `python -m bot status`; and the coordinator is told what could not
be delivered (once, never about that notice itself)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, timedelta
from importlib.metadata import version
from pathlib import Path

import pytest
from sqlmodel import Session, col, select

from bot.conversation import texts as catalogue
from bot.transports.base import SendError
from bot.transports.memory import MemoryTransport
from core import outbox
from core.access import DENIED
from core.clock import FakeClock, SystemClock
from core.status import LAST_SWEEP, record_job_failure, record_sweep, store_status
from storage.engine import Database, make_engine
from storage.models import AuditEvent, JobRun, Outbox, Role, User
from tests.bot.conftest import Chat, invite, texts
from tests.bot.test_cli import Bot
from tests.bot.test_visit_flow import FATIMA

AT_TEN = FATIMA.replace("dinsdag", "dinsdag om 10 uur")
VERSION = version("netwerkregie-bot")


@pytest.fixture
async def admin(chat_as: Callable[[str], Chat], db: Database, clock: FakeClock) -> Chat:
    chat = chat_as("admin-1")
    await chat.say(f"/start {invite(db, clock, Role.ADMIN)}")
    chat.transport.pop(chat.user)
    return chat


def memory_of(chat: Chat) -> MemoryTransport:
    return chat.transport


def user_id(db: Database, external_id: str) -> int:
    with db.session() as session:
        user = session.exec(select(User).where(User.external_id == external_id)).one()
        assert user.id is not None
        return user.id


def notices(db: Database) -> list[Outbox]:
    with db.session() as session:
        return list(session.exec(select(Outbox).where(Outbox.kind == outbox.UNDELIVERED)).all())


# --- /status -----------------------------------------------------------------------------


async def test_an_admin_sees_version_database_connections_last_sweep_and_backlog(
    admin: Chat, db: Database, clock: FakeClock
) -> None:
    await admin.tick()  # a round of due work: the sweep is recorded
    clock.advance(minutes=3)
    with db.session() as session:  # one message waits, one was given up on an hour ago
        owner = user_id(db, "admin-1")
        outbox.enqueue(session, user_id=owner, kind="test.waiting", ref_id=None,
                       dedupe_key="waiting", now=clock.now())
        session.add(Outbox(user_id=owner, kind="outbox.undelivered", ref_id=None,
                           dedupe_key="failed", created_at=clock.now(), not_before=clock.now(),
                           attempts=8, failed_at=clock.now() - timedelta(hours=1)))

    (reply,) = await admin.say("/status")

    backend = db.engine.dialect.name
    expected = [
        "Status van de bot",
        f"Versie: {VERSION}",
        f"Database: {'SQLite' if backend == 'sqlite' else 'PostgreSQL'}",
        "Verbonden (dit proces): memory",
        *(["Een proces haalt Telegram op (gekozen via de database): nee"]
          if backend == "postgresql" else []),
        "Laatste ronde langs wat er moet gebeuren: 29-11-2026 14:00:00 (3 min geleden)",
        "Vaste taken (herinneringen, overzichten, rapporten, ...): geen fouten",
        "Te versturen berichten: 1 (waarvan 0 na een mislukte poging)",
        "Niet bezorgd: 1 in de laatste 24 uur, 1 in totaal",
        "Geweigerd (onbekende accounts, ongeldige uitnodigingen, niet toegestaan voor de rol): "
        "0 in de laatste 24 uur",
    ]
    assert reply.text.splitlines() == expected
    assert db.engine.url.render_as_string(hide_password=False) not in reply.text


async def test_status_is_for_admins_only(coordinator: Chat) -> None:
    assert texts(await coordinator.say("/status")) == catalogue.text("nl", "not_allowed")


async def test_a_partner_probing_coordinator_commands_is_counted_for_the_admin(
    admin: Chat, chat_as: Callable[[str], Chat], db: Database, clock: FakeClock
) -> None:
    partner = chat_as("p-probe")
    await partner.say(f"/start {invite(db, clock, Role.PARTNER)}")
    for command in ("/contact Fatima", "/signalen", "/rapport kwartaal", "/gebruikers"):
        assert texts(await partner.say(command)) == catalogue.text("nl", "not_allowed")
    await chat_as("stranger-1").say("hallo")
    await chat_as("stranger-2").say("/start geen-geldige-code")

    (reply,) = await admin.say("/status")

    assert reply.text.splitlines()[-1] == (
        "Geweigerd (onbekende accounts, ongeldige uitnodigingen, niet toegestaan voor de rol): "
        "6 in de laatste 24 uur")
    with db.session() as session:
        denied = session.exec(select(AuditEvent).where(AuditEvent.action == DENIED)).all()
    assert sorted(e.subject for e in denied) == ["command:contact", "command:gebruikers",
                                                 "command:rapport", "command:signalen"]
    assert all("Fatima" not in str(e.detail) for e in denied)


def test_every_sweep_moves_the_last_sweep_forward_never_back(
    db: Database, clock: FakeClock
) -> None:
    with db.session() as session:
        assert store_status(session, clock.now()).last_sweep is None
        record_sweep(session, clock.now())
    later = clock.advance(seconds=30)
    with db.session() as session:
        record_sweep(session, later)
        record_sweep(session, later - timedelta(seconds=10))  # a slower process's sweep
    with db.session() as session:
        assert store_status(session, later).last_sweep == later
        assert len(session.exec(select(JobRun).where(JobRun.key == LAST_SWEEP)).all()) == 1


def test_the_command_line_status_says_whether_the_bot_is_sweeping(tmp_path: Path) -> None:
    bot = Bot(tmp_path)
    missing = bot("status")
    assert missing.code == 2
    assert "nog geen database" in missing.err

    assert bot("migrate").code == 0
    idle = bot("status")
    assert idle.code == 1, idle.err
    assert idle.out.splitlines()[:4] == [
        "Status van de bot", f"Versie: {VERSION}", "Database: SQLite", "Ingesteld: geen",
    ]
    assert "Laatste ronde langs wat er moet gebeuren: nog geen" in idle.out

    engine = make_engine(bot.database_url)
    with Session(engine) as session:
        record_sweep(session, SystemClock(UTC).now())
        session.commit()
    engine.dispose()
    running = bot("status")
    assert running.code == 0, running.out
    assert "Te versturen berichten: 0 (waarvan 0 na een mislukte poging)" in running.out
    assert "x.db" not in running.out

    engine = make_engine(bot.database_url)
    with Session(engine) as session:  # the bot sweeps, but its digest job keeps failing
        record_job_failure(session, "digest", "OperationalError", SystemClock(UTC).now())
        session.commit()
    engine.dispose()
    failing = bot("status")
    assert failing.code == 1, failing.out
    assert "LET OP: taak ‘ochtendoverzicht’ mislukt, 1 keer op rij sinds" in failing.out


# --- what could not be delivered --------------------------------------------------------


async def reminder_due_at_ten(chat: Chat, clock: FakeClock) -> None:
    """A visit with a follow-up on Tuesday 10:00; the morning digest went out at 08:30."""
    await chat.say(AT_TEN)
    await chat.press("Opslaan")
    clock.advance(days=1, hours=18, minutes=30)
    await chat.tick()
    clock.advance(hours=1, minutes=30)


async def test_a_reminder_given_up_after_all_retries_is_reported_to_its_owner_once(
    coordinator: Chat, clock: FakeClock, db: Database
) -> None:
    await reminder_due_at_ten(coordinator, clock)
    for _ in range(outbox.MAX_ATTEMPTS):  # the chat service is down for a while
        memory_of(coordinator).fail_next(SendError("network: TimedOut"))
    for _ in range(outbox.MAX_ATTEMPTS):
        assert await coordinator.tick() == []
        clock.advance(minutes=20)

    (notice,) = await coordinator.tick()

    assert notice.text == (
        "⚠️ Ik kon je herinnering “Terugbellen” niet bezorgen: het versturen mislukte steeds. "
        "Met /acties zie je wat er nog openstaat."
    )
    assert await coordinator.tick() == []
    assert len(notices(db)) == 1


async def test_no_notice_goes_to_a_chat_that_refused_its_own_reminder(
    coordinator: Chat, clock: FakeClock, db: Database
) -> None:
    await reminder_due_at_ten(coordinator, clock)
    memory_of(coordinator).fail_next(SendError("blocked by the user", permanent=True))

    assert await coordinator.tick() == []
    clock.advance(minutes=20)
    assert await coordinator.tick() == []
    assert notices(db) == []


async def test_a_message_sent_on_someones_behalf_that_was_blocked_is_reported_to_the_sender(
    coordinator: Chat, chat_as: Callable[[str], Chat], db: Database, clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    partner = chat_as("p1")
    await partner.say(f"/start {invite(db, clock, Role.PARTNER)}")
    sender, recipient = user_id(db, "u1"), user_id(db, "p1")
    monkeypatch.setitem(outbox.OWNERS, "test.on_behalf", lambda _session, _row: sender)
    with db.session() as session:
        outbox.enqueue(session, user_id=recipient, kind="test.on_behalf", ref_id=None,
                       dedupe_key="on-behalf", now=clock.now())
        row = session.exec(select(Outbox).where(Outbox.dedupe_key == "on-behalf")).one()
        outbox.mark_failed(session, row, clock.now(), "blocked by the user")
        outbox.mark_failed(session, row, clock.now(), "blocked by the user")  # a second process

    (notice,) = await coordinator.tick()

    assert notice.text == (
        "⚠️ Ik kon een bericht van zondag 29 november niet bezorgen aan een partner: de "
        "ontvanger heeft de bot geblokkeerd."
    )
    assert [n.user_id for n in notices(db)] == [sender]


async def test_a_notice_that_cannot_be_delivered_brings_no_notice_about_itself(
    coordinator: Chat, clock: FakeClock, db: Database
) -> None:
    await reminder_due_at_ten(coordinator, clock)
    for _ in range(2 * outbox.MAX_ATTEMPTS):  # down long enough for the notice to fail too
        memory_of(coordinator).fail_next(SendError("network: TimedOut"))
    for _ in range(2 * outbox.MAX_ATTEMPTS):
        assert await coordinator.tick() == []
        clock.advance(minutes=20)

    with db.session() as session:
        failed = session.exec(select(Outbox).where(col(Outbox.failed_at).is_not(None))).all()
    assert sorted(row.kind for row in failed) == ["follow_up.reminder", outbox.UNDELIVERED]
    assert len(notices(db)) == 1
    assert await coordinator.tick() == []


async def test_no_notice_about_a_reminder_whose_follow_up_was_done_meanwhile(
    coordinator: Chat, clock: FakeClock, db: Database
) -> None:
    await reminder_due_at_ten(coordinator, clock)
    for _ in range(outbox.MAX_ATTEMPTS):
        memory_of(coordinator).fail_next(SendError("network: TimedOut"))
    for _ in range(outbox.MAX_ATTEMPTS):
        await coordinator.tick()
        clock.advance(minutes=20)
    await coordinator.say("/acties")
    await coordinator.press("✓ 1 gedaan")

    assert await coordinator.tick() == []
    with db.session() as session:
        (notice,) = session.exec(select(Outbox).where(Outbox.kind == outbox.UNDELIVERED)).all()
        assert notice.sent_at is not None  # settled without a message

