# Two commands do everything on a fresh machine: `make run` and `make test`.
SHELL := /bin/bash
.SHELLFLAGS := -eo pipefail -c
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Two installs: what running the assistant needs, then what tests and benchmarks add.
RUN_STAMP := $(VENV)/.installed-run
TEST_STAMP := $(VENV)/.installed-test
export HF_HUB_OFFLINE := 1
export TOKENIZERS_PARALLELISM := false
# pip's configured local mirrors print one warning per package when a folder is absent, and
# setuptools a boxed warning for every editable install, and one extra of a baseline-only package
# is missing: none of them says anything to act on.
PIPQ := 2>&1 | { grep -v -e "^WARNING: Location" -e "does not provide the extra" || true; }
PIP := PYTHONWARNINGS=ignore $(BIN)/pip
# Prints how long a step took: $(call took,START_SECONDS)
took = echo "    fait en $$(( $$(date +%s) - $(1) )) s"

.PHONY: setup setup-test ingest run ui test eval bench chromium clean

setup: $(RUN_STAMP)

setup-test: $(TEST_STAMP)

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null || \
		{ echo "Python 3.11 ou plus récent est nécessaire ($(PYTHON) : $$($(PYTHON) -V 2>&1))."; exit 1; }
	@echo "==> Création de l'environnement Python $(VENV) (quelques secondes)"
	$(PYTHON) -m venv $(VENV)
	@$(PIP) install -q --upgrade pip $(PIPQ)

$(RUN_STAMP): pyproject.toml | $(BIN)/python
	@echo "==> Installation de ce qu'il faut pour lancer l'assistant (environ 1 minute la première fois ;"
	@echo "    quelques secondes ensuite)"
	@t0=$$(date +%s); $(PIP) install -q -e . $(PIPQ); $(call took,$$t0)
	@touch $@

# The CPU build of torch lies on disk; pinning it first keeps pip from pulling a multi-GB CUDA build.
$(TEST_STAMP): $(RUN_STAMP) pyproject.toml
	@echo "==> Installation des outils de test et de mesure : torch (CPU), sentence-transformers, playwright…"
	@echo "    (environ 1 à 2 minutes la première fois ; quelques secondes ensuite)"
	@t0=$$(date +%s); $(PIP) install -q torch==2.13.0 $(PIPQ); \
		$(PIP) install -q -e '.[st,test]' $(PIPQ); $(call took,$$t0)
	@touch $@

# The browser tests drive Debian's chromium (never a browser downloaded by playwright).
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
		echo "==> Installation de chromium (apt, environ 1 minute ; droits root ou sudo nécessaires)"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

ingest: setup
	$(BIN)/dareic ingest

run: setup
	@echo "==> Index du corpus (la première fois : environ 30 s ; ensuite seuls les fichiers modifiés)"
	$(BIN)/dareic ingest --quiet
	@echo "==> Assistant DAREIC sur http://127.0.0.1:8000 — Ctrl-C pour l'arrêter"
	$(BIN)/dareic ui

ui: run

test: setup-test chromium
	$(BIN)/python -m pytest -q
	# Every eval set (dev, held-out, new documents, the five as PDF/DOCX) from its own index in
	# test-output/eval-index/; each gated set fails the build on a regression against its baseline.
	$(BIN)/dareic eval --out-dir test-output

bench: setup-test
	$(BIN)/python -m benchmarks

clean:
	rm -rf index data test-output bench-output
