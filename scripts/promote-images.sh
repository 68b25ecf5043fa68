#!/usr/bin/env bash
# `npm run images:promote -- <env> <tag>`: makes the images CI built for a commit available in the
# environment's ECR repositories at the digests CI built, so that every environment runs the same
# bytes. Run by ansible/deploy.yml before `cdk deploy -c imageTag=<tag>`.
#   - With reports/images/images.json for <tag> (written once by `npm run images:build -- --push`
#     in Jenkins, which pushes to dev): copies each image by digest from the repository it was
#     pushed to into the environment's repository under <tag> (crane copy keeps the manifest, so the
#     digest stays the same). The environment's deploy role may read dev's repositories (foundation).
#   - Without it (a rollback to an earlier tag): the images must already be in the environment.
# Either way it checks the digest the environment's repository holds under <tag> (tags are
# immutable, so the task definitions' <tag> is that digest) and writes
# reports/images/deployed-<env>.json. Needs the AWS CLI and the deploy role's credentials.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/go-tools.sh

env_name=${1:?usage: promote-images.sh <env> <tag>}
tag=${2:?usage: promote-images.sh <env> <tag>}
built=reports/images/images.json
[ -f "$built" ] && [ "$(jq -r .tag "$built")" = "$tag" ] || built=''
crane=''
login() {
  [ -n "$crane" ] || crane=$(ensure_go_tool crane "$CRANE_PACKAGE" "$CRANE_VERSION")
  aws ecr get-login-password | "$crane" auth login "$1" --username AWS --password-stdin >/dev/null
}
# digest_of REPOSITORY_URI: the digest the repository holds under $tag, or nothing.
digest_of() {
  aws ecr describe-images --repository-name "${1#*/}" --registry-id "${1%%.*}" \
    --image-ids "imageTag=$tag" --query 'imageDetails[0].imageDigest' --output text 2>/dev/null || true
}

deployed=()
for dockerfile in services/*/Dockerfile; do
  service=$(basename "$(dirname "$dockerfile")")
  target=$(aws ssm get-parameter --name "/shopeasy/$env_name/ecr/$service/repository-uri" \
    --query Parameter.Value --output text)
  have=$(digest_of "$target")
  if [ -n "$built" ]; then
    source_repo=$(jq -r --arg s "$service" '.images[$s].repository' "$built")
    want=$(jq -r --arg s "$service" '.images[$s].digest' "$built")
    if [ "$have" = None ] || [ -z "$have" ]; then
      login "${source_repo%%/*}"
      login "${target%%/*}"
      echo "$service: copying $source_repo@$want to $target:$tag"
      "$crane" copy "$source_repo@$want" "$target:$tag"
      have=$(digest_of "$target")
    fi
    if [ "$have" != "$want" ]; then
      echo "$service: $target:$tag is $have, but CI built $want; refusing to deploy it" >&2
      exit 1
    fi
  elif [ "$have" = None ] || [ -z "$have" ]; then
    echo "$service: $target has no image $tag, and $PWD/reports/images/images.json is not the build of $tag" \
      "(Jenkins keeps it with the build's artifacts)" >&2
    exit 1
  fi
  echo "$service: $target:$tag is $have"
  deployed+=("$(jq -cn --arg s "$service" --arg r "$target" --arg d "$have" '{($s): {repository: $r, digest: $d}}')")
done
mkdir -p reports/images
printf '%s\n' "${deployed[@]}" | jq -s --arg tag "$tag" --arg env "$env_name" \
  '{environment: $env, tag: $tag, images: add}' >"reports/images/deployed-$env_name.json"
