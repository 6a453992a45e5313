"""A partner's own rights through the bot (issue 8): /mijngegevens gives them a copy of what is
kept about them — and nothing about anyone else — also when they never agreed; /verwijderverzoek
and /correctie reach whoever handles them, with buttons into /wissen and the register's edit,
within the legal month; the coordinators' /inzage, /beperken and /wissen stay closed to them."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import text
from sqlmodel import col, select

from bot.app import App
from bot.conversation import texts as catalogue
from bot.conversation.events import Reply
from core.clock import FakeClock
from core.dates import When, format_when
from core.partner_rights import one_month_after
from storage.engine import Database
from storage.models import (
    Area,
    AuditEvent,
    Contact,
    FollowUp,
    Interaction,
    InteractionContact,
    Role,
    Signal,
    SubjectRequest,
    User,
)
from tests.bot.conftest import Chat, invite, texts
from tests.bot.test_partners import fatima, jan, join
from tests.conftest import AMSTERDAM

SHARED_MOMENT = "Overleg met Fatima Bakkali en Jan de Vries over het skatepark; Jan belt de wijk."
JANS_MOMENT = "Gesprek met Jan de Vries over zorgen in zijn straat"
SIGNAL_FACTS = "Buurvrouw van Jan vertelt over ruzie bij het gezin op nummer 12"
FOLLOW_UP = "Fatima terugbellen, samen met Jan de Vries"


def t(key: str, **values: object) -> str:
    return catalogue.text("nl", key, **values)


def user_id(db: Database, external: str) -> int:
    with db.session() as session:
        found = session.exec(select(User).where(User.external_id == external)).one()
        assert found.id is not None
        return found.id


def seed_history(db: Database, clock: FakeClock, fatima_id: int, jan_id: int) -> None:
    """A contact moment with both of them, one with Jan alone, a signal Fatima was the source
    of and a follow-up about her that names Jan."""
    now = clock.now()
    with db.session() as session:
        area = session.exec(select(Area).where(Area.name == "Stad-Oost")).one()
        assert area.id is not None
        for summary, people in ((SHARED_MOMENT, (fatima_id, jan_id)), (JANS_MOMENT, (jan_id,))):
            moment = Interaction(occurred_at=now - timedelta(days=2), summary=summary,
                                 area_id=area.id, created_at=now)
            session.add(moment)
            session.flush()
            assert moment.id is not None
            for person in people:
                session.add(InteractionContact(interaction_id=moment.id, contact_id=person))
        session.add(Signal(observed_on=now.date(), area_id=area.id, category="spanning",
                           facts=SIGNAL_FACTS, interpretation="Loopt mogelijk op",
                           source_type="sleutelfiguur", reliability="betrouwbaar",
                           trend="stabiel", urgency="normaal", source_contact_id=fatima_id,
                           status="nieuw", created_at=now, updated_at=now))
        session.add(FollowUp(title=FOLLOW_UP, contact_id=fatima_id, owner_user_id=user_id(db, "u1"),
                             due_at=now + timedelta(days=7), created_at=now))


def files(replies: list[Reply]) -> tuple[str, dict[str, Any], str]:
    """The readable copy, the parsed JSON copy, and the JSON as written."""
    readable, machine = replies
    assert readable.file is not None
    assert machine.file is not None
    raw = machine.file.content.decode()
    return readable.file.content.decode(), json.loads(raw), raw


async def admin_chat(chat_as: Callable[[str], Chat], db: Database, clock: FakeClock) -> Chat:
    chat = chat_as("boss")
    await chat.say(f"/start {invite(db, clock, Role.ADMIN)}")
    return chat


# --- /mijngegevens -----------------------------------------------------------------------------


async def test_a_partner_gets_their_own_data_as_protected_files_and_nothing_about_others(
    coordinator: Chat, chat_as: Callable[[str], Chat], db: Database, clock: FakeClock
) -> None:
    fatima_id, jan_id = fatima(db, clock), jan(db, clock)
    seed_history(db, clock, fatima_id, jan_id)
    partner = chat_as("p1")
    await join(coordinator, partner, "Fatima Bakkali")

    replies = await partner.say("/mijngegevens")

    readable, document, raw = files(replies)
    assert all(reply.protect for reply in replies)
    assert replies[0].text == t("prr_data_sent", interactions=1, follow_ups=1, signals=1)
    assert replies[1].button_labels() == ["Iets laten corrigeren", "Laten verwijderen"]
    assert readable.startswith("Inzage: wat het netwerkregister van de gemeente over Fatima "
                               "Bakkali bewaart")
    assert document["contact"]["display_name"] == "Fatima Bakkali"
    [moment] = document["interactions"]
    assert moment["summary"] == ("Overleg met Fatima Bakkali en […] over het skatepark; […] "
                                 "belt de wijk.")
    [follow_up] = document["follow_ups"]
    assert follow_up["title"] == "Fatima terugbellen, samen met […]"
    [signal] = document["signals"]
    assert (signal["area"], signal["category"]) == ("Stad-Oost", "spanning")
    for copy in (readable, raw):
        for other in ("Jan", "Vries", JANS_MOMENT, SIGNAL_FACTS, "Loopt mogelijk op",
                      "owner_user_id", "logged_by_user_id"):
            assert other not in copy
    assert t("prr_doc_withheld_signal_content") in readable


async def test_the_copy_is_audited_as_the_partners_own_request_without_content(
    coordinator: Chat, chat_as: Callable[[str], Chat], db: Database, clock: FakeClock
) -> None:
    fatima_id = fatima(db, clock)
    partner = chat_as("p1")
    await join(coordinator, partner, "Fatima Bakkali")

    await partner.say("/mijngegevens")

    with db.session() as session:
        [event] = session.exec(select(AuditEvent)
                               .where(AuditEvent.action == "subject.self_exported")).all()
    assert (event.actor_user_id, event.subject) == (user_id(db, "p1"), f"contact:{fatima_id}")
    assert "Fatima" not in json.dumps(event.model_dump(mode="json"))


async def test_a_partner_who_did_not_agree_still_gets_their_data_and_may_ask_for_erasure(
    coordinator: Chat, chat_as: Callable[[str], Chat], db: Database, clock: FakeClock
) -> None:
    fatima_id = fatima(db, clock)
    partner = chat_as("p1")
    await join(coordinator, partner, "Fatima Bakkali", agree=False)

    readable, document, _raw = files(await partner.say("/mijngegevens"))
    asked = await partner.say("/verwijderverzoek Haal alles weg alstublieft")

    assert document["contact"]["agreed_on"] is None
    assert "Fatima Bakkali" in readable
    today = clock.now().date()
    assert texts(asked) == t("prr_received_erasure", date=_day(today),
                             due=_day(date(2026, 12, 29)))
    with db.session() as session:
        [request] = session.exec(select(SubjectRequest)).all()
    assert (request.contact_id, request.kind, request.text) == (
        fatima_id, "erasure", "Haal alles weg alstublieft")


# --- /verwijderverzoek and /correctie ----------------------------------------------------------


async def test_an_erasure_request_reaches_the_coordinator_and_the_admin_who_can_erase_from_it(
    coordinator: Chat, chat_as: Callable[[str], Chat], db: Database, clock: FakeClock
) -> None:
    fatima_id = fatima(db, clock)
    admin = await admin_chat(chat_as, db, clock)
    partner = chat_as("p1")
    await join(coordinator, partner, "Fatima Bakkali")

    [prompt] = await partner.say("/verwijderverzoek")
    [received] = await partner.say("Ik stop met het netwerk")
    [to_coordinator] = await coordinator.tick()
    [to_admin] = await admin.tick()
    [confirm] = await admin.press("Wissen…")
    [erased] = await admin.press("Ja, definitief wissen")

    assert prompt.button_labels() == ["Versturen zonder toelichting"]
    assert received.text.startswith("Je verwijderverzoek is ontvangen")
    assert "uiterlijk " + _day(date(2026, 12, 29)) in received.text
    assert to_coordinator.text.startswith("📮 Verwijderverzoek van Fatima Bakkali (De Schakel)")
    assert "Toelichting: “Ik stop met het netwerk”" in to_coordinator.text
    assert to_coordinator.protect
    assert to_coordinator.button_labels() == ["Inzage", "Afgehandeld"]
    assert t("prr_admins_erase") in to_coordinator.text
    assert to_admin.button_labels() == ["Wissen…", "Inzage", "Afgehandeld"]
    assert "Fatima Bakkali" in confirm.text
    assert erased.text.startswith("Gewist.")
    with db.session() as session:
        assert session.get(Contact, fatima_id) is None
        [request] = session.exec(select(SubjectRequest)).all()
        partner_user = session.exec(select(User).where(User.external_id == "p1")).one()
    assert (request.contact_id, request.text) == (None, "")  # kept as proof, without content
    assert request.handled_at is not None
    assert partner_user.revoked_at is not None


async def test_the_requests_text_is_sealed_and_the_request_audited_without_it(
    coordinator: Chat, chat_as: Callable[[str], Chat], db: Database, clock: FakeClock
) -> None:
    fatima(db, clock)
    partner = chat_as("p1")
    await join(coordinator, partner, "Fatima Bakkali")

    await partner.say("/correctie Mijn nieuwe nummer is nul zes twaalf")

    with db.session() as session:
        stored = session.execute(text("SELECT text FROM subjectrequest")).scalar_one()
        [event] = session.exec(select(AuditEvent)
                               .where(AuditEvent.action == "partner.correction_requested")).all()
    assert "nummer" not in str(stored)
    assert event.actor_user_id == user_id(db, "p1")
    assert "nummer" not in json.dumps(event.model_dump(mode="json"))


async def test_a_correction_request_opens_the_edit_and_afgehandeld_tells_the_partner_once(
    coordinator: Chat, chat_as: Callable[[str], Chat], db: Database, clock: FakeClock
) -> None:
    fatima(db, clock)
    partner = chat_as("p1")
    await join(coordinator, partner, "Fatima Bakkali")
    await partner.say("/mijngegevens")

    await partner.press("Iets laten corrigeren")
    [received] = await partner.press("Versturen zonder toelichting")
    [incoming] = await coordinator.tick()
    [edit] = await coordinator.press("Corrigeren")
    afgehandeld = incoming.buttons[-1][0].payload
    await coordinator.transport.press_payload(afgehandeld, user="u1")
    done = coordinator.transport.pop("u1")
    await coordinator.transport.press_payload(afgehandeld, user="u1")  # a double press
    again = coordinator.transport.pop("u1")
    told = await partner.tick()

    assert received.text.startswith("Je correctieverzoek is ontvangen")
    assert incoming.button_labels() == ["Corrigeren", "Inzage", "Afgehandeld"]
    assert "Toelichting" not in incoming.text
    assert "Fatima Bakkali" in edit.text
    assert texts(done) == t("prr_done")
    assert texts(again) == t("prr_done_already")
    assert texts(told) == t("prr_handled_correction", date=_day(clock.now().date()))


async def test_a_second_request_while_one_is_open_is_not_sent_again(
    coordinator: Chat, chat_as: Callable[[str], Chat], db: Database, clock: FakeClock
) -> None:
    fatima(db, clock)
    partner = chat_as("p1")
    await join(coordinator, partner, "Fatima Bakkali")

    await partner.say("/verwijderverzoek graag")
    clock.advance(days=3)
    again = await partner.say("/verwijderverzoek nogmaals")
    incoming = await coordinator.tick()

    assert texts(again) == t("prr_already_erasure", date=_day(date(2026, 11, 29)),
                             due=_day(date(2026, 12, 29)))
    assert len(incoming) == 1
    with db.session() as session:
        assert len(session.exec(select(SubjectRequest)).all()) == 1


async def test_a_bsn_in_a_request_is_refused_unkept_and_the_request_can_be_sent_again(
    coordinator: Chat, chat_as: Callable[[str], Chat], db: Database, clock: FakeClock
) -> None:
    fatima(db, clock)
    partner = chat_as("p1")
    await join(coordinator, partner, "Fatima Bakkali")

    refused = await partner.say("/correctie mijn bsn is 111222333")
    with db.session() as session:
        kept = session.exec(select(SubjectRequest)).all()
        audited = session.exec(select(AuditEvent).where(
            col(AuditEvent.action).like("partner.%_requested"))).all()
    resent = await partner.say("Mijn achternaam is verkeerd gespeld")

    assert texts(refused) == t("pt_bsn")
    assert (kept, audited) == ([], [])
    assert texts(resent).startswith("Je correctieverzoek is ontvangen")


# --- who may ------------------------------------------------------------------------------------


async def test_the_coordinators_subject_commands_still_refuse_a_partner_and_vice_versa(
    coordinator: Chat, chat_as: Callable[[str], Chat], db: Database, clock: FakeClock
) -> None:
    fatima(db, clock)
    partner = chat_as("p1")
    await join(coordinator, partner, "Fatima Bakkali")

    refused = [texts(await partner.say(f"{command} Fatima"))
               for command in ("/inzage", "/inzageverzoek", "/beperken", "/wissen", "/erase")]
    staff = [texts(await coordinator.say(command))
             for command in ("/mijngegevens", "/verwijderverzoek", "/correctie")]

    assert set(refused) == {t("not_allowed")}
    assert set(staff) == {t("not_allowed")}


async def test_the_partners_notice_and_help_name_their_rights_commands(
    coordinator: Chat, chat_as: Callable[[str], Chat], db: Database, clock: FakeClock
) -> None:
    fatima(db, clock)
    partner = chat_as("p1")

    notice = texts(await join(coordinator, partner, "Fatima Bakkali", agree=False))
    help_text = texts(await partner.say("/help"))

    for command in ("/mijngegevens", "/correctie", "/verwijderverzoek"):
        assert command in notice
        assert command in help_text


def test_the_legal_term_is_one_calendar_month_ending_on_the_months_last_day_if_need_be(
) -> None:
    assert one_month_after(date(2026, 11, 29)) == date(2026, 12, 29)
    assert one_month_after(date(2026, 12, 15)) == date(2027, 1, 15)
    assert one_month_after(date(2027, 1, 31)) == date(2027, 2, 28)


def _day(day: date) -> str:
    """A date as the bot writes it to a Dutch reader in 2026."""
    noon = datetime.combine(day, time(12), tzinfo=AMSTERDAM)
    return format_when(When(start=noon, grain="day"), "nl", today=date(2026, 11, 29))


# --- the invite link ---------------------------------------------------------------------------


async def test_an_invite_shows_the_telegram_link_with_the_bots_real_name_once_it_is_known(
    app: App, coordinator: Chat, db: Database, clock: FakeClock
) -> None:
    fatima(db, clock)
    await coordinator.say("/uitnodigen Fatima")
    [without] = await coordinator.press("Fatima Bakkali (De Schakel, informeel)")
    jan(db, clock)
    app.conversation.telegram_username = "gemeente_netwerk_bot"
    await coordinator.say("/uitnodigen Jan")
    [made] = await coordinator.press("Jan de Vries (Politie Almere, formeel)")

    token = re.search(r"/start (\S+)", made.text)
    assert token is not None
    assert f"https://t.me/gemeente_netwerk_bot?start={token.group(1)}" in made.text
    assert "t.me" not in without.text
    assert "<" not in without.text + made.text


async def test_a_partners_copy_holds_no_other_persons_name_also_when_not_a_contact(
    coordinator: Chat, chat_as: Callable[[str], Chat], db: Database, clock: FakeClock
) -> None:
    fatima_id = fatima(db, clock)
    now = clock.now()
    with db.session() as session:  # written before the guard: names of people in no register
        moment = Interaction(occurred_at=now - timedelta(days=1), created_at=now,
                             summary="Met Fatima Bakkali en Youssef El Amrani gesproken; "
                                     "Jayden (17) hangt op het plein.")
        session.add(moment)
        session.flush()
        assert moment.id is not None
        session.add(InteractionContact(interaction_id=moment.id, contact_id=fatima_id))
    partner = chat_as("p1")
    await join(coordinator, partner, "Fatima Bakkali")

    readable, document, raw = files(await partner.say("/mijngegevens"))

    [moment_copy] = document["interactions"]
    assert moment_copy["summary"] == ("Met Fatima Bakkali en […] gesproken; […] (17) hangt op "
                                      "het plein.")
    for copy in (readable, raw):
        assert "Youssef" not in copy
        assert "Amrani" not in copy
        assert "Jayden" not in copy


async def test_a_correction_request_keeps_no_other_persons_name_and_says_so(
    coordinator: Chat, chat_as: Callable[[str], Chat], db: Database, clock: FakeClock
) -> None:
    fatima(db, clock)
    partner = chat_as("p1")
    await join(coordinator, partner, "Fatima Bakkali")

    replies = await partner.say("/correctie Mijn naam is goed, maar Youssef El Amrani is "
                                "niet mijn collega. Ik ben moslim.")

    assert texts(replies).startswith(
        "🔒 Niet overgenomen: 1 zin over geloof, afkomst, politiek of gezondheid van een "
        "persoon (“Ik ben moslim.”) en 1 naam, vervangen door een neutraal woord.")
    with db.session() as session:
        stored = session.exec(select(SubjectRequest)).one().text
    assert stored == "Mijn naam is goed, maar [persoon] is niet mijn collega."
