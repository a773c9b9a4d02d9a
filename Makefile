# Slipstream — `make run` serves the marketplace, `make test` passes the whole suite.
# Both set up everything they need on a fresh Debian machine (see README).

SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= $(shell devtools/find_python.sh)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell sha1sum requirements/dev.txt | cut -c1-12)
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_WORKERS ?= 2
STRIPE_STANDIN_PORT ?= 12111

.PHONY: help venv run test test-sqlite test-postgres system-deps lint format fuzz bench bench-small \
	bench-deps clean prodlike loadtest backup restore matching-eval

help:
	@echo "make run    set up and serve the marketplace on http://$(HOST):$(PORT) (SQLite, demo data)"
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
	@echo "make lint | format | clean"

$(STAMP): requirements/dev.txt
	@test -n "$(PYTHON)" || { devtools/find_python.sh; exit 1; }
	@if [ ! -x $(PY) ] || ! $(PY) -c 'import sys; sys.exit(sys.version_info < (3, 12))'; then \
		rm -rf $(VENV); echo "Creating $(VENV) with $(PYTHON)"; $(PYTHON) -m venv $(VENV); fi
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements/dev.txt
	@rm -f $(VENV)/.installed-*; touch $@

venv: $(STAMP)

run: venv
	DJANGO_DEBUG=$${DJANGO_DEBUG:-1} $(PY) manage.py migrate --no-input
	DJANGO_DEBUG=$${DJANGO_DEBUG:-1} $(PY) manage.py seed_demo
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

format: venv
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

test-sqlite: venv system-deps
	env -u DATABASE_URL $(PY) -m pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

# Browser tests drive pages, not SQL: they run once, in the SQLite pass, to keep make test short.
test-postgres: venv system-deps
	$(PY) devtools/pgtemp.py -- $(PY) -m pytest -n $(PYTEST_WORKERS) -m "not browser" $(PYTEST_ARGS)

test: lint test-sqlite test-postgres
	@echo "All checks passed on SQLite and PostgreSQL."

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

backup: venv
	$(PY) manage.py backup --output $(BACKUP_DIR)

restore: venv
	@test -n "$(BACKUP)" || { echo "Usage: make restore BACKUP=backups/<time>"; exit 1; }
	$(PY) manage.py restore --input $(BACKUP) --yes
