PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PLAY_STAMP := $(VENV)/.play
export PYTHON VENV

.PHONY: play install test lint bench schema clean fuzz

# Everything: the game, the tests and the tools.
$(STAMP): pyproject.toml requirements.lock
	tools/setup_venv.sh dev
	touch $(STAMP) $(PLAY_STAMP)

# What playing needs, and no more (a venv made for the tests has it already).
$(PLAY_STAMP): pyproject.toml requirements.lock
	@if [ -f $(STAMP) ] && [ $(STAMP) -nt pyproject.toml ]; then touch $@; \
	else tools/setup_venv.sh play && touch $@; fi

play: $(PLAY_STAMP)
	$(BIN)/tulayev play

install: $(STAMP)

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
