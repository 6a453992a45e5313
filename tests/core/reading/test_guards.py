"""The special-category detector: what is a statement about a person and what is not."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from core.reading import guards, special_lexicon
from core.reading.guards import (
    CATEGORIES,
    Finding,
    label_category,
    sentence_spans,
    special_category_findings,
    strike_sentences,
)
from core.reading.special_lexicon import LEXICON, term_count
from tests.core.reading.guard_corpus import CASES


def _categories(text: str) -> set[str]:
    return {finding.category for finding in special_category_findings(text)}


def _verdict(text: str, expected: str | None) -> str | None:
    """None when the detector agrees with the label, else what went wrong."""
    found = special_category_findings(text)
    if expected is None:
        return f"found {[(f.category, f.word) for f in found]}" if found else None
    if expected not in {f.category for f in found}:
        return f"missed {expected}, found {[(f.category, f.word) for f in found]}"
    return None


def test_every_case_of_the_tuning_corpus_is_read_as_labelled() -> None:
    wrong = {text: why for text, label in CASES if (why := _verdict(text, label)) is not None}

    assert wrong == {}


def test_the_tuning_corpus_is_large_balanced_and_covers_every_category() -> None:
    statements = [label for _, label in CASES if label is not None]
    harmless = [text for text, label in CASES if label is None]

    assert len(CASES) >= 200
    assert set(statements) == set(CATEGORIES)
    assert 0.35 <= len(harmless) / len(CASES) <= 0.65


def test_the_lexicon_has_at_least_300_terms_across_the_seven_categories() -> None:
    counts = term_count()

    assert set(counts) == set(CATEGORIES) == set(LEXICON)
    assert sum(counts.values()) >= 300
    assert all(count >= 20 for count in counts.values())


@pytest.mark.parametrize(("text", "category"), [
    ("hij is moslim", "religie"),
    ("ze stemt PVV", "politiek"),
    ("hij is homo", "geaardheid"),
    ("ze zit bij de FNV", "vakbond"),
    ("hij heeft een strafblad", "strafrecht"),
    ("haar zoon is depressief", "gezondheid"),
    ("zijn vrouw heeft kanker", "gezondheid"),
    ("hij is Marokkaans", "afkomst"),
])
def test_a_plain_statement_about_a_person_is_found_in_its_category(text: str,
                                                                   category: str) -> None:
    assert _categories(text) == {category}


@pytest.mark.parametrize("text", [
    "Bezoek aan de Turkse moskee.",
    "Bij moskee Al Fath geweest.",
    "Gesprek met de Joodse Gemeente.",
    "De Marokkaanse vereniging zoekt vrijwilligers.",
    "Het ziekenhuis belde.",
    "De ggz-instelling doet mee.",
    "De vakbond organiseert een avond.",
])
def test_an_organisation_named_with_a_category_word_is_not_a_person(text: str) -> None:
    assert special_category_findings(text) == []


@pytest.mark.parametrize("text", [
    "Gesprek over de iftar.",
    "Voorlichting over diabetes in het wijkcentrum.",
    "Avond over de verkiezingen.",
    "Thema-avond over discriminatie.",
    "Spanningen tussen de Turkse en de Koerdische gemeenschap.",
    "Moslimhaat neemt toe.",
    "Antisemitisme neemt toe.",
])
def test_a_topic_or_a_group_as_a_theme_is_not_a_statement_about_a_person(text: str) -> None:
    assert special_category_findings(text) == []


def test_ik_word_er_ziek_van_is_an_idiom_and_hij_is_ziek_is_health() -> None:
    assert special_category_findings("ik word er ziek van") == []
    assert _categories("hij is ziek") == {"gezondheid"}


@pytest.mark.parametrize("text", ["zijn geloof", "haar afkomst", "z'n religie",
                                  "het geloof van zijn vader"])
def test_a_possessive_makes_a_topic_word_about_a_person(text: str) -> None:
    assert special_category_findings(text) != []


def test_a_topic_word_without_a_possessive_is_a_theme() -> None:
    assert special_category_findings("Gesprek over geloof en opvoeding.") == []
    assert special_category_findings("Ik geloof dat het goed gaat.") == []


@pytest.mark.parametrize(("text", "word"), [
    ("hij is m0slim", "m0slim"),
    ("hij is d3pressief", "d3pressief"),
    ("ze is m.o.s.l.i.m", "m.o.s.l.i.m"),
    ("ze is m o s l i m", "m o s l i m"),
    ("ze is m-o-s-l-i-m", "m-o-s-l-i-m"),
    ("hij is mosliiim", "mosliiim"),
    ("hij is diabetespatiënt", "diabetespatiënt"),
    ("hij is diabetespatient", "diabetespatient"),
    ("hij heeft een str@fblad", "str@fblad"),
    ("ze is depresief", "depresief"),
])
def test_obfuscated_and_misspelt_words_are_found_as_written(text: str, word: str) -> None:
    assert [finding.word for finding in special_category_findings(text)] == [word]


@pytest.mark.parametrize(("text", "word"), [
    ("ze is lid van de PVV", "lid van de pvv"),
    ("hij stemt op een kleine partij", "stemt op"),
    ("hij zit in de bak", "zit in de bak"),
    ("hij heeft gezeten", "heeft gezeten"),
    ("ze is lid van de FNV", "lid van de fnv"),
])
def test_multi_word_terms_are_found_as_one_finding(text: str, word: str) -> None:
    assert [finding.word for finding in special_category_findings(text)] == [word]


@pytest.mark.parametrize(("text", "word"), [
    ("Moslimjongeren willen een toernooi.", "moslimjongeren"),
    ("Marokkaanse jongens op het plein.", "marokkaanse"),
    ("De buurman is PVV-stemmer.", "pvv-stemmer"),
    ("Zijn vader is FNV-lid.", "fnv-lid"),
])
def test_compounds_and_phrases_about_people_are_found(text: str, word: str) -> None:
    assert [finding.word for finding in special_category_findings(text)] == [word]


def test_a_finding_carries_its_span_its_sentence_and_the_word_as_written() -> None:
    text = "Goed gesprek gehad. Zijn broer is Depressief sinds de zomer. Tot snel."

    (finding,) = special_category_findings(text)

    assert finding == Finding(start=34, end=44, sentence_start=20, sentence_end=60,
                              category="gezondheid", word="depressief")
    assert text[finding.sentence_start:finding.sentence_end] == (
        "Zijn broer is Depressief sinds de zomer.")


def test_findings_come_in_text_order() -> None:
    text = "Ze heeft een strafblad. Hij is homo en zij is moslima."

    assert [f.category for f in special_category_findings(text)] == [
        "strafrecht", "geaardheid", "religie"]


def test_an_initial_or_an_abbreviation_does_not_end_a_sentence() -> None:
    text = "Met J. de Vries o.a. gesproken. Hij belt terug!"

    assert [text[s:e] for s, e in sentence_spans(text)] == [
        "Met J. de Vries o.a. gesproken.", "Hij belt terug!"]


def test_striking_removes_every_sentence_with_a_finding_and_keeps_the_rest_as_written() -> None:
    text = "Goed gesprek  met Ahmed. Hij is moslim en zijn vrouw is ziek.\nVolgende week bellen."

    kept, struck = strike_sentences(text)

    assert kept == "Goed gesprek met Ahmed.\nVolgende week bellen."
    assert [(sentence, finding.word) for sentence, finding in struck] == [
        ("Hij is moslim en zijn vrouw is ziek.", "moslim")]


def test_striking_a_text_without_findings_only_tidies_whitespace() -> None:
    assert strike_sentences("Bij de  moskee geweest.   Rustig.") == (
        "Bij de moskee geweest. Rustig.", [])


@pytest.mark.parametrize(("value", "category"), [
    ("soennitisch", "religie"),
    ("diabetespatiënt", "gezondheid"),
    ("PVV-stemmer", "politiek"),
    ("Marokkaans", "afkomst"),
    ("vakbondslid", "vakbond"),
    ("ex-gedetineerde", "strafrecht"),
    ("homo", "geaardheid"),
    ("voorzitter, Marokkaanse afkomst", "afkomst"),
])
def test_a_value_that_names_a_category_of_a_person_is_labelled(value: str,
                                                                category: str) -> None:
    assert label_category(value) == category


@pytest.mark.parametrize("value", ["imam", "predikant", "jongerenwerker", "wijkagent",
                                   "Turkse moskee", "gebedshuis - kerk", "voorzitter",
                                   "verpleegkundige ziekenhuis", "Joodse gemeenschap"])
def test_a_job_or_an_organisation_type_as_a_value_passes(value: str) -> None:
    assert label_category(value) is None


def test_the_guard_does_not_import_the_visit_reader() -> None:
    # core.understanding imports the guard; the other way round would be a cycle.
    imported: set[str] = set()
    for module in (guards, special_lexicon):
        tree = ast.parse(Path(module.__file__ or "").read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                imported |= {alias.name for alias in node.names}
            elif isinstance(node, ast.ImportFrom):
                imported |= {f"{node.module}.{alias.name}" for alias in node.names}

    assert not any("understanding" in name for name in imported)


def test_every_phrase_is_gated_by_words_that_occur_in_its_pattern() -> None:
    # A phrase only runs when one of its words is in the text; a gate out of step with its
    # pattern would silently switch the phrase off.
    ungated = [phrase.pattern.pattern for phrase in guards._PHRASES
               if not any(key in phrase.pattern.pattern for key in phrase.keys)]

    assert ungated == []


@pytest.mark.parametrize(("text", "found"), [
    ("ahmed heeft diabetes", True),
    ("zijn vrouw draagt een hoofddoek", True),
    ("de griep heerst in de wijk", False),
    ("mensen met dementie krijgen een ontmoetingscentrum", False),
    ("de reclassering zoekt werkplekken voor taakstraffen", False),
])
def test_a_condition_or_a_sanction_counts_when_someone_has_it(text: str, found: bool) -> None:
    assert bool(special_category_findings(text)) is found


def test_dates_times_and_dutch_abbreviations_do_not_end_a_sentence() -> None:
    text = "Gesprek i.p.v. bellen. Dhr. Yilmaz komt ma. 3 dec. om 14.00 langs. Klaar"

    assert [text[s:e] for s, e in sentence_spans(text)] == [
        "Gesprek i.p.v. bellen.", "Dhr. Yilmaz komt ma. 3 dec. om 14.00 langs.", "Klaar"]


@pytest.mark.parametrize("name", ["Christine", "Christiaan", "Christina", "Christien",
                                  "Ahmadi", "Kerkman", "Rusman", "Baptiste", "Fikkert",
                                  "Manisha", "Sybrich", "Lutters", "Denkers", "Palestina"])
def test_a_persons_name_that_looks_like_a_category_word_is_a_name(name: str) -> None:
    assert special_category_findings(f"Gesproken met {name} over de buurtapp.") == []
    assert special_category_findings(f"gesproken met {name.lower()} over de buurtapp") == []
