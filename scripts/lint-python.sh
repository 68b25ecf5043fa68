#!/usr/bin/env bash
# ShopEasy's Python lint, the last step of `npm run lint`: ruff (rules and formatting, ruff.toml)
# on every Python file but generated/, then mypy (strict, packages/local-aws/python/mypy.ini) on
# the emulator's Python, which replaces parts of moto and is checked against moto's own types.
# Creates .venv, which carries both, when it is missing or out of date, as scripts/bootstrap.sh
# does; prints the time it took. mypy's cache lives in the machine's ShopEasy cache (scripts/lib/cache.sh),
# so a fresh clone on a machine that linted before takes about a second, not fourteen.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s%N)

source scripts/lib/checks.sh
ensure_venv .venv requirements-dev.txt

# Ruff is fast enough without its cache, which would be one more folder to keep out of git.
.venv/bin/ruff check --no-cache --quiet .
.venv/bin/ruff format --no-cache --check --quiet .
mypy_cache="$(shopeasy_cache_dir)/mypy"
mkdir -p "$mypy_cache"
(cd packages/local-aws/python && ../../../.venv/bin/mypy --cache-dir "$mypy_cache")

echo "python lint (ruff, mypy): $(((($(date +%s%N) - started) / 1000000))) ms"
