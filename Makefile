# The two commands the README promises: `make run` and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
PORT ?= 8000
PIP_INSTALL := $(BIN)/python -m pip install --disable-pip-version-check --quiet --require-hashes
# Python's default: bytecode caches in __pycache__ (ignored by git). A machine that switches them
# off makes every process the tests start (xdist workers, gunicorn, manage.py) compile every
# module from source again.
unexport PYTHONDONTWRITEBYTECODE
# The kernel and the apps.
PACKAGES := hamarregion accounts programme projects meetings publication grants archive workbench

.PHONY: help run prod test test-fast compile install install-test system-libs migrate load-programme demo-data lint bandit audit format check lock css bench clean

help:
	@echo "make run    install, migrate, load the programme and demo accounts, serve on 127.0.0.1:$(PORT)"
	@echo "make test   install what the tests need and run the whole suite"
	@echo "make test-fast  the suite without the browser tests, on every core"
	@echo "make lint   ruff check and format check"
	@echo "make bench  nginx and gunicorn under load: requests/s and latency per page, with one and two app servers"
	@echo "make prod   nginx in front of gunicorn with DEBUG off, from deploy/'s files, on 127.0.0.1:$(PORT)"
	@echo "make audit  pip-audit of the locked dependencies (needs the vulnerability service)"
	@echo "make lock   re-pin requirements/*.txt from pyproject.toml (needs the network)"
	@echo "make css    static/css/bootstrap.used.css: the part of Bootstrap's CSS the pages use"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# A stamp per lock file: pip runs again only when a lock file changes.
$(VENV)/.installed-base: requirements/base.txt | $(BIN)/python
	$(PIP_INSTALL) -r requirements/base.txt
	@touch $@

$(VENV)/.installed-test: requirements/test.txt | $(BIN)/python
	$(PIP_INSTALL) -r requirements/test.txt
	@touch $@

install: $(VENV)/.installed-base system-libs
install-test: $(VENV)/.installed-test system-libs

# WeasyPrint (the receipts and decision letters as PDF/A) needs Pango and a font from the
# system: Debian's packages, installed when they are missing and make runs as root.
system-libs:
	@if ! ldconfig -p 2>/dev/null | grep -q libpangoft2-1.0; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	      libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core >/dev/null; \
	  else \
	    echo "The PDF documents need Pango: apt-get install libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core"; \
	  fi; \
	fi

migrate: install
	$(MANAGE) migrate --noinput

load-programme: migrate
	$(MANAGE) load_programme

demo-data: load-programme
	@$(MANAGE) create_demo_accounts && $(MANAGE) create_demo_data \
		&& $(MANAGE) create_demo_follow_up \
		&& $(MANAGE) create_demo_meetings \
		|| echo "No demo accounts or data: they are made only while DEBUG is on."

# Links in e-mails and open data point at the port served, unless DJANGO_SITE_URL says otherwise.
run: load-programme demo-data
	@echo "Serving http://127.0.0.1:$(PORT)/ (stop with Ctrl+C)"
	DJANGO_SITE_URL="$${DJANGO_SITE_URL:-http://127.0.0.1:$(PORT)}" $(MANAGE) runserver 127.0.0.1:$(PORT)

# The tests outside tests/browser run on every core (pytest-xdist, a test database per worker);
# the browser tests then run in one process, each test once. COVERAGE=1 (CI) measures branch
# coverage over both runs and fails below the floor in pyproject.toml.
PYTEST_FAST := $(BIN)/pytest -n auto --ignore=tests/browser
ifdef COVERAGE
COV_FAST := --cov --cov-report= --cov-fail-under=0
COV_BROWSER := --cov --cov-append
endif

# Compiled once before the workers start, instead of by each of them.
compile: install-test
	@$(BIN)/python -m compileall -q -j 0 manage.py $(PACKAGES) tests

test: install-test compile
	$(PYTEST_FAST) $(COV_FAST)
	$(BIN)/pytest tests/browser $(COV_BROWSER)

test-fast: install-test compile
	$(PYTEST_FAST)

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# Medium and high findings fail; each one silenced in the code says why next to it.
bandit: install-test
	$(BIN)/bandit -q -r $(PACKAGES) -x "*/migrations/*" -ll

# Needs the vulnerability service on the network, which CI does not reach: fails loudly there.
audit: install-test
	$(BIN)/python -m pip install --quiet pip-audit
	$(BIN)/pip-audit --strict --require-hashes --disable-pip -r requirements/base.txt
	$(BIN)/pip-audit --strict --require-hashes --disable-pip -r requirements/test.txt

check: install-test
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run

format: install-test
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Bootstrap's CSS cut down to the classes the templates, forms and scripts use, into a file that
# is committed: `make run` and `make test` only read it (README, «CSS»).
css: install-test
	$(BIN)/python scripts/css_subset.py

# Extras stay on the pins (fonttools[woff]==…): pip in hash-checking mode otherwise resolves a
# dependency's `fonttools[woff]>=…` to the newest release, which is not pinned, and refuses.
lock: $(BIN)/python
	$(BIN)/python -m pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --quiet --python-version 3.11 --generate-hashes --no-strip-extras --upgrade -o requirements/base.txt
	$(BIN)/uv pip compile pyproject.toml --quiet --python-version 3.11 --generate-hashes --no-strip-extras --upgrade --extra test -o requirements/test.txt

# Needs PostgreSQL and Redis on 127.0.0.1, nginx and wrk (README, «Benchmark»); BENCH_* set the knobs.
bench: install
	$(BIN)/python scripts/bench.py

# The production stack on this machine from deploy/'s own files: nginx (Debian's package) on
# 127.0.0.1:$(PORT) in front of gunicorn with DEBUG off, on DATABASE_URL and REDIS_URL.
prod: install
	PORT=$(PORT) $(BIN)/python scripts/prod.py

clean:
	rm -rf $(VENV) staticfiles .coverage .coverage.*
	find . -name __pycache__ -not -path "./$(VENV)/*" -prune -exec rm -rf {} +
