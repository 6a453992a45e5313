"""core.dates: times as coordinators type them on a phone, working days, and a bounded reader."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from core.dates import (
    MAX_INPUT,
    Prefer,
    When,
    find_when,
    is_working_day,
    parse_when,
    working_day_from,
)

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
SUNDAY = datetime(2026, 11, 29, 14, 0, tzinfo=AMSTERDAM)  # Sunday 29 November 2026
WEDNESDAY = datetime(2026, 12, 2, 9, 30, tzinfo=AMSTERDAM)


def _at(text: str, now: datetime = SUNDAY) -> tuple[str, str] | None:
    when = parse_when(text, now)
    return None if when is None else (when.start.replace(tzinfo=None).isoformat(), when.grain)


@pytest.mark.parametrize(("text", "start", "grain"), [
    ("vr", "2026-12-04T00:00:00", "day"),
    ("vr.", "2026-12-04T00:00:00", "day"),
    ("do 14u", "2026-12-03T14:00:00", "hour"),
    ("di 10u", "2026-12-01T10:00:00", "hour"),
    ("volgende wk do", "2026-12-03T00:00:00", "day"),
    ("over 10 dgn", "2026-12-09T00:00:00", "day"),
    ("over 2 wk", "2026-12-13T00:00:00", "day"),
    ("om 9u", "2026-11-30T09:00:00", "hour"),
    ("9u30", "2026-11-30T09:30:00", "minute"),
    ("half 11", "2026-11-30T10:30:00", "minute"),
    ("14 uur 15", "2026-11-29T14:15:00", "minute"),
    ("morgen 14 uur 15", "2026-11-30T14:15:00", "minute"),
    ("dinsdg", "2026-12-01T00:00:00", "day"),
    ("donderdga", "2026-12-03T00:00:00", "day"),
    ("woensdga", "2026-12-02T00:00:00", "day"),
    ("vrijdga", "2026-12-04T00:00:00", "day"),
    ("dinsdg 10 uur", "2026-12-01T10:00:00", "hour"),
    ("donderdga om 9u30", "2026-12-03T09:30:00", "minute"),
    ("eind vd week", "2026-12-04T00:00:00", "day"),
    ("eind v.d. week", "2026-12-04T00:00:00", "day"),
    ("begin vd week", "2026-11-30T00:00:00", "day"),
    ("begin vd maand", "2026-12-01T00:00:00", "day"),
    ("eind vd maand", "2026-11-30T00:00:00", "day"),
    ("eind volgende mnd", "2026-12-31T00:00:00", "day"),
])
def test_phone_shorthand_on_a_sunday_afternoon(text: str, start: str, grain: str) -> None:
    assert _at(text) == (start, grain)


@pytest.mark.parametrize(("message", "fragment"), [
    ("Bij Fatima geweest, vr. terugbellen", "vr."),
    ("Terugbellen op di", "op di"),
    ("afspraak vr 9u30 bij het buurthuis", "vr 9u30"),
    ("terugbellen dinsdg 10 uur", "dinsdg 10 uur"),
    ("eind vd maand terugkoppelen", "eind vd maand"),
    ("terugbellen 14 uur 15 bij de wijkagent", "14 uur 15"),
    ("gesproken over de folder. do 10u terugbellen", "do 10u"),
    ("ma 9u bellen met de imam", "ma 9u"),
])
def test_shorthand_is_found_inside_a_message(message: str, fragment: str) -> None:
    found = find_when(message, SUNDAY)
    assert found is not None
    assert message[found.span[0]:found.span[1]] == fragment


@pytest.mark.parametrize("message", [
    "Gesproken met ma over de buurt",
    "koffie vr de vrijwilligers geregeld",
    "zondags is het buurthuis dicht",
    "Dat was zondig veel werk",
    "ma zei dat het goed ging met de buurt",
    "het was zo druk bij het buurthuis",
])
def test_everyday_words_near_a_day_name_stay_words(message: str) -> None:
    assert find_when(message, SUNDAY) is None


# ---------------------------------------------------------------- working days


def test_the_end_of_december_is_not_christmas_day() -> None:
    assert _at("eind december") == ("2026-12-28T00:00:00", "day")


def test_the_end_of_this_month_is_a_deadline_on_its_last_working_day() -> None:
    assert _at("eind van de maand", WEDNESDAY) == ("2026-12-31T00:00:00", "day")
    assert _at("eind vd maand", WEDNESDAY) == ("2026-12-31T00:00:00", "day")
    assert _at("eind volgende maand", WEDNESDAY) == ("2027-01-29T00:00:00", "day")  # a Friday


def test_the_beginning_of_a_month_skips_new_years_day_and_the_weekend() -> None:
    assert _at("begin januari") == ("2027-01-04T00:00:00", "day")
    assert _at("begin vd maand", WEDNESDAY) == ("2027-01-04T00:00:00", "day")


def test_the_beginning_of_a_week_skips_a_holiday_monday() -> None:
    before_easter = datetime(2027, 3, 24, 10, 0, tzinfo=AMSTERDAM)  # Easter Monday 29 March
    assert _at("begin volgende week", before_easter) == ("2027-03-30T00:00:00", "day")


def test_the_end_of_a_week_with_a_holiday_friday_is_the_thursday() -> None:
    monday = datetime(2027, 3, 22, 10, 0, tzinfo=AMSTERDAM)  # Good Friday 26 March
    assert _at("eind vd week", monday) == ("2027-03-25T00:00:00", "day")


def test_the_end_of_the_week_said_in_the_weekend_is_the_coming_friday() -> None:
    assert _at("eind van de week") == ("2026-12-04T00:00:00", "day")


def test_working_days_follow_the_holidays_package() -> None:
    assert not is_working_day(date(2026, 12, 25))
    assert not is_working_day(date(2026, 12, 26))
    assert not is_working_day(date(2026, 4, 27))  # Koningsdag
    assert is_working_day(date(2026, 5, 5))  # Bevrijdingsdag: a day off in lustrum years only
    assert not is_working_day(date(2025, 5, 5))
    assert working_day_from(date(2026, 12, 25)) == date(2026, 12, 28)
    assert working_day_from(date(2026, 12, 27), -1) == date(2026, 12, 24)


def test_bevrijdingsdag_is_the_fifth_of_may_also_when_it_is_no_day_off() -> None:
    assert _at("bevrijdingsdag") == ("2027-05-05T00:00:00", "day")
    assert _at("bevrijdingsdag 2026") == ("2026-05-05T00:00:00", "day")


@pytest.mark.parametrize(("text", "start"), [
    ("tweede paasdag 2026", "2026-04-06T00:00:00"),
    ("hemelvaart 2027", "2027-05-06T00:00:00"),
    ("koningsdag 2025", "2025-04-26T00:00:00"),
    ("tweede pinksterdag 2026", "2026-05-25T00:00:00"),
])
def test_named_holidays_keep_working(text: str, start: str) -> None:
    assert _at(text) == (start, "day")


# ---------------------------------------------------------------- a date without a year


@pytest.mark.parametrize(("text", "future", "past"), [
    ("14-12", "2027-12-14", "2026-12-14"),
    ("14/12", "2027-12-14", "2026-12-14"),
    ("14 dec", "2027-12-14", "2026-12-14"),
    ("14 december om 10 uur", "2027-12-14T10:00", "2026-12-14T10:00"),
    ("vr 18-12 14u", "2027-12-18T14:00", "2026-12-18T14:00"),
    ("de 14e", "2027-01-14", "2026-12-14"),
    ("3 jan", "2027-01-03", "2026-01-03"),
    ("kerst", "2026-12-25", "2025-12-25"),
    ("tweede paasdag", "2027-03-29", "2026-04-06"),
    ("half december", "2027-12-15", "2026-12-15"),
    ("week 50", "2027-12-13", "2026-12-07"),
])
def test_a_yearless_date_is_the_next_one_for_a_follow_up_and_the_last_one_for_a_visit(
    text: str, future: str, past: str
) -> None:
    now = datetime(2026, 12, 20, 14, 0, tzinfo=AMSTERDAM)
    ahead = parse_when(text, now, prefer="future")
    behind = parse_when(text, now, prefer="past")
    assert ahead is not None
    assert behind is not None
    assert ahead.start.replace(tzinfo=None) == datetime.fromisoformat(future)
    assert behind.start.replace(tzinfo=None) == datetime.fromisoformat(past)


@pytest.mark.parametrize("text", [
    "14-12 om 10 uur", "vr 9u30", "dinsdg 10u", "eind vd week om 9u", "kerstavond 19:00",
    "volgende wk do om 14 uur 15", "over 2 wk om 10 uur", "3 jan half 11",
])
def test_a_time_given_is_kept_when_the_date_is_resolved(text: str) -> None:
    when = parse_when(text, SUNDAY)
    assert when is not None
    assert when.grain in ("hour", "minute")
    assert (when.start.hour, when.start.minute) != (0, 0)


# ---------------------------------------------------------------- bounded time

_CRAFTED = [("3 4 5 6 " * 70)[:MAX_INPUT], ("14.30." * 90)[:MAX_INPUT]]


@pytest.mark.parametrize("text", _CRAFTED)
def test_a_crafted_long_input_reads_as_no_time(text: str) -> None:
    assert parse_when(text, SUNDAY) is None
    assert find_when(text, SUNDAY) is None
    assert find_when(text, SUNDAY, prefer="past") is None


_DATEISH = st.one_of(
    st.sampled_from(list("0123456789")),
    st.sampled_from([" ", " ", ".", ":", "-", "/", ",", "u", "h"]),
    st.sampled_from([
        " morgen ", " overmorgen ", " om ", " uur ", " half ", " kwart ", " over ", " voor ",
        " volgende ", " week ", " wk ", " maand ", " vd ", " van de ", " eind ", " begin ",
        " dinsdag ", " dinsdg ", " vr ", " vr. ", " do ", " ma ", " januari ", " dec ",
        " kerst ", " pasen ", " geleden ", " dagen ", " dgn ", " 's ochtends ", " a.s. ",
        " tot ", " tussen ", " en ", " de ", " 14e ", " 2027 ", " am ", " pm ", " ago ",
        " next ", " friday ", " fortnight ", " in ", " op ",
    ]),
)


@pytest.fixture(scope="module")
def warm() -> None:
    """The first dateparser and holidays calls load their data (up to a second): done once
    before the examples, like a running bot has done long before."""
    preferences: tuple[Prefer, ...] = ("future", "past")
    for prefer in preferences:
        for text in ("a fortnight ago", "pasen", "eind vd maand", ". am 5", "10 pm", "dec 0",
                     "in 2027", "next friday 3", "14.30 :", "0 0 0"):
            parse_when(text, SUNDAY, prefer=prefer)
            find_when(f"koffie, {text}", SUNDAY, prefer=prefer)


# How long the slowest of these takes is measured by bench/dates_bench.py (its worst case),
# not here: a timed assertion fails on a busy machine, not on slow code.
@settings(deadline=None, max_examples=300,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.lists(_DATEISH, max_size=250).map(lambda parts: "".join(parts)[:MAX_INPUT]),
       st.sampled_from(["parse future", "parse past", "find future", "find past"]))
@example(_CRAFTED[0], "parse future")
@example(_CRAFTED[0], "find future")
@example(_CRAFTED[1], "parse future")
@example(_CRAFTED[1], "find past")
@example("1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 " * 10, "find future")
def test_any_date_like_text_up_to_500_characters_is_read_without_error_within_it(
    warm: None, text: str, how: str
) -> None:
    prefer: Prefer = "past" if how.endswith("past") else "future"
    if how.startswith("parse"):
        when = parse_when(text, SUNDAY, prefer=prefer)
        assert when is None or isinstance(when, When)
    else:
        found = find_when(text, SUNDAY, prefer=prefer)
        assert found is None or 0 <= found.span[0] < found.span[1] <= len(text)
