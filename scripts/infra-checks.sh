#!/usr/bin/env bash
# Offline checks of ShopEasy's infrastructure code, the same on a laptop and in Jenkins:
#   synthesized CloudFormation: cfn-lint (zero errors), checkov (zero failed checks), the
#                               deploy check (npm run deploy:check) on that assembly and the
#                               diagrams drawn from it (npm run docs:diagrams -- --check)
#   Terraform foundation:       tofu fmt -check, checkov, and tofu validate where the providers
#                               can be had offline (a provider mirror; otherwise it says it skipped)
#   Dockerfiles:                hadolint, and each one matches docker/service.Dockerfile.template
#   service images:             CycloneDX SBOMs (npm run images:sbom; the scan runs in Jenkins)
# Installs what it needs when missing: .venv-infra (infra/requirements.txt) and OpenTofu,
# built from the Go module proxy into .tools/bin. Needs no AWS credentials and no Docker.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
source scripts/lib/checks.sh

TOFU_VERSION=v1.12.6
venv=.venv-infra
tofu=.tools/bin/tofu
ensure_tofu() {
  if [ -x "$tofu" ] && "$tofu" version 2>/dev/null | grep -q "OpenTofu ${TOFU_VERSION}\$"; then return; fi
  echo "infra-checks: building OpenTofu ${TOFU_VERSION} from the Go module proxy (a few minutes, once)"
  local started dir
  started=$(date +%s)
  # `go install pkg@version` refuses modules with replace directives, which OpenTofu has, so
  # the module is downloaded through the proxy and built in place.
  dir=$(cd /tmp && go mod download -json "github.com/opentofu/opentofu@${TOFU_VERSION}" |
    sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
  mkdir -p "$(dirname "$tofu")"
  # Built beside the target and moved into place: .tools is shared by every clone on this machine.
  (cd "$dir" && go build -trimpath -ldflags "-s -w -X github.com/opentofu/opentofu/version.dev=no" \
    -o "$root/$tofu.partial.$$" ./cmd/tofu) || { rm -f "$root/$tofu.partial.$$"; return 1; }
  mv -f "$root/$tofu.partial.$$" "$root/$tofu"
  echo "infra-checks: OpenTofu built in $(($(date +%s) - started))s"
}

tofu_cmd() {
  # A CLI configuration variable pointing at a missing file only produces warnings; ignore it.
  env -u TF_CLI_CONFIG_FILE "$root/$tofu" "$@"
}

ensure_venv "$venv" infra/requirements.txt || exit 1
ensure_tofu

# `tofu validate` needs the providers the lock files pin, and the registry is out of reach here:
# it runs against a filesystem mirror (TF_PLUGIN_MIRROR, default ~/.terraform.d/plugins, as
# `tofu providers mirror <dir>` writes it on a machine with registry access), else says why not.
tofu_validate() {
  local mirror=${TF_PLUGIN_MIRROR:-$HOME/.terraform.d/plugins} dir data
  if [ ! -d "$mirror/registry.opentofu.org/hashicorp/aws" ]; then
    echo "tofu validate SKIPPED: no provider mirror at $mirror (registry.opentofu.org/hashicorp/aws);" \
      "the OpenTofu registry cannot be reached from here. To run it, set TF_PLUGIN_MIRROR to a" \
      "directory filled by \`tofu providers mirror <dir>\` in infra/terraform/foundation."
    return 0
  fi
  for dir in bootstrap foundation; do
    data=$(mktemp -d)
    # Readonly: the committed lock file's hashes must match the mirror's packages.
    if ! TF_DATA_DIR=$data tofu_cmd -chdir="infra/terraform/$dir" init -backend=false -input=false \
      -lockfile=readonly -plugin-dir="$mirror" -no-color >/dev/null ||
      ! TF_DATA_DIR=$data tofu_cmd -chdir="infra/terraform/$dir" validate -no-color; then
      rm -rf "$data"
      return 1
    fi
    rm -rf "$data"
  done
}

templates() { find infra/cdk.out -maxdepth 1 -name '*.template.json' | sort; }

# cfn-lint over the templates: warnings are printed for reviewers, errors fail. cfn-lint (1.58)
# does not yet know that a weak cross-stack reference (Fn::GetStackOutput, which the CDK writes for
# references between stacks) may stand in a Fn::Join list, and calls each one E1022 "is not of type
# 'string'"; only those lines are set aside (and counted), every other error still fails.
cfn_lint() {
  local out errors weak
  out=$("$venv/bin/cfn-lint" --format parseable $(templates))
  weak=$(grep -c ":E1022:{'Fn::GetStackOutput': " <<<"$out")
  errors=$(grep -E ':E[0-9]{4}:' <<<"$out" | grep -v ":E1022:{'Fn::GetStackOutput': ")
  grep -vE ':E[0-9]{4}:' <<<"$out"
  echo "cfn-lint: E1022 on Fn::GetStackOutput set aside ${weak} times"
  [ -z "$errors" ] || { echo "$errors"; return 1; }
}

check "cdk synth (every environment)" npm run --silent synth

# The checks below only read what they are given, so they run in three groups side by side (each
# group's output is printed whole, in order, once all are done): on two cores they take the time
# of the longest group, not of all of them.
templates_a() {
  group_counts
  # What Jenkins runs on the release assembly and before each deploy (tools/deploy-check), here on
  # the assembly just synthesized: every environment, read back from infra/cdk.out.
  check "deploy check (every environment, from infra/cdk.out)" npm run --silent deploy:check -- --assembly infra/cdk.out
  # The committed diagrams (the AWS topology among them) drawn again from that same assembly.
  check "diagrams match their sources (npm run docs:diagrams)" npm run --silent docs:diagrams -- --check --assembly infra/cdk.out
  # Warnings are printed for reviewers; only errors fail the check.
  check "cfn-lint (synthesized templates)" cfn_lint
  checks_report "infra-checks (deploy check, diagrams, cfn-lint)"
}
templates_b() {
  group_counts
  check "checkov (synthesized templates)" "$venv/bin/checkov" --directory infra/cdk.out --framework cloudformation \
    --compact --quiet --skip-download
  checks_report "infra-checks (checkov, templates)"
}
foundation_and_images() {
  group_counts
  check "checkov (terraform)" "$venv/bin/checkov" --directory infra/terraform --framework terraform \
    --compact --quiet --skip-download
  check "tofu fmt -check" tofu_cmd fmt -check -recursive infra/terraform
  check "tofu validate (bootstrap, foundation)" tofu_validate
  check "hadolint (Dockerfiles)" bash -c "$venv/bin/hadolint services/*/Dockerfile"
  check "Dockerfiles match their template" node infra/scripts/render-dockerfiles.mjs --check
  check "service image SBOMs (CycloneDX)" npm run --silent images:sbom
  checks_report "infra-checks (terraform, Dockerfiles, SBOMs)"
}

logs=$(mktemp -d)
groups=(templates_a templates_b foundation_and_images)
# Each group counts its own checks; this script counts synth and the groups.
group_counts() { checks_passed=0 checks_failed=0 checks_failures=(); }
pids=()
for group in "${groups[@]}"; do
  "$group" >"$logs/$group.log" 2>&1 &
  pids+=($!)
done
for i in "${!groups[@]}"; do
  if wait "${pids[$i]}"; then checks_passed=$((checks_passed + 1)); else
    checks_failed=$((checks_failed + 1))
    checks_failures+=("${groups[$i]} (see its checks above)")
  fi
  cat "$logs/${groups[$i]}.log"
done
rm -rf "$logs"

checks_report infra-checks
