# de06-extract — every target installs what it needs into .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo test lint bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev,spark]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/de06 extract samples/*.txt -o demo.jsonl
	$(BIN)/de06 eval samples demo.jsonl
	$(BIN)/de06 extract -q samples/diff/2023 -o demo-2023.jsonl
	$(BIN)/de06 extract -q samples/diff/2024 -o demo-2024.jsonl
	$(BIN)/de06 diff demo-2023.jsonl demo-2024.jsonl --names 2023,2024

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy

test: lint
	$(BIN)/pytest

bench: $(STAMP)
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) demo*.jsonl .pytest_cache .mypy_cache .ruff_cache
