# The two set-up commands: `make run` (the site with demo data) and `make test` (the suite).
# Both need nothing but Python 3.11+; everything else is installed into .venv.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test bootstrap migrate lint format messages bench clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (found %s)." % sys.version.split()[0])'
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e ".[dev]"
	@touch $@

bootstrap: $(STAMP)

migrate: bootstrap
	$(BIN)/python manage.py migrate --noinput

run: migrate
	$(BIN)/python manage.py seed_demo --if-empty
	@echo ""
	@echo "  Etalase Tangerang is running at http://$(HOST):$(PORT)/  (English: /en/)"
	@echo "  Staff admin:  http://$(HOST):$(PORT)/admin/   login admin / etalase-admin-2026"
	@echo "  Vendor:       http://$(HOST):$(PORT)/dasbor/  login penjual / etalase-penjual-2026"
	@echo "  Outlet staff: http://$(HOST):$(PORT)/outlet/sentral-oleh-oleh-t3/  login outlet / etalase-outlet-2026"
	@echo "  (demo-only passwords; stop with Ctrl+C)"
	@echo ""
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

test: bootstrap
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: bootstrap
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: bootstrap
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Refresh the translation catalogs after changing UI text, then compile them (pure Python).
messages: bootstrap
	$(BIN)/python manage.py makemessages -l id -l en --ignore=.venv --ignore=staticfiles --ignore=media
	$(BIN)/pybabel compile -d locale -D django --statistics

bench: bootstrap
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) db.sqlite3 media private_media staticfiles
