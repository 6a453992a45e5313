"""/overleg in the chat: planning a gebiedsoverleg with buttons, the agenda proposal and the
partners' reminder sent once, logging the meeting afterwards, a colleague's limits, partners
refused, and calling off one date. Now is Sunday 29 November 2026, 14:00 in Amsterdam."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlmodel import select

from bot.conversation import texts as catalogue
from core.clock import FakeClock
from storage.engine import Database
from storage.models import (
    FollowUp,
    Interaction,
    InteractionContact,
    InteractionKind,
    Meeting,
    MeetingInvitee,
    Network,
    Role,
)
from tests.bot.conftest import Chat, invite, texts
from tests.bot.test_partners import fatima, jan, join
from tests.conftest import AMSTERDAM


def t(key: str, **values: object) -> str:
    return catalogue.text("nl", key, **values)


async def plan(chat: Chat, invitees: list[str]) -> list[str]:
    """Plan the Stad-Oost meeting: every 4 weeks from Tuesday 8 December, 19:30."""
    await chat.say("/overleg")
    await chat.press("Nieuw overleg")
    await chat.press("Almere Stad")
    await chat.press("Stad-Oost")
    await chat.press("Elke 4 weken")
    await chat.say("dinsdag 8 december om 19:30")
    offered = await chat.say("buurthuis De Schakel")
    for name in invitees:
        await chat.press(f"+ {name}")
    card = await chat.press("Klaar")
    saved = await chat.press("Opslaan")
    return [offered[0].text, *offered[0].button_labels(), texts(card), texts(saved)]


async def test_a_coordinator_plans_a_meeting_with_buttons_and_invitees(
    coordinator: Chat, db: Database, clock: FakeClock
) -> None:
    fatima(db, clock)
    jan(db, clock)

    _offered, *rest = await plan(coordinator, ["Fatima Bakkali", "Jan de Vries"])
    card, saved = rest[-2], rest[-1]

    assert "+ Fatima Bakkali" in rest
    assert "+ Jan de Vries" in rest
    assert "elke 4 weken op dinsdag om 19:30" in card
    assert "buurthuis De Schakel" in card
    assert saved.startswith("Gepland: gebiedsoverleg Stad-Oost")
    with db.session() as session:
        meeting = session.exec(select(Meeting)).one()
        invited = session.exec(select(MeetingInvitee)).all()
        assert (meeting.every_weeks, meeting.first_on.isoformat(), str(meeting.at_time)) == (
            4, "2026-12-08", "19:30:00")
        assert meeting.place == "buurthuis De Schakel"
        assert len(invited) == 2
    listed = texts(await coordinator.say("/overleg"))
    assert "Stad-Oost: elke 4 weken op dinsdag om 19:30" in listed


async def test_the_agenda_proposal_arrives_once_with_the_open_follow_ups_of_the_area(
    coordinator: Chat, db: Database, clock: FakeClock
) -> None:
    jan(db, clock)
    await plan(coordinator, ["Jan de Vries"])
    await coordinator.say("Vandaag gesproken met Jan de Vries in Stad-Oost. "
                          "Vrijdag 4 december terugbellen over de buurtavond.")
    await coordinator.press("Opslaan")
    clock.set(datetime(2026, 12, 4, 9, 5, tzinfo=AMSTERDAM))

    first = await coordinator.tick()
    second = await coordinator.tick()

    agendas = [r for r in first if r.text.startswith("Agenda-voorstel")]
    assert len(agendas) == 1
    assert "Open vervolgacties in dit gebied (1)" in agendas[0].text
    assert "• Terugbellen over de buurtavond — vrijdag 4 december" in agendas[0].text
    assert "Spanningsbeeld: nog niet vastgesteld" in agendas[0].text
    assert not [r for r in second if r.text.startswith("Agenda-voorstel")]


async def test_a_partner_invitee_gets_the_date_and_a_reminder_once(
    coordinator: Chat, chat_as: Callable[[str], Chat], db: Database, clock: FakeClock
) -> None:
    fatima(db, clock)
    partner = chat_as("p1")
    await join(coordinator, partner, "Fatima Bakkali")
    await plan(coordinator, ["Fatima Bakkali"])

    dated = texts(await partner.tick()) + texts(await partner.tick())
    clock.set(datetime(2026, 12, 7, 20, 0, tzinfo=AMSTERDAM))
    reminded = await partner.tick()
    again = await partner.tick()

    assert dated == t("mt_invitation", area="Stad-Oost", when="dinsdag 8 december om 19:30",
                      place=", buurthuis De Schakel")
    assert texts(reminded) == t("mt_reminder", area="Stad-Oost",
                                when="dinsdag 8 december om 19:30",
                                place=", buurthuis De Schakel")
    assert again == []


async def test_a_partner_who_has_not_agreed_gets_nothing(
    coordinator: Chat, chat_as: Callable[[str], Chat], db: Database, clock: FakeClock
) -> None:
    fatima(db, clock)
    partner = chat_as("p1")
    await join(coordinator, partner, "Fatima Bakkali", agree=False)
    await plan(coordinator, ["Fatima Bakkali"])

    assert await partner.tick() == []


async def test_after_the_meeting_one_short_flow_logs_attendance_decisions_and_actions(
    coordinator: Chat, db: Database, clock: FakeClock
) -> None:
    fatima_id = fatima(db, clock)
    jan(db, clock)
    await plan(coordinator, ["Fatima Bakkali", "Jan de Vries"])
    clock.set(datetime(2026, 12, 8, 22, 0, tzinfo=AMSTERDAM))

    prompts = [r for r in await coordinator.tick() if r.text.startswith("Het gebiedsoverleg")]
    await coordinator.press("Vastleggen")
    await coordinator.press("Fatima Bakkali")
    await coordinator.press("Verder")
    await coordinator.say("Buurtavond over het skatepark in januari")
    card = await coordinator.say("Jongerenwerk uitnodigen, vrijdag\nVerslag rondsturen")
    dated = await coordinator.press("Over 2 weken")
    saved = await coordinator.press("Opslaan")
    twice = await coordinator.tick()

    assert len(prompts) == 1
    assert "Aanwezig: Fatima Bakkali" in texts(card)
    assert "• Jongerenwerk uitnodigen — vrijdag 11 december" in texts(card)
    assert "• Verslag rondsturen — nog geen datum" in texts(card)
    assert "Opslaan" not in card[0].button_labels()
    assert "• Verslag rondsturen — dinsdag 22 december" in texts(dated)
    assert texts(saved).startswith("Vastgelegd: gebiedsoverleg Stad-Oost")
    assert not [r for r in twice if r.text.startswith("Het gebiedsoverleg")]
    with db.session() as session:
        interaction = session.exec(select(Interaction).where(
            Interaction.kind == InteractionKind.GEBIEDSOVERLEG)).one()
        people = session.exec(select(InteractionContact.contact_id).where(
            InteractionContact.interaction_id == interaction.id)).all()
        follow_ups = session.exec(select(FollowUp).where(
            FollowUp.interaction_id == interaction.id)).all()
        assert list(people) == [fatima_id]
        assert interaction.summary == "Buurtavond over het skatepark in januari"
        assert sorted(f.title for f in follow_ups) == ["Jongerenwerk uitnodigen",
                                                       "Verslag rondsturen"]


async def test_an_action_without_a_date_is_asked_for_and_a_typed_date_read(
    coordinator: Chat, db: Database, clock: FakeClock
) -> None:
    fatima(db, clock)
    await plan(coordinator, ["Fatima Bakkali"])
    clock.set(datetime(2026, 12, 8, 22, 0, tzinfo=AMSTERDAM))
    await coordinator.tick()
    await coordinator.press("Vastleggen")
    await coordinator.press("Fatima Bakkali")
    await coordinator.press("Verder")
    await coordinator.say("Buurtavond over het skatepark")
    [card] = await coordinator.say("Verslag rondsturen")

    prompt = await coordinator.press("Zelf typen")
    [unreadable] = await coordinator.say("zodra het kan")
    [dated] = await coordinator.say("vr 9u30")

    assert card.text.endswith(
        "Wanneer? Kies wanneer je “Verslag rondsturen” wilt doen, of typ het zelf.")
    assert card.button_labels() == ["Morgen", "Overmorgen", "Volgende week", "Over 2 weken",
                                    "Zelf typen", "Annuleren"]
    assert texts(prompt).startswith("Wanneer wil je “Verslag rondsturen” doen?")
    assert unreadable.text.startswith("Dat kan ik niet als datum lezen.")
    assert "• Verslag rondsturen — vrijdag 11 december om 09:30" in dated.text
    assert dated.button_labels() == ["Opslaan", "Annuleren"]
    with db.session() as session:
        assert session.exec(select(FollowUp)).first() is None


async def test_a_colleague_is_offered_only_formal_contacts(
    chat_as: Callable[[str], Chat], db: Database, clock: FakeClock
) -> None:
    colleague = chat_as("c1")
    await colleague.say(f"/start {invite(db, clock, Role.COLLEAGUE)}")
    fatima(db, clock, owner=None)
    jan(db, clock)

    _offered, *labels = await plan(colleague, ["Jan de Vries"])
    searched = await colleague.say("/overleg")

    assert "+ Jan de Vries" in labels
    assert not any("Fatima" in label for label in labels)
    assert "Stad-Oost" in texts(searched)


async def test_a_partner_cannot_plan_or_see_meetings(
    coordinator: Chat, chat_as: Callable[[str], Chat], db: Database, clock: FakeClock
) -> None:
    fatima(db, clock)
    partner = chat_as("p1")
    await join(coordinator, partner, "Fatima Bakkali")

    assert texts(await partner.say("/overleg")) == t("not_allowed")


async def test_calling_off_one_date_tells_the_partner_the_next_date_and_skips_its_agenda(
    coordinator: Chat, chat_as: Callable[[str], Chat], db: Database, clock: FakeClock
) -> None:
    fatima(db, clock)
    partner = chat_as("p1")
    await join(coordinator, partner, "Fatima Bakkali")
    await plan(coordinator, ["Fatima Bakkali"])
    await partner.tick()  # the date of 8 December

    await coordinator.say("/overleg")
    await coordinator.press("Stad-Oost")
    called_off = await coordinator.press("dinsdag 8 december afzeggen")
    told = await partner.tick()
    clock.set(datetime(2026, 12, 4, 9, 5, tzinfo=AMSTERDAM))
    agenda = await coordinator.tick()

    assert texts(called_off).startswith("Afgezegd: gebiedsoverleg Stad-Oost")
    assert [r.text for r in told] == [  # and the next date takes its place
        t("mt_cancelled_out", area="Stad-Oost", when="dinsdag 8 december om 19:30"),
        t("mt_invitation", area="Stad-Oost", when="dinsdag 5 januari 2027 om 19:30",
          place=", buurthuis De Schakel")]
    assert not [r for r in agenda if r.text.startswith("Agenda-voorstel")]


async def test_the_agenda_proposal_names_a_recent_survey_in_the_area_in_counts_only(
    coordinator: Chat, db: Database, clock: FakeClock
) -> None:
    from tests.core.test_report_render import INJECTED, add_partners, run_round

    with db.session() as session:
        add_partners(session, 10, Network.INFORMAL, "Stad-Oost", clock.now())
        run_round(session, datetime(2026, 10, 20, 9, 0, tzinfo=AMSTERDAM))
    await plan(coordinator, [])
    clock.set(datetime(2026, 12, 4, 9, 5, tzinfo=AMSTERDAM))

    [agenda] = [r.text for r in await coordinator.tick() if r.text.startswith("Agenda-voorstel")]

    assert "Recente peilingen onder partners hier:" in agenda
    assert ("• Behoeftepeiling (gesloten dinsdag 3 november): informeel 10 van 10 reageerden; "
            "meest gekozen: Ja, elke maand") in agenda
    for name in INJECTED:
        assert name.split()[0] not in agenda
