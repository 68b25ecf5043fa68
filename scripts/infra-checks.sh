#!/usr/bin/env bash
# Offline checks of ShopEasy's infrastructure code, the same on a laptop and in Jenkins:
#   synthesized CloudFormation: cfn-lint (zero errors) and checkov (zero failed checks)
#   Terraform foundation:       tofu fmt -check and checkov
#   Dockerfiles:                hadolint, and each one matches docker/service.Dockerfile.template
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
  (cd "$dir" && go build -trimpath -ldflags "-s -w -X github.com/opentofu/opentofu/version.dev=no" \
    -o "$root/$tofu" ./cmd/tofu)
  echo "infra-checks: OpenTofu built in $(($(date +%s) - started))s"
}

tofu_cmd() {
  # A CLI configuration variable pointing at a missing file only produces warnings; ignore it.
  env -u TF_CLI_CONFIG_FILE "$root/$tofu" "$@"
}

ensure_venv "$venv" infra/requirements.txt || exit 1
ensure_tofu

templates() { find infra/cdk.out -maxdepth 1 -name '*.template.json' | sort; }

check "cdk synth (every environment)" npm run --silent synth
# Warnings are printed for reviewers; only errors fail the check.
check "cfn-lint (synthesized templates)" bash -c "$venv/bin/cfn-lint --format parseable --non-zero-exit-code error $(templates | tr '\n' ' ')"
check "checkov (synthesized templates)" "$venv/bin/checkov" --directory infra/cdk.out --framework cloudformation \
  --compact --quiet --skip-download
check "checkov (terraform)" "$venv/bin/checkov" --directory infra/terraform --framework terraform \
  --compact --quiet --skip-download
check "tofu fmt -check" tofu_cmd fmt -check -recursive infra/terraform
check "hadolint (Dockerfiles)" bash -c "$venv/bin/hadolint services/*/Dockerfile"
check "Dockerfiles match their template" node infra/scripts/render-dockerfiles.mjs --check

checks_report infra-checks
