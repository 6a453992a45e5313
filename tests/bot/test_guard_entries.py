"""The one guard on every other way text enters the register (design §2.7): signals, meeting
notes, survey answers, /vraag and its answer, /informeer. What is not kept is said in one line;
a minor's name is never said back."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlmodel import select

from core.clock import FakeClock
from storage.engine import Database
from storage.models import (
    Broadcast,
    FollowUp,
    Interaction,
    InteractionKind,
    PartnerQuestion,
    Signal,
    SurveyAnswer,
)
from tests.bot.conftest import Chat, texts
from tests.bot.test_area_meetings import plan
from tests.bot.test_partners import fatima, jan, join
from tests.bot.test_signal_flow import SKATEPARK
from tests.bot.test_surveys import answer_all, start_round
from tests.conftest import AMSTERDAM

STRUCK = ("🔒 Niet overgenomen: 1 zin over geloof, afkomst, politiek of gezondheid van een "
          "persoon (“Hij is moslim.”)")


async def test_a_signal_keeps_no_special_category_sentence_and_says_so(
    coordinator: Chat, db: Database,
) -> None:
    [question] = await coordinator.say(f"/signaal {SKATEPARK} Hij is moslim.")
    await coordinator.press("Overslaan")
    await coordinator.press("2 · oplopende spanningen")
    await coordinator.press("Opslaan")

    assert question.text.startswith(STRUCK + ".")
    with db.session() as session:
        [signal] = session.exec(select(Signal)).all()
    assert signal.facts == SKATEPARK


async def test_a_minor_named_in_a_signal_is_replaced_also_after_niet_een_naam(
    coordinator: Chat, db: Database,
) -> None:
    await coordinator.say("/signaal Bij het skatepark in Stad-Oost zijn jongeren vaak aanwezig, "
                          "ook Jayden (15).")
    [question] = await coordinator.press("Dit is geen naam — zo gebruiken")
    await coordinator.press("Overslaan")
    await coordinator.press("2 · oplopende spanningen")
    await coordinator.press("Opslaan")

    assert "Jayden" not in question.text
    assert question.text.startswith("🔒 Niet overgenomen: 1 naam")
    with db.session() as session:
        [signal] = session.exec(select(Signal)).all()
    assert signal.facts == ("Bij het skatepark in Stad-Oost zijn jongeren vaak aanwezig, ook "
                            "[jongere] (15).")


async def test_meeting_notes_keep_the_invitees_names_and_no_one_elses(
    coordinator: Chat, db: Database, clock: FakeClock
) -> None:
    fatima(db, clock)
    jan(db, clock)
    await plan(coordinator, ["Fatima Bakkali", "Jan de Vries"])
    clock.set(datetime(2026, 12, 8, 22, 0, tzinfo=AMSTERDAM))
    await coordinator.tick()
    await coordinator.press("Vastleggen")
    await coordinator.press("Fatima Bakkali")
    await coordinator.press("Verder")

    decided = await coordinator.say("Fatima organiseert een buurtavond met Youssef El Amrani. "
                                    "Zijn vrouw is depressief.")
    await coordinator.say("Jan de Vries belt Youssef El Amrani, vrijdag")
    await coordinator.press("Opslaan")

    assert texts(decided).startswith("🔒 Niet overgenomen: 1 zin")
    with db.session() as session:
        meeting = session.exec(select(Interaction).where(
            Interaction.kind == InteractionKind.GEBIEDSOVERLEG)).one()
        [follow_up] = session.exec(select(FollowUp).where(
            FollowUp.interaction_id == meeting.id)).all()
    assert meeting.summary == "Fatima organiseert een buurtavond met [persoon]."
    assert follow_up.title == "Jan de Vries belt [persoon]"


async def test_an_open_survey_answer_keeps_no_name_and_no_special_category(
    coordinator: Chat, chat_as: Callable[[str], Chat], db: Database, clock: FakeClock
) -> None:
    fatima(db, clock)
    partner = chat_as("p1")
    await join(coordinator, partner, "Fatima Bakkali")
    await start_round(coordinator)
    await partner.tick()

    said = await answer_all(partner, "Youssef El Amrani helpt bij de iftar. Hij is moslim.")

    assert said.startswith(STRUCK + " en 1 naam")
    with db.session() as session:
        texts_kept = [a.text for a in session.exec(select(SurveyAnswer)).all() if a.text]
    assert texts_kept == ["[persoon] helpt bij de iftar."]


async def test_a_partners_question_and_its_answer_keep_only_the_partners_name(
    coordinator: Chat, chat_as: Callable[[str], Chat], db: Database, clock: FakeClock
) -> None:
    fatima(db, clock)
    partner = chat_as("p1")
    await join(coordinator, partner, "Fatima Bakkali")

    sent = await partner.say("/vraag Ik, Fatima Bakkali, wil met Youssef El Amrani praten.")
    await coordinator.tick()
    await coordinator.press("Beantwoorden")
    answered = await coordinator.say("Goed idee. Jayden (16) kan ook komen.")

    assert texts(sent).startswith("🔒 Niet overgenomen: 1 naam")
    assert "Jayden" not in texts(answered)
    with db.session() as session:
        question = session.exec(select(PartnerQuestion)).one()
    assert question.question == "Ik, Fatima Bakkali, wil met [persoon] praten."
    assert question.answer == "Goed idee. [jongere] (16) kan ook komen."


async def test_a_message_to_partners_keeps_no_persons_name(
    coordinator: Chat, chat_as: Callable[[str], Chat], db: Database, clock: FakeClock
) -> None:
    fatima(db, clock)
    partner = chat_as("p1")
    await join(coordinator, partner, "Fatima Bakkali")

    await coordinator.say("/informeer")
    for choice in ("Hele stad", "Beide", "Alle typen"):
        await coordinator.press(choice)
    asked = await coordinator.say("Youssef El Amrani opent de avond in buurthuis De Schakel.")
    preview = await coordinator.press("Geen bestand")
    await coordinator.press("Versturen")

    assert texts(asked).startswith("🔒 Niet overgenomen: 1 naam")
    assert "[persoon] opent de avond in buurthuis De Schakel." in texts(preview)
    with db.session() as session:
        assert session.exec(select(Broadcast)).one().text == (
            "[persoon] opent de avond in buurthuis De Schakel.")
