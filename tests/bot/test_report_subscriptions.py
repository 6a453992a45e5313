"""Reports in the chat: "being made" first, the PDF with an HTML button, and automatic
delivery to chosen users on the first working day of the period."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlmodel import select

from core.clock import FakeClock
from storage.engine import Database
from storage.models import Outbox, Role, User
from tests.bot.conftest import Chat, invite, texts

TZ = ZoneInfo("Europe/Amsterdam")
FRIDAY = datetime(2026, 12, 18, 15, 0, tzinfo=TZ)
FIRST_WORKING_DAY = datetime(2027, 1, 4, 9, 0, tzinfo=TZ)  # 1 January is a holiday


async def join(chat_as: Callable[[str], Chat], db: Database, clock: FakeClock, name: str,
               role: Role) -> Chat:
    chat = chat_as(name)
    await chat.say(f"/start {invite(db, clock, role)}")
    return chat


def user_number(db: Database, external_id: str) -> int:
    with db.session() as session:
        user = session.exec(select(User).where(User.external_id == external_id)).one()
        assert user.id is not None
        return user.id


async def test_the_report_says_it_is_being_made_then_sends_the_pdf_with_choices(
    coordinator: Chat,
) -> None:
    progress, report = await coordinator.say("/rapport kwartaal")

    assert progress.file is None
    assert progress.text == "⏳ Het kwartaalrapport wordt gemaakt; het komt zo als PDF."
    assert report.file is not None
    assert report.file.mime == "application/pdf"
    assert report.button_labels() == ["📱 Als webpagina (HTML)",
                                      "🔔 elk kwartaal automatisch sturen"]


async def test_the_html_button_sends_the_same_report_as_a_web_page(coordinator: Chat) -> None:
    _, report = await coordinator.say("/rapport maand")
    assert report.file is not None

    progress, page = await coordinator.press("📱 Als webpagina (HTML)")

    assert progress.text.startswith("⏳ De webpagina wordt gemaakt")
    assert page.file is not None
    assert page.file.mime == "text/html"
    assert page.file.filename == "rapportage-maand-2026-10.html"
    assert page.protect
    html = page.file.content.decode("utf-8")
    assert "Maandrapportage netwerkregie" in html
    assert html.count("<svg") == 4
    assert "Periode: 1 oktober 2026 t/m 31 oktober 2026" in page.text
    (again,) = await coordinator.press("📱 Als webpagina (HTML)")  # used: no second page
    assert again.file is None


async def test_subscribed_on_a_friday_the_report_arrives_on_the_first_working_day_once(
    coordinator: Chat, clock: FakeClock, db: Database,
) -> None:
    clock.set(FRIDAY)
    await coordinator.say("/rapport kwartaal")
    (answer,) = await coordinator.press("🔔 elk kwartaal automatisch sturen")
    assert "jij krijgt het rapport voortaan elk kwartaal automatisch" in answer.text
    assert "maandag 4 januari" in answer.text

    clock.set(datetime(2027, 1, 1, 10, 0, tzinfo=TZ))  # New Year's Day
    assert await coordinator.tick() == []
    clock.set(datetime(2027, 1, 4, 8, 59, tzinfo=TZ))
    assert await coordinator.tick() == []
    clock.set(FIRST_WORKING_DAY)
    (report,) = await coordinator.tick()
    assert report.file is not None
    assert report.file.filename == "rapportage-kwartaal-2026-10.pdf"
    assert "Periode: 1 oktober 2026 t/m 31 december 2026" in report.text
    assert "Je krijgt dit rapport automatisch, elk kwartaal" in report.text
    assert "🔕 Niet meer automatisch sturen" in report.button_labels()

    clock.advance(minutes=1)
    assert await coordinator.tick() == []  # ticking again sends nothing more
    clock.advance(days=3)
    assert await coordinator.tick() == []
    with db.session() as session:
        assert len(session.exec(select(Outbox).where(Outbox.kind == "report.file")).all()) == 2


async def test_an_admin_chooses_who_receives_it_and_a_demoted_user_gets_nothing(
    chat_as: Callable[[str], Chat], clock: FakeClock, db: Database,
) -> None:
    admin = await join(chat_as, db, clock, "admin", Role.ADMIN)
    holder = await join(chat_as, db, clock, "wethouder", Role.COORDINATOR)
    colleague = await join(chat_as, db, clock, "collega", Role.COLLEAGUE)
    number = user_number(db, "wethouder")
    clock.set(FRIDAY)

    (overview,) = await admin.say("/rapport abonneer")
    assert "Nog niemand." in overview.text
    (choose,) = await admin.press("Iemand toevoegen…")
    labels = choose.button_labels()
    assert f"gebruiker {number} (netwerkregisseur)" in labels
    assert not any("collega" in label for label in labels)  # may not see reports
    (period,) = await admin.press(f"gebruiker {number} (netwerkregisseur)")
    assert period.button_labels() == ["Maand", "Kwartaal", "Jaar"]
    (done,) = await admin.press("Kwartaal")
    assert f"gebruiker {number} (netwerkregisseur) krijgt het rapport voortaan" in done.text
    (overview,) = await admin.say("/rapport abonneer")
    assert f"• gebruiker {number} (netwerkregisseur): elk kwartaal" in overview.text

    with db.session() as session:  # the role changes before the quarter starts
        user = session.get(User, number)
        assert user is not None
        user.role = Role.COLLEAGUE
        session.add(user)
    clock.set(FIRST_WORKING_DAY)
    assert await holder.tick() == []
    assert await admin.tick() == []
    assert await colleague.tick() == []
    (overview,) = await admin.say("/rapport abonneer")
    assert "Nog niemand." in overview.text


async def test_the_button_under_a_scheduled_report_stops_it(coordinator: Chat,
                                                            clock: FakeClock) -> None:
    clock.set(FRIDAY)
    await coordinator.say("/rapport abonneer")
    await coordinator.press("🔔 elk kwartaal automatisch sturen")
    clock.set(FIRST_WORKING_DAY)
    (report,) = await coordinator.tick()
    assert report.file is not None

    (stopped,) = await coordinator.press("🔕 Niet meer automatisch sturen")
    assert stopped.text == "Gestopt: jij krijgt het rapport niet meer elk kwartaal automatisch."
    (gone,) = await coordinator.press("🔕 Niet meer automatisch sturen")
    assert gone.text == "Dat automatisch sturen was al gestopt."
    clock.set(datetime(2027, 4, 1, 9, 0, tzinfo=TZ))
    assert await coordinator.tick() == []


async def test_a_colleague_cannot_subscribe_or_see_the_list(
    chat_as: Callable[[str], Chat], clock: FakeClock, db: Database,
) -> None:
    colleague = await join(chat_as, db, clock, "collega", Role.COLLEAGUE)
    (reply,) = await colleague.say("/rapport abonneer")
    assert "niet doen" in texts([reply])
