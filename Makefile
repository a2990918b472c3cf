# Two commands: `make run` starts the application with a demo school, `make test` runs every test.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install install-dev lint format clean

$(BIN)/python:
	@scripts/make-venv.sh "$(PYTHON)" "$(VENV)"

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	@touch $@

$(VENV)/.installed-dev: requirements-dev.txt $(VENV)/.installed
	$(BIN)/pip install --quiet -r requirements-dev.txt
	@touch $@

install: $(VENV)/.installed

install-dev: $(VENV)/.installed-dev

# Development server on the embedded SQLite file (or DATABASE_URL), demo data in an empty database.
run: export DEBUG ?= true
run: $(VENV)/.installed
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo
	@echo
	@echo "Приложение: http://$(HOST):$(PORT)/"
	@echo
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

# The whole suite, browser tests included, against PostgreSQL.
test: $(VENV)/.installed-dev
	@scripts/test.sh

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.installed-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
