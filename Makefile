# One entry point for people and CI. Every target makes its own virtual environment.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

# The oldest and newest supported Sphinx, each in an environment of its own.
OLDEST_PYTHON ?= python3.11
NEWEST_PYTHON ?= $(firstword $(wildcard $(HOME)/.pyenv/versions/3.13*/bin/python3.13) python3.13)

# make bench: which N to measure, the interpreter the builds run with (Sphinx and sphinx_tapssec
# installed), and more options of benchmarks/run.py (e.g. BENCH_ARGS="--runs 5", "--quick").
BENCH_SIZES ?= 12,100,1000,3000
BENCH_PYTHON ?= $(BIN)/python
BENCH_ARGS ?=
# make live: where the site is served, and more options of sphinx-autobuild (e.g. LIVE_ARGS="--open-browser").
LIVE_PORT ?= 8000
LIVE_ARGS ?=
# make profile: the N of the project whose clean build is profiled; make phases: the N timed.
PROFILE_N ?= 3000
PHASES_N ?= 1000

.PHONY: help venv docs live test lint locale pytest test-oldest test-newest dist bench profile phases clean

help:
	@echo "make docs         build the survey site into docs/_build/html (-W)"
	@echo "make live         serve the site at http://127.0.0.1:$(LIVE_PORT) and rebuild it when a page or a"
	@echo "                  catalog file is saved (sphinx-autobuild, from the live extra)"
	@echo "make test         lint, type-check and run the whole test suite (the browser tests need"
	@echo "                  Debian's chromium: apt-get install chromium; without it they skip)"
	@echo "make dist         build the sdist and the wheel into dist/ and twine-check them"
	@echo "make lint         ruff (lint + format check) and mypy"
	@echo "make locale       extract the strings (locale/*.pot), merge them into every .po, compile the .mo"
	@echo "make test-oldest  the suite on Python 3.11 with Sphinx 8.2"
	@echo "make test-newest  the suite on Python 3.13 with the newest Sphinx"
	@echo "make bench        time the extension against plain reST; BENCH_SIZES=12,100 to limit"
	@echo "                  (minutes at N=1000, most of an hour with N=3000; not part of make test)"
	@echo "make profile      cProfile one clean build at PROFILE_N=3000: time per package, our top functions"
	@echo "make phases       read/write phases and the main process's share, -j 1 and -j 2, at PHASES_N=1000"

$(STAMP): pyproject.toml Makefile
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test,lint,browser,bench]" $(EXTRA_PIN)
	touch $(STAMP)

venv: $(STAMP)

docs: $(STAMP)
	$(BIN)/python -m sphinx -W --keep-going -b html docs docs/_build/html
	@echo "The survey site is in docs/_build/html/index.html"

# sphinx-autobuild watches the sources; --watch adds the catalog, which lives outside docs/. Each
# rebuild is incremental: only the catalog files that changed are read again (the catalog cache).
$(VENV)/.live-installed: $(STAMP)
	$(BIN)/python -m pip install --quiet -e ".[live]"
	touch $@

live: $(VENV)/.live-installed
	$(BIN)/sphinx-autobuild docs docs/_build/html --watch catalog --port $(LIVE_PORT) $(LIVE_ARGS)

# The message catalogs (see docs/guide/embedding.rst): Babel comes with Sphinx.
locale: $(STAMP)
	$(BIN)/pybabel extract -F pyproject.toml -k _ -k N_ --no-default-keywords --no-wrap --project=sphinx-tapssec \
	  --copyright-holder="sphinx-tapssec developers" -o sphinx_tapssec/locale/sphinx_tapssec.pot sphinx_tapssec
	$(BIN)/pybabel update --no-wrap -D sphinx_tapssec -i sphinx_tapssec/locale/sphinx_tapssec.pot -d sphinx_tapssec/locale
	$(BIN)/pybabel compile --statistics -D sphinx_tapssec -d sphinx_tapssec/locale

lint: $(STAMP)
	$(BIN)/ruff check sphinx_tapssec tests benchmarks
	$(BIN)/ruff format --check sphinx_tapssec tests benchmarks
	$(BIN)/mypy

pytest: $(STAMP)
	$(BIN)/python -m pytest

test: lint pytest

test-oldest:
	$(MAKE) pytest VENV=.venv-oldest PYTHON=$(OLDEST_PYTHON) EXTRA_PIN="sphinx==8.2.*"

test-newest:
	$(MAKE) pytest VENV=.venv-newest PYTHON=$(NEWEST_PYTHON)

dist: $(STAMP)
	rm -rf dist
	$(BIN)/python -m build --outdir dist .
	$(BIN)/twine check --strict dist/*

$(VENV)/.bench-installed: $(STAMP)
	$(BIN)/python -m pip install --quiet -e ".[bench]"
	touch $@

bench: $(VENV)/.bench-installed
	$(BIN)/python -m benchmarks.run --sizes $(BENCH_SIZES) --python $(BENCH_PYTHON) $(BENCH_ARGS)

profile: $(STAMP)
	$(BIN)/python -m benchmarks.profile $(PROFILE_N) --python $(BENCH_PYTHON)

phases: $(STAMP)
	$(BIN)/python -m benchmarks.phases $(PHASES_N) --python $(BENCH_PYTHON)

clean:
	rm -rf .venv .venv-oldest .venv-newest docs/_build .pytest_cache .mypy_cache .ruff_cache benchmarks/_build dist
