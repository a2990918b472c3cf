# Two commands: `make run` starts the application with a demo school, `make test` runs every test.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install install-dev system-packages lint format clean backup restore

$(BIN)/python:
	@scripts/make-venv.sh "$(PYTHON)" "$(VENV)"

$(VENV)/.installed: requirements.txt | $(BIN)/python system-packages
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	@touch $@

$(VENV)/.installed-dev: requirements-dev.txt $(VENV)/.installed
	$(BIN)/pip install --quiet -r requirements-dev.txt
	@touch $@

# PDF documents (WeasyPrint) need Debian's pango at run time, and HarfBuzz's font subsetter.
# Installs the missing ones when root; otherwise says what to install. Nothing to do off Debian.
SYSTEM_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0

system-packages:
	@command -v dpkg-query >/dev/null || exit 0; \
	missing=$$(for p in $(SYSTEM_PACKAGES); do \
	  dpkg-query -W -f='$${db:Status-Abbrev}' $$p 2>/dev/null | grep -q '^ii' || echo $$p; done); \
	[ -n "$$missing" ] || exit 0; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  echo "Installing" $$missing "…"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	else \
	  echo "PDF documents need Debian packages that are missing: sudo apt-get install" $$missing >&2; \
	  exit 1; \
	fi

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

# A copy of the database and the uploaded files in BACKUP_DIR (backups/ by default), with the
# application's environment. No prerequisites: a scheduled run never installs anything.
backup:
	$(BIN)/python manage.py backup

# Replaces ALL data with the copy FILE, after asking; stop the application first.
restore:
	@[ -n "$(FILE)" ] || { echo "Укажите файл копии: make restore FILE=backups/nastavnichestvo-ГГГГММДД-ЧЧММСС.tar.gz" >&2; exit 2; }
	$(BIN)/python manage.py restore "$(FILE)"

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.installed-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
