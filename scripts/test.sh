#!/usr/bin/env bash
# The full ShopEasy test suite: `npm test` (and CI's .ci/run). Installs what is missing, then runs
# every stage even when one fails, and exits non-zero if any failed. Two lanes run side by side:
#   stack    the stages that start emulators and services (timing-sensitive), output shown live;
#   offline  the stages that need no running ShopEasy, at the lowest CPU priority so they only
#            take what the stack lane leaves idle; their output is printed when the stack lane ends.
# A table of every stage with its lane and duration closes the run.
set -uo pipefail
cd "$(dirname "$0")/.."
started=$SECONDS
# ShopEasy's supported runtime is the Node LTS in .nvmrc (22); it still runs on Node 20, which
# development machines have until they move. The AWS SDK's notice about its Node 22 minimum is
# tracked in the README and would otherwise repeat in every process's output.
export AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true
# Which Node this run used, and a warning below the supported LTS (Node 20 left support on 2026-04-30).
echo "node $(node --version); supported LTS: $(cat .nvmrc)"
[ "$(node -p 'process.versions.node.split(".")[0]')" -ge "$(cat .nvmrc)" ] ||
  echo "WARNING: Node $(node --version) is below the supported LTS $(cat .nvmrc) (.nvmrc); move to Node $(cat .nvmrc)."
source scripts/lib/checks.sh
CHECKS_RESULTS=$(mktemp)
offline_log=$(mktemp)
trap 'rm -f "$CHECKS_RESULTS" "$offline_log"' EXIT

CHECKS_LANE=setup check "install what is missing (npm workspaces, Python environments)" bash scripts/bootstrap.sh ||
  { checks_table "$CHECKS_RESULTS" stages; exit 1; }

offline_lane() {
  CHECKS_LANE=offline
  check "contract lint (Spectral)" npm run --silent lint:contracts
  check "generated code matches contracts (drift gate)" npm run --silent generate:check
  check "typecheck (tsc -b, sources and tests)" npm run --silent typecheck
  check "lint (ESLint, Prettier)" npm run --silent lint
  check "unit tests that start nothing (vitest: infra, tools, load harness)" env VITEST_LANE=offline npm run --silent test:unit
  check "Python partner client against the mock" bash partners/python/run-smoke.sh
  check "Go partner client against the mock" bash partners/go/run-smoke.sh
  check "infrastructure checks (synth, cfn-lint, checkov, hadolint, tofu fmt)" npm run --silent test:infra
  check "pipeline, playbook and documentation checks" npm run --silent test:ops
}

stack_lane() {
  CHECKS_LANE=stack
  check "unit and component tests against emulators and servers (vitest)" env VITEST_LANE=stack npm run --silent test:unit
  check "contract gate with the end-to-end flows and the fault test, through Prism" npm run --silent test:contract
}

# Niced before its first stage starts; every process it starts inherits the priority.
(renice -n 19 -p "$BASHPID" >/dev/null && offline_lane) </dev/null >"$offline_log" 2>&1 &
offline_pid=$!
stack_lane
echo
echo "=== stack lane done in $((SECONDS - started)) s; waiting for the offline lane"
wait "$offline_pid"
echo
echo "=== offline lane output"
cat "$offline_log"
echo
echo "whole run: $((SECONDS - started)) s"
checks_table "$CHECKS_RESULTS" stages
