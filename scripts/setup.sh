#!/usr/bin/env bash
# Sets up a development copy and starts it: makes .venv and installs the
# dependencies, migrates the SQLite database, loads the demo content (it prints
# an admin login), then serves the site at http://127.0.0.1:8000/.
# Safe to run again: each step is skipped or repeated harmlessly.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=scripts/_venv.sh
. scripts/_venv.sh
ensure_venv

export DJANGO_DEBUG=1

.venv/bin/python manage.py migrate --noinput
.venv/bin/python manage.py load_demo
echo
echo "Starting the site at http://127.0.0.1:8000/ (admin: http://127.0.0.1:8000/admin/). Ctrl-C stops it."
exec .venv/bin/python manage.py runserver 127.0.0.1:8000
