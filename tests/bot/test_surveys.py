"""Needs surveys (issue 6): a coordinator sends a behoeftepeiling to a segment; partners who
agreed answer it with buttons, one question at a time, and can stop and resume; one reminder
before the deadline; the round closes at the deadline and the coordinator gets the summary,
with small counts as <5, open answers only for them, a worrying open answer offered as a draft
signal, and a "dit doen we ermee" message back to the round's partners."""

from __future__ import annotations

from collections.abc import Callable

from sqlmodel import select

from bot.conversation import texts as catalogue
from core.clock import FakeClock
from storage.engine import Database
from storage.models import (
    BroadcastRecipient,
    Network,
    Signal,
    SurveyAnswer,
    SurveyParticipant,
)
from tests.bot.conftest import Chat, texts
from tests.bot.test_partners import add_contact, anna, fatima, jan, join

CONCERN = "Er is veel onrust bij het skatepark; jongeren worden daar uitgescholden."
LOOP = "We organiseren in maart een training over online polarisatie."


def t(key: str, **values: object) -> str:
    return catalogue.text("nl", key, **values)


async def start_round(coordinator: Chat) -> str:
    await coordinator.say("/peiling")
    await coordinator.press("Nieuwe ronde")
    await coordinator.press("Hele stad")
    await coordinator.press("Beide")
    asked = texts(await coordinator.press("Alle typen"))
    await coordinator.press("14 dagen")
    return asked + "\n" + texts(await coordinator.press("Versturen"))


async def answer_all(partner: Chat, open_answer: str | None) -> str:
    await partner.press("Ja, elk kwartaal")
    await partner.press("Online polarisatie")
    await partner.press("Omgaan met spanningen")
    await partner.press("Klaar")
    await partner.press("Wat er speelt in de wijk")
    await partner.press("Klaar")
    await partner.press("Online")
    await partner.press("4")
    if open_answer is None:
        return texts(await partner.press("Overslaan"))
    return texts(await partner.say(open_answer))


async def test_a_full_round_from_sending_to_the_summary_and_closing_the_loop(
    coordinator: Chat, chat_as: Callable[[str], Chat], db: Database, clock: FakeClock
) -> None:
    for add in (fatima, jan, anna):
        add(db, clock)
    p1, p2, p3, late = chat_as("p1"), chat_as("p2"), chat_as("p3"), chat_as("p4")
    await join(coordinator, p1, "Fatima Bakkali")
    await join(coordinator, p2, "Jan de Vries")
    await join(coordinator, p3, "Anna Jansen")
    add_contact(db, clock, "Karim Amrani", Network.INFORMAL, "Stichting Brug", "stichting",
                "Stad-Oost")
    await join(coordinator, late, "Karim Amrani", agree=False)

    started = await start_round(coordinator)
    assert "3 partner(s)" in started
    first = {p.user: texts(await p.tick()) for p in (p1, p2, p3, late)}

    assert all("Behoeftepeiling" in first[p] and "Vraag 1 van 6" in first[p]
               for p in ("p1", "p2", "p3"))
    assert first["p4"] == ""  # never agreed: nothing at all

    done_p1 = await answer_all(p1, CONCERN)
    assert done_p1 == t("sv_thanks")

    # p2 answers one question, stops, and resumes where they were
    after_one = texts(await p2.press("Nee, nu niet"))
    assert "Vraag 2 van 6" in after_one
    resumed = texts(await p2.say("/mijn_peilingen"))
    assert "Vraag 2 van 6" in resumed
    ticked = await p2.press("Omgaan met spanningen")
    assert "✓ Omgaan met spanningen" in ticked[-1].button_labels()
    assert texts(await p2.press("Klaar")).startswith("Vraag 3 van 6")

    assert await answer_all(p3, None) == t("sv_thanks")

    # one reminder, to the one who did not finish
    clock.advance(days=11, hours=20)
    reminded = {p.user: texts(await p.tick()) for p in (p1, p2, p3)}
    assert "herinnering" in reminded["p2"]
    assert "Vraag 3 van 6" in reminded["p2"]
    assert reminded["p1"] == reminded["p3"] == ""
    assert texts(await p2.tick()) == ""

    # the deadline closes the round: answers are refused politely
    clock.advance(days=3)
    summary = await coordinator.tick()
    assert texts(await p2.press("Wat er speelt in de wijk")) == t("sv_closed")

    text = texts(summary)
    assert "Respons: 3 van 3 partner(s) (100%), 2 helemaal." in text
    assert "• Ja, elk kwartaal: <5 (formeel <5, informeel <5)" in text
    assert "• Ja, elke maand: 0 (formeel 0, informeel 0)" in text
    assert CONCERN in text
    assert "onrust" in text
    labels = summary[-1].button_labels()
    assert "Concept-signaal [1]" in labels
    assert "Dit doen we ermee" in labels
    assert "Overleg plannen" in labels  # a result turned into an action: a meeting

    draft = texts(await coordinator.press("Concept-signaal [1]"))
    assert draft.startswith(t("sv_signal_intro"))
    with db.session() as session:
        assert session.exec(select(Signal)).all() == []

    asked = texts(await coordinator.press("Dit doen we ermee"))
    assert "3 partner(s)" in asked
    preview = texts(await coordinator.say(LOOP))
    assert LOOP in preview
    assert "3 partner(s)" in texts(await coordinator.press("Versturen"))
    for partner in (p1, p2, p3):
        assert LOOP in texts(await partner.tick())
    assert texts(await late.tick()) == ""
    with db.session() as session:
        delivered = session.exec(select(BroadcastRecipient)).all()
        assert {r.status for r in delivered} == {"delivered"}
        assert len(delivered) == 3
    planning = await coordinator.press("Overleg plannen")
    assert "Almere Stad" in planning[-1].button_labels()  # the /overleg flow's first step


async def test_open_answers_are_sealed_and_a_partner_sees_only_their_own_round(
    coordinator: Chat, chat_as: Callable[[str], Chat], db: Database, clock: FakeClock
) -> None:
    fatima(db, clock)
    p1 = chat_as("p1")
    await join(coordinator, p1, "Fatima Bakkali")
    await start_round(coordinator)
    await p1.tick()
    await answer_all(p1, CONCERN)

    with db.engine.connect() as connection:
        stored = connection.exec_driver_sql("SELECT text FROM surveyanswer").all()
    assert all(CONCERN not in str(row[0]) for row in stored)
    with db.session() as session:
        assert any(a.text == CONCERN for a in session.exec(select(SurveyAnswer)).all())
        assert len(session.exec(select(SurveyParticipant)).all()) == 1
    assert texts(await p1.say("/peiling")) == t("not_allowed")
    assert texts(await coordinator.say("/mijn_peilingen")) == t("not_allowed")
