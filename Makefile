# Hubwork's front door. `make run` starts Hubwork with demo data; `make test` runs every check.
# Both set up what they need first (a virtual environment, pinned packages, built assets).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
ASSETS := static/dist/hubwork.css
NODE_STAMP := frontend/node_modules/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 8000

-include .env
# Links in emails and calendar feeds point where `make run` and `make dev` serve Hubwork
# (`make run PORT=8101`), unless SITE_URL (in the environment or .env) says otherwise.
# A server listening on every interface (0.0.0.0) is reached on this machine at 127.0.0.1.
ifeq ($(strip $(SITE_URL)),)
SITE_URL = http://$(if $(filter 0.0.0.0,$(HOST)),127.0.0.1,$(HOST)):$(PORT)
endif
export

.PHONY: help install assets migrate seed run dev test lint pytest migrations-check worker beat bench clean

help:
	@echo "make run     Start Hubwork with demo data at http://$(HOST):$(PORT) (another port: make run PORT=8101)"
	@echo "make dev     The same with Django's auto-reloading development server"
	@echo "make test    Lint, type-check, check migrations and run the whole test suite"
	@echo "make worker  Start a Celery worker (needs REDIS_URL)"
	@echo "make beat    Start Celery beat, the scheduler (needs REDIS_URL)"
	@echo "make bench   Measure the school import, the catalogue, a sign-up rush, the practice pages, evaluation's figures and the reports on a national dataset (bench/README.md)"

$(STAMP): requirements/base.txt requirements/dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements/base.txt -r requirements/dev.txt
	touch $@

install: $(STAMP) $(ASSETS)

$(NODE_STAMP): frontend/package.json frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund --loglevel=error
	touch $@

$(ASSETS): $(NODE_STAMP) frontend/build.mjs $(wildcard frontend/scss/*.scss)
	cd frontend && npm run --silent build

assets: $(ASSETS)

migrate: install
	$(BIN)/python manage.py migrate --no-input -v 0

seed: migrate
	DEMO_TWO_FACTOR_CODE=$${DEMO_TWO_FACTOR_CODE:-000000} $(BIN)/python manage.py seed_demo

run: seed
	@echo "Hubwork is starting at http://$(HOST):$(PORT), with links in emails to $(SITE_URL) (Ctrl+C stops it)."
	DEMO_TWO_FACTOR_CODE=$${DEMO_TWO_FACTOR_CODE:-000000} $(BIN)/gunicorn hubwork.wsgi \
		--bind $(HOST):$(PORT) --workers 2 --threads 4 --access-logfile -

dev: seed
	DEMO_TWO_FACTOR_CODE=$${DEMO_TWO_FACTOR_CODE:-000000} $(BIN)/python manage.py runserver $(HOST):$(PORT)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy .

migrations-check: install
	$(BIN)/python manage.py makemigrations --check --dry-run

pytest: install
	$(BIN)/pytest $(PYTEST_ARGS)

test: lint migrations-check pytest

worker: install
	$(BIN)/celery -A hubwork worker --loglevel=INFO

beat: install
	$(BIN)/celery -A hubwork beat --loglevel=INFO

bench: install
	$(BIN)/python bench/gias_import.py
	$(BIN)/python bench/catalogue.py
	$(BIN)/python bench/practice.py
	$(BIN)/python bench/rush.py
	$(BIN)/python bench/evaluation.py
	$(BIN)/python bench/national.py
	$(BIN)/python bench/research.py

clean:
	rm -rf $(VENV) frontend/node_modules static/dist staticfiles .pytest_cache .mypy_cache .ruff_cache
