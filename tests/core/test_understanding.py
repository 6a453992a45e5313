"""Reading a visit message: people, organisation, area, follow-up, and the privacy guards."""

from __future__ import annotations

import pytest

from core.understanding import Known, contains_bsn, is_bsn, read_visit
from tests.conftest import REFERENCE_NOW

ALMERE = Known(areas=((1, "Almere Buiten"), (2, "Stad-Oost"), (3, "Almere Haven")))


def test_a_whole_visit_message_is_read_into_its_parts() -> None:
    reading = read_visit(
        "Vandaag gesproken met Fatima Bakkali van buurthuis De Schakel in Stad-Oost. "
        "Zorgen over een groepje jongeren bij het skatepark. Volgende week dinsdag terugbellen.",
        REFERENCE_NOW, ALMERE,
    )

    assert [p.text for p in reading.people] == ["Fatima Bakkali"]
    assert reading.organisation is not None
    assert (reading.organisation.name, reading.organisation.type_code) == ("De Schakel",
                                                                           "buurthuis")
    assert reading.area is not None
    assert (reading.area.name, reading.area.area_id) == ("Stad-Oost", 2)
    assert reading.summary == "Zorgen over een groepje jongeren bij het skatepark."
    assert reading.follow_up is not None
    assert reading.follow_up.title == "Terugbellen"
    assert reading.follow_up.due is not None
    assert reading.follow_up.due.start.date().isoformat() == "2026-12-01"
    assert reading.signal_words == ["zorgen"]


def test_dutch_name_particles_stay_part_of_the_name() -> None:
    reading = read_visit("Gesproken met Jan van der Berg over de wijk.", REFERENCE_NOW, Known())

    assert [p.text for p in reading.people] == ["Jan van der Berg"]


def test_a_known_contact_is_matched_despite_a_typo() -> None:
    known = Known(contacts=((7, "Fatima Bakkali"), (8, "Jan de Vries")))

    reading = read_visit("Gesproken met Fatma Bakali.", REFERENCE_NOW, known)

    assert [(p.text, p.contact_id) for p in reading.people] == [("Fatma Bakali", 7)]


def test_two_contacts_with_the_same_first_name_are_both_candidates() -> None:
    known = Known(contacts=((7, "Fatima Bakkali"), (9, "Fatima El Amrani")))

    [person] = read_visit("Fatima gesproken.", REFERENCE_NOW, known).people

    assert person.contact_id is None
    assert sorted(person.candidates) == [7, 9]


def test_the_word_buiten_is_only_an_area_when_written_as_a_name() -> None:
    outside = read_visit("We zaten buiten op het plein met Ahmed.", REFERENCE_NOW, ALMERE)
    district = read_visit("Bij Ahmed in Buiten geweest.", REFERENCE_NOW, ALMERE)

    assert outside.area is None
    assert district.area is not None
    assert district.area.name == "Almere Buiten"


def test_a_place_of_worship_is_typed_by_its_kind() -> None:
    reading = read_visit("Bezoek aan synagoge Beth Shalom, goed gesprek.", REFERENCE_NOW,
                         Known())

    assert reading.organisation is not None
    assert reading.organisation.type_code == "gebedshuis-synagoge"


@pytest.mark.parametrize("number", ["111222333", "111 22 23 33", "123456782"])
def test_a_number_that_passes_the_eleven_check_is_a_bsn(number: str) -> None:
    assert contains_bsn(f"Zijn nummer is {number}.")


@pytest.mark.parametrize("text", [
    "Bel 0612345678 terug",  # a phone number, ten digits
    "Zaak 123456789 besproken",  # nine digits, fails the eleven-check
    "Postcode 1312 AB, huisnummer 12",
])
def test_other_numbers_are_not_mistaken_for_a_bsn(text: str) -> None:
    assert not contains_bsn(text)


def test_the_eleven_check_follows_the_official_weights() -> None:
    assert is_bsn("111222333")
    assert not is_bsn("111222334")
    assert not is_bsn("000000000")


def test_words_that_would_record_special_categories_are_flagged() -> None:
    reading = read_visit("Gesproken met Ali, hij is Marokkaans en moslim.", REFERENCE_NOW,
                         Known())

    assert reading.privacy_words == ["marokkaans", "moslim"]


def test_a_mosque_as_organisation_is_not_a_privacy_word() -> None:
    reading = read_visit("Bij moskee Al Fath geweest.", REFERENCE_NOW, Known())

    assert reading.privacy_words == []


def test_a_job_title_before_a_name_is_not_part_of_the_name_or_an_organisation() -> None:
    reading = read_visit("Net gebeld met wijkagent Kees Jansen over onrust in de Kruidenwijk.",
                         REFERENCE_NOW, Known())

    assert [p.text for p in reading.people] == ["Kees Jansen"]
    assert reading.organisation is None
    assert reading.role_type == "politie"


def test_an_organisation_after_van_de_is_not_part_of_the_name() -> None:
    reading = read_visit("Gesproken met Anna Jansen van De Brug over de buurtavond.",
                         REFERENCE_NOW, Known())

    assert [p.text for p in reading.people] == ["Anna Jansen"]
    assert reading.organisation is not None
    assert reading.organisation.name == "De Brug"
