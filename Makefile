# Two commands do everything on a fresh machine: `make run` and `make test`.
SHELL := /bin/bash
.SHELLFLAGS := -eo pipefail -c
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export HF_HUB_OFFLINE := 1
export TOKENIZERS_PARALLELISM := false
# pip's configured local mirrors print one warning per package when a folder is absent.
PIPQ := 2>&1 | { grep -v "^WARNING: Location" || true; }

.PHONY: setup ingest run ui test eval bench chromium clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip $(PIPQ)
	# The CPU build of torch lies on disk; pinning it keeps pip from pulling a multi-GB CUDA build.
	$(BIN)/pip install -q torch==2.13.0 $(PIPQ)
	$(BIN)/pip install -q -e '.[st,test]' $(PIPQ)
	touch $(STAMP)

chromium:
	@command -v chromium >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

ingest: setup
	$(BIN)/dareic ingest

run: setup
	$(BIN)/dareic ingest --quiet
	$(BIN)/dareic ui

test: setup chromium
	$(BIN)/python -m pytest -q
	# Every eval set (dev, held-out, new documents, the five as PDF/DOCX) from its own index in
	# test-output/eval-index/; each gated set fails the build on a regression against its baseline.
	$(BIN)/dareic eval --out-dir test-output

bench: setup
	$(BIN)/python -m benchmarks

clean:
	rm -rf index data test-output bench-output
