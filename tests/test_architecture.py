"""The layers point one way (bot → scheduler → core → storage); only bot/ knows a chat library."""

from __future__ import annotations

from pathlib import Path

import pytest
from importlinter.cli import lint_imports

ROOT = Path(__file__).resolve().parents[1]


def test_imports_only_point_down_the_layers(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)

    status = lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True)

    report = capsys.readouterr().out
    assert status == 0, report
    assert "Contracts: 2 kept, 0 broken." in report


def test_no_table_has_a_column_for_special_categories_of_personal_data() -> None:
    from sqlmodel import SQLModel

    import storage.models  # noqa: F401

    forbidden = ("religion", "religie", "geloof", "ethnic", "etnic", "afkomst", "political",
                 "politiek", "health", "gezondheid", "nationality", "nationaliteit", "bsn")
    columns = [f"{t.name}.{c.name}" for t in SQLModel.metadata.tables.values() for c in t.columns]
    assert not [c for c in columns if any(word in c.lower() for word in forbidden)]
