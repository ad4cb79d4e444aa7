#!/usr/bin/env bash
# Make .venv, showing each step: `play` installs what the game needs, `dev` adds the tests and
# tools. Called by the Makefile (`make play`, `make test`); run it again at any time.
#
# Speed on a first run: uv when it is installed; otherwise the system's pip installs into a
# venv made without a pip of its own (making one takes most of a slow machine's set-up), and
# pip is never upgraded. `play` skips the test extras and textual-serve (`tulayev serve`), and
# links the checkout rather than building it.
set -eo pipefail
mode=${1:?usage: tools/setup_venv.sh play|dev}
venv=${VENV:-.venv}
python=${PYTHON:-python3}
started=$SECONDS
step() { printf '==> [%s] %s (%d s so far)\n' "$1" "$2" $((SECONDS - started)); }
# Only pip's lines that show progress (the rest is noise on a first run).
progress() { grep --line-buffered -E '^(Collecting|Installing collected|Successfully)' || true; }

# The exact versions every machine installs (regenerate after changing dependencies:
# `.venv/bin/pip freeze --exclude-editable > requirements.lock`).
lock=()
[ -f requirements.lock ] && lock=(-c requirements.lock)

# The game's dependencies from pyproject.toml; for play, not textual-serve.
deps=()
while IFS= read -r dep; do deps+=("$dep"); done < <("$python" - "$mode" <<'PY'
import sys, tomllib
with open("pyproject.toml", "rb") as file:
    project = tomllib.load(file)["project"]
for dep in project["dependencies"]:
    if sys.argv[1] == "dev" or not dep.startswith("textual-serve"):
        print(dep)
if sys.argv[1] == "dev":
    print(*project["optional-dependencies"]["test"], sep="\n")
PY
)

# For play, the checkout itself is put on the venv's path and given a `tulayev` command, as
# an editable install does, without building a wheel (on a slow machine, half the set-up).
# `dev` (make test) installs it with pip, as a user would.
link_game() {
    if [ "$mode" = play ]; then
        site=$("$venv/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
        pwd > "$site/tulayev-checkout.pth"
        printf '#!%s\nimport sys\nfrom game.cli import main\nsys.exit(main())\n' \
            "$(cd "$venv" && pwd)/bin/python" > "$venv/bin/tulayev"
        chmod +x "$venv/bin/tulayev"
    else
        uv pip install --quiet --python "$venv/bin/python" --no-deps -e .
    fi
}

if command -v uv >/dev/null 2>&1; then
    [ -x "$venv/bin/python" ] || { step 1/3 "Creating $venv (uv)"; uv venv --quiet --python "$python" "$venv"; }
    step 2/3 "Installing ${#deps[@]} packages with uv"
    uv pip install --python "$venv/bin/python" "${lock[@]}" "${deps[@]}"
    step 3/3 "Linking the game"
    link_game
else
    if [ "$mode" = play ] && "$python" -m pip --version >/dev/null 2>&1; then
        pip=("$python" -m pip --python "$venv/bin/python")
        [ -x "$venv/bin/python" ] || { step 1/3 "Creating $venv"; "$python" -m venv --without-pip "$venv"; }
    else
        # The tests build a wheel with the venv's own pip: give it one (not upgraded).
        [ -x "$venv/bin/python" ] || { step 1/3 "Creating $venv"; "$python" -m venv "$venv"; }
        "$venv/bin/python" -m pip --version >/dev/null 2>&1 || {
            step 1/3 "Adding pip to $venv"; "$venv/bin/python" -m ensurepip --default-pip >/dev/null; }
        pip=("$venv/bin/python" -m pip)
    fi
    step 2/3 "Installing ${#deps[@]} packages and what they need (pip)"
    "${pip[@]}" install --disable-pip-version-check --progress-bar off "${lock[@]}" "${deps[@]}" \
        2>&1 | progress
    if [ "$mode" = play ]; then
        step 3/3 "Linking the game"
        link_game
    else
        step 3/3 "Installing the game itself (editable)"
        "${pip[@]}" install --disable-pip-version-check --quiet --no-deps -e . 2>&1 \
            | { grep -E '^ERROR' || true; }
    fi
fi
"$venv/bin/python" -c "import game.cli, textual, yaml, pydantic, transitions"
step done "$venv is ready"
