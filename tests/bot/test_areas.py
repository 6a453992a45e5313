"""`/gebied`: everyone sees the areas; only an admin changes the list, and a restart keeps it."""

from __future__ import annotations

from collections.abc import Callable

from sqlmodel import select

from core.areas import seed_areas
from core.clock import FakeClock
from storage.engine import Database
from storage.models import Area, Role
from tests.bot.conftest import Chat, invite, texts


async def admin_chat(chat_as: Callable[[str], Chat], db: Database, clock: FakeClock) -> Chat:
    admin = chat_as("admin-1")
    await admin.say(f"/start {invite(db, clock, Role.ADMIN)}")
    return admin


async def test_the_almere_districts_are_there_from_the_start(coordinator: Chat) -> None:
    [listing] = await coordinator.say("/gebied")

    assert "• Almere Haven: De Hoven, De Marken, De Werven, De Wierden, Haven-Centrum" in (
        listing.text
    )
    assert "• Oosterwold" in listing.text
    assert listing.buttons == ()  # a coordinator does not edit the list


async def test_an_admin_adds_a_wijk_under_a_stadsdeel(
    chat_as: Callable[[str], Chat], db: Database, clock: FakeClock
) -> None:
    admin = await admin_chat(chat_as, db, clock)
    await admin.say("/gebied")
    await admin.press("Gebied toevoegen")
    await admin.press("Almere Poort")

    added = await admin.say("Duinvoet")

    assert texts(added) == "Toegevoegd: Duinvoet."
    with db.session() as session:
        duinvoet = session.exec(select(Area).where(Area.name == "Duinvoet")).one()
        poort = session.exec(select(Area).where(Area.name == "Almere Poort")).one()
    assert (duinvoet.kind, duinvoet.parent_id) == ("wijk", poort.id)


async def test_a_duplicate_name_is_refused_and_asked_again(
    chat_as: Callable[[str], Chat], db: Database, clock: FakeClock
) -> None:
    admin = await admin_chat(chat_as, db, clock)
    await admin.say("/gebied")
    await admin.press("Gebied toevoegen")
    await admin.press("Almere Stad")

    refused = await admin.say("stedenwijk")
    added = await admin.say("Stedenwijk-Midden")

    assert texts(refused) == "Er is al een gebied met die naam."
    assert texts(added) == "Toegevoegd: Stedenwijk-Midden."


async def test_an_admin_renames_an_area_and_a_restart_does_not_bring_the_old_name_back(
    chat_as: Callable[[str], Chat], db: Database, clock: FakeClock
) -> None:
    admin = await admin_chat(chat_as, db, clock)
    await admin.say("/gebied")
    await admin.press("Hernoemen")
    await admin.press("Oosterwold")

    renamed = await admin.say("Oosterwold-Noord")
    with db.session() as session:
        seeded_again = seed_areas(session)

    assert texts(renamed) == "Oosterwold heet nu Oosterwold-Noord."
    assert seeded_again == 0
    with db.session() as session:
        assert session.exec(select(Area).where(Area.name == "Oosterwold")).first() is None


async def test_an_area_in_use_is_not_removed(
    chat_as: Callable[[str], Chat], db: Database, clock: FakeClock
) -> None:
    admin = await admin_chat(chat_as, db, clock)
    await admin.say("/gebied")
    await admin.press("Verwijderen")
    await admin.press("Almere Haven")
    await admin.press("Almere Haven zelf")

    refused = await admin.press("Ja, verwijderen")

    assert texts(refused).startswith("Almere Haven is in gebruik")


async def test_an_unused_area_is_removed_once(
    chat_as: Callable[[str], Chat], db: Database, clock: FakeClock
) -> None:
    admin = await admin_chat(chat_as, db, clock)
    await admin.say("/gebied")
    await admin.press("Verwijderen")
    await admin.press("Almere Pampus")

    removed = await admin.press("Ja, verwijderen")
    again = await admin.press("Ja, verwijderen")

    assert texts(removed) == "Verwijderd: Almere Pampus."
    assert texts(again) == "Dit is al verwerkt."
