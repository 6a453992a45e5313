"""Signals in the chat: a few taps from message to card, refusals about people, the workflow,
follow-ups off a signal, and a signal recorded from a visit card."""

from __future__ import annotations

from collections.abc import Callable

from sqlmodel import select

from core.access import create_invite
from core.clock import FakeClock
from core.contacts import create_contact
from storage.engine import Database
from storage.models import (
    FollowUp,
    FollowUpLink,
    Interaction,
    Network,
    Role,
    Signal,
    SignalStatusChange,
    User,
)
from tests.bot.conftest import Chat, texts

SKATEPARK = ("Gisteren bij het skatepark in Stad-Oost scholden twee groepen jongeren elkaar "
             "uit, er vielen klappen.")


def signals(db: Database) -> list[Signal]:
    with db.session() as session:
        return list(session.exec(select(Signal).order_by(Signal.id)).all())


async def record(chat: Chat, text: str = SKATEPARK, level: str = "2 · oplopende spanningen"
                 ) -> str:
    """The quick path: the message, skip the interpretation, a tension estimate, Opslaan."""
    await chat.say(f"/signaal {text}")
    await chat.press("Overslaan")
    await chat.press(level)
    return texts(await chat.press("Opslaan"))


async def colleague(chat_as: Callable[[str], Chat], db: Database, clock: FakeClock) -> Chat:
    chat = chat_as("u2")
    with db.session() as session:
        token = create_invite(session, Role.COLLEAGUE, clock.now())
    await chat.say(f"/start {token}")
    return chat


async def test_a_signal_message_needs_only_the_interpretation_and_a_tension_estimate(
    coordinator: Chat, db: Database,
) -> None:
    [question] = await coordinator.say(f"/signaal {SKATEPARK}")
    assert question.text.startswith("Wat is jouw duiding")

    await coordinator.press("Overslaan")
    [card] = await coordinator.press("2 · oplopende spanningen")

    assert card.text.splitlines() == [
        "Signaal vastleggen — klopt dit?",
        "",
        "📍 Stad-Oost · openbare ruimte · zaterdag 28 november",
        "🏷 Zorgen over een groep jongeren",
        f"📋 Feiten: {SKATEPARK}",
        "💭 Duiding: —",
        "⚖️ aard onbekend · bron: eigen waarneming · betrouwbaarheid onbekend",
        "🌡 Spanning: 2 · oplopende spanningen · trend: onbekend · urgentie: normaal",
    ]
    assert card.button_labels() == ["Opslaan", "Wijzigen", "Annuleren"]
    assert signals(db) == []


async def test_three_signals_in_one_area_lead_to_a_proposal_to_assess_it(
    coordinator: Chat, db: Database,
) -> None:
    first = await record(coordinator, level="Weet ik niet")
    await record(coordinator, "Vanochtend flyers met haatteksten bij het winkelcentrum in "
                              "Stad-Oost.", level="Weet ik niet")
    third = await record(coordinator, "Bewoners van Stad-Oost zeggen dat de sfeer op straat "
                                      "grimmiger wordt.", level="Weet ik niet")

    assert first == "Signaal S-1 opgeslagen: Zorgen over een groep jongeren in Stad-Oost."
    assert "Beoordeling voorgesteld: 3 signalen in Stad-Oost" in third
    assert [s.area_id for s in signals(db)] == [signals(db)[0].area_id] * 3
    assert coordinator.transport.sent[-1].reply.button_labels() == [
        "Spanningsbeeld Stad-Oost", "Niveau vaststellen", "Vervolgactie"]


async def test_without_text_it_asks_for_the_facts_and_then_for_the_area(
    coordinator: Chat,
) -> None:
    [ask_facts] = await coordinator.say("/signaal")
    [ask_area] = await coordinator.say("Er hangen flyers met haatteksten bij de bushalte.")
    [ask_wijk] = await coordinator.press("Almere Stad")
    [ask_interpretation] = await coordinator.press("Kruidenwijk")

    assert ask_facts.text.startswith("Wat heb je gezien of gehoord?")
    assert ask_area.text.startswith("In welk gebied speelt het?")
    assert "Almere Haven" in ask_area.button_labels()
    assert ask_wijk.button_labels()[:3] == ["Heel Almere Stad", "Danswijk", "Filmwijk"]
    assert ask_interpretation.text.startswith("Wat is jouw duiding")


async def test_the_category_is_asked_in_two_levels_when_the_words_do_not_tell(
    coordinator: Chat, db: Database,
) -> None:
    await coordinator.say("/signaal In Stad-Oost is het opvallend stil de laatste weken.")
    await coordinator.press("Overig")
    [ask] = await coordinator.say("/signaal In Stad-Oost is het opvallend stil.")

    assert ask.text == "Wat voor signaal is het?"
    [sub] = await coordinator.press("Wantrouwen richting overheid")
    assert sub.button_labels() == ["richting gemeente", "richting politie",
                                   "richting instanties", "complotdenken", "Algemeen"]
    await coordinator.press("richting politie")
    await coordinator.press("Overslaan")
    [card] = await coordinator.press("Weet ik niet")
    assert "🏷 Wantrouwen richting overheid › richting politie" in card.text


async def test_interpretation_is_asked_apart_from_the_facts(coordinator: Chat, db: Database
                                                            ) -> None:
    await coordinator.say(f"/signaal {SKATEPARK}")
    await coordinator.say("Volgens mij ging het om de voetbalwedstrijd van zaterdag.")
    await coordinator.press("1 · sluimerend ongenoegen")
    await coordinator.press("Opslaan")

    [stored] = signals(db)
    assert stored.facts == SKATEPARK
    assert stored.interpretation == "Volgens mij ging het om de voetbalwedstrijd van zaterdag."
    assert stored.tension_level == 1


async def test_a_name_in_the_facts_is_refused_with_an_explanation(
    coordinator: Chat, db: Database,
) -> None:
    [refusal] = await coordinator.say(
        "/signaal Youssef El Amrani deelt filmpjes bij het skatepark in Stad-Oost.")

    assert "Dit neem ik niet over:" in refusal.text
    assert "wat op een naam lijkt: “Youssef El Amrani”" in refusal.text
    assert "niet wie" in refusal.text
    assert "/zorg" in refusal.text
    assert refusal.button_labels() == ["Dit is geen naam — zo gebruiken",
                                       "Zorg over een persoon overdragen"]
    assert signals(db) == []


async def test_what_only_looks_like_a_name_can_be_used_after_all(coordinator: Chat) -> None:
    await coordinator.say("/signaal Opstootje bij de Albert Heijn in Stad-Oost, geruzie "
                          "tussen twee groepen klanten.")
    [next_question] = await coordinator.press("Dit is geen naam — zo gebruiken")

    assert not next_question.text.startswith("Dit neem ik niet over")


async def test_a_phone_number_is_refused_and_cannot_be_waved_through(coordinator: Chat) -> None:
    [refusal] = await coordinator.say(
        "/signaal In Stad-Oost wordt een oproep rondgestuurd, bel 06-12345678 voor info.")

    assert "een telefoonnummer: “06-12345678”" in refusal.text
    assert refusal.button_labels() == ["Zorg over een persoon overdragen"]


async def test_the_refusal_button_starts_handing_over_a_concern(coordinator: Chat) -> None:
    await coordinator.say("/signaal Youssef deelt filmpjes bij het skatepark in Stad-Oost.")

    [handoff] = await coordinator.press("Zorg over een persoon overdragen")

    assert handoff.text.startswith("Zorg over een persoon overdragen.")


async def test_any_field_can_be_changed_from_the_card(coordinator: Chat, db: Database) -> None:
    await coordinator.say(f"/signaal {SKATEPARK}")
    await coordinator.press("Overslaan")
    await coordinator.press("Weet ik niet")
    [menu] = await coordinator.press("Wijzigen")
    await coordinator.press("Bron")
    await coordinator.press("sleutelfiguur")
    await coordinator.press("Wijzigen")
    await coordinator.press("Betrouwbaarheid")
    await coordinator.press("waarschijnlijk")
    await coordinator.press("Wijzigen")
    await coordinator.press("Tegengeluid")
    [card] = await coordinator.say("Jongerenwerkers waren er snel bij en het werd weer rustig.")
    await coordinator.press("Opslaan")

    assert "Broncontact" in menu.button_labels()
    assert "⚖️ aard onbekend · bron: sleutelfiguur · waarschijnlijk" in card.text
    assert "↔️ Tegengeluid: Jongerenwerkers waren er snel bij" in card.text
    [stored] = signals(db)
    assert (stored.source_type, stored.reliability) == ("sleutelfiguur", "waarschijnlijk")


async def test_a_source_contact_is_shown_only_to_roles_allowed_to_see_sources(
    coordinator: Chat, chat_as: Callable[[str], Chat], db: Database, clock: FakeClock,
) -> None:
    with db.session() as session:
        create_contact(session, name="Fatima Bakkali", network=Network.FORMAL, now=clock.now())
    await coordinator.say(f"/signaal {SKATEPARK}")
    await coordinator.press("Overslaan")
    await coordinator.press("Weet ik niet")
    await coordinator.press("Wijzigen")
    await coordinator.press("Broncontact")
    await coordinator.say("Fatima")
    [card] = await coordinator.press("Fatima Bakkali")
    await coordinator.press("Opslaan")
    other = await colleague(chat_as, db, clock)

    [listed] = await other.say("/signalen")
    [seen_by_colleague] = await other.press("S-1")
    [seen_by_coordinator] = await coordinator.say("/signalen")
    [shown] = await coordinator.press("S-1")

    assert "bron: eigen waarneming (Fatima Bakkali)" in card.text
    assert "Fatima" not in seen_by_colleague.text
    assert "Fatima Bakkali" in shown.text
    assert "S-1" in listed.text
    assert seen_by_coordinator.button_labels() == ["S-1"]


async def test_the_workflow_runs_by_buttons_and_closing_asks_for_a_reason(
    coordinator: Chat, db: Database,
) -> None:
    await record(coordinator)
    await coordinator.say("/signalen")
    [shown] = await coordinator.press("S-1")
    assert shown.button_labels()[:5] == [
        "In behandeling", "Doorgezet", "Monitoren", "Afhandelen", "Signaal intrekken"]

    await coordinator.press("In behandeling")
    await coordinator.press("Monitoren")
    [ask] = await coordinator.press("Afhandelen")
    [too_short] = await coordinator.say("ok")
    [closed] = await coordinator.say("Na het gesprek met de jongerenwerkers is het rustig.")

    assert ask.text == "Waarom wordt S-1 “afgehandeld”? Eén korte zin is genoeg."
    assert too_short.text == "Typ een korte reden (een paar woorden)."
    assert closed.text.startswith("Status: afgehandeld.")
    assert "• zondag 29 november: afgehandeld — “Na het gesprek met de jongerenwerkers is " \
           "het rustig.”" in closed.text
    assert closed.button_labels() == ["Heropenen"]
    with db.session() as session:
        steps = [c.to_status for c in session.exec(select(SignalStatusChange)).all()]
    assert steps == ["gemeld", "in_behandeling", "monitoren", "afgehandeld"]


async def test_a_colleague_records_signals_but_does_not_move_them_through_the_workflow(
    coordinator: Chat, chat_as: Callable[[str], Chat], db: Database, clock: FakeClock,
) -> None:
    other = await colleague(chat_as, db, clock)

    saved = await record(other)
    await other.say("/signalen")
    [shown] = await other.press("S-1")

    assert saved.startswith("Signaal S-1 opgeslagen")
    assert "In behandeling" not in shown.button_labels()
    assert "Niveau vaststellen" not in other.transport.sent[-3].reply.button_labels()


async def test_reporting_back_to_the_source_is_a_follow_up_on_the_signal(
    coordinator: Chat, db: Database, clock: FakeClock,
) -> None:
    await coordinator.say(f"/signaal {SKATEPARK}")
    await coordinator.press("Overslaan")
    await coordinator.press("Weet ik niet")
    await coordinator.press("Wijzigen")
    await coordinator.press("Bron")
    await coordinator.press("sleutelfiguur")
    await coordinator.press("Opslaan")

    [ask_when] = await coordinator.press("Terugkoppelen aan de bron")
    [saved] = await coordinator.press("Over een week")
    clock.advance(days=7, hours=-4)  # Sunday 6 December, 10:00
    [reminder] = await coordinator.tick()

    assert ask_when.text.startswith("Terugkoppelen aan de bron (signaal S-1) — wanneer?")
    assert saved.text == ("Vervolgactie vastgelegd: Terugkoppelen aan de bron (signaal S-1) — "
                          "zondag 6 december.")
    assert reminder.text.startswith("⏰ Herinnering: Terugkoppelen aan de bron (signaal S-1)")
    with db.session() as session:
        link = session.exec(select(FollowUpLink)).one()
    assert (link.purpose, link.signal_id) == ("bron", 1)


async def test_any_follow_up_can_hang_off_a_signal_with_a_typed_date(
    coordinator: Chat, db: Database,
) -> None:
    await record(coordinator)
    await coordinator.press("Vervolgactie")
    await coordinator.say("jongerenwerk vragen extra rondes te lopen")
    [saved] = await coordinator.say("volgende week dinsdag")

    assert saved.text == ("Vervolgactie vastgelegd: Jongerenwerk vragen extra rondes te lopen — "
                          "dinsdag 1 december.")
    await coordinator.say("/signalen")
    [shown] = await coordinator.press("S-1")
    assert "• Jongerenwerk vragen extra rondes te lopen — dinsdag 1 december" in shown.text
    with db.session() as session:
        assert session.exec(select(FollowUp)).one().title.startswith("Jongerenwerk")


async def test_a_visit_with_signal_words_offers_to_record_a_signal_and_comes_back_to_the_visit(
    coordinator: Chat, db: Database,
) -> None:
    [card] = await coordinator.say(
        "Vandaag gesproken met Fatima Bakkali van buurthuis De Schakel in Stad-Oost. Zorgen "
        "over spanningen tussen groepen jongeren bij het skatepark. Over twee weken bellen.")
    assert card.button_labels() == ["Opslaan", "Wijzigen", "Annuleren", "Signaal vastleggen"]

    [question] = await coordinator.press("Signaal vastleggen")
    await coordinator.press("Overslaan")
    await coordinator.press("2 · oplopende spanningen")
    replies = await coordinator.press("Opslaan")

    assert question.text.startswith("Wat is jouw duiding")
    [stored] = signals(db)
    assert stored.facts == ("Zorgen over spanningen tussen groepen jongeren bij het "
                            "skatepark.")
    assert stored.source_type == "formele_partner"
    assert replies[-1].text.startswith("Terug naar je bezoek; dat is nog niet opgeslagen:")
    assert "Bezoek vastleggen — klopt dit?" in replies[-1].text
    saved = await coordinator.press("Opslaan")
    assert texts(saved).startswith("Opgeslagen.")
    with db.session() as session:
        assert len(session.exec(select(Interaction)).all()) == 1


async def test_a_partner_cannot_record_signals(
    chat_as: Callable[[str], Chat], db: Database, clock: FakeClock,
) -> None:
    partner = chat_as("p1")
    with db.session() as session:
        token = create_invite(session, Role.PARTNER, clock.now())
    await partner.say(f"/start {token}")

    [refusal] = await partner.say(f"/signaal {SKATEPARK}")

    assert refusal.text.startswith("Dat kan ik voor jouw rol niet doen.")
    with db.session() as session:
        assert session.exec(select(User).where(User.role == "partner")).one()
    assert signals(db) == []
