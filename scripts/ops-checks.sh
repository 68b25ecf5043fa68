#!/usr/bin/env bash
# Offline checks of ShopEasy's pipeline, provisioning and documentation, the same on a laptop
# and in Jenkins:
#   ansible/        ansible-playbook --syntax-check of every playbook (local inventory), the
#                   deploy playbook's preflight: inventory settings agree with infra/cdk.context.json,
#                   and ansible-lint with the production profile (ansible/.ansible-lint, offline)
#   Jenkinsfile     calls only `npm run <script>` for scripts of the root package.json (and the
#                   check itself fails on a fixture pipeline calling a missing script)
#   confluence-docs front matter, page tree, relative links and anchors, conversion to Confluence
# Installs what it needs when missing: .venv-ops with ansible/requirements.txt (and the npm
# workspaces on a fresh clone). Needs no AWS credentials, and no network once installed.
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/checks.sh

venv=.venv-ops
tool="node --conditions=source --import tsx tools/confluence-publish/src"
ansible_playbook() {
  ANSIBLE_CONFIG=ansible/ansible.cfg ANSIBLE_NOCOLOR=1 "$venv/bin/ansible-playbook" "$@"
}

syntax_check() {
  local playbook=$1
  # deploy.yml names its hosts after -e env; the other playbooks ignore it.
  ansible_playbook --syntax-check -i ansible/inventory/hosts.yml -i ansible/inventory/local.yml \
    -e env=dev "$playbook" >/dev/null && echo "ok: $playbook"
}

deploy_preflight() {
  local env_name
  for env_name in dev staging prod; do
    ansible_playbook ansible/deploy.yml -e "env=${env_name}" --tags always >/dev/null ||
      { echo "deploy.yml preflight failed for ${env_name}:"; ansible_playbook ansible/deploy.yml -e "env=${env_name}" --tags always; return 1; }
    echo "ok: ${env_name} settings agree with infra/cdk.context.json"
  done
}

ansible_lint() {
  # Its own venv's bin first: ansible-lint runs ansible-playbook --syntax-check from PATH.
  PATH="$PWD/$venv/bin:$PATH" ANSIBLE_CONFIG=ansible/ansible.cfg \
    "$venv/bin/ansible-lint" --nocolor -c ansible/.ansible-lint ansible/
}

jenkinsfile_check_can_fail() {
  local fixture=tools/confluence-publish/test/fixtures/jenkinsfile
  if $tool/check-jenkinsfile-main.ts --jenkinsfile "$fixture/Jenkinsfile.unknown-script" \
    --package-json "$fixture/package.json" >/dev/null 2>&1; then
    echo "the Jenkinsfile check passed a pipeline that calls a missing script"
    return 1
  fi
  echo "ok: the check rejects $fixture/Jenkinsfile.unknown-script"
}

# The Node checks run from the workspace sources; a fresh clone needs its npm workspaces first.
[ -d node_modules ] || bash scripts/bootstrap.sh || exit 1
ensure_venv "$venv" ansible/requirements.txt || exit 1
echo "ops-checks: $("$venv/bin/ansible-playbook" --version | sed -n 1p)"

for playbook in ansible/*.yml; do
  check "ansible-playbook --syntax-check ${playbook}" syntax_check "$playbook"
done
check "deploy.yml preflight (every environment)" deploy_preflight
check "ansible-lint (production profile)" ansible_lint
check "Jenkinsfile check fails on a missing script (fixture)" jenkinsfile_check_can_fail
check "Jenkinsfile calls only root npm scripts that exist" $tool/check-jenkinsfile-main.ts
check "confluence-docs: front matter and links" $tool/check-docs-main.ts

checks_report ops-checks
