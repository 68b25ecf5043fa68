#!/usr/bin/env bash
# Local AWS emulator: up | down | reset | env | status (see packages/local-aws/README.md).
set -euo pipefail
cd "$(dirname "$0")/.."
export AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true
exec node --conditions=source --import tsx packages/local-aws/src/cli.ts "$@"
