#!/usr/bin/env bash
# `npm run images:build [-- --push]`: builds every service image once per commit, on a Jenkins
# build agent (Docker), with its bill of materials and a vulnerability scan:
#   1. docker build of services/<name>/Dockerfile (base images pinned by digest in the template);
#   2. SBOM: CycloneDX JSON of the service's production npm dependencies (@cyclonedx/cyclonedx-npm,
#      pinned in package.json) in reports/images/sbom/<name>.cdx.json;
#   3. scan: grype over the image (OS packages and npm dependencies); a critical vulnerability that
#      has a fix fails the build. Report: reports/images/scan/<name>.json;
#   4. with --push: pushes each image once, to $SHOPEASY_ENV's ECR repository (CI: dev), whose URI
#      the Terraform foundation publishes in SSM, and records repository and digest per service in
#      reports/images/images.json. Every environment deploys those digests (scripts/promote-images.sh).
# `npm run images:sbom` (--sbom-only) writes the SBOMs without Docker and says why the scan is
# skipped. Tag: $IMAGE_TAG (default: the git commit).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/go-tools.sh

tag=${IMAGE_TAG:-$(git rev-parse HEAD)}
mode=build
case "${1:-}" in
  --push) mode=push ;;
  --sbom-only) mode=sbom ;;
  '') ;;
  *) echo "usage: build-images.sh [--push | --sbom-only]" >&2; exit 2 ;;
esac
out=reports/images
mkdir -p "$out/sbom" "$out/scan"
services=()
for dockerfile in services/*/Dockerfile; do services+=("$(basename "$(dirname "$dockerfile")")"); done

sbom() {
  npx --no-install cyclonedx-npm --workspace "services/$1" --omit dev --output-format JSON \
    --output-reproducible --validate --output-file "$out/sbom/$1.cdx.json"
  echo "$1: SBOM $out/sbom/$1.cdx.json ($(jq '[.. | objects | select(.type == "library")] | length' \
    "$out/sbom/$1.cdx.json") packages)"
}

if [ "$mode" = sbom ]; then
  for service in "${services[@]}"; do sbom "$service"; done
  # Said plainly, with the reasons found, because a skipped scan must not look like a clean one.
  why=()
  docker info >/dev/null 2>&1 || why+=("no Docker daemon to build the images it scans")
  curl -fsS -o /dev/null --max-time 5 "$GRYPE_DB_URL" 2>/dev/null ||
    why+=("grype's vulnerability database ($GRYPE_DB_URL) cannot be reached")
  if [ ${#why[@]} -gt 0 ]; then
    echo "vulnerability scan SKIPPED: $(IFS=';'; echo "${why[*]}" | sed 's/;/; /g')." \
      "The Jenkins stage 'Build images' (npm run images:build) scans every image and fails on a fixable critical finding."
  else
    echo "vulnerability scan not run by images:sbom: this machine has Docker and the database; run npm run images:build."
  fi
  exit 0
fi

docker info >/dev/null 2>&1 || { echo "images:build needs a Docker daemon (a Jenkins build agent has one)" >&2; exit 1; }
grype=$(ensure_go_tool grype "$GRYPE_PACKAGE" "$GRYPE_VERSION")
# The database is cached beside the tools; a run without a fresh database fails rather than scans stale.
export GRYPE_DB_CACHE_DIR=$PWD/.tools/grype-db GRYPE_CHECK_FOR_APP_UPDATE=false

images=()
for service in "${services[@]}"; do
  echo "building shopeasy-$service:$tag"
  docker build --file "services/$service/Dockerfile" --tag "shopeasy-$service:$tag" \
    --label "org.opencontainers.image.revision=$tag" .
  sbom "$service"
  echo "$service: scanning (fails on a critical vulnerability that has a fix)"
  "$grype" "docker:shopeasy-$service:$tag" --only-fixed --fail-on critical \
    --output table --output "json=$out/scan/$service.json"
  if [ "$mode" = push ]; then
    : "${SHOPEASY_ENV:?set SHOPEASY_ENV (dev, staging or prod) to push}"
    repo=$(aws ssm get-parameter --name "/shopeasy/$SHOPEASY_ENV/ecr/$service/repository-uri" \
      --query Parameter.Value --output text)
    aws ecr get-login-password | docker login --username AWS --password-stdin "${repo%%/*}"
    docker tag "shopeasy-$service:$tag" "$repo:$tag"
    docker push "$repo:$tag"
    digest=$(docker inspect --format '{{range .RepoDigests}}{{println .}}{{end}}' "$repo:$tag" |
      sed -n "s|^${repo}@||p" | head -n1)
    [ -n "$digest" ] || { echo "$service: no digest after pushing $repo:$tag" >&2; exit 1; }
    images+=("$(jq -cn --arg s "$service" --arg r "$repo" --arg d "$digest" '{($s): {repository: $r, digest: $d}}')")
    echo "$service: pushed $repo@$digest"
  fi
done

if [ "$mode" = push ]; then
  printf '%s\n' "${images[@]}" | jq -s --arg tag "$tag" '{tag: $tag, images: add}' >"$out/images.json"
  echo "images: $out/images.json"
fi
