#!/usr/bin/env bash
# The full ShopEasy test suite: `npm test` (and CI's .ci/run). Installs what is missing, then
# runs every stage even when one fails, and exits non-zero if any failed.
set -uo pipefail
cd "$(dirname "$0")/.."
# ShopEasy's supported runtime is the Node LTS in .nvmrc (22); it still runs on Node 20, which
# development machines have until they move. The AWS SDK's notice about its Node 22 minimum is
# tracked in the README and would otherwise repeat in every process's output.
export AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true
# Which Node this run used, and a warning below the supported LTS (Node 20 left support on 2026-04-30).
echo "node $(node --version); supported LTS: $(cat .nvmrc)"
[ "$(node -p 'process.versions.node.split(".")[0]')" -ge "$(cat .nvmrc)" ] ||
  echo "WARNING: Node $(node --version) is below the supported LTS $(cat .nvmrc) (.nvmrc); move to Node $(cat .nvmrc)."
bash scripts/bootstrap.sh || exit 1
source scripts/lib/checks.sh

check "contract lint (Spectral)" npm run --silent lint:contracts
check "generated code matches contracts (drift gate)" npm run --silent generate:check
check "typecheck (tsc -b)" npm run --silent typecheck
check "lint (ESLint, Prettier)" npm run --silent lint
check "unit and component tests (vitest)" npm run --silent test:unit
check "end-to-end and fault tests through the gateway (vitest)" npm run --silent test:e2e
check "contract gate (oasdiff, examples, Dredd, partner clients, schemathesis, e2e through Prism)" npm run --silent test:contract
check "Python partner client against the mock" bash partners/python/run-smoke.sh
check "Go partner client against the mock" bash partners/go/run-smoke.sh
check "infrastructure checks (synth, cfn-lint, checkov, hadolint, tofu fmt)" npm run --silent test:infra
check "pipeline, playbook and documentation checks" npm run --silent test:ops

checks_report stages
