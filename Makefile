# serapan: two commands on a fresh machine with Python 3.11 — `make run`, `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
# Test processes side by side, each with its own warehouse and pipeline run (tests/conftest.py).
TEST_WORKERS ?= 2

.PHONY: install run test docs browser stop clean

$(STAMP): pyproject.toml constraints.txt
	@$(PYTHON) -c 'import sys; assert sys.version_info[:2] >= (3, 11), "Python 3.11+ diperlukan / required"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)

## Install, start the embedded warehouse, write the sample kabupaten, run the nightly job.
run: install
	$(BIN)/serapan warehouse start
	$(BIN)/serapan sample
	@# exit status 3: the run went through, and some of the sample's files are mostly held
	@# back by their injected defects, as the run's summary says
	$(BIN)/serapan run || [ $$? -eq 3 ]

## The whole test suite against a throwaway embedded warehouse. The briefing tests open
## the HTML in Chromium and the PDF with poppler: Debian packages, installed when missing.
test: install browser
	GX_ANALYTICS_ENABLED=false $(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadfile

browser:
	@command -v chromium >/dev/null && command -v pdftoppm >/dev/null || \
	  (apt-get update -qq && apt-get install -y -qq chromium poppler-utils >/dev/null)

stop:
	$(BIN)/serapan warehouse stop

clean:
	rm -rf dbt_project/target dbt_project/logs .pytest_cache

## dbt docs of the marts, one self-contained page: dbt_project/target/static_index.html
docs: install
	$(BIN)/serapan docs
