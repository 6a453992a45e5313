# The two commands a newcomer needs: `make run` and `make test`. Both set up .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint audit install clean

run: $(STAMP)  ## run the bot (terminal chat when no chat account is configured)
	$(BIN)/python -m bot

test: $(STAMP) lint  ## the whole test suite, with lint, types and layer checks
	$(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy

# Known vulnerabilities in the installed packages (pip-audit); not part of `make test`, as it
# needs the vulnerability database online. Says NOT AUDITED (exit 2) when that is unreachable.
audit: $(STAMP)
	$(BIN)/python tools/audit_dependencies.py

install: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
