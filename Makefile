# Two commands do all the set-up on a fresh machine:
#   make demo   - the main job: render data/events.toml to out/events.html and print its path
#   make test   - the whole test suite: pytest (with doctests), mypy --strict, ruff
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: install demo test lint typecheck bench clean

install: $(STAMP)

$(STAMP): pyproject.toml tests/js/package-lock.json
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@# axe-core for the accessibility tests (pinned in tests/js/package-lock.json)
	@if command -v npm >/dev/null 2>&1; then \
		npm ci --prefix tests/js --no-audit --no-fund --silent; \
	else echo "npm not found: the accessibility tests will skip (and fail in CI)"; fi
	touch $(STAMP)

demo: $(STAMP)
	@mkdir -p out
	$(PY) -m timeline render data/events.toml -o out/events.html --title "Russia is Making a Move in Asia"

test: $(STAMP)
	$(PY) -m pytest -q
	$(MAKE) --no-print-directory typecheck lint

typecheck: $(STAMP)
	$(PY) -m mypy

lint: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

# all benchmarks against their references, written to benchmarks/RESULTS.md (takes minutes)
bench: $(STAMP)
	$(PY) benchmarks/run.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis tests/js/node_modules
