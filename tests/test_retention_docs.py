"""docs/retention.md and docs/privacy.md hold one retention table, made from the settings'
defaults and the code's fixed terms: a changed default or term without regenerated documents
fails here, and the two documents cannot disagree."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot import __main__ as cli
from bot.retention_table import END, START, table
from bot.settings import Settings
from core.journal import KEEP_HANDLED

DOCS = Path(__file__).resolve().parents[1] / "docs"
REGENERATE = "python -m bot retention-table, pasted over the table in both documents"


def table_in(document: str) -> str:
    text = (DOCS / document).read_text(encoding="utf-8")
    assert text.count(START) == 1, f"{document} has no (or more than one) retention table"
    begin = text.index(START)
    return text[begin:text.index(END, begin) + len(END)] + "\n"


@pytest.mark.parametrize("document", ["retention.md", "privacy.md"])
def test_the_document_holds_the_table_made_from_the_settings(document: str) -> None:
    assert table_in(document) == table(), f"docs/{document} is out of date: {REGENERATE}"


def test_the_table_names_the_settings_defaults_and_the_journals_two_days() -> None:
    made = table()
    defaults = Settings.model_fields
    assert (f"| `RETENTION_PROCESSED_UPDATES_DAYS` | "
            f"{defaults['retention_processed_updates_days'].default} days after it came in"
            in made)
    assert f"| {KEEP_HANDLED.days} days after it came in (pruned every few minutes) |" in made
    assert f"| {defaults['retention_signals_years'].default} years after the observation |" in made
    for name in defaults:
        if name.startswith("retention_") and name != "retention_run_time":
            assert f"`{name.upper()}`" in made, name


def test_the_cli_prints_the_same_table(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["retention-table"]) == 0

    assert capsys.readouterr().out == table()
