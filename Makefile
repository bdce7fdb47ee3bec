# Two commands for a newcomer: `make demo` (see it work) and `make test` (pass the checks).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint install bench clean screenshots

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/forewarn --db forewarn-demo.db demo --report forewarn-report

lint: $(STAMP)
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/mypy

# pytest exits 5 when it collects no test; that is a failure here too, never a silent pass.
test: lint
	$(BIN)/pytest -q -p no:cacheprovider

# The README's dashboard screenshots, taken by the browser tests (Debian's chromium).
screenshots: $(STAMP)
	FOREWARN_SCREENSHOTS=docs/screenshots $(BIN)/pytest -q -p no:cacheprovider tests/test_browser.py -k every_page

bench: $(STAMP)
	$(BIN)/python bench/detect.py

clean:
	rm -rf $(VENV) forewarn-demo.db* forewarn-report .mypy_cache .ruff_cache
