"""The field corpus (phone-style visit messages) read into people, organisation and area.

Every message must be read right (100 %, no known misses at the moment).
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from core.understanding import VisitReading, match_organisation, read_visit
from tests.core.reading.field_corpus import FIELD, KNOWN, NOW, FieldCase


def _people(reading: VisitReading) -> tuple[int | str, ...]:
    return tuple(
        p.contact_id if p.contact_id is not None
        else (f"{p.text}?" if len(p.candidates) > 1 else p.text)
        for p in reading.people)


def _organisation(reading: VisitReading) -> int | str | None:
    org = reading.organisation
    if org is None:
        return None
    return org.organisation_id if org.organisation_id is not None else org.name


def _wrong(case: FieldCase) -> str | None:
    reading = read_visit(case.text, NOW, KNOWN)
    area = reading.area.name if reading.area is not None else None
    got = (_people(reading), _organisation(reading), area)
    wanted = (case.people, case.organisation, case.area)
    return None if got == wanted else f"{case.text!r}: read {got}, expected {wanted}"


def test_the_field_corpus_is_large_enough_to_tune_on() -> None:
    assert len(FIELD) >= 40
    assert len({case.text for case in FIELD}) == len(FIELD)


@pytest.mark.parametrize("case", FIELD, ids=lambda c: c.text[:50])
def test_each_field_message_is_read_with_its_people_organisation_and_area(
        case: FieldCase) -> None:
    assert _wrong(case) is None


def test_a_title_is_kept_apart_from_the_name_and_a_new_person_is_named_without_it() -> None:
    reading = read_visit("gesprek met imam ahmed bij de moskee al-fath", NOW, KNOWN)
    assert [(p.text, p.title, p.contact_id) for p in reading.people] == [("Ahmed", "imam", None)]
    known = read_visit("mw. bakkali belde", NOW, KNOWN).people
    assert [(p.contact_id, p.title) for p in known] == [(2, "mw")]


def test_a_title_typed_with_a_slip_is_still_a_title() -> None:
    reading = read_visit("imaam yusuf gebeld over de open dag", NOW, KNOWN)
    assert [(p.contact_id, p.title) for p in reading.people] == [(3, "imam")]


def test_a_person_is_not_read_inside_an_organisation_or_area_name() -> None:
    reading = read_visit("gesproken met ingrid bij stichting mevlana in de werven", NOW, KNOWN)
    assert _people(reading) == (5,)
    assert _organisation(reading) == 6


def test_an_ordinary_word_that_is_also_a_first_name_is_no_one_on_its_own() -> None:
    assert _people(read_visit("de roos in het plantsoen is vernield", NOW, KNOWN)) == ()



def test_an_organisation_of_another_type_with_the_same_name_is_a_new_one() -> None:
    known = replace(KNOWN, organisations=(*KNOWN.organisations, (20, "Kerk De Brug")))

    reading = read_visit("vandaag bij buurthuis De Brug geweest", NOW, known)
    typed = match_organisation("buurthuis de brug", known)

    assert reading.organisation is not None
    assert (reading.organisation.organisation_id, reading.organisation.type_code) == (
        None, "buurthuis")
    assert (typed.organisation_id, typed.type_code) == (None, "buurthuis")
    assert match_organisation("kerk de brug", known).organisation_id == 20


def test_someone_talked_about_a_child_or_a_shop_is_not_a_person_met() -> None:
    reading = read_visit("met mevr. de Wit en haar dochter Sara (15) gesproken, daarna langs "
                         "bij de Albert Heijn", NOW, KNOWN)

    assert [(p.text, p.title) for p in reading.people] == [("de Wit", "mevr")]
