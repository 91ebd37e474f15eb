# Two commands for a new user: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/kamervragen index corpus/
	$(BIN)/kamervragen serve --host 127.0.0.1 --port 8000

# The suite needs Debian's Chromium and a PostgreSQL server: both are installed and started here,
# so that `make test` passes on a fresh machine by itself (KAMERVRAGEN_TEST_DB may name another).
test: $(STAMP)
	bash scripts/chromium.sh
	$(BIN)/ruff check kamervragen indexer web tests benchmarks
	KAMERVRAGEN_TEST_DB="$${KAMERVRAGEN_TEST_DB:-$$(bash scripts/postgres.sh)}" $(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python benchmarks/parse_speed.py
	$(BIN)/python benchmarks/search_speed.py
	$(BIN)/python benchmarks/index_speed.py

clean:
	rm -rf $(VENV) build *.egg-info
