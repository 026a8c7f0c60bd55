# The two commands: `make run` (demo site on SQLite) and `make test` (the test suite).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test setup migrate demo lint format

$(INSTALLED): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet ".[test]"
	rm -rf build *.egg-info
	touch $(INSTALLED)

setup: $(INSTALLED)

migrate: setup
	$(BIN)/python manage.py migrate --noinput

demo: migrate
	$(BIN)/python manage.py load_demo

# The Zarinpal sandbox serves on 8001 beside the site and stops with it.
run: demo
	$(BIN)/python manage.py zarinpal_sandbox --port 8001 & sandbox=$$!; \
	trap 'kill $$sandbox 2>/dev/null' EXIT INT TERM; \
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

# The services the tests use (PostgreSQL, Redis, Chromium) are installed and started by
# scripts/services.sh, which writes their addresses to .services/env.
test: setup
	scripts/services.sh
	. ./.services/env && $(BIN)/python -m pytest

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: setup
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .
