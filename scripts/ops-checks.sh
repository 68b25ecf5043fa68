#!/usr/bin/env bash
# Offline checks of ShopEasy's pipeline, provisioning and documentation, the same on a laptop
# and in Jenkins:
#   ansible/        ansible-playbook --syntax-check of every playbook (local inventory), the
#                   deploy playbook's preflight: inventory settings agree with infra/cdk.context.json,
#                   and ansible-lint with the production profile (ansible/.ansible-lint, offline)
#   Jenkinsfile     calls only `npm run <script>` for scripts of the root package.json, reports the
#                   build status to Bitbucket and builds and deployments (one per CDK stage) to Jira
#                   (and the check itself fails on fixture pipelines missing a script or those steps)
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

# jenkinsfile_check_can_fail FIXTURE PROBLEM: the check must reject the fixture pipeline for PROBLEM.
jenkinsfile_check_can_fail() {
  local fixture=tools/confluence-publish/test/fixtures/jenkinsfile problem=$2 errors
  if errors=$($tool/check-jenkinsfile-main.ts --jenkinsfile "$fixture/$1" \
    --package-json "$fixture/package.json" 2>&1 >/dev/null); then
    echo "the Jenkinsfile check passed $fixture/$1"
    return 1
  fi
  if ! grep -qF -- "$problem" <<<"$errors"; then
    echo "the Jenkinsfile check rejected $fixture/$1, but not for: $problem"
    echo "$errors"
    return 1
  fi
  echo "ok: the check rejects $fixture/$1 ($problem)"
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
check "Jenkinsfile check fails on a missing script (fixture)" jenkinsfile_check_can_fail \
  Jenkinsfile.unknown-script "npm run test:everything: no such script"
check "Jenkinsfile check fails without the Bitbucket and Jira steps (fixture)" jenkinsfile_check_can_fail \
  Jenkinsfile.no-integrations "no jiraSendDeploymentInfo step"
check "Jenkinsfile calls only root npm scripts that exist, reports to Bitbucket and Jira" \
  $tool/check-jenkinsfile-main.ts
check "confluence-docs: front matter and links" $tool/check-docs-main.ts

checks_report ops-checks
