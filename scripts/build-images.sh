#!/usr/bin/env bash
# `npm run images:build [-- --push]`: builds every service image from its Dockerfile (Jenkins build
# agents have Docker; laptops here need not). Tag: $IMAGE_TAG (default: the git commit).
# With --push, tags and pushes to the environment's ECR repositories, whose URIs the Terraform
# foundation publishes in SSM at /shopeasy/$SHOPEASY_ENV/ecr/<service>/repository-uri.
set -euo pipefail
cd "$(dirname "$0")/.."
tag=${IMAGE_TAG:-$(git rev-parse --short=12 HEAD)}
push=false
[ "${1:-}" = "--push" ] && push=true
command -v docker >/dev/null || { echo "images:build needs Docker (a Jenkins build agent has it)" >&2; exit 1; }

for dockerfile in services/*/Dockerfile; do
  service=$(basename "$(dirname "$dockerfile")")
  echo "building shopeasy-$service:$tag"
  docker build --file "$dockerfile" --tag "shopeasy-$service:$tag" .
  if $push; then
    : "${SHOPEASY_ENV:?set SHOPEASY_ENV (dev, staging or prod) to push}"
    repo=$(aws ssm get-parameter --name "/shopeasy/$SHOPEASY_ENV/ecr/$service/repository-uri" \
      --query Parameter.Value --output text)
    aws ecr get-login-password | docker login --username AWS --password-stdin "${repo%%/*}"
    docker tag "shopeasy-$service:$tag" "$repo:$tag"
    docker push "$repo:$tag"
  fi
done
