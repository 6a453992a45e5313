"""Whole visit messages read into their parts: one test per aspect, so a failure says which.

The corpus is in `tests/core/visit_corpus.py`. Its `HELD_OUT` part is not run by the suite:
it is scored by hand, apart from development, with

    python -m tests.core.test_visit_corpus            # the developed corpus, per aspect
    python -m tests.core.test_visit_corpus --heldout  # the held-out messages
"""

from __future__ import annotations

import sys
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.dates import When
from core.understanding import MAX_MESSAGE, VisitReading, read_visit
from tests.core.visit_corpus import (
    AREAS,
    CASES,
    CONTACTS,
    HELD_OUT,
    KNOWN,
    NOW,
    ORGANISATIONS,
    FollowUp,
    VisitCase,
)

Check = Callable[[VisitCase, VisitReading], str | None]  # None: right; else what is wrong


def _read(case: VisitCase) -> VisitReading:
    return read_visit(case.text, NOW, KNOWN)


def check_people(case: VisitCase, reading: VisitReading) -> str | None:
    found: list[str] = []
    for person in reading.people:
        if person.contact_id is not None:
            names = [n for n, i in CONTACTS.items() if i == person.contact_id]
            found.append(names[0] if names else f"#{person.contact_id}")
        elif person.candidates:
            found.append(f"{person.text}?")
        else:
            found.append(person.text)
    if tuple(found) != case.people:
        return f"people {found} != {list(case.people)}"
    for person, expected in zip(reading.people, case.people, strict=True):
        if expected.endswith("?") and len(person.candidates) < 2:
            return f"{expected} should offer several candidates, got {person.candidates}"
    return None


def check_organisation(case: VisitCase, reading: VisitReading) -> str | None:
    org = reading.organisation
    if case.organisation is None:
        return None if org is None else f"organisation {org} should be none"
    name, type_code = case.organisation
    if org is None:
        return f"no organisation, expected {name!r}"
    if name in ORGANISATIONS:
        if org.organisation_id != ORGANISATIONS[name]:
            return f"organisation {org} should be the registered {name!r}"
        return None
    if org.organisation_id is not None:
        return f"organisation {org} matched a registered one, expected new {name!r}"
    if (org.name, org.type_code) != (name, type_code):
        return f"organisation {(org.name, org.type_code)} != {(name, type_code)}"
    return None


def check_area(case: VisitCase, reading: VisitReading) -> str | None:
    area = reading.area
    if case.area is None:
        return None if area is None else f"area {area} should be none"
    if area is None:
        return f"no area, expected {case.area!r}"
    if (area.name, area.area_id) != (case.area, AREAS.get(case.area)):
        return f"area {(area.name, area.area_id)} != {(case.area, AREAS.get(case.area))}"
    return None


def check_occurred(case: VisitCase, reading: VisitReading) -> str | None:
    found = reading.occurred.start.date().isoformat() if reading.occurred else None
    return None if found == case.occurred else f"occurred {found} != {case.occurred}"


def _due(when: When | None) -> tuple[str | None, str | None]:
    if when is None:
        return None, None
    if when.grain in ("minute", "hour"):
        return when.start.strftime("%Y-%m-%dT%H:%M"), when.grain
    return when.start.date().isoformat(), when.grain


def check_follow_ups(case: VisitCase, reading: VisitReading) -> str | None:
    found = [FollowUp(f.title, *_due(f.due)) for f in reading.follow_ups]
    if found != list(case.follow_ups):
        return f"follow-ups {found} != {list(case.follow_ups)}"
    first = reading.follow_ups[0] if reading.follow_ups else None
    if reading.follow_up != first:
        return "follow_up is not the first of follow_ups"
    return None


def check_signals(case: VisitCase, reading: VisitReading) -> str | None:
    if sorted(reading.signal_words) != sorted(case.signals):
        return f"signal words {reading.signal_words} != {list(case.signals)}"
    return None


def check_privacy(case: VisitCase, reading: VisitReading) -> str | None:
    if bool(reading.privacy_words) != case.privacy:
        return f"privacy words {reading.privacy_words}, reminder expected: {case.privacy}"
    return None


ASPECTS: dict[str, Check] = {
    "people": check_people,
    "organisation": check_organisation,
    "area": check_area,
    "occurred": check_occurred,
    "follow-ups": check_follow_ups,
    "signals": check_signals,
    "privacy": check_privacy,
}

_CORPUS = [pytest.param(case, id=case.name) for case in CASES]


# ---------------------------------------------------------------- the corpus itself


def test_the_corpus_has_forty_messages_and_ten_held_out_apart() -> None:
    assert len(CASES) >= 40
    assert len(HELD_OUT) == 10
    texts = [case.text for case in CASES + HELD_OUT]
    assert len(set(texts)) == len(texts)
    assert len({case.name for case in CASES + HELD_OUT}) == len(texts)


def test_the_corpus_covers_english_privacy_signals_and_several_follow_ups() -> None:
    assert sum(case.privacy for case in CASES) >= 5
    assert sum(bool(case.signals) for case in CASES) >= 10
    assert any(len(case.follow_ups) > 1 for case in CASES)
    assert sum(case.text.lower().startswith(("spoke", "called", "visited", "met the", "quick",
                                             "had a")) for case in CASES) >= 4


# ---------------------------------------------------------------- one test per aspect


@pytest.mark.parametrize("case", _CORPUS)
def test_the_people_are_found_in_order_and_matched_to_the_register(case: VisitCase) -> None:
    problem = check_people(case, _read(case))
    assert problem is None, problem


@pytest.mark.parametrize("case", _CORPUS)
def test_the_organisation_visited_is_found_and_typed(case: VisitCase) -> None:
    problem = check_organisation(case, _read(case))
    assert problem is None, problem


@pytest.mark.parametrize("case", _CORPUS)
def test_the_most_specific_area_is_found_and_ordinary_words_are_not_areas(
    case: VisitCase,
) -> None:
    problem = check_area(case, _read(case))
    assert problem is None, problem


@pytest.mark.parametrize("case", _CORPUS)
def test_the_visit_date_is_the_past_moment_the_message_names(case: VisitCase) -> None:
    problem = check_occurred(case, _read(case))
    assert problem is None, problem


@pytest.mark.parametrize("case", _CORPUS)
def test_every_follow_up_is_found_with_a_clean_title_and_its_time(case: VisitCase) -> None:
    problem = check_follow_ups(case, _read(case))
    assert problem is None, problem


@pytest.mark.parametrize("case", _CORPUS)
def test_signal_words_are_found_and_look_alikes_and_negations_are_not(case: VisitCase) -> None:
    problem = check_signals(case, _read(case))
    assert problem is None, problem


@pytest.mark.parametrize("case", _CORPUS)
def test_the_privacy_reminder_comes_exactly_when_a_person_is_described(case: VisitCase) -> None:
    problem = check_privacy(case, _read(case))
    assert problem is None, problem


# ---------------------------------------------------------------- any text at all


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300))
def test_any_text_is_read_without_an_error(text: str) -> None:
    reading = read_visit(text, NOW, KNOWN)

    assert reading.follow_up == (reading.follow_ups[0] if reading.follow_ups else None)


_VISIT_WORDS = [
    "met", "Ahmed", "fatima", "J.", "de", "Vries", "en", "ik", "gebeld", "gesproken", "bij",
    "moskee", "Al", "Fath", "kerk", "in", "Almere", "Haven", "haven", "Kruidenwijk", "kruidewijk",
    "morgen", "volgende", "week", "dinsdag", "om", "10", "uur", "terugbellen", "mailen", "nog",
    "even", "moet", ",", ".", ":", "geen", "zorgen", "zorgvuldig", "moslim", "Turkse", "van",
    "the", "call", "back", "tomorrow", "Actie:", "(", ")", "wijkagent", "imam", "Kees", "?",
]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_VISIT_WORDS), max_size=60), st.sampled_from([" ", "", "\n"]))
def test_any_jumble_of_visit_words_is_read_without_an_error(words: list[str], glue: str) -> None:
    reading = read_visit(glue.join(words), NOW, KNOWN)

    assert all(person.text for person in reading.people)
    assert all(follow_up.title for follow_up in reading.follow_ups)


@settings(max_examples=10, deadline=None)
@given(st.sampled_from(_VISIT_WORDS), st.integers(min_value=MAX_MESSAGE, max_value=12_000))
def test_a_very_long_message_is_cut_and_still_read(word: str, length: int) -> None:
    text = (word + " ") * (length // (len(word) + 1) + 1)

    reading = read_visit(text, NOW, KNOWN)

    assert len(reading.summary) <= MAX_MESSAGE


def test_ten_thousand_characters_of_one_letter_are_read() -> None:
    for text in ("a" * 10_000, "A" * 10_000, "9" * 10_000, "Ahmed " * 2_000, "," * 10_000):
        read_visit(text, NOW, KNOWN)


# ---------------------------------------------------------------- scoring by hand


def score(cases: list[VisitCase]) -> int:
    """Print the share right per aspect and each miss; returns how many cases were all right."""
    misses: dict[str, list[str]] = {aspect: [] for aspect in ASPECTS}
    whole = 0
    for case in cases:
        reading = _read(case)
        problems = [(aspect, check(case, reading)) for aspect, check in ASPECTS.items()]
        whole += all(problem is None for _, problem in problems)
        for aspect, problem in problems:
            if problem is not None:
                misses[aspect].append(f"  {case.name}: {problem}")
    total = len(cases) * len(ASPECTS)
    wrong = sum(len(m) for m in misses.values())
    for aspect, missed in misses.items():
        print(f"{aspect:<14}{len(cases) - len(missed):>4}/{len(cases)}")
        for line in missed:
            print(line)
    print(f"{'all aspects':<14}{total - wrong:>4}/{total} ({(total - wrong) / total:.1%}); "
          f"messages read entirely right: {whole}/{len(cases)}")
    return whole


if __name__ == "__main__":
    score(HELD_OUT if "--heldout" in sys.argv else CASES)
