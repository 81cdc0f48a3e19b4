# The two commands of the Quick start are `make run` and `make test`.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
# A throwaway secret that satisfies `check --deploy`; never used to serve.
LINT_ENV := DJANGO_DEBUG=0 DJANGO_ALLOWED_HOSTS=portal.example.org \
	DATABASE_URL=postgres://lint@localhost/lint \
	PORTAL_SITE_URL=https://portal.example.org \
	DJANGO_SECRET_KEY=lint-only-5f0c2b8e9a7d4c1e8b6a3f2d9c7e1a4b6d8f0e2c4a6b8d0f

.PHONY: run test test-cluster lint messages bench install lock python clean

# Django 6 needs Python 3.12 or newer, with venv (Debian: python3-venv); the
# default python3 here may be older.
define find_python
for candidate in python3.13 python3.12 python3 \
	$$(ls -dr $${PYENV_ROOT:-$$HOME/.pyenv}/versions/3.1[2-9]*/bin/python3 2>/dev/null); do \
	if command -v $$candidate >/dev/null 2>&1 && \
	   $$candidate -c 'import sys, ensurepip, venv; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1; then \
		command -v $$candidate; exit 0; \
	fi; \
done; exit 1
endef

$(VENV)/.installed: pyproject.toml requirements-dev-lock.txt
	@PYTHON="$$($(find_python))" || { \
		echo "No Python 3.12 or newer found (tried python3.13, python3.12, python3, pyenv)."; \
		echo "Install one, e.g. 'pyenv install 3.13', then run make again."; exit 1; }; \
	echo ">>> Using $$PYTHON ($$($$PYTHON --version))"; \
	[ -x $(PY) ] || $$PYTHON -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --require-hashes -r requirements-dev-lock.txt
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $@

install: $(VENV)/.installed

# After changing a pin in pyproject.toml: the locks with every file's hash,
# for Python 3.12 and newer on any platform (uv: `pip install uv`). A server
# installs requirements-lock.txt, without the test tools (Playwright, moto...);
# it is resolved within the development lock, so both hold the same versions.
lock:
	uv pip compile pyproject.toml --extra dev --generate-hashes --universal \
		--python-version 3.12 -o requirements-dev-lock.txt
	uv pip compile pyproject.toml --generate-hashes --universal \
		--python-version 3.12 --constraints requirements-dev-lock.txt -o requirements-lock.txt

# Prints the Python that `make` would build .venv with (.ci/run asks first).
python:
	@$(find_python)

# Compiles every catalogue: the project's and Thai for Django's missing strings.
locale/th/LC_MESSAGES/django.mo: $(wildcard locale/th/LC_MESSAGES/*.po locale/django/th/LC_MESSAGES/*.po)
	$(MANAGE) compilemessages --ignore=$(VENV) --verbosity 0

run: install locale/th/LC_MESSAGES/django.mo
	$(MANAGE) migrate --no-input
	$(MANAGE) seed_demo
	@echo ">>> Serving the demo agency on http://127.0.0.1:8000 (staff: /admin/). Ctrl-C stops."
	@$(MANAGE) db_worker --queue-name '*' & WORKER=$$!; \
	trap "kill $$WORKER 2>/dev/null" EXIT INT TERM; \
	$(MANAGE) runserver 127.0.0.1:8000

test: install locale/th/LC_MESSAGES/django.mo
	tests/with_postgres.sh $(PY) -m pytest -n 2 $(PYTEST_ARGS)

# Two web hosts, two workers, a PostgreSQL replica, Redis and S3 (moto) on this machine.
test-cluster: install locale/th/LC_MESSAGES/django.mo
	$(PY) -m tests.cluster.run

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(MANAGE) makemigrations --check --dry-run
	$(LINT_ENV) $(MANAGE) check --deploy --fail-level WARNING

messages: install
	$(MANAGE) makemessages -l th --ignore=$(VENV) --ignore=var --ignore=static --ignore=tests --no-obsolete
	$(MANAGE) compilemessages --ignore=$(VENV)

bench: install
	tests/with_postgres.sh $(PY) -m tests.bench

clean:
	rm -rf $(VENV) var db.sqlite3 locale/th/LC_MESSAGES/django.mo locale/django/th/LC_MESSAGES/*.mo
