PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PLAY_STAMP := $(VENV)/.play
export PYTHON VENV

.PHONY: play install test lint bench schema clean

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

lint: $(STAMP)
	$(BIN)/ruff check game tests bench

bench: $(STAMP)
	$(BIN)/python -m bench

schema: $(STAMP)
	$(BIN)/tulayev schema > docs/scene.schema.json

clean:
	rm -rf $(VENV) build *.egg-info
