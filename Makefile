# Each target bootstraps .venv when needed; only Python 3.11+ has to be on the machine.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cksum < pyproject.toml | cut -d' ' -f1)
CONFIG ?= config/monitor.yaml
PYTEST_ARGS ?=

.PHONY: run test demo bench lint soak clean

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[test]'
	@rm -f $(VENV)/.installed-*
	@touch $@

run: $(STAMP)  ## start the service with the shipped config (SQLite under ./var, outbox ./var/outbox)
	$(VENV)/bin/monitor --config $(CONFIG) run

test: $(STAMP)  ## the whole suite (PostgreSQL tests need MONITOR_TEST_PG_URL)
	$(PY) -m pytest $(PYTEST_ARGS)

demo: $(STAMP)  ## one offline cycle on bundled samples; prints where the digest is
	$(VENV)/bin/monitor --config $(CONFIG) demo

bench: $(STAMP)  ## figures of the issues, printed as ratios against in-process baselines
	$(PY) bench/run_all.py

soak: $(STAMP)  ## two simulated hours, 300 local feeds with random failures (not in CI)
	$(PY) bench/soak.py

lint: $(STAMP)  ## ruff (lint and format) over the code, mypy --strict over monitor/
	$(VENV)/bin/ruff check monitor tests bench
	$(VENV)/bin/ruff format --check monitor tests bench
	$(VENV)/bin/mypy monitor

clean:
	rm -rf $(VENV) var .pytest_cache
