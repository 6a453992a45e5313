"""Wijzigen on the visit card: a typed organisation, area or person is matched to the register
first (core.reading.matching), so a correction never makes a second "Al Fath" or "Mark"."""

from __future__ import annotations

from sqlmodel import func, select

from storage.engine import Database
from storage.models import Area, Contact, Interaction, Network, Organisation
from tests.bot.conftest import Chat

VISIT = "Vandaag gesproken met Jan de Vries over de jongeren bij het plein."


def _add(db: Database, *rows: Contact | Organisation) -> None:
    with db.session() as session:
        for row in rows:
            session.add(row)


def _count(db: Database, model: type) -> int:
    with db.session() as session:
        return int(session.exec(select(func.count()).select_from(model)).one())


async def _correct(chat: Chat, db: Database, field: str, typed: str) -> str:
    _add(db, Contact(display_name="Jan de Vries", network=Network.FORMAL))
    await chat.say(VISIT)
    await chat.press("Wijzigen")
    await chat.press(field)
    [card] = await chat.say(typed)
    return card.text


async def test_a_typo_in_the_organisation_picks_the_existing_one(coordinator: Chat,
                                                                 db: Database) -> None:
    _add(db, Organisation(name="Moskee Al Fath", type="gebedshuis-moskee",
                          network=Network.INFORMAL),
         Organisation(name="Buurthuis De Schakel", type="buurthuis", network=Network.FORMAL))

    card = await _correct(coordinator, db, "Organisatie", "el feth")

    assert "🏢 Organisatie: Moskee Al Fath\n" in card
    await coordinator.press("Opslaan")
    with db.session() as session:
        visit = session.exec(select(Interaction)).one()
        mosque = session.exec(select(Organisation).where(
            Organisation.name == "Moskee Al Fath")).one()
    assert visit.organisation_id == mosque.id
    assert _count(db, Organisation) == 2


async def test_an_organisation_typed_by_the_part_in_brackets_is_the_existing_one(
        coordinator: Chat, db: Database) -> None:
    _add(db, Organisation(name="Welzijn Almere (De Schoor)", type="welzijn",
                          network=Network.FORMAL))

    card = await _correct(coordinator, db, "Organisatie", "de schoor")

    assert "🏢 Organisatie: Welzijn Almere (De Schoor)\n" in card


async def test_an_unknown_organisation_is_still_offered_as_new(coordinator: Chat,
                                                              db: Database) -> None:
    _add(db, Organisation(name="Moskee Al Fath", type="gebedshuis-moskee",
                          network=Network.INFORMAL))

    card = await _correct(coordinator, db, "Organisatie", "buurthuis De Brug")

    assert "🏢 Organisatie: De Brug (buurthuis / wijkcentrum, nieuw)" in card


async def test_an_area_typed_without_its_hyphen_is_the_existing_area(coordinator: Chat,
                                                                     db: Database) -> None:
    card = await _correct(coordinator, db, "Gebied", "stad west")

    assert "📍 Gebied: Stad-West" in card
    await coordinator.press("Opslaan")
    with db.session() as session:
        visit = session.exec(select(Interaction)).one()
        area = session.exec(select(Area).where(Area.name == "Stad-West")).one()
    assert visit.area_id == area.id


async def test_a_person_typed_in_lower_case_is_the_existing_contact(coordinator: Chat,
                                                                    db: Database) -> None:
    _add(db, Contact(display_name="Mark Visser", network=Network.FORMAL),
         Contact(display_name="Fatima Bakkali", network=Network.FORMAL))

    card = await _correct(coordinator, db, "Wie", "mark, mw. bakkali")

    assert "👤 Wie: Mark Visser, Fatima Bakkali\n" in card
    await coordinator.press("Opslaan")
    assert _count(db, Contact) == 3


async def test_a_new_person_typed_with_a_title_is_named_without_it(coordinator: Chat,
                                                                   db: Database) -> None:
    card = await _correct(coordinator, db, "Wie", "imam yusuf")

    assert "Yusuf (nieuw" in card
    assert "Imam" not in card
