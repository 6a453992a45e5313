"""Logging a visit step by step (/stapsgewijs): a button for every choice, a clear re-ask for
every answer that cannot be used, the same card and Opslaan once."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from sqlmodel import select

from bot.conversation import texts as catalogue
from core.clock import FakeClock
from core.contacts import create_contact
from storage.engine import Database
from storage.models import (
    ButtonPayload,
    Contact,
    FollowUp,
    Interaction,
    InteractionContact,
    Network,
    Role,
    User,
)
from tests.bot.conftest import Chat, texts
from tests.bot.test_register_flow import count, interaction, joined, seed_fatima, seed_jan
from tests.conftest import AMSTERDAM, REFERENCE_NOW

NOW = REFERENCE_NOW


def t(key: str, **values: object) -> str:
    return catalogue.text("nl", key, **values)


def stored(db: Database) -> Interaction:
    with db.session() as session:
        row = session.exec(select(Interaction)).one()
        session.expunge(row)
        return row


async def through_to_the_card(chat: Chat, who: str = "Fatima Bakkali") -> str:
    """Answer every step with a button (and two typed texts); return the card's text."""
    await chat.say("/stapsgewijs")
    await chat.press(who)
    await chat.press("Verder ▸")
    await chat.press("Telefoon")
    await chat.press("Gisteren")
    await chat.press("Zij")
    await chat.press("Bezorgd")
    await chat.say("Onrust bij het skatepark na het incident van vorige week.")
    await chat.say("Uitnodiging voor het gebiedsoverleg van donderdag")
    await chat.press("Overslaan")
    [card] = await chat.press("Over een week")
    return card.text


async def test_every_step_has_buttons_and_ends_on_the_same_card_as_a_message(
    coordinator: Chat, db: Database
) -> None:
    seed_fatima(db)
    await coordinator.say("/stapsgewijs")
    [who] = await coordinator.say("fatima")
    assert who.text.startswith("Stap 1 van 9\n" + t("gv_ask_who_more", names="Fatima Bakkali"))
    assert who.button_labels()[0] == "Verder ▸"
    [kind] = await coordinator.press("Verder ▸")
    assert kind.button_labels() == ["Bezoek", "Telefoon", "Bijeenkomst", "Gebiedsoverleg",
                                    "Training", "Toevallig contact", "Online", "E-mail",
                                    "Appbericht"]
    [when] = await coordinator.press("Bezoek")
    assert when.button_labels() == ["Vandaag", "Gisteren"]
    [initiative] = await coordinator.press("Vandaag")
    assert initiative.button_labels() == ["Wij (gemeente)", "Zij"]
    [mood] = await coordinator.press("Wij (gemeente)")
    assert mood.button_labels() == ["Positief", "Neutraal", "Bezorgd", "Gespannen", "Overslaan"]
    [summary] = await coordinator.press("Positief")
    assert summary.text == "Stap 6 van 9\n" + t("gv_ask_summary")
    [shared] = await coordinator.say("Het buurtfeest wordt samen met het jongerenwerk gedaan.")
    assert shared.button_labels() == ["Overslaan"]
    await coordinator.say("Informatie over de subsidie voor buurtinitiatieven")
    [follow_up] = await coordinator.say("Of de gemeente een tent kan lenen")
    assert follow_up.button_labels() == ["Morgen", "Over een week", "Over twee weken",
                                         "Geen vervolgactie"]
    [card] = await coordinator.say("donderdag terugbellen over de tent")

    assert card.text.splitlines() == [
        "Bezoek vastleggen — klopt dit?",
        "",
        "👤 Wie: Fatima Bakkali",
        "🏢 Organisatie: De Schakel",
        "📍 Gebied: Stad-Oost",
        "📅 Wanneer: zondag 29 november",
        "🗂 Soort: bezoek, op ons initiatief, sfeer positief",
        "📝 Samenvatting: Het buurtfeest wordt samen met het jongerenwerk gedaan.",
        "↗️ Gedeeld/toegezegd: Informatie over de subsidie voor buurtinitiatieven",
        "↙️ Gevraagd: Of de gemeente een tent kan lenen",
        "⏰ Vervolgactie: Terugbellen over de tent — donderdag 3 december",
    ]
    assert card.button_labels() == ["Opslaan", "Wijzigen", "Annuleren"]
    assert card.protect


async def test_opslaan_stores_the_kind_initiative_mood_and_the_reciprocity_ledger(
    coordinator: Chat, db: Database
) -> None:
    fatima = seed_fatima(db)
    card = await through_to_the_card(coordinator)
    assert "⚠️" in card  # 'onrust' and 'incident': the same reminder as the free-text card
    assert count(db, Interaction) == 0

    saved = await coordinator.press("Opslaan")

    assert texts(saved) == t("saved_with_follow_up", title="Opvolgen",
                             when="zondag 6 december")
    visit = stored(db)
    assert (visit.kind, visit.initiated_by, visit.mood) == ("telefoon", "them", "bezorgd")
    assert visit.shared == "Uitnodiging voor het gebiedsoverleg van donderdag"
    assert visit.asked == ""
    assert visit.summary == "Onrust bij het skatepark na het incident van vorige week."
    assert visit.occurred_at.astimezone(AMSTERDAM).date().isoformat() == "2026-11-28"
    with db.session() as session:
        people = session.exec(select(InteractionContact.contact_id)).all()
        reminder = session.exec(select(FollowUp)).one()
    assert people == [fatima]
    assert (reminder.contact_id, reminder.interaction_id) == (fatima, visit.id)


async def test_opslaan_pressed_twice_stores_once(coordinator: Chat, db: Database) -> None:
    seed_fatima(db)
    await through_to_the_card(coordinator)
    await coordinator.press("Opslaan")

    again = await coordinator.press("Opslaan")

    assert texts(again) == t("already_saved")
    assert count(db, Interaction) == 1
    assert count(db, FollowUp) == 1


async def test_a_new_person_is_placed_in_a_network_and_a_second_person_can_join(
    coordinator: Chat, db: Database
) -> None:
    seed_jan(db)
    await coordinator.say("/stapsgewijs Kees Jansen")
    [network] = await coordinator.press("Nieuw contact: Kees Jansen")
    assert network.button_labels() == ["Formeel netwerk", "Informeel netwerk"]
    [more] = await coordinator.press("Informeel netwerk")
    assert "Erbij: Kees Jansen." in more.text
    [more] = await coordinator.press("Jan de Vries")
    assert "Erbij: Kees Jansen, Jan de Vries." in more.text
    await coordinator.press("Verder ▸")
    await coordinator.press("Gebiedsoverleg")
    await coordinator.press("Vandaag")
    await coordinator.press("Wij (gemeente)")
    await coordinator.press("Overslaan")
    await coordinator.say("Afspraken over de veiligheid bij het buurtfeest.")
    await coordinator.press("Overslaan")
    await coordinator.press("Overslaan")
    [card] = await coordinator.press("Geen vervolgactie")

    assert "👤 Wie: Kees Jansen (nieuw, informeel), Jan de Vries" in card.text
    assert "🗂 Soort: gebiedsoverleg, op ons initiatief\n" in card.text
    await coordinator.press("Opslaan")
    with db.session() as session:
        (kees,) = [c for c in session.exec(select(Contact)) if c.display_name == "Kees Jansen"]
    assert kees.network == Network.INFORMAL
    assert stored(db).mood is None


async def test_an_answer_that_cannot_be_used_is_explained_and_asked_again_at_every_step(
    coordinator: Chat, db: Database
) -> None:
    seed_fatima(db)
    await coordinator.say("/stapsgewijs")

    async def reask(answer: str, why: str, step: int) -> None:
        [reply] = await coordinator.say(answer)
        assert reply.text.startswith(why + "\n\nStap " + str(step) + " van 9\n"), reply.text
        assert step == 6 or reply.buttons

    await reask("1234", t("reg_name_invalid"), 1)
    await coordinator.say("fatima")
    await coordinator.press("Verder ▸")
    await reask("fiets", t("reg_choose_button"), 2)
    await coordinator.say("tel")  # the start of a label is enough
    await reask("blauw", t("date_not_understood"), 3)
    await reask("morgen", t("date_in_future"), 3)
    await coordinator.say("afgelopen vrijdag")
    await reask("misschien", t("reg_choose_button"), 4)
    await coordinator.say("zij")
    await reask("boos", t("reg_choose_button"), 5)
    await coordinator.say("gespannen")
    await reask("ok", t("gv_summary_too_short"), 6)
    await coordinator.say("Spanning rond de moskee na berichten online.")
    await reask("??", t("gv_text_unclear"), 7)
    await coordinator.say("overslaan")
    await coordinator.say("Extra inzet van de wijkagent")
    await reask("vorige week bellen", t("follow_up_in_past"), 9)
    [card] = await coordinator.say("geen")

    assert "📅 Wanneer: vrijdag 27 november" in card.text
    assert "🗂 Soort: telefoon, op hun initiatief, sfeer gespannen" in card.text
    assert "↙️ Gevraagd: Extra inzet van de wijkagent" in card.text
    assert "⏰ Vervolgactie: geen" in card.text
    assert count(db, Interaction) == 0


async def test_a_bsn_is_refused_and_the_step_asked_again(coordinator: Chat,
                                                         db: Database) -> None:
    seed_fatima(db)
    await coordinator.say("/stapsgewijs fatima")
    await coordinator.press("Verder ▸")
    await coordinator.press("Bezoek")
    await coordinator.press("Vandaag")
    await coordinator.press("Zij")
    await coordinator.press("Neutraal")

    refused = await coordinator.say("Zijn BSN is 111222333, hij wil hulp.")

    assert texts(refused[:1]) == t("bsn_refused")
    assert refused[1].text.endswith(t("gv_ask_summary"))
    assert count(db, Interaction) == 0


async def test_wijzigen_changes_one_answer_and_returns_to_the_card(coordinator: Chat,
                                                                   db: Database) -> None:
    seed_fatima(db)
    await through_to_the_card(coordinator)

    [menu] = await coordinator.press("Wijzigen")
    [question] = await coordinator.press("Sfeer")
    [card] = await coordinator.press("Positief")

    assert menu.button_labels() == ["Wie", "Soort", "Datum", "Initiatief", "Sfeer",
                                    "Samenvatting", "Gedeeld", "Gevraagd", "Vervolgactie",
                                    "Terug naar de kaart"]
    assert not question.text.startswith("Stap")
    assert "🗂 Soort: telefoon, op hun initiatief, sfeer positief" in card.text
    await coordinator.press("Opslaan")
    assert stored(db).mood == "positief"


async def test_choosing_who_again_from_the_card_replaces_the_people(coordinator: Chat,
                                                                    db: Database) -> None:
    seed_fatima(db)
    jan = seed_jan(db)
    await through_to_the_card(coordinator)
    await coordinator.press("Wijzigen")
    await coordinator.press("Wie")
    await coordinator.press("Jan de Vries")

    [card] = await coordinator.press("Verder ▸")

    assert "👤 Wie: Jan de Vries\n🏢 Organisatie: Politie Almere" in card.text
    await coordinator.press("Opslaan")
    with db.session() as session:
        assert session.exec(select(InteractionContact.contact_id)).all() == [jan]


async def test_text_typed_at_the_card_shows_the_card_again_and_loses_nothing(
    coordinator: Chat, db: Database
) -> None:
    seed_fatima(db)
    await through_to_the_card(coordinator)

    [again] = await coordinator.say("klopt")

    assert again.text.startswith(t("gv_card_waiting") + "\n\nBezoek vastleggen")
    await coordinator.press("Opslaan")
    assert count(db, Interaction) == 1


async def test_a_button_from_an_earlier_step_by_step_visit_is_refused(coordinator: Chat,
                                                                      db: Database) -> None:
    seed_fatima(db)
    [first] = await coordinator.say("/stapsgewijs")
    await coordinator.say("/stapsgewijs")

    await coordinator.transport.press_payload(first.buttons[0][0].payload, user="u1")

    assert texts(coordinator.transport.pop("u1")) == t("draft_gone")


async def test_annuleren_stores_nothing(coordinator: Chat, db: Database) -> None:
    seed_fatima(db)
    await through_to_the_card(coordinator)

    cancelled = await coordinator.press("Annuleren")

    assert texts(cancelled) == t("visit_cancelled")
    assert texts(await coordinator.press("Opslaan")) == t("draft_gone")
    assert count(db, Interaction) == 0


async def test_the_people_offered_are_the_most_recently_spoken_to(coordinator: Chat,
                                                                  db: Database) -> None:
    fatima, jan = seed_fatima(db), seed_jan(db)
    interaction(db, fatima, days_ago=30)
    interaction(db, jan, days_ago=2)
    with db.session() as session:
        create_contact(session, name="Nieuwe Naam", network=Network.FORMAL,
                       now=NOW - timedelta(days=1))

    [who] = await coordinator.say("/stapsgewijs")

    assert who.button_labels() == ["Jan de Vries", "Fatima Bakkali", "Nieuwe Naam"]


async def test_a_colleague_is_offered_and_finds_formal_contacts_only(
    chat_as: Callable[[str], Chat], db: Database, clock: FakeClock
) -> None:
    seed_fatima(db)
    seed_jan(db)
    colleague = await joined(chat_as, db, clock, Role.COLLEAGUE, "colleague-1")

    [who] = await colleague.say("/stapsgewijs")
    [typed] = await colleague.say("Fatima Bakkali")

    assert who.button_labels() == ["Jan de Vries"]
    assert typed.text == t("gv_who_none", name="Fatima Bakkali")
    assert typed.button_labels() == ["Nieuw contact: Fatima Bakkali"]


async def test_stapsgewijs_in_english(coordinator: Chat, db: Database) -> None:
    seed_fatima(db)
    await coordinator.say("/language en")

    [who] = await coordinator.say("/stepbystep fatima")
    [kind] = await coordinator.press("Continue ▸")

    assert who.text.startswith("Step 1 of 9\nWith: Fatima Bakkali.")
    assert kind.button_labels()[:3] == ["Visit", "Phone call", "Meeting"]


async def test_a_stap_voor_stap_button_elsewhere_starts_the_guided_flow(
    coordinator: Chat, db: Database
) -> None:
    """For a 'Stap voor stap' button under the /bezoek prompt (visit.py offers it)."""
    with db.session() as session:
        owner = session.exec(select(User).where(User.external_id == "u1")).one()
        assert owner.id is not None
        session.add(ButtonPayload(id="step-by-step", user_id=owner.id, action="gv.start",
                                  data={}, created_at=NOW))

    await coordinator.transport.press_payload("step-by-step", user="u1")

    assert texts(coordinator.transport.pop("u1")).startswith("Stap 1 van 9\n" + t("gv_ask_who"))


async def test_a_typed_follow_up_without_a_date_asks_when_and_keeps_the_action(
    coordinator: Chat, db: Database
) -> None:
    seed_fatima(db)
    await coordinator.say("/stapsgewijs")
    await coordinator.press("Fatima Bakkali")
    await coordinator.press("Verder ▸")
    await coordinator.press("Telefoon")
    await coordinator.press("Gisteren")
    await coordinator.press("Zij")
    await coordinator.press("Bezorgd")
    await coordinator.say("Onrust bij het skatepark na het incident van vorige week.")
    await coordinator.press("Overslaan")
    await coordinator.press("Overslaan")

    [asked] = await coordinator.say("de folder mailen")
    [unreadable] = await coordinator.say("als het uitkomt")
    [card] = await coordinator.say("vrijdag")

    assert asked.text.startswith(t("ask_due", title="De folder mailen") + "\n\nStap 9 van 9\n")
    assert asked.button_labels() == ["Morgen", "Over een week", "Over twee weken",
                                     "Geen vervolgactie"]
    assert unreadable.text.startswith(t("due_not_understood") + "\n"
                                      + t("ask_due", title="De folder mailen"))
    assert unreadable.button_labels() == asked.button_labels()
    assert "⏰ Vervolgactie: De folder mailen — vrijdag 4 december" in card.text
    assert card.button_labels() == ["Opslaan", "Wijzigen", "Annuleren"]
    assert count(db, Interaction) == 0
