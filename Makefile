# backtui: the two commands a new user needs are `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
ARGS   ?=

.PHONY: run test snapshots bench lint clean

# Refuse early, in words, on a Python that is too old.
$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "backtui needs Python 3.11 or newer (found %s); set PYTHON=python3.x" % sys.version.split()[0])'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

$(VENV)/.test-installed: $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[test,replicate,ssh]'
	@touch $@ $(VENV)/.installed

run: $(VENV)/.installed
	$(BIN)/backtui $(ARGS)

test: $(VENV)/.test-installed
	$(BIN)/python -m pytest -n auto

# Write the screen snapshots anew (tests/__snapshots__/test_snapshots/*.svg) after a
# change to a screen that is meant; review them in the diff. In one process: syrupy
# removes the pictures no test takes any more only when it sees every test.
snapshots: $(VENV)/.test-installed
	$(BIN)/python -m pytest tests/test_snapshots.py -p no:xdist -p no:cacheprovider --snapshot-update -q

bench: $(VENV)/.test-installed
	$(BIN)/python bench/run_all.py

lint: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[lint]'
	$(BIN)/ruff check backtui tests bench
	$(BIN)/lint-imports
	$(BIN)/mypy

clean:
	rm -rf $(VENV) build dist .pytest_cache .hypothesis .import_linter_cache .mypy_cache snapshot_report.html
