"""Logging a visit: one message, a card, corrections by button or text, Opslaan once."""

from __future__ import annotations

from sqlmodel import func, select

from bot.app import App
from bot.conversation import texts as catalogue
from bot.transports.memory import MemoryTransport
from core.clock import FakeClock
from storage.engine import Database
from storage.models import (
    Contact,
    DialogState,
    FollowUp,
    Interaction,
    Network,
    Organisation,
)
from tests.bot.conftest import Chat, texts
from tests.conftest import AMSTERDAM

FATIMA = (
    "Vandaag gesproken met Fatima Bakkali van buurthuis De Schakel in Stad-Oost. "
    "Zorgen over een groepje jongeren bij het skatepark. Volgende week dinsdag terugbellen."
)


def count(db: Database, model: type) -> int:
    with db.session() as session:
        return int(session.exec(select(func.count()).select_from(model)).one())


async def test_a_visit_message_shows_a_card_with_who_where_when_and_the_follow_up(
    coordinator: Chat,
) -> None:
    [card] = await coordinator.say(FATIMA)

    assert card.text.splitlines()[0] == "Bezoek vastleggen — klopt dit?"
    assert "👤 Wie: Fatima Bakkali (nieuw, formeel)" in card.text
    assert "🏢 Organisatie: De Schakel (buurthuis / wijkcentrum, nieuw)" in card.text
    assert "📍 Gebied: Stad-Oost" in card.text
    assert "📅 Wanneer: zondag 29 november" in card.text
    assert ("📝 Samenvatting: Vandaag gesproken met Fatima Bakkali van buurthuis De Schakel in "
            "Stad-Oost. Zorgen over een groepje jongeren bij het skatepark.") in card.text
    assert "⏰ Vervolgactie: Terugbellen — dinsdag 1 december" in card.text
    assert card.button_labels() == ["Opslaan", "Wijzigen", "Annuleren", "Signaal vastleggen"]


async def test_nothing_is_stored_until_opslaan(coordinator: Chat, db: Database) -> None:
    await coordinator.say(FATIMA)

    assert count(db, Interaction) == 0
    assert count(db, Contact) == 0

    saved = await coordinator.press("Opslaan")

    assert texts(saved) == "Opgeslagen. Herinnering op dinsdag 1 december: Terugbellen."
    assert count(db, Interaction) == 1
    with db.session() as session:
        contact = session.exec(select(Contact)).one()
        organisation = session.exec(select(Organisation)).one()
        follow_up = session.exec(select(FollowUp)).one()
    assert (contact.display_name, contact.network) == ("Fatima Bakkali", Network.FORMAL)
    assert (organisation.name, organisation.type) == ("De Schakel", "buurthuis")
    assert follow_up.title == "Terugbellen"
    assert follow_up.due_at.isoformat() == "2026-12-01T08:00:00+00:00"


async def test_opslaan_pressed_twice_stores_once(coordinator: Chat, db: Database) -> None:
    await coordinator.say(FATIMA)
    await coordinator.press("Opslaan")

    again = await coordinator.press("Opslaan")

    assert texts(again) == catalogue.text("nl", "already_saved")
    assert count(db, Interaction) == 1
    assert count(db, FollowUp) == 1


async def test_a_new_contact_without_a_known_network_is_placed_before_saving(
    coordinator: Chat, db: Database
) -> None:
    await coordinator.say("Gisteren koffie gedronken met Jan de Vries, ging over de buurt.")

    question = await coordinator.press("Opslaan")
    assert question[0].button_labels() == ["Formeel netwerk", "Informeel netwerk"]
    assert count(db, Interaction) == 0

    saved = await coordinator.press("Informeel netwerk")

    assert texts(saved) == "Opgeslagen."
    with db.session() as session:
        contact = session.exec(select(Contact)).one()
        visit = session.exec(select(Interaction)).one()
    assert (contact.display_name, contact.network) == ("Jan de Vries", Network.INFORMAL)
    assert visit.occurred_at.astimezone(AMSTERDAM).date().isoformat() == "2026-11-28"


async def test_a_known_contact_is_recognised_by_first_name(coordinator: Chat,
                                                          db: Database) -> None:
    await coordinator.say(FATIMA)
    await coordinator.press("Opslaan")

    [card] = await coordinator.say("Fatima belde, het gaat beter bij het skatepark.")

    assert "👤 Wie: Fatima Bakkali\n" in card.text
    await coordinator.press("Opslaan")
    assert count(db, Contact) == 1
    assert count(db, Interaction) == 2


async def test_an_ambiguous_first_name_asks_which_one(coordinator: Chat, db: Database) -> None:
    with db.session() as session:
        session.add(Contact(display_name="Fatima Bakkali", network=Network.FORMAL))
        session.add(Contact(display_name="Fatima El Amrani", network=Network.INFORMAL))

    [question] = await coordinator.say("Vandaag Fatima gesproken over de iftar in de wijk.")

    assert question.text == "Wie bedoel je met “Fatima”?"
    assert question.button_labels() == [
        "Fatima Bakkali", "Fatima El Amrani", "Nieuw contact: Fatima",
    ]
    [card] = await coordinator.press("Fatima El Amrani")
    assert "👤 Wie: Fatima El Amrani\n" in card.text


async def test_wijzigen_moves_the_follow_up_with_one_button(coordinator: Chat) -> None:
    await coordinator.say(FATIMA)
    await coordinator.press("Wijzigen")
    await coordinator.press("Vervolgactie")

    [card] = await coordinator.press("Over twee weken")

    assert "⏰ Vervolgactie: Terugbellen — zondag 13 december" in card.text


async def test_wijzigen_takes_a_typed_summary(coordinator: Chat, db: Database) -> None:
    await coordinator.say(FATIMA)
    await coordinator.press("Wijzigen")
    await coordinator.press("Samenvatting")

    [card] = await coordinator.say("Rustig gesprek; jongerenwerk is al betrokken.")
    await coordinator.press("Opslaan")

    assert "📝 Samenvatting: Rustig gesprek; jongerenwerk is al betrokken." in card.text
    with db.session() as session:
        assert session.exec(select(Interaction)).one().summary == (
            "Rustig gesprek; jongerenwerk is al betrokken."
        )


async def test_a_visit_date_that_cannot_be_read_is_asked_again(coordinator: Chat) -> None:
    await coordinator.say(FATIMA)
    await coordinator.press("Wijzigen")
    await coordinator.press("Datum")

    confused = await coordinator.say("blauw")
    [card] = await coordinator.say("afgelopen vrijdag")

    assert texts(confused) == catalogue.text("nl", "date_not_understood")
    assert "📅 Wanneer: vrijdag 27 november" in card.text


async def test_annuleren_stores_nothing(coordinator: Chat, db: Database) -> None:
    await coordinator.say(FATIMA)

    replies = await coordinator.press("Annuleren")

    assert texts(replies) == catalogue.text("nl", "visit_cancelled")
    assert count(db, Interaction) == 0
    assert texts(await coordinator.press("Opslaan")) == catalogue.text("nl", "draft_gone")


async def test_a_message_with_a_bsn_is_refused_and_nothing_is_kept(
    coordinator: Chat, db: Database
) -> None:
    replies = await coordinator.say("Gesproken met Piet, BSN 111222333, morgen terugbellen.")

    assert texts(replies) == catalogue.text("nl", "bsn_refused")
    with db.session() as session:
        assert session.exec(select(DialogState)).first() is None
    assert count(db, Interaction) == 0


async def test_a_sentence_about_the_religion_of_a_person_is_struck_on_the_card(
    coordinator: Chat,
) -> None:
    [card] = await coordinator.say("Gesproken met Ali. Hij is moslim en maakt zich zorgen.")

    assert "✂️ Deze zin neem ik niet over: Hij is moslim en maakt zich zorgen." in card.text
    assert "📝 Samenvatting: Gesproken met Ali.\n" in card.text  # the rest of the message stays


async def test_a_greeting_is_not_mistaken_for_a_visit(coordinator: Chat) -> None:
    assert texts(await coordinator.say("hoi")) == catalogue.text("nl", "not_a_visit")


async def test_a_new_message_replaces_an_unsaved_card_and_says_so(coordinator: Chat) -> None:
    await coordinator.say(FATIMA)

    replies = await coordinator.say("Gisteren met Jan de Vries van de politie gebeld.")

    assert replies[0].text == catalogue.text("nl", "card_replaced")
    assert "Jan de Vries" in replies[1].text


async def test_a_restart_between_card_and_opslaan_loses_nothing(
    coordinator: Chat, db: Database, clock: FakeClock
) -> None:
    [card] = await coordinator.say(FATIMA)
    await coordinator.app.stop()

    transport = MemoryTransport()
    restarted = App(db, [transport], clock, schedule=False)
    await restarted.start()
    await transport.press_payload(card.buttons[0][0].payload, user="u1")
    await restarted.stop()

    assert texts(transport.pop("u1")).startswith("Opgeslagen.")
    assert count(db, Interaction) == 1


async def test_two_follow_ups_in_one_message_are_both_kept(coordinator: Chat,
                                                          db: Database) -> None:
    [card] = await coordinator.say(
        "Gesproken met Ahmed van moskee Al Fath. Morgen de wijkagent bellen en "
        "vrijdag de subsidieregeling mailen."
    )
    await coordinator.press("Opslaan")

    follow_up_lines = [line for line in card.text.splitlines() if line.startswith("⏰")]
    assert len(follow_up_lines) == 2
    with db.session() as session:
        titles = sorted(f.title for f in session.exec(select(FollowUp)).all())
    assert len(titles) == 2


# --- a follow-up without a date: the card asks "Wanneer?" ----------------------------------

UNDATED = FATIMA.replace("Volgende week dinsdag terugbellen.", "Terugbellen.")
DUE_BUTTONS = ["Morgen", "Overmorgen", "Volgende week", "Over 2 weken", "Zelf typen"]


async def test_a_follow_up_without_a_date_asks_when_instead_of_guessing(
    coordinator: Chat, db: Database
) -> None:
    [card] = await coordinator.say(UNDATED)

    assert "⏰ Vervolgactie: Terugbellen — nog geen datum" in card.text
    assert card.text.splitlines()[-1] == (
        "Wanneer? Kies wanneer je “Terugbellen” wilt doen, of typ het zelf."
    )
    assert card.button_labels() == [*DUE_BUTTONS, "Wijzigen", "Annuleren",
                                    "Signaal vastleggen"]
    assert count(db, Interaction) == 0


async def test_a_date_button_answers_when_and_brings_opslaan_back(
    coordinator: Chat, db: Database
) -> None:
    await coordinator.say(UNDATED)

    [card] = await coordinator.press("Overmorgen")
    saved = await coordinator.press("Opslaan")

    assert "⏰ Vervolgactie: Terugbellen — dinsdag 1 december" in card.text
    assert card.button_labels()[0] == "Opslaan"
    assert texts(saved) == "Opgeslagen. Herinnering op dinsdag 1 december: Terugbellen."
    with db.session() as session:
        follow_up = session.exec(select(FollowUp)).one()
    assert follow_up.due_at.astimezone(AMSTERDAM).isoformat() == "2026-12-01T09:00:00+01:00"


async def test_volgende_week_and_over_2_weken_are_read_like_the_typed_words(
    coordinator: Chat,
) -> None:
    await coordinator.say(UNDATED)
    [next_week] = await coordinator.press("Volgende week")
    await coordinator.say(UNDATED)
    [two_weeks] = await coordinator.press("Over 2 weken")

    assert "⏰ Vervolgactie: Terugbellen — week van maandag 30 november" in next_week.text
    assert "⏰ Vervolgactie: Terugbellen — zondag 13 december" in two_weeks.text


async def test_a_typed_date_is_read_and_an_unreadable_one_asks_again_losing_nothing(
    coordinator: Chat, db: Database
) -> None:
    await coordinator.say(UNDATED)

    prompt = await coordinator.press("Zelf typen")
    [unreadable] = await coordinator.say("als het uitkomt")
    [card] = await coordinator.say("do 14u")
    saved = await coordinator.press("Opslaan")

    assert texts(prompt) == (
        "Wanneer wil je “Terugbellen” doen? Typ bijvoorbeeld “donderdag”, “14-12” of "
        "“over 10 dagen”."
    )
    assert unreadable.text.startswith("Dat kan ik niet als datum lezen.")
    assert "Zorgen over een groepje jongeren bij het skatepark." in (
        unreadable.text
    )
    assert unreadable.button_labels()[:5] == DUE_BUTTONS
    assert "⏰ Vervolgactie: Terugbellen — donderdag 3 december om 14:00" in card.text
    assert texts(saved) == (
        "Opgeslagen. Herinnering op donderdag 3 december om 14:00: Terugbellen."
    )
    with db.session() as session:
        follow_up = session.exec(select(FollowUp)).one()
    assert follow_up.due_grain == "hour"


async def test_a_typed_date_in_the_past_is_refused_and_asked_again(
    coordinator: Chat, db: Database
) -> None:
    await coordinator.say(UNDATED)
    await coordinator.press("Zelf typen")

    [refused] = await coordinator.say("gisteren")

    assert refused.text.startswith("Die datum ligt in het verleden.")
    assert "Opslaan" not in refused.button_labels()
    assert count(db, FollowUp) == 0


async def test_an_opslaan_from_before_the_date_was_taken_away_asks_first(
    coordinator: Chat, db: Database
) -> None:
    await coordinator.say(FATIMA)
    await coordinator.press("Wijzigen")
    await coordinator.press("Vervolgactie")
    [asking] = await coordinator.say("de folder mailen")

    [again] = await coordinator.press("Opslaan")  # the button of the first card

    assert "⏰ Vervolgactie: De folder mailen — nog geen datum" in asking.text
    assert "Opslaan" not in asking.button_labels()
    assert again.text.startswith("Kies eerst wanneer de vervolgactie moet gebeuren")
    assert again.button_labels()[:5] == DUE_BUTTONS
    assert count(db, Interaction) == 0
    await coordinator.press("Morgen")
    saved = await coordinator.press("Opslaan")
    assert texts(saved) == "Opgeslagen. Herinnering op maandag 30 november: De folder mailen."


async def test_typing_only_a_date_for_the_follow_up_keeps_its_action(coordinator: Chat) -> None:
    await coordinator.say(FATIMA)
    await coordinator.press("Wijzigen")
    await coordinator.press("Vervolgactie")

    [card] = await coordinator.say("vrijdga")

    assert "⏰ Vervolgactie: Terugbellen — vrijdag 4 december" in card.text


def test_the_when_question_has_english_texts() -> None:
    for key in ("card_follow_up_undated", "ask_due", "ask_due_typed", "due_not_understood",
                "due_in_past", "due_first", "button_due_tomorrow", "button_due_day_after",
                "button_due_next_week", "button_due_two_weeks", "button_due_type"):
        assert catalogue.text("en", key, title="Call back") != catalogue.text(
            "nl", key, title="Call back")
