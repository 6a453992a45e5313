"""/organisatie and /contact open the one the name says: an exact name first, then the
register's matcher (core.reading.matching), and only then a list to choose from."""

from __future__ import annotations

from storage.engine import Database
from storage.models import Contact, Network, Organisation
from tests.bot.conftest import Chat


def _organisations(db: Database, *names: str) -> None:
    with db.session() as session:
        for name in names:
            session.add(Organisation(name=name, type="gebedshuis-moskee",
                                     network=Network.INFORMAL))


def _contacts(db: Database, *names: str) -> None:
    with db.session() as session:
        for name in names:
            session.add(Contact(display_name=name, network=Network.FORMAL))


async def test_organisatie_opens_the_exact_name_among_look_alikes(coordinator: Chat,
                                                                  db: Database) -> None:
    _organisations(db, "Moskee Al Fath Jongeren", "Stichting Moskee Al Fath",
                   "Moskee Al Fath", "Moskee Al Fath Vrouwen", "Al Fath Moskee Haven",
                   "Moskee Al Fattah")

    [card] = await coordinator.say("/organisatie moskee al fath")

    assert card.text.splitlines()[0] == "🏢 Moskee Al Fath"


async def test_organisatie_opens_the_one_a_short_form_names(coordinator: Chat,
                                                            db: Database) -> None:
    _organisations(db, "Welzijn Almere (De Schoor)", "Buurthuis De Schakel")

    [card] = await coordinator.say("/organisatie de schoor")

    assert card.text.splitlines()[0] == "🏢 Welzijn Almere (De Schoor)"


async def test_organisatie_lists_the_choices_when_the_name_fits_several(coordinator: Chat,
                                                                        db: Database) -> None:
    _organisations(db, "Moskee Al Fath Almere Haven", "Moskee Al Fath Almere Buiten")

    [question] = await coordinator.say("/organisatie al fath")

    labels = question.button_labels()
    assert any("Almere Haven" in label for label in labels)
    assert any("Almere Buiten" in label for label in labels)


async def test_contact_opens_the_exact_name_among_look_alikes(coordinator: Chat,
                                                              db: Database) -> None:
    _contacts(db, "Mark Vissers", "Mark Visser-Jansen", "Marco Visser", "Mark Visser",
              "Marije Visser", "Mark de Visser")

    [card] = await coordinator.say("/contact mark visser")

    assert card.text.splitlines()[0].endswith("Mark Visser")


async def test_contact_leaves_a_title_off_and_finds_the_surname(coordinator: Chat,
                                                                db: Database) -> None:
    _contacts(db, "Fatima Bakkali", "Ingrid Bakker")

    [card] = await coordinator.say("/contact mw. bakkali")

    assert card.text.splitlines()[0].endswith("Fatima Bakkali")


async def test_organisatie_opens_the_same_words_in_another_order(coordinator: Chat,
                                                                 db: Database) -> None:
    _organisations(db, "Moskee Al-Fath", "Al Fath Moskee Jongeren")

    [card] = await coordinator.say("/organisatie al fath moskee")

    assert card.text.splitlines()[0] == "🏢 Moskee Al-Fath"
