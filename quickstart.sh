#!/usr/bin/env bash
# Set up and run the main job on a fresh machine: a virtual environment with kg installed, then
# `kg build` (load, validate, publish dist/). Safe to run again; it reuses the environment.
set -euo pipefail
cd "$(dirname "$0")"
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
.venv/bin/kg build "$@"
