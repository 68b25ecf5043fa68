#!/usr/bin/env bash
# The generated Python partner client against SHOPEASY_BASE_URL, or against the Prism mock (started
# here, stopped on exit) when it is unset. Extra arguments go to pytest (e.g. --junitxml=...).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
mkdir -p "$root/.local"
source "$root/partners/run-mock.sh"
PYTHONPATH="$root/generated/python" "$root/.venv/bin/python" -m pytest -q -p no:cacheprovider "$root/partners/python" "$@"
