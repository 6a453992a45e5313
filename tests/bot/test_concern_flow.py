"""/zorg: a guided handoff with buttons; names, addresses, phone numbers, e-mail addresses
and BSNs are refused with an explanation; feedback, and the purge that leaves only counts."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from sqlmodel import select

from core.access import create_invite
from core.clock import FakeClock
from core.contacts import create_contact
from storage.engine import Database
from storage.models import FollowUp, Network, Referral, Role
from tests.bot.conftest import Chat, texts

FACTS = "Jongen van ongeveer 16 deelt filmpjes met geweld en zoekt contact met oudere mannen."


async def up_to_facts(chat: Chat) -> None:
    await chat.say("/zorg")
    await chat.press("Almere Stad")
    await chat.press("Stad-Oost")
    await chat.press("12–17")
    await chat.press("Zorgen over online activiteit")


async def hand_over(chat: Chat, facts: str = FACTS) -> list[str]:
    await up_to_facts(chat)
    await chat.say(facts)
    await chat.press("Zorg- en Veiligheidshuis / casusoverleg")
    await chat.say("ZVH-2026-041")
    await chat.press("Over 2 weken")
    return [r.text for r in await chat.press("Opslaan")]


def referrals(db: Database) -> list[Referral]:
    with db.session() as session:
        return list(session.exec(select(Referral)).all())


async def test_a_concern_is_handed_over_with_buttons_and_only_a_handoff_record_stays(
    coordinator: Chat, db: Database,
) -> None:
    [intro] = await coordinator.say("/zorg")
    await coordinator.press("Almere Stad")
    await coordinator.press("Stad-Oost")
    [ask_nature] = await coordinator.press("12–17")
    [ask_facts] = await coordinator.press("Zorgen over online activiteit")
    await coordinator.say(FACTS)
    [destination] = await coordinator.press("Zorg- en Veiligheidshuis / casusoverleg")
    await coordinator.say("ZVH-2026-041")
    [card] = await coordinator.press("Over 2 weken")
    [saved] = await coordinator.press("Opslaan")

    assert intro.text.startswith("Zorg over een persoon overdragen. Ik leg geen dossier aan")
    assert ask_nature.text.startswith("Stap 3 van 7\nWaar gaat de zorg over?")
    assert ask_facts.text.startswith("Stap 4 van 7\nBeschrijf kort de feiten")
    assert len(destination.button_labels()) == 1  # "Geen kenmerk"
    assert card.text.splitlines()[2:] == [
        "📍 Gebied: Stad-Oost",
        "👤 Leeftijd: 12–17",
        "🏷 Aard: Zorgen over online activiteit",
        f"📋 Feiten: {FACTS}",
        "➡️ Overgedragen aan: Zorg- en Veiligheidshuis / casusoverleg",
        "🔖 Kenmerk: ZVH-2026-041",
        "⏰ Terugkoppeling navragen: over 2 weken",
    ]
    assert saved.text.startswith("Vastgelegd als Z-1: overgedragen aan Zorg- en "
                                 "Veiligheidshuis / casusoverleg. Op zondag 13 december")
    assert card.protect
    assert saved.text.count("Z-1") == 1
    [record] = referrals(db)
    assert (record.age_band, record.nature, record.referred_to, record.external_reference) == (
        "12-17", "online", "zvh", "ZVH-2026-041")


async def test_every_choice_is_offered_as_a_button(coordinator: Chat) -> None:
    await coordinator.say("/zorg")
    await coordinator.press("Almere Stad")
    [age] = await coordinator.press("Stad-Oost")
    [nature] = await coordinator.press("onbekend")
    await coordinator.press("Overig")
    [destination] = await coordinator.say(FACTS)

    assert age.button_labels() == ["jonger dan 12", "12–17", "18–23", "24 of ouder", "onbekend"]
    assert len(nature.button_labels()) == 7
    assert destination.button_labels() == [
        "Gemeentelijk contactpunt", "Zorg- en Veiligheidshuis / casusoverleg", "Wijkteam",
        "Veilig Thuis", "Politie", "Landelijk Steunpunt Extremisme", "Andere organisatie"]


@pytest.mark.parametrize(("facts", "why"), [
    ("Youssef (16) deelt filmpjes met geweld.", "wat op een naam lijkt: “Youssef”"),
    ("De zoon van mevrouw Jansen deelt filmpjes.", "wat op een naam lijkt: “Jansen”"),
    ("Ahmed Yilmaz maakt zich zorgen over zijn neef.", "wat op een naam lijkt: “Ahmed Yilmaz”"),
    ("Jongen woont op de Stationsstraat 12 en deelt filmpjes.",
     "een adres: “Stationsstraat 12”"),
    ("Moeder is bereikbaar op 06-12345678, zoon deelt filmpjes.",
     "een telefoonnummer: “06-12345678”"),
    ("Moeder mailde vanaf ouder@example.nl over haar zoon.",
     "een e-mailadres: “ouder@example.nl”"),
    ("Jongen met BSN 111222333 deelt filmpjes met geweld.", "een burgerservicenummer (BSN)"),
])
async def test_what_identifies_the_person_is_refused_with_an_explanation(
    coordinator: Chat, db: Database, clock: FakeClock, facts: str, why: str,
) -> None:
    with db.session() as session:
        create_contact(session, name="Ahmed Yilmaz", network=Network.INFORMAL, now=clock.now())
    await up_to_facts(coordinator)

    [refusal] = await coordinator.say(facts)

    assert refusal.text.startswith("Dit neem ik niet over:")
    assert why in refusal.text
    assert "Een overdracht bevat geen gegevens waarmee iemand te herkennen is" in refusal.text
    assert refusal.text.endswith("schrijf bijvoorbeeld “een jongen van 16”.")
    assert refusal.button_labels() == []  # no way around it: describe it differently
    with db.session() as session:
        state_facts = [r.facts for r in session.exec(select(Referral)).all()]
    assert state_facts == []


async def test_after_a_refusal_the_facts_can_be_given_again(coordinator: Chat, db: Database
                                                             ) -> None:
    await up_to_facts(coordinator)
    await coordinator.say("Youssef (16) deelt filmpjes met geweld.")

    [next_question] = await coordinator.say(FACTS)

    assert next_question.text.startswith("Stap 5 van 7")


async def test_the_bot_reminds_to_ask_for_feedback_on_the_chosen_day(
    coordinator: Chat, clock: FakeClock,
) -> None:
    await hand_over(coordinator)
    clock.advance(days=14, hours=-5)  # Sunday 13 December, 09:00

    [reminder] = await coordinator.tick()

    assert reminder.text.startswith(
        "⏰ Herinnering: Terugkoppeling navragen bij Zorg- en Veiligheidshuis / casusoverleg "
        "(overdracht Z-1)")
    assert "16" not in reminder.text


async def test_feedback_received_sets_the_purge_and_after_the_term_only_counts_remain(
    coordinator: Chat, db: Database, clock: FakeClock,
) -> None:
    await hand_over(coordinator)
    clock.advance(days=10)
    [listing] = await coordinator.say("/overdrachten")
    [shown] = await coordinator.press("Z-1")
    [feedback] = await coordinator.press("Terugkoppeling ontvangen")

    assert listing.text.splitlines()[0] == (
        "Overdrachten in de afgelopen twaalf maanden: 1 — 0 met terugkoppeling, 1 wachten.")
    assert FACTS in shown.text
    assert feedback.text.startswith("Terugkoppeling op Z-1 vastgelegd. De feiten worden op "
                                    "vrijdag 8 januari 2027 gewist")
    with db.session() as session:
        assert session.exec(select(FollowUp)).one().status == "done"

    clock.advance(days=29)
    await coordinator.tick()
    [record] = referrals(db)
    assert record.facts == FACTS
    clock.advance(days=1)
    await coordinator.tick()

    [record] = referrals(db)
    assert (record.facts, record.external_reference) == ("", None)
    [after] = await coordinator.say("/overdrachten")
    assert after.text == ("Overdrachten in de afgelopen twaalf maanden: 1 — 1 met "
                          "terugkoppeling, 0 wachten.")


async def test_the_facts_can_be_wiped_at_once(coordinator: Chat, db: Database) -> None:
    await hand_over(coordinator)
    await coordinator.say("/zorgen")
    await coordinator.press("Z-1")

    [wiped] = await coordinator.press("Feiten nu wissen")

    assert wiped.text.startswith("De feiten van Z-1 zijn gewist.")
    assert "📋 Feiten: gewist" in wiped.text
    assert referrals(db)[0].facts == ""


async def test_a_colleague_hands_over_and_sees_only_their_own_handoffs(
    coordinator: Chat, chat_as: Callable[[str], Chat], db: Database, clock: FakeClock,
) -> None:
    await hand_over(coordinator)
    colleague = chat_as("u2")
    with db.session() as session:
        token = create_invite(session, Role.COLLEAGUE, clock.now())
    await colleague.say(f"/start {token}")

    saved = await hand_over(colleague)
    [listing] = await colleague.say("/handoffs")

    assert saved[0].startswith("Vastgelegd als Z-2")
    assert "Z-2" in listing.text
    assert "Z-1 ·" not in listing.text


async def test_a_partner_cannot_hand_over_a_concern(
    chat_as: Callable[[str], Chat], db: Database, clock: FakeClock,
) -> None:
    partner = chat_as("p1")
    with db.session() as session:
        token = create_invite(session, Role.PARTNER, clock.now())
    await partner.say(f"/start {token}")

    replies = await partner.say("/zorg")

    assert texts(replies).startswith("Dat kan ik voor jouw rol niet doen.")


async def test_a_handoff_can_be_corrected_before_it_is_saved(coordinator: Chat, db: Database
                                                              ) -> None:
    await up_to_facts(coordinator)
    await coordinator.say(FACTS)
    await coordinator.press("Wijkteam")
    await coordinator.press("Geen kenmerk")
    await coordinator.press("Over 4 weken")
    await coordinator.press("Wijzigen")
    await coordinator.press("Overgedragen aan")
    [card] = await coordinator.press("Veilig Thuis")
    await coordinator.press("Opslaan")

    assert "➡️ Overgedragen aan: Veilig Thuis" in card.text
    assert "🔖 Kenmerk: —" in card.text
    assert referrals(db)[0].referred_to == "veilig_thuis"
    assert referrals(db)[0].feedback_check_on - referrals(db)[0].referred_on == timedelta(28)
