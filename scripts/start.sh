#!/usr/bin/env bash
# `npm start`: installs what is missing, then runs the whole local ShopEasy until Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
exec node --conditions=source --import tsx tools/local-stack/src/start.ts
