"""Person names in free text: deduce's lists, also in lower case, titles apart, ages beside."""

import logging
import subprocess
import sys
from pathlib import Path

import pytest

from core.reading.names import NameFinder, find_names


def names(text: str, places: tuple[str, ...] = ()) -> list[str]:
    return [m.text for m in find_names(text, places)]


@pytest.mark.parametrize(("text", "expected"), [
    ("Vandaag koffie gedronken met Fatima Bakkali.", ["Fatima Bakkali"]),
    ("Ayşe Yılmaz en Sjoerd Hoekstra kwamen langs", ["Ayşe Yılmaz", "Sjoerd Hoekstra"]),
    ("Gesprek met Pieter van den Berg over de kerstmarkt.", ["Pieter van den Berg"]),
])
def test_a_capitalised_name_is_found_whole(text: str, expected: list[str]) -> None:
    assert names(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("net bij kevin de jong geweest", ["kevin de jong"]),
    ("ff gebeld met fatima bakkali vd moskee al fath", ["fatima bakkali"]),
    ("said el amrani zei dat het rustig is", ["said el amrani"]),
    ("met mark en roos bij het buurthuis", ["mark", "roos"]),
])
def test_a_name_typed_in_lower_case_is_found(text: str, expected: list[str]) -> None:
    assert names(text) == expected


@pytest.mark.parametrize(("text", "name", "title"), [
    ("imam yusuf bellen", "yusuf", "imam"),
    ("mw. jansen ook even mailen", "jansen", "mw"),
    ("dhr visser belde me over de overlast", "visser", "dhr"),
    ("ds. van der meer gesproken", "van der meer", "ds"),
    ("Buurtvader Abdelkarim zei dat het rustig is", "Abdelkarim", "buurtvader"),
    ("vergadering met wijkagent bakker", "bakker", "wijkagent"),
])
def test_a_title_or_form_of_address_is_kept_apart_from_the_name(
        text: str, name: str, title: str) -> None:
    [mention] = find_names(text)
    assert (mention.text, mention.title) == (name, title)


@pytest.mark.parametrize(("text", "name", "age"), [
    ("zijn zoon mohammed (17) hangt vaak op het plein", "mohammed", 17),
    ("Buurtvader zei dat Jayden (15) dealt", "Jayden", 15),
    ("zijn neef youssef, 16 jaar, is vaak op straat", "youssef", 16),
    ("Gesprek met Pieter van den Berg (23) over de kerk", "Pieter van den Berg", 23),
])
def test_an_age_beside_a_name_is_read_with_it(text: str, name: str, age: int) -> None:
    mention = next(m for m in find_names(text) if m.text == name)
    assert mention.age == age


def test_an_age_under_eighteen_marks_a_minor_and_one_over_does_not() -> None:
    young, grown = find_names("Jayden (15) en Pieter Bakker (23) waren er")
    assert (young.minor, grown.minor) == (True, False)


@pytest.mark.parametrize("text", [
    "Gesproken met de voorzitter, goed gesprek. Zorgen over jongeren.",
    "jan en mei vergadering ma 10u over de wijk",
    "wil volgende week langs bij het buurthuis",
    "",
])
def test_ordinary_words_months_and_days_are_no_names(text: str) -> None:
    assert names(text) == []


def test_a_known_place_is_not_taken_for_a_person() -> None:
    text = "Gesprek met Pieter Bakker in Almere Haven over Stad-Oost."
    assert names(text, places=("Almere Haven", "Stad-Oost")) == ["Pieter Bakker"]


def test_the_offsets_point_at_the_name_in_the_original_text() -> None:
    text = "net bij kevin de jong geweest"
    [mention] = find_names(text)
    assert text[mention.start:mention.end] == "kevin de jong"


def test_importing_deduce_leaves_the_root_logger_as_it_was() -> None:
    # deduce sets up the root logger (DEBUG to stdout) when first imported: a fresh interpreter.
    script = ("import logging; from core.reading.names import _import_deduce; _import_deduce(); "
              "root = logging.getLogger(); print(len(root.handlers), root.level)")
    out = subprocess.run(  # noqa: S603 - our own interpreter and a fixed script
        [sys.executable, "-c", script], capture_output=True, text=True,
        check=True, cwd=Path(__file__).parents[3])
    assert out.stdout.split() == ["0", str(logging.WARNING)]


def test_the_lookup_folder_is_private_to_the_bot(tmp_path) -> None:
    folder = tmp_path / "lookup"
    NameFinder(folder)
    assert folder.stat().st_mode & 0o077 == 0


@pytest.mark.parametrize("text", [
    "haar zoontje adam was er ook bij",
    "Het broertje Noah speelt vaak op het plein.",
])
def test_a_name_after_a_word_for_a_child_marks_a_minor_without_an_age(text: str) -> None:
    [mention] = find_names(text)
    assert (mention.minor, mention.age) == (True, None)


def test_a_first_name_that_is_also_a_month_is_a_name_where_a_person_is_meant() -> None:
    assert names("met jan en piet van de kerk gesproken") == ["jan", "piet"]


@pytest.mark.parametrize("text", ["op 3 jan vergadering", "in mei 2027 weer langs"])
def test_a_month_beside_a_number_is_no_name(text: str) -> None:
    assert names(text) == []


def test_de_after_a_form_of_address_belongs_to_the_surname_except_in_de_heer() -> None:
    [jong] = find_names("met dhr. de jong gesproken")
    [bakker] = find_names("gesproken met de heer Bakker")

    assert (jong.text, jong.title) == ("de jong", "dhr")
    assert (bakker.text, bakker.title) == ("Bakker", "heer")


def test_names_on_either_side_of_a_full_stop_are_two_people() -> None:
    text = "Gesproken met Fatima Bakkali. Youssef El Amrani helpt mee met het buurtfeest."
    assert names(text) == ["Fatima Bakkali", "Youssef El Amrani"]


def test_a_title_or_initial_with_a_dot_does_not_end_the_sentence() -> None:
    assert names("mw. jansen en J. de Vries kwamen langs") == ["jansen", "J. de Vries"]


@pytest.mark.parametrize(("text", "name", "age"), [
    ("kevin zei dat jayden van 15 betrokken was bij een vechtpartij", "jayden", 15),
    ("Sara, 13, durft niet meer alleen naar buiten", "Sara", 13),
])
def test_an_age_written_as_van_15_or_between_commas_is_read(text: str, name: str, age: int) -> None:
    mention = next(m for m in find_names(text) if m.text == name)
    assert (mention.age, mention.minor) == (age, True)


def test_a_time_span_after_a_name_is_no_age() -> None:
    [piet] = find_names("gesproken met piet van 2 tot 4 uur")
    assert piet.age is None


def test_vd_after_a_name_starts_an_organisation_not_a_surname() -> None:
    assert names("mw pinas vd schoor gemaild over de zomerweek") == ["pinas"]


def test_a_cache_cut_off_by_a_killed_process_is_built_again(tmp_path) -> None:
    folder = tmp_path / "lookup"
    NameFinder(folder)
    [pickle] = (folder / "cache").glob("*.pickle")
    pickle.write_bytes(pickle.read_bytes()[:1000])  # kill -9 while deduce wrote it

    finder = NameFinder(folder)

    assert [m.text for m in finder.find("Gesproken met Fatima Bakkali.")] == ["Fatima Bakkali"]


@pytest.mark.parametrize("text", [
    "Milan en Daan, allebei 16, hangen bij de skatebaan",
    "de tweeling, Lina en Sem van 12, kwamen mee",
    "Noah, Finn en Levi (15) stonden bij de ingang",
])
def test_an_age_after_a_list_of_names_is_each_ones(text: str) -> None:
    mentions = find_names(text)
    assert len(mentions) >= 2
    assert all(m.minor for m in mentions)


def test_an_age_said_of_a_child_word_before_the_name_marks_a_minor() -> None:
    (mention,) = find_names("jongen van 14, Youssef, werd lastiggevallen")
    assert (mention.text, mention.age, mention.minor) == ("Youssef", 14, True)


def test_an_english_age_and_a_kin_word_are_read_apart_from_the_name() -> None:
    (mention,) = find_names("her daughter Emma, aged 9, was with her")
    assert (mention.text, mention.age, mention.minor) == ("Emma", 9, True)


def test_names_in_a_list_with_a_time_range_get_no_age() -> None:
    mentions = find_names("om 10 uur met Jan en Piet van 14 tot 16 in het buurthuis")
    assert [m.age for m in mentions] == [None] * len(mentions)
