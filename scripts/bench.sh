#!/usr/bin/env bash
# Runs the site benchmark: `scripts/bench.sh [manage.py bench options]`, e.g. --quick.
# Installs Debian's wrk if it is missing. Needs the local PostgreSQL (127.0.0.1:5432, user
# postgres) and Redis (127.0.0.1:6379); it drops and creates the database inpud_bench.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=scripts/_venv.sh
. scripts/_venv.sh
ensure_venv

if ! command -v wrk >/dev/null 2>&1; then
    echo "Installing wrk for the benchmark"
    sudo=()
    if [ "$(id -u)" -ne 0 ]; then
        sudo=(sudo)
    fi
    "${sudo[@]}" apt-get update
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y wrk
fi

# The command itself runs with development settings; the server it measures runs under
# production settings (inpud_site/bench/settings.py) on the scratch database.
DJANGO_DEBUG=1 exec .venv/bin/python manage.py bench "$@"
