"""Security lint and the dependency audit: switched on, clean, and honest when offline."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
import tomllib
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def audit_tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("audit_dependencies",
                                                  ROOT / "tools" / "audit_dependencies.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_bandit_rules_are_on_and_only_assert_is_waived_outside_tests() -> None:
    lint = PYPROJECT["tool"]["ruff"]["lint"]

    assert "S" in lint["select"]
    assert [rule for rule in lint["ignore"] if rule.startswith("S")] == ["S101"]
    for pattern, rules in lint["per-file-ignores"].items():
        if any(rule.startswith("S") for rule in rules):
            assert pattern in ("tests/**", "bench/**")


def test_the_code_that_ships_has_no_bandit_findings() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--select", "S", "--ignore", "S101",
         "--output-format", "concise", "bot", "core", "scheduler", "storage", "tools"],
        cwd=ROOT, capture_output=True, text=True, timeout=120, check=False,
    )

    assert done.returncode == 0, done.stdout


def test_the_audit_says_not_audited_when_the_database_answered_for_no_package() -> None:
    report = {"dependencies": [
        {"name": "sqlmodel", "skip_reason": "Dependency not found on PyPI and could not be "
                                            "audited: sqlmodel (0.0.50)"},
        {"name": "rapidfuzz", "skip_reason": "Dependency not found on PyPI"},
    ], "fixes": []}

    code, lines = audit_tool().verdict(json.dumps(report), "")

    assert code == 2
    assert lines[0].startswith("NOT AUDITED: the vulnerability database answered for none")


def test_the_audit_says_not_audited_when_the_database_is_unreachable() -> None:
    stderr = ("Traceback (most recent call last):\n  ...\nrequests.exceptions.ConnectionError: "
              "Max retries exceeded with url: /v1/querybatch\n")

    code, lines = audit_tool().verdict("", stderr)

    assert code == 2
    assert "NOT AUDITED: the vulnerability database is unreachable" in lines[0]


def test_the_audit_fails_on_a_known_vulnerability_and_passes_a_clean_environment() -> None:
    clean = {"name": "rapidfuzz", "version": "3.14.6", "vulns": []}
    vulnerable = {"name": "example", "version": "1.0",
                  "vulns": [{"id": "PYSEC-0000-1", "fix_versions": ["1.1"]}]}
    tool = audit_tool()

    bad_code, bad_lines = tool.verdict(json.dumps({"dependencies": [clean, vulnerable]}), "")
    good_code, good_lines = tool.verdict(json.dumps({"dependencies": [clean]}), "")

    assert bad_code == 1
    assert "example 1.0: PYSEC-0000-1 (fixed in 1.1)" in bad_lines
    assert good_code == 0
    assert good_lines == ["1 package audited: no known vulnerabilities."]
