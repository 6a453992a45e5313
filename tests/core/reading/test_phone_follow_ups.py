"""Phone-style visit messages: day abbreviations, slips in action words, follow-ups meant for
later, a caller named first, and organisations named by a word of their register name."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from core.understanding import Known, read_visit

WEDNESDAY = datetime(2027, 3, 10, 14, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))
REGISTER = Known(
    contacts=((1, "Piotr Nowak"), (2, "Jan Wisniewski")),
    organisations=((11, "Poolse Stichting Razem"), (8, "Surinaamse Vereniging Wi Na Wan"),
                   (3, "Politie Basisteam Almere-Stad"), (1, "Moskee Al Fath")),
    areas=((1, "Stad-Oost"), (2, "Stad-Centrum")),
)


def _due(text: str) -> list[tuple[str, str | None]]:
    reading = read_visit(text, WEDNESDAY, REGISTER)
    return [(f.title, None if f.due is None else f.due.start.date().isoformat())
            for f in reading.follow_ups]


def test_a_day_abbreviation_right_before_the_action_is_that_day() -> None:
    assert _due("bij hem geweest. vr terugbellen") == [("Terugbellen", "2027-03-12")]
    assert _due("koffie gedronken. ma terugkoppelen") == [("Terugkoppelen", "2027-03-15")]


def test_a_day_abbreviation_that_is_an_ordinary_word_is_no_day() -> None:
    assert _due("ma heeft gebeld over de buren") == []


def test_an_action_word_typed_with_a_slip_is_still_the_action() -> None:
    assert [d for _, d in _due("morgenochtend terugbelen")] == ["2027-03-11"]


def test_calling_with_someone_at_a_time_is_a_follow_up() -> None:
    assert _due("morgen half 11 met haar bellen") == [("Met haar bellen", "2027-03-11")]


def test_looking_or_letting_know_by_a_date_is_a_follow_up() -> None:
    assert [d for _, d in _due("uiterlijk 26/4 laten weten")] == ["2027-04-26"]
    assert [d for _, d in _due("over 3 weken kijken hoeveel mensen meedoen")] == ["2027-03-31"]


def test_a_follow_up_meant_for_later_without_a_date_asks_when() -> None:
    assert _due("piotr kwam langs. na de zomer weer contact") == [
        ("Na de zomer weer contact", None)]


def test_later_in_a_story_is_no_follow_up() -> None:
    assert _due("later kwam de wijkagent nog langs") == []


def test_a_name_that_opens_the_message_and_called_took_the_initiative() -> None:
    reading = read_visit("dhr wisniewski appte, 8 arbeiders in 1 huis", WEDNESDAY, REGISTER)
    assert reading.initiated_by == "them"
    assert read_visit("gisteren belde met jan over de jongeren", WEDNESDAY,
                      REGISTER).initiated_by == "us"


def test_an_organisation_named_by_a_word_of_its_register_name_is_that_one() -> None:
    def org(text: str) -> int | None:
        found = read_visit(text, WEDNESDAY, REGISTER).organisation
        return None if found is None else found.organisation_id

    assert org("piotr kwam langs, heb hem naar razem verwezen") == 11
    assert org("ramon belde me, wi na wan wil keti koti vieren") == 8
    assert org("bezoek met wijkagent smit (basisteam) ivm overlast") == 3
    assert org("over de iftar vd moskee voor de hele wijk") == 1  # the only mosque


def test_a_place_word_inside_an_organisation_name_is_the_place() -> None:
    reading = read_visit("onrust in stad oost na de vechtpartij", WEDNESDAY, REGISTER)
    assert reading.organisation is None


def test_a_name_typed_without_its_accents_is_the_contact_with_them() -> None:
    known = Known(contacts=((7, "Hüseyin Aydın"), (28, "Tomasz Wiśniewski")))
    reading = read_visit("overleg met huseyin. dhr wisniewski appte ook", WEDNESDAY, known)
    assert sorted(p.contact_id for p in reading.people if p.contact_id) == [7, 28]


def test_a_first_name_with_the_initial_of_a_surname_picks_that_contact() -> None:
    known = Known(contacts=((1, "Fatima Bakkali"), (2, "Fatima El Idrissi")))
    (person,) = read_visit("gesprek met fatima b. over de app", WEDNESDAY, known).people
    assert person.contact_id == 1


@pytest.mark.parametrize(("text", "name"), [
    ("net bij imam yusuf geweest in moskee al fath, ging over de jongeren", "Al Fath"),
    ("bij stichting razem geweest", "Razem"),
    ("bij buurthuis de schakel geweest", "De Schakel"),
])
def test_a_new_organisations_name_typed_in_lower_case_is_read_after_its_kind(
        text: str, name: str) -> None:
    organisation = read_visit(text, WEDNESDAY, Known()).organisation
    assert organisation is not None
    assert (organisation.name, organisation.organisation_id) == (name, None)


def test_ordinary_words_after_a_kind_are_not_its_name() -> None:
    organisation = read_visit("in de moskee de hele dag geweest", WEDNESDAY, Known()).organisation
    assert organisation is not None
    assert organisation.name == "moskee"
