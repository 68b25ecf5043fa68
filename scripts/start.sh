#!/usr/bin/env bash
# `npm start`: installs what is missing, then runs the whole local ShopEasy until Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."
# ShopEasy's supported runtime is Node 22 (.nvmrc); on the Node 20 development machines the AWS
# SDK's notice about its Node 22 minimum is tracked in the README and would otherwise repeat in
# every process's output.
export AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true
bash scripts/bootstrap.sh
exec node --conditions=source --import tsx tools/local-stack/src/start.ts
