"""How a contact went, on the visit card: the kind of contact, whose initiative it was, what we
shared or promised and what they asked — read from the message, changed by button, kept."""

from __future__ import annotations

from sqlmodel import select

from bot.conversation import texts as catalogue
from storage.engine import Database
from storage.models import Interaction
from tests.bot.conftest import Chat, texts
from tests.bot.test_register_flow import seed_fatima

CALLED = (
    "Fatima Bakkali belde me over het buurtfeest, ze vroeg om een tent voor het plein. "
    "Ik heb verteld over de subsidie voor buurtinitiatieven."
)


def saved(db: Database) -> Interaction:
    with db.session() as session:
        return session.exec(select(Interaction)).one()


async def test_a_call_they_started_shows_as_telefoon_on_their_initiative_with_the_ledger(
    coordinator: Chat, db: Database
) -> None:
    seed_fatima(db)

    [card] = await coordinator.say(CALLED)

    assert "🗂 Soort: telefoon, op hun initiatief" in card.text.splitlines()
    assert "↗️ Gedeeld/toegezegd: Ik heb verteld over de subsidie voor buurtinitiatieven" in (
        card.text.splitlines())
    assert "↙️ Gevraagd: Ze vroeg om een tent voor het plein" in card.text.splitlines()


async def test_the_kind_initiative_and_ledger_are_stored_with_the_visit(
    coordinator: Chat, db: Database
) -> None:
    seed_fatima(db)
    await coordinator.say(CALLED)

    await coordinator.press("Opslaan")

    stored = saved(db)
    assert (stored.kind, stored.initiated_by) == ("telefoon", "them")
    assert stored.shared == "Ik heb verteld over de subsidie voor buurtinitiatieven"
    assert stored.asked == "Ze vroeg om een tent voor het plein"


async def test_a_visit_we_paid_says_bezoek_on_our_initiative(coordinator: Chat) -> None:
    [card] = await coordinator.say("Langsgegaan bij buurthuis De Schakel, rustig gesprek.")

    assert "🗂 Soort: bezoek, op ons initiatief" in card.text.splitlines()


async def test_the_kind_of_contact_is_changed_with_a_row_of_buttons(
    coordinator: Chat, db: Database
) -> None:
    seed_fatima(db)
    await coordinator.say(CALLED)
    await coordinator.press("Wijzigen")

    [question] = await coordinator.press("Soort contact")
    [card] = await coordinator.press("E-mail")
    await coordinator.press("Opslaan")

    assert question.text == catalogue.text("nl", "ask_kind")
    assert question.button_labels() == ["Bezoek", "Telefoon", "Bijeenkomst", "Gebiedsoverleg",
                                        "Training", "Toevallig contact", "Online", "E-mail",
                                        "Appbericht"]
    assert "🗂 Soort: e-mail, op hun initiatief" in card.text.splitlines()
    assert saved(db).kind == "email"


async def test_a_typed_kind_is_read_and_one_that_is_not_a_kind_is_asked_again(
    coordinator: Chat, db: Database
) -> None:
    seed_fatima(db)
    await coordinator.say(CALLED)
    await coordinator.press("Wijzigen")
    await coordinator.press("Soort contact")

    confused = await coordinator.say("blauw")
    [card] = await coordinator.say("geappt")

    assert texts(confused) == catalogue.text("nl", "kind_not_understood")
    assert "🗂 Soort: appbericht, op hun initiatief" in card.text.splitlines()


async def test_a_kind_typed_in_english_or_cut_short_is_understood(coordinator: Chat) -> None:
    await coordinator.say("/language en")
    await coordinator.say(CALLED)
    await coordinator.press("Edit")

    await coordinator.press("Kind of contact")
    [phone] = await coordinator.say("phone")
    await coordinator.press("Edit")
    await coordinator.press("Kind of contact")
    [app] = await coordinator.say("app")

    assert "🗂 Kind: phone call, on their initiative" in phone.text.splitlines()
    assert "🗂 Kind: app message, on their initiative" in app.text.splitlines()


async def test_wij_zij_turns_the_initiative_with_one_tap(coordinator: Chat, db: Database) -> None:
    seed_fatima(db)
    await coordinator.say(CALLED)

    [menu] = await coordinator.press("Wijzigen")
    [card] = await coordinator.press("Initiatief: zij ⇄")
    [menu_again] = await coordinator.press("Wijzigen")
    await coordinator.press("Terug naar de kaart")

    assert "Initiatief: zij ⇄" in menu.button_labels()
    assert "🗂 Soort: telefoon, op ons initiatief" in card.text.splitlines()
    assert "Initiatief: wij ⇄" in menu_again.button_labels()
    await coordinator.press("Opslaan")
    assert saved(db).initiated_by == "us"


async def test_gedeeld_and_gevraagd_are_changed_by_typing_and_a_dash_clears_them(
    coordinator: Chat, db: Database
) -> None:
    seed_fatima(db)
    await coordinator.say(CALLED)
    await coordinator.press("Wijzigen")
    await coordinator.press("Gedeeld")
    [shared] = await coordinator.say("Folder over de peiling gegeven")
    await coordinator.press("Wijzigen")
    await coordinator.press("Gevraagd")

    [cleared] = await coordinator.say("-")
    await coordinator.press("Opslaan")

    assert "↗️ Gedeeld/toegezegd: Folder over de peiling gegeven" in shared.text.splitlines()
    assert not any(line.startswith("↙️") for line in cleared.text.splitlines())
    stored = saved(db)
    assert (stored.shared, stored.asked) == ("Folder over de peiling gegeven", "")


async def test_the_card_says_how_the_contact_went_in_english(coordinator: Chat) -> None:
    await coordinator.say("/language en")

    [card] = await coordinator.say(
        "She called me about the youth centre, she asked for help with the subsidy.")

    assert "🗂 Kind: phone call, on their initiative" in card.text.splitlines()
    assert "↙️ Asked: She asked for help with the subsidy" in card.text.splitlines()


async def test_kort_shows_the_kind_initiative_and_ledger_of_a_logged_visit(
    coordinator: Chat, db: Database
) -> None:
    seed_fatima(db)
    await coordinator.say(CALLED)
    await coordinator.press("Opslaan")

    [brief] = await coordinator.say("/kort fatima")

    lines = brief.text.splitlines()
    assert any(line.startswith("• zondag 29 november — telefoon, op hun initiatief: Fatima "
                               "Bakkali belde me over het buurtfeest") for line in lines)
    shared_at = lines.index("↗️ Wat wij deelden of toezegden:")
    asked_at = lines.index("↙️ Wat zij vroegen:")
    assert lines[shared_at + 1] == (
        "• zondag 29 november: Ik heb verteld over de subsidie voor buurtinitiatieven")
    assert lines[asked_at + 1] == "• zondag 29 november: Ze vroeg om een tent voor het plein"
