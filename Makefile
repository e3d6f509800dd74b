# Golden Thread — the two commands are `make run` and `make test`.
PORT ?= 8000
# The demo is served as at a date in its agreement's life (demo/timeline.py, docs/demo.md).
AS_AT ?= 2009-11-20
VENV := .venv
PY := $(VENV)/bin/python
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: run test lint format migrations-check check-deploy assets install demo clean

$(VENV)/.installed: pyproject.toml
	@test -x $(PY) || "$$(scripts/find-python)" -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $@

install: $(VENV)/.installed

# The server, and beside it the worker that builds PDFs and Word files and sends e-mail
# (docs/background.md); stopping the one stops the other.
run: demo
	export DEBUG=1 GOLDEN_THREAD_TODAY=$(AS_AT); \
	$(PY) manage.py schedule_reminders && \
	$(PY) manage.py db_worker --queue-name '*' & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

demo: install
	DEBUG=1 $(PY) manage.py migrate --no-input
	DEBUG=1 $(PY) manage.py createcachetable
	DEBUG=1 GOLDEN_THREAD_TODAY=$(AS_AT) $(PY) manage.py load_national_indicators
	DEBUG=1 GOLDEN_THREAD_TODAY=$(AS_AT) $(PY) manage.py seed_demo

# The suite runs on every CPU (pytest-xdist; each worker has its own test database).
# TEST_WORKERS=0 runs it in one process; at most 8 workers.
TEST_WORKERS ?= auto
test: install lint migrations-check
	$(PY) -m pytest -n $(TEST_WORKERS) --maxprocesses 8 $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

migrations-check: install
	DEBUG=1 $(PY) manage.py makemigrations --check --dry-run

check-deploy: install
	SECRET_KEY=$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))') \
	ALLOWED_HOSTS=golden-thread.example.org $(PY) manage.py check --deploy --fail-level WARNING

# Rebuilds static/govuk from the govuk-frontend npm package (see assets/README.md).
assets:
	cd assets && npm ci --no-audit --no-fund && npm run build

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles
