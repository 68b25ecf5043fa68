#!/usr/bin/env bash
# The full ShopEasy test suite: `npm test` (and CI's .ci/run). Installs what is missing, then runs
# every stage even when one fails, and exits non-zero if any failed. Lanes run side by side:
#   stack    the stages that start emulators and services (timing-sensitive), output shown live;
#   offline  (two lanes) the stages that need no running ShopEasy, at the lowest CPU priority so
#            they only take what the stack lane leaves idle; their output follows the stack lane's.
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
trap 'rm -f "$CHECKS_RESULTS"' EXIT

CHECKS_LANE=setup check "install what is missing (npm workspaces, Python environments)" bash scripts/bootstrap.sh ||
  { checks_table "$CHECKS_RESULTS" stages; exit 1; }

# Two offline lanes of about the same length, so that once the stack lane is done both cores finish
# them. typecheck and the infra tests (whose image test runs `tsc -b` per service) share a lane:
# both write dist/.
offline_build_lane() {
  CHECKS_LANE=offline
  check "typecheck (tsc -b, sources and tests)" npm run --silent typecheck
  check "unit tests that start nothing (vitest: infra, tools, load harness)" env VITEST_LANE=offline npm run --silent test:unit
  check "pipeline, playbook and documentation checks" npm run --silent test:ops
  check "Python partner client against the mock" bash partners/python/run-smoke.sh
  check "Go partner client against the mock" bash partners/go/run-smoke.sh
}

offline_check_lane() {
  CHECKS_LANE=offline
  check "contract lint (Spectral)" npm run --silent lint:contracts
  check "generated code matches contracts (drift gate)" npm run --silent generate:check
  check "lint (ESLint, Prettier, ruff, mypy)" npm run --silent lint
  check "infrastructure checks (synth, cfn-lint, checkov, hadolint, tofu fmt)" npm run --silent test:infra
}

stack_lane() {
  CHECKS_LANE=stack
  check "unit and component tests against emulators and servers (vitest)" env VITEST_LANE=stack npm run --silent test:unit
  check "contract gate with the end-to-end flows and the fault test, through Prism" npm run --silent test:contract
}

# Niced before their first stage starts; every process they start inherits the priority.
offline_logs=()
offline_pids=()
for lane in offline_build_lane offline_check_lane; do
  log=$(mktemp)
  offline_logs+=("$log")
  (renice -n 19 -p "$BASHPID" >/dev/null && "$lane") </dev/null >"$log" 2>&1 &
  offline_pids+=($!)
done
stack_lane
echo
echo "=== stack lane done in $((SECONDS - started)) s; waiting for the offline lanes"
for i in "${!offline_pids[@]}"; do
  wait "${offline_pids[$i]}"
  echo
  echo "=== offline lane output ($((i + 1)) of ${#offline_pids[@]})"
  cat "${offline_logs[$i]}"
  rm -f "${offline_logs[$i]}"
done
echo
echo "whole run: $((SECONDS - started)) s"
checks_table "$CHECKS_RESULTS" stages
