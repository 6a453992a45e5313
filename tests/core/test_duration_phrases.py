"""Reading how long a visit took: the phrases coordinators write, and the look-alikes that are a
clock time or a follow-up's time instead (core.hours, through core.understanding.read_visit)."""

from __future__ import annotations

import pytest

from core.hours import find_duration, format_duration, read_duration_answer
from core.understanding import Known, read_visit
from tests.conftest import REFERENCE_NOW

# (message, minutes read as the visit's duration; None: no duration in it)
PHRASES: list[tuple[str, int | None]] = [
    ("Anderhalf uur gesproken met Ahmed van moskee Al Fath.", 90),
    ("45 minuten bij Fatima van buurthuis De Schakel.", 45),
    ("Vandaag 2 uur gesproken met Jan de Vries.", 120),
    ("Met Fatima een half uurtje koffie gedronken.", 30),
    ("Gisteren van 10 tot half 12 bij buurthuis De Schakel met Fatima.", 90),
    ("Overleg met de wijkagent, 1,5 uur.", 90),
    ("Drie kwartier gebeld met Petra.", 45),
    ("Een kwartiertje gesproken met Ahmed op straat.", 15),
    ("Bij Jan geweest, 1 uur en 20 minuten.", 80),
    ("Met Ahmed 1u30 over de jongeren gesproken.", 90),
    ("Twee en een half uur bijeenkomst in De Schakel.", 150),
    ("Een uur of twee met het bestuur van de moskee gezeten.", 120),
    ("Gisteren van 14:00 tot 15:15 overleg gehad met de school.", 75),
    ("Call with Sam, half an hour.", 30),
    ("Spoke with Fatima for an hour and a half.", 90),
    ("Met Fatima gesproken, vijfenveertig minuten.", 45),
    # not a duration: a clock time, or a span away from the visit
    ("Met Ahmed gesproken. Ik bel hem 2 uur later terug.", None),
    ("Met Ahmed gesproken, 2 uur later bellen.", None),
    ("Om 2 uur bij Fatima in De Schakel geweest.", None),
    ("Vandaag 2 uur bij Ahmed.", None),
    ("Met Jan gesproken, hij belt over 2 uur terug.", None),
    ("Een uur geleden met Petra gebeld.", None),
    ("Half 12 bij Ahmed geweest.", None),
    ("Jongeren van 12 tot 16 jaar hangen rond bij het skatepark, zei Fatima.", None),
    ("Met Fatima gesproken over 10.30 uur morgen.", None),
    ("Ze willen 2 uur per week een inloop organiseren, zei Jan.", None),
    ("Met Ahmed binnen een uur alles geregeld.", None),
    ("Met Fatima gesproken; 1 uur 20 jongeren in de zaal.", 60),
]


@pytest.mark.parametrize(("message", "minutes"), PHRASES, ids=[m for m, _ in PHRASES])
def test_a_visit_message_carries_the_duration_it_says_and_no_other(
    message: str, minutes: int | None
) -> None:
    reading = read_visit(message, REFERENCE_NOW, Known())

    assert reading.duration_minutes == minutes


def test_a_follow_up_time_is_never_the_visits_duration() -> None:
    reading = read_visit("Gesprek met Jan. 2 uur later bellen.", REFERENCE_NOW, Known())

    assert reading.follow_ups, "the follow-up is still read"
    assert reading.duration_minutes is None


def test_a_duration_and_a_follow_up_time_in_one_message_are_told_apart() -> None:
    reading = read_visit("Met Fatima gesproken, 45 minuten. Over 2 uur terugbellen.",
                         REFERENCE_NOW, Known())

    assert reading.duration_minutes == 45
    assert reading.follow_up is not None
    assert reading.follow_up.due is not None
    assert reading.follow_up.due.start.hour == 16


def test_two_hours_of_talking_today_is_not_read_as_two_oclock() -> None:
    reading = read_visit("Vandaag 2 uur gesproken met Fatima.", REFERENCE_NOW, Known())

    assert reading.occurred is not None
    assert reading.occurred.grain == "day"


def test_a_range_is_both_the_duration_and_the_time_of_the_visit() -> None:
    reading = read_visit("Gisteren van 10 tot half 12 bij Fatima.", REFERENCE_NOW, Known())

    assert reading.duration_minutes == 90
    assert reading.occurred is not None
    assert (reading.occurred.start.day, reading.occurred.start.hour) == (28, 10)


def test_only_the_first_duration_counts_and_its_place_is_known() -> None:
    found = find_duration("45 minuten gesproken, daarna 30 minuten gereden")

    assert found is not None
    assert (found.minutes, found.span) == (45, (0, 10))


def test_more_than_twelve_hours_is_not_a_visit() -> None:
    assert find_duration("30 uur gesproken") is None


@pytest.mark.parametrize(("typed", "minutes"), [
    ("40 minuten", 40), ("2,5 uur", 150), ("anderhalf uur", 90), ("50", 50),
    ("van 10 tot 12", 120), ("weet ik niet", None), ("0", None), ("9999", None),
])
def test_a_typed_duration_after_anders_is_a_phrase_or_a_number_of_minutes(
    typed: str, minutes: int | None
) -> None:
    assert read_duration_answer(typed) == minutes


@pytest.mark.parametrize(("minutes", "nl", "en"), [
    (90, "1 uur 30 min", "1 h 30 min"), (45, "45 min", "45 min"), (120, "2 uur", "2 h"),
    (0, "0 min", "0 min"),
])
def test_a_duration_is_written_in_hours_and_minutes(minutes: int, nl: str, en: str) -> None:
    assert (format_duration(minutes, "nl"), format_duration(minutes, "en")) == (nl, en)
