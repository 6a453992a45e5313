"""The importer finds an organisation the file writes another way with the chat's matcher
(core.reading.matching): word order, the part in brackets, the place left off; never a
guess at a typo, and never one of several."""

from __future__ import annotations

import pytest

from core.contacts import create_organisation
from core.organisations import BY_CODE
from storage.engine import Database
from storage.models import Organisation
from tests.core.test_importer import SQLITE_ONLY, apply, count, csv_text, plan, row


def _organisation(db: Database, name: str, type_code: str, when: object) -> int:
    with db.session() as session:
        organisation = create_organisation(session, name=name, type_code=type_code,
                                           network=BY_CODE[type_code].network or "formal",
                                           now=when)  # type: ignore[arg-type]
        assert organisation.id is not None
        return organisation.id


@pytest.mark.parametrize(("registered", "written", "type_code"), [
    ("Moskee Al-Fath", "Al Fath moskee", "gebedshuis-moskee"),
    ("Welzijn Almere (De Schoor)", "De Schoor", "welzijn"),
    ("Protestantse Kerk Almere Haven", "Protestantse Kerk", "gebedshuis-kerk"),
])
def test_an_organisation_written_another_way_is_the_registered_one(
        db, clock, registered: str, written: str, type_code: str) -> None:
    existing = _organisation(db, registered, type_code, clock.now())

    import_plan = plan(db, csv_text(row(organisatie=written, type="")))
    apply(db, clock, import_plan)

    [created] = import_plan.rows
    assert [o.organisation_id for o in created.organisations] == [existing]
    assert count(db, Organisation) == 1


@SQLITE_ONLY
def test_a_typo_or_a_name_that_fits_two_makes_a_new_organisation(db, clock) -> None:
    _organisation(db, "Moskee Al Fath Almere Haven", "gebedshuis-moskee", clock.now())
    _organisation(db, "Moskee Al Fath Almere Buiten", "gebedshuis-moskee", clock.now())

    import_plan = plan(db, csv_text(row(naam="Anna", organisatie="Moskee Al Fath", type=""),
                                    row(naam="Bert", organisatie="Moskee El Feth", type="")))

    assert [[o.organisation_id for o in r.organisations] for r in import_plan.rows] == [
        [None], [None]]
