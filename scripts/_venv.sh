# shellcheck shell=bash
# Sourced by scripts/setup.sh and scripts/test.sh, not run on its own.
#
# ensure_venv: makes .venv with Python 3.12 or newer if it is missing, and
# installs the project's dependencies (pyproject.toml's `dependencies` and the
# `test` extra) into it. The install is skipped while pyproject.toml is
# unchanged since the last one, so running the scripts again is quick.

PROJECT_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
VENV="$PROJECT_ROOT/.venv"
VENV_PYTHON="$VENV/bin/python"
DEPS_STAMP="$VENV/.inpud-deps"

_python_is_recent() {
    [ -n "$1" ] && "$1" -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1
}

# Prints the path of a Python 3.12+ interpreter, preferring the version that
# .python-version names (through pyenv when it is there), then the newest found.
find_python() {
    local wanted="" candidate
    local -a candidates=()
    if [ -f "$PROJECT_ROOT/.python-version" ]; then
        wanted=$(head -n 1 "$PROJECT_ROOT/.python-version" | tr -d '[:space:]')
    fi
    local pyenv_root="${PYENV_ROOT:-$HOME/.pyenv}"
    local pyenv_cmd=""
    if command -v pyenv >/dev/null 2>&1; then
        pyenv_cmd=pyenv
    elif [ -x "$pyenv_root/bin/pyenv" ]; then
        pyenv_cmd="$pyenv_root/bin/pyenv"
    fi
    if [ -n "$wanted" ]; then
        if [ -n "$pyenv_cmd" ]; then
            candidates+=("$(cd "$PROJECT_ROOT" && PYENV_ROOT="$pyenv_root" "$pyenv_cmd" which "python$wanted" 2>/dev/null)")
        fi
        candidates+=("$(command -v "python$wanted" 2>/dev/null)")
    fi
    local version
    for version in 3.14 3.13 3.12; do
        candidates+=("$(command -v "python$version" 2>/dev/null)")
        if [ -n "$pyenv_cmd" ]; then
            candidates+=("$(PYENV_ROOT="$pyenv_root" "$pyenv_cmd" which "python$version" 2>/dev/null)")
        fi
    done
    # pyenv's own builds, newest first, even when pyenv is not on PATH.
    if [ -d "$pyenv_root/versions" ]; then
        while IFS= read -r candidate; do
            candidates+=("$candidate/bin/python3")
        done < <(find "$pyenv_root/versions" -mindepth 1 -maxdepth 1 -name '3.*' 2>/dev/null | sort -rV)
    fi
    candidates+=("$(command -v python3 2>/dev/null)")
    for candidate in "${candidates[@]}"; do
        if _python_is_recent "$candidate"; then
            printf '%s\n' "$candidate"
            return 0
        fi
    done
    return 1
}

# The project's requirements, one per line, read from pyproject.toml.
_requirements() {
    "$VENV_PYTHON" - "$PROJECT_ROOT/pyproject.toml" <<'PY'
import sys
import tomllib

with open(sys.argv[1], "rb") as file:
    project = tomllib.load(file)["project"]
for requirement in project["dependencies"] + project["optional-dependencies"]["test"]:
    print(requirement)
PY
}

ensure_venv() {
    if [ -x "$VENV_PYTHON" ] && ! _python_is_recent "$VENV_PYTHON"; then
        echo "error: $VENV was made with $("$VENV_PYTHON" --version 2>&1), but the project" \
            "needs Python 3.12 or newer. Remove it (rm -rf .venv) and run this again." >&2
        return 1
    fi
    if [ ! -x "$VENV_PYTHON" ]; then
        local python
        if ! python=$(find_python); then
            echo "error: no Python 3.12 or newer found (.python-version asks for" \
                "$(cat "$PROJECT_ROOT/.python-version" 2>/dev/null || echo 3.13))." \
                "Install it, e.g. \`pyenv install 3.13\`, and run this again." >&2
            return 1
        fi
        echo "Creating .venv with $("$python" --version 2>&1) ($python)"
        "$python" -m venv "$VENV"
    fi
    local stamp
    stamp="$("$VENV_PYTHON" --version 2>&1) $(sha256sum "$PROJECT_ROOT/pyproject.toml" | cut -d ' ' -f 1)"
    if [ -f "$DEPS_STAMP" ] && [ "$(cat "$DEPS_STAMP")" = "$stamp" ]; then
        return 0
    fi
    local -a requirements
    mapfile -t requirements < <(_requirements)
    if [ "${#requirements[@]}" -eq 0 ]; then
        echo "error: could not read the dependencies from pyproject.toml" >&2
        return 1
    fi
    echo "Installing the project's dependencies into .venv"
    "$VENV_PYTHON" -m pip install --disable-pip-version-check --quiet --upgrade pip
    "$VENV_PYTHON" -m pip install --disable-pip-version-check --quiet "${requirements[@]}"
    printf '%s\n' "$stamp" >"$DEPS_STAMP"
}
