# `make run` and `make test` do all the set-up on a fresh machine: a .venv with the pinned
# dependencies of requirements.lock (every file pinned by hash, the spaCy model included).
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-$(shell cat requirements.lock pyproject.toml | cksum | cut -d' ' -f1)
SAMPLE := examples/000_484f4576bc07e65b.txt

.PHONY: run test bench bench-large lock clean setup scores browser-deps

run: $(STAMP)
	$(VENV)/bin/dateline analyze $(SAMPLE)

test: $(STAMP) browser-deps
	$(VENV)/bin/pytest -q

# Debian's chromium and axe-core for the browser tests (installed when missing).
browser-deps:
	bash scripts/browser-deps.sh

bench: $(STAMP)
	$(PY) bench/run.py

# Story assignment at 1k, 10k, 100k and 1M stored articles (builds a 1M-article corpus: ~5 GB, long).
bench-large: $(STAMP)
	$(PY) bench/bench_corpus.py --large

setup: $(STAMP)

$(STAMP): requirements.lock pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --require-hashes --no-deps -r requirements.lock
	$(PY) -m pip install --quiet --no-deps --no-build-isolation -e .
	rm -f $(VENV)/.installed-* && touch $@

# Re-resolve requirements.lock after changing dependencies in pyproject.toml.
lock: $(STAMP)
	$(PY) -m pip install --quiet uv
	$(VENV)/bin/uv pip compile pyproject.toml requirements-build.in --extra test \
		--generate-hashes --python-version 3.11 --quiet -o requirements.lock

clean:
	rm -rf $(VENV) build src/*.egg-info .pytest_cache

# Every shared dev set through dateline and the shared scorers (the table in docs/scores.md).
scores: $(STAMP)
	$(PY) scripts/scores.py
