# Every target sets up what it needs: a fresh clone only needs `make demo` or `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CHROMIUM := /usr/bin/chromium
OLD := corpus/japan-us-defense/2023-10-04.txt
NEW := corpus/japan-us-defense/2024-07-29.txt

.PHONY: install demo test test-fast eval bench bench-cluster browser clean

install: $(STAMP)

# pip (not uv/poetry) so the pinned CPU torch wheel is used; then export the model to ONNX once
# (fp32 and int8, graph-optimised). An editable install leaves comparator's bytecode to the first
# run, which never writes it under PYTHONDONTWRITEBYTECODE: compile it as pip does for a normal install.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test,dask]'
	$(BIN)/python -m comparator.embed
	$(BIN)/python -m compileall -q comparator
	touch $(STAMP)

REPORT := reports/2023-10-04__2024-07-29

demo: install browser
	$(BIN)/compare $(OLD) $(NEW)
	mkdir -p reports
	$(BIN)/compare $(OLD) $(NEW) --format html -o $(REPORT).html
	$(BIN)/python bench/screenshot.py $(REPORT).html $(REPORT).png
	@echo "HTML report: $(REPORT).html (screenshot: $(REPORT).png)"

# Debian's Chromium for the browser tests (Playwright drives it; no browser download).
browser:
	@test -x $(CHROMIUM) || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

test: install browser
	$(BIN)/python -m pytest -q

test-fast: install
	$(BIN)/python -m pytest -q -m "not slow and not browser"

eval: install
	$(BIN)/python bench/eval.py

bench: install
	$(BIN)/python bench/bench.py

# check on no cluster, local:2 and a separate scheduler + 2 workers; STATEMENTS=10000 is the issue's size (hours here).
STATEMENTS ?= 1000
bench-cluster: install
	$(BIN)/python bench/cluster_bench.py --statements $(STATEMENTS)

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis
