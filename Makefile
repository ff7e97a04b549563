# Two commands on a fresh machine: `make run` (the service on embedded PostgreSQL, with demo data)
# and `make test` (installs what the tests need, then runs every test).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test check lint types contracts install analyzer clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

# The brief analyzer compiled with mypyc (docs/performance.md); a no-op while the build is current, and the
# interpreted sources run when it cannot be built.
analyzer: $(STAMP)
	$(BIN)/python scripts/build_analyzer.py

run: analyzer
	$(BIN)/agent-assist serve --demo

test: analyzer
	bash scripts/test.sh

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

types: $(STAMP)
	$(BIN)/mypy

contracts: $(STAMP)
	$(BIN)/lint-imports

check: lint types contracts test

clean:
	rm -rf $(VENV) .data .pytest_cache .tools domain/analysis/_compiled
