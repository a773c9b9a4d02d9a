# Slipstream — `make run` serves the marketplace, `make check` is the fast check of a change,
# `make test` passes the whole suite. Each sets up what it needs on a fresh Debian machine (see
# README): `run` only the running requirements, `check` and `test` the development ones.

SHELL := /bin/bash
.DEFAULT_GOAL := help
# Bytecode caches (gitignored __pycache__/) are written even where the environment asks Python
# not to: without them every test process compiled the project and re-did pytest's assertion
# rewriting of ~540 test modules, about 7 of its 14 seconds of collection.
unexport PYTHONDONTWRITEBYTECODE

# Found once, and only by the targets that create the virtualenv (the search runs every Python).
ifeq ($(origin PYTHON), undefined)
PYTHON = $(eval PYTHON := $(shell devtools/find_python.sh))$(PYTHON)
endif
VENV := .venv
PY := $(VENV)/bin/python
# Requirements (compiled from pyproject.toml by uv, same pins in each): base.txt is what the
# product needs (a production image installs it); run.txt is base + the local Stripe stand-in,
# what `make run` needs; dev.txt adds the tools of check/test/fuzz/bench (a superset of both).
# One stamp per set, named by its content: `make run` after `make test` installs nothing (dev
# covers run) and never uninstalls dev tools; `make test` after `make run` installs the dev set.
DEV_STAMP := $(VENV)/.installed-dev-$(shell sha1sum requirements/dev.txt | cut -c1-12)
RUN_STAMP := $(VENV)/.installed-run-$(shell sha1sum requirements/run.txt | cut -c1-12)
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_WORKERS ?= 2
# Idle workers take tests queued on a busy one: a slow test (the 50 Stripe event orders, the
# fuzz replay) no longer leaves one core waiting at the end while the other finishes its share.
PYTEST_XDIST = -n $(PYTEST_WORKERS) --dist worksteal
# The SQLite pass of make test holds the browser tests, which wait on Chromium and on Playwright's
# retries as much as they compute: a third worker is to fill those waits on two cores (faster in
# interleaved runs on a loaded machine; not yet compared on an idle one).
SQLITE_WORKERS ?= 3
STRIPE_STANDIN_PORT ?= 12111

.PHONY: help venv venv-run run check test test-sqlite test-check test-postgres system-deps lint \
	typecheck format fuzz bench bench-small bench-deps clean prodlike loadtest backup restore \
	matching-eval

help:
	@echo "make run    set up and serve the marketplace on http://$(HOST):$(PORT) (SQLite, demo data)"
	@echo "make check  lint + the SQLite suite without browser and topology tests (no apt)"
	@echo "make test   set up and run lint + the whole suite on SQLite and PostgreSQL, browser included"
	@echo "make fuzz   fuzz every API operation and linked workflows, every check, both databases"
	@echo "make bench  benchmark every hot read against its raw-SQL floor, small + large, SQLite +"
	@echo "            PostgreSQL, plus wrk throughput and Lighthouse (generates bench/data once)"
	@echo "make bench-small   the same at the small size only (a few minutes)"
	@echo "make matching-eval  precision of recommendations on the hand-judged set (bar 0.9)"
	@echo "make prodlike  the production topology on loopback: PostgreSQL, Redis, S3, 2 app servers, nginx"
	@echo "make loadtest  locust against prodlike, 60 s without and 60 s with faults (LOAD_USERS=32)"
	@echo "make backup    database + uploads into BACKUP_DIR (default backups/<time>)"
	@echo "make restore   BACKUP=backups/<time>: replace the database and uploads with a backup"
	@echo "make typecheck  mypy over the product packages (strict for transitions, locks, services,"
	@echo "            selectors and money)"
	@echo "make lint   ruff, formatting, import contracts and mypy (make typecheck: mypy alone)"
	@echo "make format | clean"

# Create (or replace, when its Python is older than 3.12) the virtualenv.
define venv_ensure
	@test -n "$(PYTHON)" || { devtools/find_python.sh; exit 1; }
	@if [ ! -x $(PY) ] || ! $(PY) -c 'import sys; sys.exit(sys.version_info < (3, 12))'; then \
		rm -rf $(VENV); echo "Creating $(VENV) with $(PYTHON)"; $(PYTHON) -m venv $(VENV); fi
endef

$(DEV_STAMP): requirements/dev.txt
	$(venv_ensure)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements/dev.txt
	@rm -f $(VENV)/.installed-dev-*; touch $@

# The running set only, unless the current dev set (which includes it) is already installed.
$(RUN_STAMP): requirements/run.txt
	$(venv_ensure)
	@if [ -e $(DEV_STAMP) ]; then echo "$(VENV) has the development set, which includes run.txt"; \
	else $(PY) -m pip install --quiet --upgrade pip \
		&& $(PY) -m pip install --quiet -r requirements/run.txt; fi
	@rm -f $(VENV)/.installed-run-*; touch $@

venv: $(DEV_STAMP)

venv-run: $(RUN_STAMP)

run: venv-run
	DJANGO_DEBUG=$${DJANGO_DEBUG:-1} $(PY) manage.py migrate --no-input
	DJANGO_DEBUG=$${DJANGO_DEBUG:-1} $(PY) manage.py seed_demo
	DJANGO_DEBUG=$${DJANGO_DEBUG:-1} $(PY) manage.py careers_rebuild_summary
	@# Credentials are signed with CREDENTIAL_SIGNING_KEY; unset in debug, a local key is made
	@# once in var/ (gitignored) and kept, so downloaded credentials stay verifiable.
	@[ -n "$$CREDENTIAL_SIGNING_KEY" ] || DJANGO_DEBUG=$${DJANGO_DEBUG:-1} $(PY) manage.py credential_key show >/dev/null
	@# Without Stripe keys, stipends run against the local stand-in (stopped with the server).
	@# SITE_URL follows HOST/PORT, so Stripe's return links come back to this server.
	@if [ -z "$$STRIPE_SECRET_KEY" ]; then \
		hook=http://127.0.0.1:$(PORT)/payments/stripe; \
		echo "STRIPE_SECRET_KEY is not set: starting the local Stripe stand-in on" \
			"http://127.0.0.1:$(STRIPE_STANDIN_PORT) (test money only; see README 'Stipends and Stripe')"; \
		$(PY) -m devtools.stripe_standin --port $(STRIPE_STANDIN_PORT) \
			--webhook $$hook/webhook/=whsec_local_platform \
			--connect-webhook $$hook/connect-webhook/=whsec_local_connect & \
		standin=$$!; trap 'kill $$standin 2>/dev/null' EXIT; \
		export STRIPE_SECRET_KEY=sk_test_local STRIPE_API_BASE=http://127.0.0.1:$(STRIPE_STANDIN_PORT) \
			STRIPE_WEBHOOK_SECRET=whsec_local_platform STRIPE_CONNECT_WEBHOOK_SECRET=whsec_local_connect; \
	else \
		echo "Using the Stripe keys from the environment (STRIPE_SECRET_KEY is set)."; \
	fi; \
	SITE_URL=$${SITE_URL:-http://$(HOST):$(PORT)} DJANGO_DEBUG=$${DJANGO_DEBUG:-1} \
		$(PY) manage.py runserver $(HOST):$(PORT)

system-deps:
	@devtools/ensure_system_deps.sh

lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy

typecheck: venv
	$(VENV)/bin/mypy

format: venv
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

test-sqlite: venv system-deps
	env -u DATABASE_URL $(PY) -m pytest -n $(SQLITE_WORKERS) --dist worksteal $(PYTEST_ARGS)

# Browser tests drive pages, not SQL (the API tests under them run on both databases): they run
# once, in the SQLite pass, to keep make test short. So do the tests that cannot open the
# database (static checks of pages and scripts, settings, the Stripe stand-in): tests/conftest.py
# deselects them here, as it deselects postgres_only tests on SQLite.
test-postgres: venv system-deps
	$(PY) devtools/pgtemp.py -- $(PY) -m pytest $(PYTEST_XDIST) -m "not browser" $(PYTEST_ARGS)

# Lint (ruff, the import contracts, then mypy: one process at a time) runs beside the SQLite
# pass's workers instead of before them, which on two cores hides most of its minute; its few
# lines print among the test progress, which stays live. The PostgreSQL pass follows: run beside
# the SQLite pass it took 18 min 44 s instead of 6 min 25 s (both cores are busy throughout) and
# its topology tests timed out.
test: venv
	$(MAKE) --no-print-directory -j2 lint test-sqlite
	$(MAKE) --no-print-directory test-postgres
	@echo "All checks passed on SQLite and PostgreSQL."

# The fast check of a change: no system packages (no Chromium, PostgreSQL, Redis or nginx), so
# no browser or production-topology tests; PostgreSQL-only tests are deselected on SQLite.
# tests/browser/ is only browser tests (its conftest marks each one): not even collected here, so
# no worker imports its modules to deselect them.
test-check: venv
	env -u DATABASE_URL $(PY) -m pytest $(PYTEST_XDIST) -q -m "not browser and not prodlike" \
		--ignore=tests/browser $(PYTEST_ARGS)

# Lint beside the tests, as in make test: mypy is one process, and with a cold cache its minute
# would otherwise come before the first test.
check: venv
	$(MAKE) --no-print-directory -j2 lint test-check
	@echo "Lint and the SQLite suite (no browser, no topology) passed."

# Every operation x anonymous, drafter and mentor, every schemathesis check on, both databases:
# FUZZ_EXAMPLES per operation and role (examples, coverage and fuzzing phases), then
# FUZZ_STATEFUL_EXAMPLES chains of linked calls per role (stateful phase); prints the cases run
# per phase and database. About 40 minutes per database on two busy shared cores. Generated
# text includes NUL characters (allow_x00 in tests/marketplace/test_api_fuzz.py): the schema
# states that every text refuses them, and the API does.
FUZZ_ENV = FUZZ_RANDOM=1 FUZZ_ALL_CHECKS=1 FUZZ_ROLES=$${FUZZ_ROLES:-anonymous,drafter,mentor} \
	FUZZ_EXAMPLES=$${FUZZ_EXAMPLES:-100} FUZZ_STATEFUL_EXAMPLES=$${FUZZ_STATEFUL_EXAMPLES:-100}
FUZZ_PYTEST = -m pytest -p no:xdist -q -p no:cacheprovider tests/marketplace/test_api_fuzz.py
fuzz: venv system-deps
	@rm -f fuzz-cases-*.txt
	set -o pipefail; FUZZ_CASES_FILE=fuzz-cases-sqlite.txt $(FUZZ_ENV) \
		$(PY) $(FUZZ_PYTEST) | tee fuzz-sqlite.log
	set -o pipefail; FUZZ_CASES_FILE=fuzz-cases-postgres.txt $(FUZZ_ENV) \
		$(PY) devtools/pgtemp.py -- $(PY) $(FUZZ_PYTEST) | tee fuzz-postgres.log
	@for db in sqlite postgres; do echo "Cases on $$db: $$(wc -l < fuzz-cases-$$db.txt)"; \
		cut -d' ' -f1 fuzz-cases-$$db.txt | sort | uniq -c; done

bench-deps: venv system-deps
	@command -v wrk >/dev/null || { [ "$$(id -u)" -eq 0 ] && DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk; } \
		|| { echo "wrk is missing: sudo apt-get install -y wrk" >&2; exit 1; }

bench: bench-deps
	$(PY) bench/run.py
	env -u DATABASE_URL $(PY) bench/matching_eval.py

bench-small: bench-deps
	BENCH_SIZES=small $(PY) bench/run.py

matching-eval: venv
	env -u DATABASE_URL $(PY) bench/matching_eval.py

clean:
	rm -rf $(VENV) .pytest_cache test-results staticfiles

prodlike: venv system-deps
	$(PY) devtools/prodlike.py --seed --scheduler

loadtest: venv system-deps
	$(PY) bench/loadtest.py --users $${LOAD_USERS:-32} --seconds $${LOAD_SECONDS:-60}

BACKUP_DIR ?= backups/$(shell date -u +%Y%m%dT%H%M%SZ)

backup: venv-run
	$(PY) manage.py backup --output $(BACKUP_DIR)

restore: venv-run
	@test -n "$(BACKUP)" || { echo "Usage: make restore BACKUP=backups/<time>"; exit 1; }
	$(PY) manage.py restore --input $(BACKUP) --yes
