# hoiio: the spec-driven Hoiio SDK and its sandbox.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python

.PHONY: setup generate test check lint typecheck demo sandbox clean

## setup: make .venv and install the package (editable) with the sandbox and dev tools
setup: $(VENV)/.installed
$(VENV)/.installed: pyproject.toml setup.cfg
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev,sandbox]'
	touch $@

## generate: regenerate generated/hoiio, its JSON Schemas and docs/api.md from spec/
generate: setup
	$(PY) -m generator

## test: run the whole test suite
test: setup
	$(PY) -m pytest

## check: the committed generated code matches the spec, lint, and mypy --strict on the package
check: setup
	$(PY) -m generator --check
	$(PY) -m ruff check generator generated tests
	$(PY) -m mypy generated/hoiio

lint: setup
	$(PY) -m ruff check generator generated tests

typecheck: setup
	$(PY) -m mypy generated/hoiio

## sandbox: run the local Hoiio sandbox in the foreground (prints HOIIO_BASE_URL, the console's URL and credentials; Ctrl-C stops it)
sandbox: setup
	$(PY) -m hoiio sandbox

## demo: start the sandbox, run a short program through the SDK against it, print what happened, stop it
demo: setup
	$(PY) examples/demo.py

## bench: run the benchmark suite (bench/, issue 6); tables on stdout, JSON in bench/results/latest.json
.PHONY: bench bench-quick
bench: setup
	$(PY) bench/run.py

## bench-quick: every benchmark once with small counts (checks that the suite works; what CI runs)
bench-quick: setup
	$(PY) bench/run.py --quick

clean:
	rm -rf $(VENV) build dist *.egg-info generated/*.egg-info .pytest_cache .mypy_cache .ruff_cache
