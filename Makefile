PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: play test lint bench schema clean fuzz

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

# The long fuzz run: FUZZ mutants of the shipped story, and a quarter as many damaged saves
# and session files each; `make fuzz FUZZ=500 FUZZ_SEED=1000` for another run. `make test`
# runs 240. Each chunk's result is added to fuzz-report.txt as the run goes.
FUZZ ?= 20000
FUZZ_SEED ?= 0
fuzz: $(STAMP)
	rm -f fuzz-report.txt
	TULAYEV_FUZZ=$(FUZZ) TULAYEV_FUZZ_SEED=$(FUZZ_SEED) TULAYEV_FUZZ_REPORT=fuzz-report.txt \
		$(BIN)/pytest tests/unit/test_fuzz.py -n 2 -q

lint: $(STAMP)
	$(BIN)/ruff check game tests bench

bench: $(STAMP)
	$(BIN)/python -m bench

schema: $(STAMP)
	$(BIN)/tulayev schema > docs/scene.schema.json

clean:
	rm -rf $(VENV) build *.egg-info
