# hoiio: the spec-driven Hoiio SDK and its sandbox.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
# pip, telling what it installs as it goes: one line per package it takes, then the versions
# installed (and pip's errors, if any)
PIP    := PYTHONUNBUFFERED=1 $(PY) -m pip install --disable-pip-version-check --progress-bar off
SAY    := 2>&1 | sed -n -e 's/^Collecting \([A-Za-z0-9_.-]*\).*/  + \1/p' \
	-e 's/^Processing .*\/\([A-Za-z0-9_.]*\)-\([0-9][^-]*\)-.*\.whl.*/  + \1 \2/p' \
	-e 's/^Successfully installed /  installed: /p' -e '/^ERROR/p' -e '/^error:/p'
SHELL  := /bin/bash
.SHELLFLAGS := -o pipefail -ec

.PHONY: setup setup-dev setup-gen setup-docs generate test check lint typecheck imports demo sandbox docs clean

## setup: make .venv with hoiio (editable) and its sandbox: what `make demo` needs, nothing more
setup: $(VENV)/.installed
$(VENV)/.installed: pyproject.toml setup.cfg
	@echo "setup: creating $(VENV) ($$($(PYTHON) --version))"
	@$(PYTHON) -m venv $(VENV)
	@echo "setup: installing hoiio (editable) with the sandbox extra: requests, werkzeug and cheroot, and what they need"
	@$(PIP) -e '.[sandbox]' $(SAY)
	@touch $@
	@echo "setup: done; the dev tools come with make test / make check, the docs tools with make docs"

## setup-dev: add the dev tools (pytest, mypy, ruff, black, jinja2, the web frameworks of the tests, ...)
setup-dev: $(VENV)/.dev
$(VENV)/.dev: $(VENV)/.installed
	@echo "setup-dev: installing the dev tools (the dev extra of pyproject.toml): the first time takes a minute or two"
	@$(PIP) -e '.[dev,sandbox]' $(SAY)
	@touch $@

## setup-docs: add MkDocs, Material and pymdown-extensions (the docs extra), and no more
setup-docs: $(VENV)/.docs
$(VENV)/.docs: $(VENV)/.installed
	@echo "setup-docs: installing the docs tools (the docs extra): mkdocs, mkdocs-material, pymdown-extensions"
	@$(PIP) -e '.[docs,sandbox]' $(SAY)
	@touch $@

## setup-gen: add what the generator needs (Jinja2, PyYAML, jsonschema, black), and no more
setup-gen: $(VENV)/.gen
$(VENV)/.gen: $(VENV)/.installed
	@echo "setup-gen: installing the generator's tools (the generator extra): jinja2, pyyaml, jsonschema, black"
	@$(PIP) -e '.[generator,sandbox]' $(SAY)
	@touch $@

## generate: regenerate generated/hoiio, its JSON Schemas, docs/api.md and docs/reference/ from spec/
generate: setup-gen
	$(PY) -m generator

## test: run the whole test suite (installs the dev tools, selenium for the browser tests among them, and the docs tools first)
test: setup-dev setup-docs
	$(PY) -m pytest

## check: the generated code matches the spec, the import rules hold, no private name of another library and no exec, lint, and mypy --strict on the package
check: setup-dev
	$(PY) -m generator --check
	$(PY) tools/check_imports.py
	$(PY) tools/check_public_api.py
	$(PY) -m ruff check generator generated tests tools
	$(PY) -m mypy generated/hoiio

lint: setup-dev
	$(PY) -m ruff check generator generated tests tools

typecheck: setup-dev
	$(PY) -m mypy generated/hoiio

## imports: check what may import what (docs/architecture.md "The rules")
imports: setup
	$(PY) tools/check_imports.py

## docs: build the docs site into site/ (strict: a broken link, anchor or missing page fails; nothing fetched)
docs: setup-docs
	NO_MKDOCS_2_WARNING=1 $(PY) -m mkdocs build --strict

## sandbox: run the local Hoiio sandbox in the foreground (prints HOIIO_BASE_URL, the console's URL and credentials; Ctrl-C stops it)
sandbox: setup
	$(PY) -m hoiio sandbox

## demo: start the sandbox, run a short program through the SDK against it, print what happened, stop it
demo: setup
	$(PY) examples/demo.py

## bench: run the benchmark suite (bench/); tables on stdout, JSON in bench/results/latest.json
.PHONY: bench bench-quick
bench: setup-dev
	$(PY) bench/run.py

## bench-quick: every benchmark once with small counts (checks that the suite works; what CI runs)
bench-quick: setup-dev
	$(PY) bench/run.py --quick

clean:
	rm -rf $(VENV) build dist site *.egg-info generated/*.egg-info .pytest_cache .mypy_cache .ruff_cache
