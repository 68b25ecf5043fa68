#!/usr/bin/env bash
# The full ShopEasy test suite: `npm test` (and CI's .ci/run). Installs what is missing, then
# runs every stage even when one fails, and exits non-zero if any failed.
set -uo pipefail
cd "$(dirname "$0")/.."
# ShopEasy runs on Node 20 (.nvmrc); the AWS SDK's notice about its future Node 22 minimum is
# tracked in the README and would otherwise repeat in every process's output.
export AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true
bash scripts/bootstrap.sh || exit 1
source scripts/lib/checks.sh

check "contract lint (Spectral)" npm run --silent lint:contracts
check "generated code matches contracts (drift gate)" npm run --silent generate:check
check "typecheck (tsc -b)" npm run --silent typecheck
check "lint (ESLint, Prettier)" npm run --silent lint
check "unit and component tests (vitest)" npm run --silent test:unit
check "end-to-end and fault tests through the gateway (vitest)" npm run --silent test:e2e
check "Python partner client against the mock" bash partners/python/run-smoke.sh
check "Go partner client against the mock" bash partners/go/run-smoke.sh
check "infrastructure checks (synth, cfn-lint, checkov, hadolint, tofu fmt)" npm run --silent test:infra
check "pipeline, playbook and documentation checks" npm run --silent test:ops

checks_report stages
