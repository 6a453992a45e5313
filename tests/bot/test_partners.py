"""Partners on the bot (issue 6): invited for a contact, they agree first, ask questions that a
coordinator answers with Beantwoorden, and receive the information sent with /informeer —
nothing at all before they agreed, and never a coordinator's view of the register."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlmodel import col, select

from bot.conversation import dispatcher
from bot.conversation import texts as catalogue
from bot.conversation.events import Reply
from bot.transports.base import SendError
from core.clock import FakeClock
from core.contacts import create_contact, create_organisation
from core.permissions import can
from storage.engine import Database, make_engine
from storage.models import (
    Area,
    Broadcast,
    BroadcastRecipient,
    Contact,
    Initiative,
    Interaction,
    InteractionContact,
    InteractionKind,
    Invite,
    Network,
    PartnerQuestion,
    Role,
    User,
)
from tests.bot.conftest import Chat, invite, texts
from tests.bot.test_cli import Bot
from tests.conftest import AMSTERDAM
from tests.support.keys import TEST_KEYRING

QUESTION = "Kan de gemeente meedenken over een avond over online polarisatie?"
ANSWER = "Ja, graag. Ik bel je donderdag om een datum te prikken."
INFO = "De gebiedsavond van 10 december gaat door in buurthuis De Schakel, 19:30."


def t(key: str, **values: object) -> str:
    return catalogue.text("nl", key, **values)


def area_id(db: Database, name: str) -> int:
    with db.session() as session:
        found = session.exec(select(Area).where(Area.name == name)).one()
        assert found.id is not None
        return found.id


def add_contact(db: Database, clock: FakeClock, name: str, network: Network, org: str,
                org_type: str, area: str, owner: str | None = None) -> int:
    with db.session() as session:
        owner_id = None
        if owner is not None:
            owner_id = session.exec(select(User).where(User.external_id == owner)).one().id
        organisation = create_organisation(session, name=org, type_code=org_type,
                                           network=network, now=clock.now())
        area_row = session.exec(select(Area).where(Area.name == area)).one()
        assert area_row.id is not None
        contact = create_contact(session, name=name, network=network, now=clock.now(),
                                 organisation_id=organisation.id, area_ids=[area_row.id],
                                 owner_user_id=owner_id)
        assert contact.id is not None
        return contact.id


def fatima(db: Database, clock: FakeClock, owner: str | None = "u1") -> int:
    """An informal key figure at a community centre in Stad-Oost, owned by the coordinator."""
    return add_contact(db, clock, "Fatima Bakkali", Network.INFORMAL, "De Schakel", "buurthuis",
                       "Stad-Oost", owner)


def jan(db: Database, clock: FakeClock) -> int:
    """A formal partner at the police in Stad-Oost."""
    return add_contact(db, clock, "Jan de Vries", Network.FORMAL, "Politie Almere", "politie",
                       "Stad-Oost")


def anna(db: Database, clock: FakeClock) -> int:
    """A formal partner at a school in Almere Haven."""
    return add_contact(db, clock, "Anna Jansen", Network.FORMAL, "OBS De Werf", "school",
                       "Haven-Centrum")


def token_in(replies: list[Reply]) -> str:
    found = re.search(r"/start (\S+)", texts(replies))
    assert found is not None, texts(replies)
    return found.group(1)


async def join(coordinator: Chat, partner: Chat, name: str, *, agree: bool = True
               ) -> list[Reply]:
    """The coordinator invites `name` from the register; the partner opens the invite and,
    when `agree`, presses Akkoord. Returns what the partner saw on opening it."""
    await coordinator.say(f"/uitnodigen {name}")
    made = await coordinator.press(next(label for label in _labels(coordinator)
                                        if label.startswith(name)))
    notice = await partner.say(f"/start {token_in(made)}")
    if agree:
        assert texts(await partner.press("Akkoord")).startswith("Dank je")
    return notice


def _labels(chat: Chat) -> list[str]:
    last = [s.reply for s in chat.transport.sent if s.chat_id == chat.user and s.reply.buttons]
    return last[-1].button_labels()


def contact(db: Database, contact_id: int) -> Contact:
    with db.session() as session:
        found = session.get(Contact, contact_id)
        assert found is not None
        return found


def interactions_of(db: Database, contact_id: int) -> list[Interaction]:
    with db.session() as session:
        return list(session.exec(
            select(Interaction)
            .join(InteractionContact,
                  col(InteractionContact.interaction_id) == col(Interaction.id))
            .where(InteractionContact.contact_id == contact_id)
        ).all())


def recipients(db: Database) -> dict[int, str]:
    with db.session() as session:
        return {r.contact_id: r.status for r in session.exec(select(BroadcastRecipient)).all()}


async def inform(coordinator: Chat, area: str, network: str, org_type: str, message: str
                 ) -> list[Reply]:
    """Walk /informeer to the preview: area, network, organisation type, the text, and no
    file."""
    await coordinator.say("/informeer")
    await coordinator.press(area)
    await coordinator.press(network)
    await coordinator.press(org_type)
    asked = await coordinator.say(message)
    assert texts(asked) == t("pt_inform_file_ask")
    return await coordinator.press("Geen bestand")


# --- onboarding ----------------------------------------------------------------------------


async def test_an_invited_partner_reads_what_is_recorded_and_why_before_agreeing(
    coordinator: Chat, chat_as: Callable[[str], Chat], db: Database, clock: FakeClock
) -> None:
    contact_id = fatima(db, clock)
    partner = chat_as("p1")

    notice = await join(coordinator, partner, "Fatima Bakkali", agree=False)

    text = texts(notice)
    assert text.startswith("Welkom, Fatima. Deze bot is van de gemeente.")
    for said in ("Wat we over je vastleggen", "Waarom", "bewaren we 3 jaar",
                 "2 jaar na het laatste contact", "een kopie", "verwijderen",
                 "Zonder akkoord sturen we je niets"):
        assert said in text
    assert notice[-1].button_labels() == ["Akkoord"]
    assert contact(db, contact_id).agreed_on is None
    with db.session() as session:
        user = session.exec(select(User).where(User.external_id == "p1")).one()
    assert (user.role, user.contact_id) == (Role.PARTNER, contact_id)


async def test_pressing_akkoord_records_the_agreement_date_on_the_contact_once(
    coordinator: Chat, chat_as: Callable[[str], Chat], db: Database, clock: FakeClock
) -> None:
    contact_id = fatima(db, clock)
    partner = chat_as("p1")
    await join(coordinator, partner, "Fatima Bakkali", agree=False)

    agreed = await partner.press("Akkoord")
    clock.advance(days=2)
    again = await partner.press("Akkoord")

    assert texts(agreed).startswith("Dank je, je akkoord is vastgelegd")
    assert texts(again).startswith("Je had al ingestemd op")
    stored = contact(db, contact_id)
    assert stored.agreed_on == date(2026, 11, 29)
    assert stored.informed_on == date(2026, 11, 29)


async def test_uitnodigen_without_a_name_asks_for_one_and_offers_the_matches_as_buttons(
    coordinator: Chat, db: Database, clock: FakeClock
) -> None:
    fatima(db, clock)
    jan(db, clock)

    asked = await coordinator.say("/uitnodigen")
    nobody = await coordinator.say("Pietersen")
    offered = await coordinator.say("Fatma")

    assert texts(asked) == t("pt_invite_ask")
    assert texts(nobody) == t("pt_invite_none", name="Pietersen")
    assert offered[-1].button_labels() == ["Fatima Bakkali (De Schakel, informeel)"]


async def test_a_double_pressed_invite_button_makes_one_invite_for_the_contact(
    coordinator: Chat, db: Database, clock: FakeClock
) -> None:
    contact_id = fatima(db, clock)
    await coordinator.say("/uitnodigen Fatima")

    first = await coordinator.press("Fatima Bakkali (De Schakel, informeel)")
    second = await coordinator.press("Fatima Bakkali (De Schakel, informeel)")

    assert "/start " in texts(first)
    assert first[0].protect
    assert texts(second) == t("already_handled")
    with db.session() as session:
        invites = session.exec(select(Invite).where(Invite.role == Role.PARTNER)).all()
    assert [i.contact_id for i in invites] == [contact_id]


def test_the_command_line_makes_a_partner_invite_for_a_contact(tmp_path: Path) -> None:
    bot = Bot(tmp_path)
    assert bot("migrate").code == 0
    database = Database(make_engine(bot.database_url), TEST_KEYRING)
    with database.session() as session:
        made = create_contact(session, name="Jan de Vries", network=Network.FORMAL,
                              now=datetime(2026, 11, 29, 14, tzinfo=AMSTERDAM))
        contact_id = made.id

    printed = bot("invite", "--role", "partner", "--contact", str(contact_id))
    unknown = bot("invite", "--role", "partner", "--contact", "999")
    wrong_role = bot("invite", "--role", "coordinator", "--contact", str(contact_id))

    assert printed.code == 0
    assert "start=" in printed.out
    assert (unknown.code, "bestaat niet" in unknown.err) == (1, True)
    assert wrong_role.code == 2
    with database.session() as session:
        invites = session.exec(select(Invite)).all()
    database.engine.dispose()
    assert [(i.role, i.contact_id) for i in invites] == [(Role.PARTNER, contact_id)]


# --- a partner sees only what is theirs ------------------------------------------------------


async def test_every_coordinator_command_answers_a_partner_with_the_polite_refusal(
    coordinator: Chat, chat_as: Callable[[str], Chat], db: Database, clock: FakeClock
) -> None:
    fatima(db, clock)
    partner = chat_as("p1")
    await join(coordinator, partner, "Fatima Bakkali")
    staff_only = [c for c in dispatcher.COMMANDS
                  if not can(Role.PARTNER, c.capability) and can(Role.COORDINATOR, c.capability)]

    answers = {c.names[0]: texts(await partner.say(f"/{c.names[0]} Fatima"))
               for c in staff_only}
    typed = await partner.say("Net bij Jan de Vries geweest, volgende week terugbellen")

    assert {"informeer", "uitnodigen", "contact", "kort", "bezoek"} <= set(answers)
    assert set(answers.values()) == {t("not_allowed")}
    assert texts(typed) == t("help_partner")


async def test_a_partner_cannot_press_a_button_the_coordinator_was_given(
    coordinator: Chat, chat_as: Callable[[str], Chat], db: Database, clock: FakeClock
) -> None:
    fatima(db, clock)
    partner = chat_as("p1")
    await join(coordinator, partner, "Fatima Bakkali")
    await coordinator.say("/informeer")
    payload = [s.reply for s in coordinator.transport.sent if s.chat_id == "u1"][-1]

    await partner.transport.press_payload(payload.buttons[0][0].payload, user="p1")

    assert texts(partner.transport.pop("p1")) == t("stale_button")


# --- /vraag --------------------------------------------------------------------------------


async def test_a_partners_question_is_answered_through_the_bot_and_logged_as_their_contact(
    coordinator: Chat, chat_as: Callable[[str], Chat], db: Database, clock: FakeClock
) -> None:
    contact_id = fatima(db, clock)
    partner = chat_as("p1")
    await join(coordinator, partner, "Fatima Bakkali")

    asked = await partner.say("/vraag")
    sent = await partner.say(QUESTION)
    (incoming,) = await coordinator.tick()
    prompt = await coordinator.press("Beantwoorden")
    done = await coordinator.say(ANSWER)
    (answer,) = await partner.tick()

    assert texts(asked) == t("pt_question_ask")
    assert texts(sent) == t("pt_question_sent")
    assert incoming.text == f"❓ Vraag van Fatima Bakkali (De Schakel):\n“{QUESTION}”"
    assert incoming.button_labels() == ["Beantwoorden"]
    assert texts(prompt) == t("pt_answer_ask", name="Fatima Bakkali")
    assert texts(done) == t("pt_answer_sent", name="Fatima Bakkali")
    assert answer.text == t("pt_answer_out", question=QUESTION, answer=ANSWER)
    (logged,) = interactions_of(db, contact_id)
    assert (logged.initiated_by, logged.kind) == (Initiative.THEM, InteractionKind.ONLINE)
    assert (logged.asked, logged.shared) == (QUESTION, ANSWER)


async def test_a_question_typed_after_the_command_is_sent_at_once(
    coordinator: Chat, chat_as: Callable[[str], Chat], db: Database, clock: FakeClock
) -> None:
    fatima(db, clock)
    partner = chat_as("p1")
    await join(coordinator, partner, "Fatima Bakkali")

    sent = await partner.say(f"/vraag {QUESTION}")

    assert texts(sent) == t("pt_question_sent")
    assert QUESTION in texts(await coordinator.tick())


async def test_a_double_pressed_beantwoorden_and_a_second_answer_send_one_answer(
    coordinator: Chat, chat_as: Callable[[str], Chat], db: Database, clock: FakeClock
) -> None:
    contact_id = fatima(db, clock)
    partner = chat_as("p1")
    await join(coordinator, partner, "Fatima Bakkali")
    await partner.say(f"/vraag {QUESTION}")
    await coordinator.tick()

    first = await coordinator.press("Beantwoorden")
    second = await coordinator.press("Beantwoorden")
    await coordinator.say(ANSWER)
    late = await coordinator.press("Beantwoorden")

    assert texts(first) == texts(second) == t("pt_answer_ask", name="Fatima Bakkali")
    assert texts(late).startswith("Deze vraag is al beantwoord")
    assert len(await partner.tick()) == 1
    assert len(interactions_of(db, contact_id)) == 1


async def test_without_an_owner_every_coordinator_gets_the_question_and_one_answer_counts(
    coordinator: Chat, chat_as: Callable[[str], Chat], db: Database, clock: FakeClock
) -> None:
    contact_id = fatima(db, clock, owner=None)
    second = chat_as("u2")
    await second.say(f"/start {invite(db, clock)}")
    partner = chat_as("p1")
    await join(coordinator, partner, "Fatima Bakkali")
    await partner.say(f"/vraag {QUESTION}")
    await coordinator.tick()

    await coordinator.press("Beantwoorden")
    await second.press("Beantwoorden")
    await coordinator.say(ANSWER)
    too_late = await second.say("Ik pak dit op.")

    assert texts(too_late).startswith("Deze vraag is al beantwoord")
    assert [r.text for r in await partner.tick()] == [
        t("pt_answer_out", question=QUESTION, answer=ANSWER)]
    with db.session() as session:
        question = session.exec(select(PartnerQuestion)).one()
        answered_by = session.get(User, question.answered_by_user_id)
    assert answered_by is not None
    assert answered_by.external_id == "u1"
    assert len(interactions_of(db, contact_id)) == 1


async def test_a_partner_who_did_not_agree_gets_the_notice_instead_of_asking(
    coordinator: Chat, chat_as: Callable[[str], Chat], db: Database, clock: FakeClock
) -> None:
    fatima(db, clock)
    partner = chat_as("p1")
    await join(coordinator, partner, "Fatima Bakkali", agree=False)

    refused = await partner.say(f"/vraag {QUESTION}")

    assert texts(refused).startswith("Welkom, Fatima.")
    assert refused[-1].button_labels() == ["Akkoord"]
    assert await coordinator.tick() == []
    with db.session() as session:
        assert session.exec(select(PartnerQuestion)).all() == []


# --- /informeer ----------------------------------------------------------------------------


async def test_informeer_previews_the_count_and_reaches_only_partners_who_agreed(
    coordinator: Chat, chat_as: Callable[[str], Chat], db: Database, clock: FakeClock
) -> None:
    jan_id, anna_id, fatima_id = jan(db, clock), anna(db, clock), fatima(db, clock)
    await join(coordinator, chat_as("p-jan"), "Jan de Vries")
    await join(coordinator, chat_as("p-anna"), "Anna Jansen", agree=False)
    await join(coordinator, chat_as("p-fatima"), "Fatima Bakkali")

    preview = await inform(coordinator, "Hele stad", "Beide", "Alle typen", INFO)
    sent = await coordinator.press("Versturen")
    await coordinator.tick()

    assert texts(preview).startswith(
        "Voorbeeld — dit gaat naar 2 partner(s) (hele stad, beide, alle typen):")
    assert texts(sent).startswith("Verstuurd naar 2 partner(s).")
    assert texts(chat_as("p-jan").transport.pop("p-jan")) == t("pt_info_out", message=INFO)
    assert chat_as("p-anna").transport.pop("p-anna") == []
    assert recipients(db) == {jan_id: "delivered", fatima_id: "delivered"}
    for contact_id in (jan_id, fatima_id):
        (shared,) = interactions_of(db, contact_id)
        assert (shared.shared, shared.initiated_by) == (INFO, Initiative.US)
    assert interactions_of(db, anna_id) == []
    results = await coordinator.press("Resultaat")
    assert "• aangekomen: 2" in texts(results)


async def test_the_segment_narrows_by_area_network_and_organisation_type(
    coordinator: Chat, chat_as: Callable[[str], Chat], db: Database, clock: FakeClock
) -> None:
    jan(db, clock)
    anna(db, clock)
    fatima(db, clock)
    for user, name in (("p-jan", "Jan de Vries"), ("p-anna", "Anna Jansen"),
                       ("p-fatima", "Fatima Bakkali")):
        await join(coordinator, chat_as(user), name)

    formal_in_stad = await inform(coordinator, "Almere Stad", "Formeel netwerk", "Alle typen",
                                  INFO)
    schools = await inform(coordinator, "Hele stad", "Beide", "school / onderwijs", INFO)

    assert "naar 1 partner(s) (Almere Stad, formeel, alle typen)" in texts(formal_in_stad)
    assert "naar 1 partner(s) (hele stad, beide, school / onderwijs)" in texts(schools)


async def test_a_segment_without_agreed_partners_is_said_before_any_text_is_asked(
    coordinator: Chat, chat_as: Callable[[str], Chat], db: Database, clock: FakeClock
) -> None:
    anna(db, clock)
    await join(coordinator, chat_as("p-anna"), "Anna Jansen", agree=False)

    await coordinator.say("/informeer")
    await coordinator.press("Hele stad")
    await coordinator.press("Beide")
    nobody = await coordinator.press("Alle typen")

    assert texts(nobody) == t("pt_inform_nobody")


async def test_a_double_pressed_versturen_sends_the_message_once(
    coordinator: Chat, chat_as: Callable[[str], Chat], db: Database, clock: FakeClock
) -> None:
    jan(db, clock)
    await join(coordinator, chat_as("p-jan"), "Jan de Vries")
    await inform(coordinator, "Hele stad", "Beide", "Alle typen", INFO)

    await coordinator.press("Versturen")
    again = await coordinator.press("Versturen")
    await coordinator.tick()

    assert texts(again) == t("pt_inform_gone")
    assert len(chat_as("p-jan").transport.pop("p-jan")) == 1
    with db.session() as session:
        assert len(session.exec(select(Broadcast)).all()) == 1


async def test_delivery_keeps_per_recipient_whether_it_arrived_or_the_bot_was_blocked(
    coordinator: Chat, chat_as: Callable[[str], Chat], db: Database, clock: FakeClock
) -> None:
    jan_id, anna_id = jan(db, clock), anna(db, clock)
    await join(coordinator, chat_as("p-jan"), "Jan de Vries")
    await join(coordinator, chat_as("p-anna"), "Anna Jansen")
    await inform(coordinator, "Hele stad", "Beide", "Alle typen", INFO)
    await coordinator.press("Versturen")

    coordinator.transport.fail_next(SendError("blocked by the user", permanent=True))
    await coordinator.tick()

    assert recipients(db) == {jan_id: "blocked", anna_id: "delivered"}
    assert interactions_of(db, jan_id) == []
    assert [i.shared for i in interactions_of(db, anna_id)] == [INFO]
    results = texts(await coordinator.press("Resultaat"))
    assert "• aangekomen: 1" in results
    assert "• bot geblokkeerd: 1" in results


async def test_a_partner_whose_agreement_ended_before_delivery_receives_nothing(
    coordinator: Chat, chat_as: Callable[[str], Chat], db: Database, clock: FakeClock
) -> None:
    jan_id = jan(db, clock)
    partner = chat_as("p-jan")
    await join(coordinator, partner, "Jan de Vries")
    await inform(coordinator, "Hele stad", "Beide", "Alle typen", INFO)
    await coordinator.press("Versturen")
    with db.session() as session:  # withdrawn between sending and delivery
        stored = session.get(Contact, jan_id)
        assert stored is not None
        stored.agreed_on = None
        session.add(stored)

    await coordinator.tick()

    assert partner.transport.pop("p-jan") == []
    assert recipients(db) == {jan_id: "skipped"}
    assert interactions_of(db, jan_id) == []


async def test_crisis_mode_goes_at_once_at_night_while_ordinary_news_waits_for_the_morning(
    coordinator: Chat, chat_as: Callable[[str], Chat], db: Database, clock: FakeClock
) -> None:
    jan(db, clock)
    partner = chat_as("p-jan")
    await join(coordinator, partner, "Jan de Vries")
    clock.set(datetime(2026, 11, 29, 22, 30, tzinfo=AMSTERDAM))

    await inform(coordinator, "Hele stad", "Beide", "Alle typen", INFO)
    queued = await coordinator.press("Versturen")
    await inform(coordinator, "Hele stad", "Beide", "Alle typen", "Wijk afgesloten, blijf weg.")
    await coordinator.press("Dringend versturen")
    await coordinator.tick()
    at_night = partner.transport.pop("p-jan")
    clock.set(datetime(2026, 11, 30, 8, 0, tzinfo=AMSTERDAM))
    await coordinator.tick()
    in_the_morning = partner.transport.pop("p-jan")

    assert "maandag 30 november om 08:00" in texts(queued)
    assert [r.text for r in at_night] == [
        t("pt_info_out_urgent", message="Wijk afgesloten, blijf weg.")]
    assert [r.text for r in in_the_morning] == [t("pt_info_out", message=INFO)]


@pytest.mark.parametrize("command", ["/informeer", "/uitnodigen Jan"])
async def test_a_colleague_may_neither_inform_nor_invite_partners(
    command: str, chat_as: Callable[[str], Chat], db: Database, clock: FakeClock
) -> None:
    colleague = chat_as("c1")
    await colleague.say(f"/start {invite(db, clock, Role.COLLEAGUE)}")

    assert texts(await colleague.say(command)) == t("not_allowed")
