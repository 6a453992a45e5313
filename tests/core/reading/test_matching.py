"""The one matcher for names the register holds (core/reading/matching.py)."""

from __future__ import annotations

from core.reading.matching import NameIndex, normal

ORGANISATIONS = (
    (1, "Moskee Al-Fath"), (2, "Protestantse Kerk Almere Haven"),
    (3, "Welzijn Almere (De Schoor)"), (4, "Politie Basisteam Almere-Stad"),
    (5, "Moskee Ulu"), (6, "Buurthuis De Schakel"), (7, "Kerk De Brug"),
    (8, "Bewonersvereniging Waterwijk"),
)
PLACES = ("Almere Haven", "Almere Stad", "Waterwijk", "Stad-West")
AREAS = ((1, "Stad-West"), (2, "Stad-Oost"), (3, "Almere Haven"), (4, "Kruidenwijk"))


def _orgs(*extra: tuple[int, str]) -> NameIndex:
    return NameIndex((*ORGANISATIONS, *extra), places=PLACES)


def _areas() -> NameIndex:
    return NameIndex(AREAS, is_type=lambda word: False)


def test_names_are_compared_without_case_accents_hyphens_or_extra_spaces() -> None:
    assert normal("  Stad-West ") == "stad west"
    assert normal("Öztürk") == "ozturk"
    assert _orgs().match("moskee al fath").ids == (1,)
    assert _orgs().match("moskee al fath").exact
    assert _orgs().match("POLITIE basisteam almere stad").one == 4


def test_the_type_word_may_be_left_off_or_moved() -> None:
    assert _orgs().match("al fath").one == 1
    assert _orgs().match("al fath moskee").one == 1
    assert _orgs().match("schakel buurthuis").one == 6


def test_the_place_at_the_end_may_be_left_off_when_one_organisation_fits() -> None:
    assert _orgs().match("protestantse kerk").one == 2
    assert _orgs().match("politie almere stad").one == 4


def test_the_part_in_brackets_or_before_them_names_the_organisation() -> None:
    assert _orgs().match("de schoor").one == 3
    assert _orgs().match("De Schoor").one == 3
    assert _orgs().match("welzijn de schoor").one == 3


def test_a_small_typo_finds_the_organisation_when_only_one_is_near() -> None:
    assert _orgs().match("de schakle").one == 6
    assert _orgs().match("el feth", near=70).one == 1


def test_a_typo_near_two_organisations_decides_nothing() -> None:
    both = _orgs((9, "Moskee El Feda")).match("el feth", near=70)
    assert both.one is None
    assert set(both.ids) == {1, 9}


def test_an_exact_name_wins_over_a_near_or_longer_one() -> None:
    index = _orgs((9, "De Brug"))
    assert index.match("De Brug").ids == (9,)
    assert index.match("De Brug").exact


def test_a_type_word_alone_names_no_organisation() -> None:
    assert _orgs().match("moskee").ids == ()
    assert _orgs().match("de kerk").ids == ()


def test_an_area_is_not_taken_for_the_organisation_named_after_it() -> None:
    assert _orgs().match("waterwijk").ids == ()
    assert _orgs().written("waterwijk") == ()
    assert _orgs().written("bewonersvereniging waterwijk") == (8,)


def test_written_finds_short_forms_word_for_word_but_no_near_spellings() -> None:
    assert _orgs().written("de protestantse kerk") == (2,)
    assert _orgs().written("de schakle") == ()


def test_areas_match_with_spaces_for_hyphens_and_small_typos() -> None:
    assert _areas().match("stad west").one == 1
    assert _areas().match("stadwest").one == 1
    assert _areas().match("kruidewijk").one == 4
    assert _areas().match("stad").one is None


def test_nothing_typed_matches_nothing() -> None:
    assert _orgs().match("  ").ids == ()
    assert NameIndex(()).match("de schoor").ids == ()
