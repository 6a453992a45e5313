"""core.dates: what a coordinator's time words mean (design §6 seam, §8 pitfalls)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from core.dates import MAX_INPUT, Found, When, find_when, format_when, parse_when
from tests.core.dates_corpus import (
    CASES,
    FIND_CASES,
    NO_TIME,
    SUNDAY,
    WEDNESDAY,
    ZONE,
    Case,
    FindCase,
)

AMSTERDAM = ZoneInfo(ZONE)
NOW = datetime.fromisoformat(SUNDAY).replace(tzinfo=AMSTERDAM)
NAIVE_NOW = datetime.fromisoformat(SUNDAY)


def _label(case: Case) -> str:
    clock = {SUNDAY: "sunday 14:00", WEDNESDAY: "wednesday 09:30"}[case.now]
    return f"{case.phrase!r} on {clock}, preferring the {case.prefer}"


_CORPUS = [pytest.param(case, id=_label(case)) for case in CASES]


# ---------------------------------------------------------------- the corpus


def test_the_corpus_is_large_and_partly_english() -> None:
    english = sum(case.lang == "en" for case in CASES)
    assert len(CASES) >= 250
    assert 0.15 <= english / len(CASES) <= 0.35


@pytest.mark.parametrize("case", _CORPUS)
def test_a_phrase_resolves_to_the_expected_moment_with_a_naive_clock(case: Case) -> None:
    now = datetime.fromisoformat(case.now)
    when = parse_when(case.phrase, now, prefer=case.prefer)
    assert when is not None
    assert (when.start, when.grain) == (datetime.fromisoformat(case.start), case.grain)
    assert when.start.tzinfo is None


@pytest.mark.parametrize("case", _CORPUS)
def test_a_phrase_resolves_to_the_expected_moment_with_an_aware_clock(case: Case) -> None:
    now = datetime.fromisoformat(case.now).replace(tzinfo=AMSTERDAM)
    when = parse_when(case.phrase, now, prefer=case.prefer)
    assert when is not None
    expected = datetime.fromisoformat(case.start).replace(tzinfo=AMSTERDAM)
    assert (when.start.replace(tzinfo=None), when.grain) == (expected.replace(tzinfo=None),
                                                             case.grain)
    assert when.start.tzinfo is AMSTERDAM
    assert when.start.utcoffset() == expected.utcoffset()


@pytest.mark.parametrize(
    "case", [pytest.param(case, id=case.text) for case in FIND_CASES]
)
def test_the_time_inside_a_message_is_found_with_its_place(case: FindCase) -> None:
    text, fragment, start, grain, prefer = case
    found = find_when(text, NOW, prefer=prefer)
    assert found is not None
    assert text[found.span[0] : found.span[1]] == fragment
    assert found.when.start == datetime.fromisoformat(start).replace(tzinfo=AMSTERDAM)
    assert found.when.grain == grain


@pytest.mark.parametrize("text", NO_TIME)
def test_a_text_without_a_time_finds_nothing(text: str) -> None:
    assert find_when(text, NOW) is None
    assert find_when(text, NOW, prefer="past") is None
    assert parse_when(text, NOW) is None


# ---------------------------------------------------------------- the Dutch pitfalls (design §8)


def test_om_10_uur_is_ten_oclock_not_ten_hours_from_now() -> None:
    when = parse_when("om 10 uur", NOW)
    assert when == When(datetime(2026, 11, 30, 10, 0, tzinfo=AMSTERDAM), "hour")
    assert parse_when("over 10 uur", NOW) == When(
        datetime(2026, 11, 30, 0, 0, tzinfo=AMSTERDAM), "minute"
    )


def test_half_vier_is_half_past_three_in_the_afternoon() -> None:
    when = parse_when("half vier", NOW)
    assert when is not None
    assert (when.start.hour, when.start.minute) == (15, 30)
    night = parse_when("half vier 's nachts", NOW)
    assert night is not None
    assert (night.start.hour, night.start.minute) == (3, 30)


def test_volgende_week_dinsdag_is_the_tuesday_of_the_next_week() -> None:
    wednesday = datetime(2026, 12, 2, 9, 30, tzinfo=AMSTERDAM)
    when = parse_when("volgende week dinsdag", wednesday)
    assert when == When(datetime(2026, 12, 8, tzinfo=AMSTERDAM), "day")


def test_a_bare_weekday_said_on_that_weekday_means_next_week() -> None:
    tuesday = datetime(2026, 12, 1, 9, 0, tzinfo=AMSTERDAM)
    assert parse_when("dinsdag", tuesday) == When(datetime(2026, 12, 8, tzinfo=AMSTERDAM), "day")
    assert parse_when("afgelopen dinsdag", tuesday) == When(
        datetime(2026, 11, 24, tzinfo=AMSTERDAM), "day"
    )


def test_a_clock_time_alone_is_today_while_ahead_and_tomorrow_once_passed() -> None:
    assert parse_when("om 16:00", NOW) == When(
        datetime(2026, 11, 29, 16, 0, tzinfo=AMSTERDAM), "minute"
    )
    assert parse_when("om 11:00", NOW) == When(
        datetime(2026, 11, 30, 11, 0, tzinfo=AMSTERDAM), "minute"
    )


# ---------------------------------------------------------------- time zones and DST


def test_tomorrow_at_ten_stays_ten_oclock_across_the_autumn_dst_switch() -> None:
    saturday = datetime(2026, 10, 24, 12, 0, tzinfo=AMSTERDAM)
    when = parse_when("morgen om 10 uur", saturday)
    assert when is not None
    assert when.start.isoformat() == "2026-10-25T10:00:00+01:00"
    assert saturday.isoformat() == "2026-10-24T12:00:00+02:00"


def test_a_wall_time_the_spring_dst_jump_skips_moves_forward_to_a_real_time() -> None:
    evening = datetime(2027, 3, 27, 23, 0, tzinfo=AMSTERDAM)
    when = parse_when("om 02:30", evening)
    assert when is not None
    assert when.start.isoformat() == "2027-03-28T03:30:00+02:00"


def test_hours_from_now_are_real_elapsed_hours_across_a_dst_switch() -> None:
    night = datetime(2027, 3, 28, 1, 30, tzinfo=AMSTERDAM)
    when = parse_when("over 2 uur", night)
    assert when is not None
    # same-zone subtraction in Python is wall-clock; elapsed time needs UTC
    assert when.start.astimezone(UTC) - night.astimezone(UTC) == timedelta(hours=2)
    assert when.start.isoformat() == "2027-03-28T04:30:00+02:00"


def test_a_naive_clock_gives_a_naive_wall_clock_answer() -> None:
    when = parse_when("morgen om 10 uur", NAIVE_NOW)
    assert when == When(datetime.fromisoformat("2026-11-30T10:00"), "hour")
    assert when.start.tzinfo is None


def test_an_aware_answer_carries_the_clocks_own_time_zone() -> None:
    when = parse_when("vrijdag", NOW)
    assert when is not None
    assert when.start.tzinfo is AMSTERDAM
    in_utc = parse_when("morgen om 10 uur", NOW.astimezone(UTC))
    assert in_utc == When(datetime(2026, 11, 30, 10, 0, tzinfo=UTC), "hour")
    assert in_utc.start.tzinfo is UTC


def test_a_pytz_clock_gets_a_correctly_localised_answer() -> None:
    pytz = pytest.importorskip("pytz")
    zone = pytz.timezone(ZONE)
    when = parse_when("morgen om 10 uur", zone.localize(datetime.fromisoformat("2026-10-24T12:00")))
    assert when is not None
    assert when.start.isoformat() == "2026-10-25T10:00:00+01:00"


# ---------------------------------------------------------------- preferring the past


def test_afgelopen_vrijdag_and_gisteren_look_back_when_the_past_is_preferred() -> None:
    assert parse_when("afgelopen vrijdag", NOW, prefer="past") == When(
        datetime(2026, 11, 27, tzinfo=AMSTERDAM), "day"
    )
    assert parse_when("gisteren", NOW, prefer="past") == When(
        datetime(2026, 11, 28, tzinfo=AMSTERDAM), "day"
    )
    assert parse_when("vrijdag", NOW, prefer="past") == When(
        datetime(2026, 11, 27, tzinfo=AMSTERDAM), "day"
    )


# ---------------------------------------------------------------- finding inside a message


def test_find_when_picks_the_follow_up_time_not_the_visit_day() -> None:
    text = "Vandaag gesproken met Fatima. Volgende week dinsdag terugbellen."
    found = find_when(text, NOW)
    assert found == Found(When(datetime(2026, 12, 1, tzinfo=AMSTERDAM), "day"), (30, 51))
    assert text[30:51] == "Volgende week dinsdag"


def test_find_when_preferring_the_past_picks_the_visit_day() -> None:
    found = find_when("Vandaag gesproken met Fatima. Volgende week dinsdag terugbellen.", NOW,
                      prefer="past")
    assert found is not None
    assert found.span == (0, 7)


def test_short_weekday_names_count_alone_but_not_as_words_in_a_sentence() -> None:
    assert parse_when("ma", NOW) == When(datetime(2026, 11, 30, tzinfo=AMSTERDAM), "day")
    assert find_when("Gesproken met ma over de buurt", NOW) is None
    found = find_when("afspraak ma 10:00", NOW)
    assert found is not None
    assert found.when.start == datetime(2026, 11, 30, 10, 0, tzinfo=AMSTERDAM)


def test_parse_when_reads_a_time_inside_a_longer_answer() -> None:
    assert parse_when("graag morgen om 10 uur, dank je", NOW) == When(
        datetime(2026, 11, 30, 10, 0, tzinfo=AMSTERDAM), "hour"
    )


def test_text_beyond_the_input_limit_is_not_read() -> None:
    assert find_when("x" * MAX_INPUT + " morgen", NOW) is None
    assert find_when("x" * (MAX_INPUT - 10) + " morgen", NOW) is not None


def test_dateparser_answers_only_what_the_dutch_layer_does_not_know() -> None:
    # "fortnight" is not in our vocabulary: dateparser reads it (14 days ago, in that week)
    assert parse_when("a fortnight ago", NOW) == When(
        datetime(2026, 11, 9, tzinfo=AMSTERDAM), "week"
    )
    # dateparser reads "om 10 uur" as ten hours from now; the Dutch layer's answer stands
    assert parse_when("om 10 uur", NOW) == When(
        datetime(2026, 11, 30, 10, 0, tzinfo=AMSTERDAM), "hour"
    )
    # "2 uur" is seen and declined as a duration; dateparser is not asked to overrule that
    assert find_when("We hebben 2 uur gepraat", NOW) is None


@pytest.mark.parametrize("text", [
    "Ik vraag na bij Jan of de camera er komt",
    "Gesproken met Jan en Petra over de wijk",
    "Koffie met de Jan van het buurthuis",
])
def test_a_person_called_jan_is_not_january_even_with_a_small_word_after_it(text: str) -> None:
    assert find_when(text, NOW) is None


# ---------------------------------------------------------------- holidays


def test_the_easter_holidays_are_the_days_the_holidays_package_gives() -> None:
    import holidays

    for year in range(1970, 2101):
        official = {name: day for day, names in holidays.country_holidays(
            "NL", years=year, language="en_US").items() for name in names.split("; ")}
        for phrase, name in (("pasen", "Easter Sunday"), ("tweede paasdag", "Easter Monday"),
                             ("hemelvaart", "Ascension Day"), ("pinksteren", "Pentecost"),
                             ("tweede pinksterdag", "Pentecost Monday"),
                             ("goede vrijdag", "Good Friday")):
            when = parse_when(f"{phrase} {year}", NOW)
            assert when is not None, (phrase, year)
            assert when.start.date() == official[name], (phrase, year)


def test_kings_day_moves_to_saturday_when_the_27th_is_a_sunday() -> None:
    sunday_27th = parse_when("koningsdag 2025", NOW)
    assert sunday_27th == When(datetime(2025, 4, 26, tzinfo=AMSTERDAM), "day")
    monday_27th = parse_when("koningsdag 2026", NOW)
    assert monday_27th == When(datetime(2026, 4, 27, tzinfo=AMSTERDAM), "day")


# ---------------------------------------------------------------- formatting


def test_a_day_is_written_as_weekday_day_month_in_dutch_and_english() -> None:
    when = When(datetime(2026, 12, 8, tzinfo=AMSTERDAM), "day")
    assert format_when(when, "nl") == "dinsdag 8 december"
    assert format_when(when, "en") == "Tuesday 8 December"


def test_a_time_is_written_after_its_day() -> None:
    when = When(datetime(2026, 12, 8, 10, 0, tzinfo=AMSTERDAM), "hour")
    assert format_when(when) == "dinsdag 8 december om 10:00"
    assert format_when(When(when.start.replace(minute=30), "minute"), "en") == (
        "Tuesday 8 December at 10:30"
    )


def test_a_week_and_a_month_are_written_as_periods() -> None:
    assert format_when(When(datetime(2026, 12, 7, tzinfo=AMSTERDAM), "week")) == (
        "week van maandag 7 december"
    )
    assert format_when(When(datetime(2026, 12, 7, tzinfo=AMSTERDAM), "week"), "en") == (
        "week of Monday 7 December"
    )
    assert format_when(When(datetime(2026, 12, 1, tzinfo=AMSTERDAM), "month")) == "december 2026"
    assert format_when(When(datetime(2026, 12, 1, tzinfo=AMSTERDAM), "month"), "en") == (
        "December 2026"
    )


def test_the_year_is_written_only_when_it_is_not_this_year() -> None:
    when = When(datetime(2027, 1, 25, tzinfo=AMSTERDAM), "day")
    assert format_when(when, today=date(2026, 11, 29)) == "maandag 25 januari 2027"
    assert format_when(when, today=date(2027, 1, 2)) == "maandag 25 januari"
    assert format_when(when) == "maandag 25 januari"


# ---------------------------------------------------------------- robustness

_WORDS = (
    "om", "uur", "half", "kwart", "over", "voor", "morgen", "dinsdag", "volgende", "week",
    "maand", "de", "het", "in", "'s", "ochtends", "eind", "begin", "januari", "mei", "geleden",
    "een", "twee", "12", "1", "2026", "30", "7", ":", ".", "-", "/", ",", "a.s.", "e", "kerst",
    "weekend", "next", "friday", "at", "pm", "ago", "the", "of", "ma", "do", "week 53", "00",
    "99999", "31", "29", "februari", "tweede", "pinksteren", "middag", "x",
)


@settings(deadline=None, max_examples=200)
@given(st.text(max_size=MAX_INPUT * 3))
@example("1-²")  # digit-like signs that int() refuses
@example("14:①② ٣-١٢ om ³ uur")
@example("İ morgen ß 'ſ")  # characters whose lower case is longer than one character
def test_any_text_is_read_without_an_error(text: str) -> None:
    for prefer in ("future", "past"):
        when = parse_when(text, NOW, prefer=prefer)
        assert when is None or when.start.tzinfo is AMSTERDAM
        found = find_when(text, NAIVE_NOW, prefer=prefer)
        assert found is None or found.when.start.tzinfo is None


@settings(deadline=None, max_examples=300)
@given(st.lists(st.sampled_from(_WORDS), max_size=300), st.sampled_from([" ", ""]))
def test_any_jumble_of_time_words_is_read_without_an_error(words: list[str], glue: str) -> None:
    text = glue.join(words)
    when = parse_when(text, NOW)
    assert when is None or when.grain in ("minute", "hour", "day", "week", "month")
    found = find_when(text, NOW, prefer="past")
    if found is not None:
        first, last = found.span
        assert 0 <= first < last <= min(len(text), MAX_INPUT)


def test_dateparser_is_left_out_only_where_it_would_have_found_nothing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Texts without a digit or a word of dateparser's Dutch and English date vocabulary are
    not handed to it (it took ~8 ms a clause): every reading of the dates corpus and of the
    visit corpus is the same as when dateparser is asked about everything."""
    from core import dates
    from core.understanding import read_visit
    from tests.core import visit_corpus

    def readings() -> list[str]:
        found = [repr(find_when(case.phrase, datetime.fromisoformat(case.now),
                                prefer=case.prefer)) for case in CASES]
        found += [repr(read_visit(case.text, visit_corpus.NOW, visit_corpus.KNOWN))
                  for case in visit_corpus.CASES + visit_corpus.HELD_OUT]
        return found

    assert not dates._worth_asking("Zorgen over een groepje jongeren bij het skatepark.")
    assert dates._worth_asking("over twee weken")
    assert dates._worth_asking("om 3 uur")
    gated = readings()
    monkeypatch.setattr(dates, "_worth_asking", lambda text: True)
    assert readings() == gated
