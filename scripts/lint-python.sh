#!/usr/bin/env bash
# ShopEasy's Python lint, the last step of `npm run lint`: ruff (rules and formatting, ruff.toml)
# on every Python file but generated/, then mypy (strict, packages/local-aws/python/mypy.ini) on
# the emulator's Python, which replaces parts of moto and is checked against moto's own types.
# Creates .venv, which carries both, when it is missing or out of date, as scripts/bootstrap.sh
# does; prints the seconds it took (mypy's cache, .mypy_cache, keeps a second run under a second).
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s%N)

source scripts/lib/checks.sh
ensure_venv .venv requirements-dev.txt

# Ruff is fast enough without its cache, which would be one more folder to keep out of git.
.venv/bin/ruff check --no-cache --quiet .
.venv/bin/ruff format --no-cache --check --quiet .
(cd packages/local-aws/python && ../../../.venv/bin/mypy)

echo "python lint (ruff, mypy): $(((($(date +%s%N) - started) / 1000000))) ms"
