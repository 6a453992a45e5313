"""The visit summary keeps everything the writer typed, except the follow-ups that became
follow-ups and clauses that only say when the visit was (the card shows that date)."""

from __future__ import annotations

import pytest

from core.understanding import Known, read_visit
from tests.conftest import REFERENCE_NOW


def summary(text: str) -> str:
    return read_visit(text, REFERENCE_NOW, Known()).summary


def test_a_first_sentence_that_only_says_whom_the_visit_was_with_is_kept() -> None:
    assert summary("Gesproken met Fatima in het buurthuis. Het buurtfeest loopt goed.") == (
        "Gesproken met Fatima in het buurthuis. Het buurtfeest loopt goed.")


def test_a_message_of_one_visit_sentence_is_its_own_summary() -> None:
    assert summary("Langs geweest bij de moskee aan de Fransweg") == (
        "Langs geweest bij de moskee aan de Fransweg")


def test_the_follow_up_is_left_out_and_everything_else_stays() -> None:
    text = ("Vandaag gesproken met Fatima Bakkali van buurthuis De Schakel. Zorgen over "
            "jongeren bij het skatepark. Volgende week dinsdag terugbellen.")

    assert summary(text) == ("Vandaag gesproken met Fatima Bakkali van buurthuis De Schakel. "
                             "Zorgen over jongeren bij het skatepark.")


def test_a_sentence_that_only_says_when_the_visit_was_is_left_out() -> None:
    assert summary("Bij de kerk geweest, rustig gesprek. Afgelopen maandag.") == (
        "Bij de kerk geweest, rustig gesprek.")


def test_a_clause_that_only_says_the_visit_date_is_left_out_and_the_sentence_keeps_a_capital(
) -> None:
    assert summary("Gisteren, met Jan gesproken over de wijkaanpak.") == (
        "Met Jan gesproken over de wijkaanpak.")


def test_a_clause_with_a_date_ahead_stays_for_it_is_not_the_visit_date() -> None:
    assert summary("Ze gaat verhuizen naar Haven, in januari.") == (
        "Ze gaat verhuizen naar Haven, in januari.")


def test_a_date_inside_a_sentence_that_says_more_stays() -> None:
    assert summary("Gisteren met Jan gesproken over de wijkaanpak.") == (
        "Gisteren met Jan gesproken over de wijkaanpak.")


@pytest.mark.parametrize("text", [
    "Fatima. Zorgen over jongeren. Rustig verder.",
    "ff gebeld met jan. hij wil een training voor zijn vrijwilligers. goed gesprek",
    "Bij de moskee geweest; de imam is positief over het buurtfeest: veel vrijwilligers.",
    "Kwam Ahmed tegen bij de markt. Hij vertelde over de nieuwe voorzitter. Sfeer goed.",
    "Met de wijkagent gesproken. Geen spanningen. Ze vroeg om een overleg met de school.",
])
def test_no_sentence_without_a_follow_up_or_a_date_is_dropped(text: str) -> None:
    kept = summary(text)

    for sentence in text.replace(";", ".").replace(":", ".").split("."):
        for word in sentence.split():
            assert word.strip(",.;:") in kept


def test_the_channel_is_read_outside_the_follow_ups() -> None:
    reading = read_visit("Met Fatima gesproken in het buurthuis, volgende week dinsdag "
                         "telefonisch terugkoppelen", REFERENCE_NOW, Known())

    assert reading.kind is None  # "telefonisch" is how the next contact goes
    assert [f.title for f in reading.follow_ups] == ["Telefonisch terugkoppelen"]


def test_the_visit_reading_carries_channel_initiative_and_the_ledger() -> None:
    reading = read_visit("Fatima belde me, ze vroeg om een tent. Ik heb beloofd het uit te "
                         "zoeken en verteld over de subsidie.", REFERENCE_NOW, Known())

    assert (reading.kind, reading.initiated_by) == ("telefoon", "them")
    assert reading.asked == ["Ze vroeg om een tent"]
    assert reading.promised == ["Ik heb beloofd het uit te zoeken"]
    assert reading.shared == ["Verteld over de subsidie"]
