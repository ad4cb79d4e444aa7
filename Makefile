PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: play test lint bench schema clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

play: $(STAMP)
	$(BIN)/tulayev play

test: $(STAMP)
	$(BIN)/ruff check game tests bench
	$(BIN)/pytest -n 2

lint: $(STAMP)
	$(BIN)/ruff check game tests bench

bench: $(STAMP)
	$(BIN)/python -m bench

schema: $(STAMP)
	$(BIN)/tulayev schema > docs/scene.schema.json

clean:
	rm -rf $(VENV) build *.egg-info
