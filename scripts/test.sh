#!/usr/bin/env bash
# Runs the test suite: `scripts/test.sh [pytest arguments]`.
# Makes .venv and installs the dependencies if needed, and Debian's chromium for
# the browser tests. Runs on SQLite by default; with DATABASE_URL set (e.g.
# postgres://postgres@127.0.0.1:5432/inpud_test) on that database server,
# where pytest-django creates and drops the test database (test_inpud_test).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=scripts/_venv.sh
. scripts/_venv.sh
ensure_venv

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
# The accessibility test installs axe-core from the npm registry on first use.
command -v npm >/dev/null 2>&1 || missing+=(npm)
if [ "${#missing[@]}" -gt 0 ]; then
    echo "Installing ${missing[*]} for the browser tests"
    sudo=()
    if [ "$(id -u)" -ne 0 ]; then
        sudo=(sudo)
    fi
    "${sudo[@]}" apt-get update
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}"
fi

exec .venv/bin/pytest "$@"
