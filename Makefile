# One command each: `make demo` serves the demo site, `make test` runs every check CI runs.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev
DEMO_SETTINGS := newsdesk.settings.dev

.PHONY: help demo test lint format install install-dev browser validator proxy clean

## help: list these targets
help:
	@grep -E '^## ' $(MAKEFILE_LIST) | sed -e 's/^## /  /'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(DEV_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@ $(STAMP)

install: $(STAMP)

install-dev: $(DEV_STAMP)

## demo: install, migrate, load the demo content and serve it on http://127.0.0.1:8000
demo: $(STAMP)
	DJANGO_SETTINGS_MODULE=$(DEMO_SETTINGS) $(BIN)/newsdesk demo --host 127.0.0.1 --port 8000

## browser: Debian's Chromium for the browser tests (test tools may not download their own)
browser:
	@command -v chromium >/dev/null 2>&1 || scripts/install-chromium.sh

## validator: Debian's Java for the Nu HTML checker (vnu.jar comes from PyPI)
validator:
	@command -v java >/dev/null 2>&1 || scripts/install-java.sh

## proxy: Debian's Varnish and Redis for the end-to-end test of the reference deployment
proxy:
	@command -v varnishd >/dev/null 2>&1 && command -v redis-server >/dev/null 2>&1 || scripts/install-proxy.sh

## lint: ruff (style and mistakes) and import-linter (the layers in docs/architecture.md)
lint: $(DEV_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

## format: rewrite the code as ruff formats it, imports sorted
format: $(DEV_STAMP)
	$(BIN)/ruff check --fix --select I .
	$(BIN)/ruff format .

## test: lint, Django's checks, migrations up to date, the whole suite; on CI also PostgreSQL
test: $(DEV_STAMP) browser validator proxy lint
	DJANGO_SETTINGS_MODULE=newsdesk.settings.test $(BIN)/python manage.py check --fail-level WARNING
	DJANGO_SETTINGS_MODULE=newsdesk.settings.test $(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest -q
ifeq ($(CI),true)
	scripts/ci-postgres.sh $(BIN)
endif

## clean: remove the virtual environment, local data is kept (var/)
clean:
	rm -rf $(VENV) var static_collected
