#!/usr/bin/env bash
# Installs what ShopEasy needs on a fresh clone, and nothing when it is already there:
# npm workspaces (from the lock file) and the Python virtual environment that carries the
# local AWS emulator and the Python-based tools. Venvs and built tools are kept in a cache per
# machine (scripts/lib/cache.sh), so a fresh clone reuses them. Safe to run any number of times.
set -euo pipefail
cd "$(dirname "$0")/.."

source scripts/lib/checks.sh
stamp_ok() { [ -f "$1" ] && [ "$(cat "$1")" = "$2" ]; }

lock_sum=$(sha256sum package-lock.json 2>/dev/null | cut -d' ' -f1 || echo none)
if [ ! -d node_modules ]; then
  if restore_node_modules "$lock_sum"; then
    echo "bootstrap: npm workspaces copied from the cache ($(shopeasy_cache_dir)), as npm ci left them for this lock file"
  else
    echo "bootstrap: installing npm workspaces (npm ci)"
    npm ci --no-audit --no-fund --loglevel=error
    echo "$lock_sum" > node_modules/.shopeasy-stamp
    save_node_modules "$lock_sum" || echo "bootstrap: could not keep node_modules in the cache; the next clone installs again"
  fi
elif ! stamp_ok node_modules/.shopeasy-stamp "$lock_sum"; then
  # The lock file changed since the last install (a pull, a new dependency): bring node_modules up to date.
  echo "bootstrap: updating npm workspaces (npm install)"
  npm install --no-audit --no-fund --loglevel=error
  echo "$lock_sum" > node_modules/.shopeasy-stamp
fi

ensure_venv .venv requirements-dev.txt
link_tools_cache
