"""The special-category detector: behaviour any version of core.reading.guards must keep."""

import pytest

from core.reading.guards import (
    CATEGORIES,
    label_category,
    special_category_findings,
    strike_sentences,
)


@pytest.mark.parametrize(("text", "category"), [
    ("Hij is moslim.", "religie"),
    ("Zijn vrouw is depressief.", "gezondheid"),
    ("Ze stemt op de PVV.", "politiek"),
    ("Hij is homo.", "geaardheid"),
])
def test_a_statement_about_a_persons_special_category_is_struck(text: str, category: str) -> None:
    kept, struck = strike_sentences(text)
    assert kept == ""
    assert [(sentence, finding.category) for sentence, finding in struck] == [(text, category)]


@pytest.mark.parametrize("text", ["Gesprek in de moskee over de iftar.",
                                  "Koffie in de Turkse moskee."])
def test_an_organisation_or_a_theme_described_with_such_a_word_is_kept(text: str) -> None:
    assert strike_sentences(text) == (text, [])
    assert special_category_findings(text) == []


def test_only_the_sentence_with_the_statement_is_struck() -> None:
    kept, struck = strike_sentences("Koffie gedronken. Hij is moslim. Volgende week bellen.")
    assert kept == "Koffie gedronken. Volgende week bellen."
    assert [sentence for sentence, _ in struck] == ["Hij is moslim."]


def test_a_finding_points_at_its_word_and_its_sentence() -> None:
    text = "Koffie gedronken. Hij is moslim."
    [finding] = special_category_findings(text)
    assert text[finding.start:finding.end].lower() == "moslim"
    assert text[finding.sentence_start:finding.sentence_end] == "Hij is moslim."
    assert finding.category in CATEGORIES


@pytest.mark.parametrize("value", ["soenniet", "moslim", "depressief", "Marokkaans"])
def test_a_role_describing_belief_origin_or_health_has_a_category(value: str) -> None:
    assert label_category(value) in CATEGORIES


@pytest.mark.parametrize("value", ["voorzitter", "imam", "jongerenwerker", "secretaris"])
def test_an_ordinary_role_has_no_category(value: str) -> None:
    assert label_category(value) is None
