"""The test homeserver's installer: a failed install is a clear failure, never a skip."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.matrix import synapse
from tests.matrix.synapse import SynapseUnavailable, ensure_synapse


def test_an_install_that_cannot_succeed_says_why_instead_of_skipping(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(synapse, "SYNAPSE_REQUIREMENT", "matrix-synapse==0.0.0.dev0")

    with pytest.raises(SynapseUnavailable, match="installing Synapse for the Matrix tests"):
        ensure_synapse(tmp_path / "venv")

    assert not (tmp_path / "venv" / ".netwerkregie-installed").exists()


def test_an_installed_environment_is_reused_without_running_pip(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    venv = tmp_path / "venv"
    (venv / "bin").mkdir(parents=True)
    (venv / "bin" / "python").touch()
    (venv / ".netwerkregie-installed").write_text(synapse.SYNAPSE_REQUIREMENT + "\n")

    def no_pip(*_args: object) -> None:
        raise AssertionError("pip ran although Synapse was installed")

    monkeypatch.setattr(synapse, "_run_step", no_pip)

    assert ensure_synapse(venv) == venv / "bin" / "python"
