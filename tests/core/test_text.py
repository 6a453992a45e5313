"""core.text: what comes in loses control characters and bidi overrides; cells lose formulas."""

from __future__ import annotations

import pytest

from core.text import clean, from_spreadsheet_cell, looks_like_formula, spreadsheet_cell


@pytest.mark.parametrize(("raw", "kept"), [
    ("Kees\x1b[31m Jansen\x1b[0m", "Kees Jansen"),  # ANSI colour codes, whole
    ("\x1b]0;pwned\x07Kees", "Kees"),  # a terminal title
    ("Jan\u202e naJ", "Jan naJ"),  # right-to-left override
    ("\u2066Ali\u2069 \u200fYusuf\u200e", "Ali Yusuf"),  # isolates and direction marks
    ("nul\x00bel\x07del\x7fc1\x85\x9b", "nulbeldelc1"),  # C0, DEL, C1
    ("Rene\u0301", "René"),  # decomposed é becomes one character (NFC)
    ("regel 1\r\nregel 2\rregel 3\tkolom", "regel 1\nregel 2\nregel 3\tkolom"),
])
def test_control_characters_and_bidi_overrides_are_removed_and_text_is_nfc(
        raw: str, kept: str) -> None:
    assert clean(raw) == kept


def test_a_name_loses_its_line_breaks_and_tabs_too() -> None:
    assert clean("Kees\n\tJansen", keep_lines=False) == "KeesJansen"


def test_arabic_and_hebrew_text_itself_is_kept() -> None:
    assert clean("فاطمة العمراني · שלום") == "فاطمة العمراني · שלום"


@pytest.mark.parametrize("value", ["=1+1", "+cmd|' /C calc'!A0", "-2+3+cmd|x!A0", "@SUM(A1)",
                                   "\tx", "\rx", "=HYPERLINK(\"http://x\")"])
def test_a_formula_looking_cell_gets_a_quote_in_front_and_loses_it_on_the_way_back(
        value: str) -> None:
    assert looks_like_formula(value)
    assert spreadsheet_cell(value) == f"'{value}"
    assert from_spreadsheet_cell(spreadsheet_cell(value)) == value


@pytest.mark.parametrize("value", ["+31 6 12345678", "-12", "06-12345678", "Jan", "'quoted",
                                   "2025-03-01T10:00:00+01:00", ""])
def test_plain_numbers_and_text_are_left_as_they_are(value: str) -> None:
    assert spreadsheet_cell(value) == value
    assert from_spreadsheet_cell(value) == value
