# SMENET — the single entry point. `make run` serves the platform with demo data; `make test`
# runs the whole suite. Both set everything up first (a virtualenv in .venv from the lock file).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8000
HOST ?= 127.0.0.1
STAMP := $(VENV)/.installed

.PHONY: run test setup lint typecheck check format messages compile-messages lock bench clean git-drivers

$(STAMP): requirements/lock.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet --require-virtualenv -r requirements/lock.txt
	$(BIN)/pip install --quiet --no-deps -e .
	touch $(STAMP)

# JavaScript the browser tests inject (axe-core), pinned in package-lock.json. Without npm the
# accessibility tests are skipped on a developer's machine (and fail in CI, which installs npm).
NODE_STAMP := node_modules/.installed
$(NODE_STAMP): package.json package-lock.json
	@if command -v npm >/dev/null; then npm ci --no-audit --no-fund --loglevel=error && touch $(NODE_STAMP); \
	else echo "npm not found: tests/browser/test_accessibility.py will be skipped (apt-get install npm)"; fi

setup: $(STAMP) $(NODE_STAMP)

run: setup
	$(BIN)/smenet serve --host $(HOST) --port $(PORT)

# PYTEST_ARGS passes options through, e.g. make test PYTEST_ARGS="-k mandates -x".
# The suite runs in one process per core (pytest-xdist, decision 0033); TEST_WORKERS=0 runs it
# in this process (a debugger, -x on the first failure in order).
TEST_WORKERS ?= auto
test: setup
	$(BIN)/pytest -n $(TEST_WORKERS) --dist worksteal $(PYTEST_ARGS)

# Lint and types (decision 0026): CI fails on a ruff finding, a formatting difference or a mypy error.
lint: setup
	$(BIN)/ruff check smenet config tests benchmarks
	$(BIN)/ruff format --check smenet config tests benchmarks
	$(MAKE) typecheck

typecheck: setup
	$(BIN)/mypy

# What CI runs before the suite, then the suite.
check: lint test

format: setup
	$(BIN)/ruff format smenet config tests benchmarks
	$(BIN)/ruff check --fix smenet config tests benchmarks

# Extract translatable strings into the catalogues (needs GNU gettext), then compile them.
messages: setup
	cd smenet && DJANGO_SETTINGS_MODULE=config.settings.base ../$(BIN)/django-admin makemessages -l ar -l fr --no-obsolete \
		--ignore 'tests/*' --settings config.settings.base --pythonpath ..
	$(MAKE) compile-messages

compile-messages: setup
	cd smenet && ../$(BIN)/django-admin compilemessages --settings config.settings.base --pythonpath ..

lock:
	$(BIN)/uv pip compile pyproject.toml --extra dev --python-version 3.11 --no-header \
		-o requirements/lock.txt

bench: setup
	$(BIN)/python benchmarks/bench_matching.py

clean:
	rm -rf $(VENV) var .pytest_cache

# Merge drivers for generated files (see .gitattributes); run once per clone.
git-drivers:
	git config merge.po.name "gettext catalogue union"
	git config merge.po.driver 'msgcat --use-first -o %A.merged %A %B && mv %A.merged %A'
	git config merge.regenerate.name "keep ours; regenerate after the merge"
	git config merge.regenerate.driver true
