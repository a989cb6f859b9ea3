#!/usr/bin/env bash
# Installs everything the test suite needs, then runs all of it.
# Python packages come from PyPI; the browser tests use Debian's Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m pip install --quiet --disable-pip-version-check -e '.[test]'
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq chromium >/dev/null
  else
    echo "tests/run.sh: Chromium is missing; install it (sudo apt-get install chromium) for the browser tests" >&2
  fi
fi
exec python3 -m pytest "$@"
