#!/usr/bin/env bash
# The full ShopEasy test suite: `npm test` (and CI's .ci/run). Installs what is missing, then
# runs every stage even when one fails, and exits non-zero if any failed.
set -uo pipefail
cd "$(dirname "$0")/.."
# ShopEasy runs on Node 20 (.nvmrc); the AWS SDK's notice about its future Node 22 minimum is
# tracked in the README and would otherwise repeat in every process's output.
export AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true
bash scripts/bootstrap.sh || exit 1

passed=0
failed=0
failures=()
stage() {
  local name=$1
  shift
  echo
  echo "=== $name"
  local started=$SECONDS
  if "$@"; then
    passed=$((passed + 1))
    echo "=== $name: ok ($((SECONDS - started)) s)"
  else
    failed=$((failed + 1))
    failures+=("$name")
    echo "=== $name: FAILED ($((SECONDS - started)) s)"
  fi
}

stage "contract lint (Spectral)" npm run --silent lint:contracts
stage "generated code matches contracts (drift gate)" npm run --silent generate:check
stage "typecheck (tsc -b)" npm run --silent typecheck
stage "lint (ESLint, Prettier)" npm run --silent lint
stage "unit and component tests (vitest)" npm run --silent test:unit
stage "end-to-end and fault tests through the gateway (vitest)" npm run --silent test:e2e
stage "Python partner client against the mock" bash partners/python/run-smoke.sh
stage "Go partner client against the mock" bash partners/go/run-smoke.sh
stage "infrastructure checks (synth, cfn-lint, checkov, hadolint, tofu fmt)" npm run --silent test:infra
stage "pipeline, playbook and documentation checks" npm run --silent test:ops

echo
[ ${#failures[@]} -gt 0 ] && printf 'failed stage: %s\n' "${failures[@]}"
echo "stages: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
