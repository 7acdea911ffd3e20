# Chengnuo: two commands, `make run` and `make test`; everything else is what they need.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
MANAGE := $(PY) manage.py

.PHONY: run test install messages migrate demo test-postgres test-browser bench-pages lint clean

run: install migrate
	$(MANAGE) seed_demo --if-empty
	$(MANAGE) seed_commitments
	$(MANAGE) demo_accounts
	$(MANAGE) runserver 127.0.0.1:8000

test: install
	$(BIN)/pytest

# Installs are redone only when their lock or project file changes.
install: $(VENV)/.installed node_modules/.installed messages

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Compiles every app's .po catalogue with Babel, so no system gettext is needed.
messages: $(VENV)/.installed
	@for po in chengnuo/*/locale/*/LC_MESSAGES/django.po; do \
		$(BIN)/pybabel compile --use-fuzzy -D django -i $$po -o $${po%.po}.mo -l zh_Hans || exit 1; \
	done

migrate: install
	$(MANAGE) migrate --no-input

test-postgres: install
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test} $(BIN)/pytest

test-browser: install
	$(BIN)/pytest -m browser tests/browser

# Times the commitment pages on a busy branch and the overdue sweep, and prints the figures
# (not run by make test).
bench-pages: install
	$(BIN)/pytest -m benchmark -s tests/benchmarks

lint: install
	$(BIN)/ruff check .

clean:
	rm -rf $(VENV) node_modules db.sqlite3 db.sqlite3-wal db.sqlite3-shm staticfiles
