#!/usr/bin/env bash
# Regenerates generated/ from contracts/. With --check, generates into a scratch folder and
# fails when the committed generated/ differs (the drift gate).
#   generated/typescript  @shopeasy/api-client: openapi-generator typescript-fetch client of the
#                         whole API + openapi-typescript types per domain (typed handlers)
#   generated/python      partner client (openapi-generator python)
#   generated/go          partner client (openapi-generator go)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh

check=false
[ "${1:-}" = "--check" ] && check=true

# The npm wrapper would download its JAR at run time; the PyPI wheel in .venv carries it.
gen_version=$(node -p "require('./openapitools.json')['generator-cli'].version")
jar_dir=.tools/openapi-generator
if [ ! -f "$jar_dir/$gen_version.jar" ]; then
  mkdir -p "$jar_dir"
  cp "$(.venv/bin/python -c 'import openapi_generator_cli,os;print(os.path.dirname(openapi_generator_cli.__file__))')/openapi-generator.jar" \
    "$jar_dir/$gen_version.jar"
fi

if $check; then
  node tools/contracts/bundle.mjs --check
  # generated/.stamp.json (written below by every generation) says generated/ is what the
  # generators made from exactly these inputs; anything changed since, or GENERATE_CHECK_FULL=1,
  # and the gate regenerates into a scratch folder and compares.
  if [ "${GENERATE_CHECK_FULL:-}" != 1 ] && node scripts/generated-stamp.mjs check; then exit 0; fi
else
  npm run --silent contracts:bundle
fi
bundle=contracts/dist/shopeasy.openapi.yaml
# The services' client also covers the /internal/ service-to-service operations.
internal_bundle=contracts/dist/shopeasy.internal.openapi.json
domains=(users catalog cart orders feedback)

out=generated
if $check; then out=$(mktemp -d); trap 'rm -rf "$out"' EXIT; fi

gen() { npx --no-install openapi-generator-cli generate --global-property apiTests=false,modelTests=false,apiDocs=false,modelDocs=false \
  "$@" >/dev/null; }

# TypeScript client package
ts=$out/typescript
rm -rf "$ts/src" && mkdir -p "$ts/src/types"
gen -i "$internal_bundle" -g typescript-fetch -o "$ts/src/client" \
  --additional-properties=supportsES6=true,importFileExtension=.js,stringEnums=true,useSingleRequestParameter=true
for d in "${domains[@]}"; do
  npx --no-install openapi-typescript "contracts/$d.yaml" -o "$ts/src/types/$d.ts" --immutable=false >/dev/null 2>&1
done
node scripts/write-ts-package.mjs "$ts" "${domains[@]}"

# Partner clients
rm -rf "$out/python" "$out/go"
gen -i "$bundle" -g python -o "$out/python" --additional-properties=packageName=shopeasy_client,projectName=shopeasy-client,packageVersion=1.0.0
gen -i "$bundle" -g go -o "$out/go" --git-user-id shopeasy --git-repo-id shopeasy-go \
  --additional-properties=packageName=shopeasy,isGoSubmodule=true,withGoMod=true
rm -f "$out/go/git_push.sh" "$out/python/git_push.sh" "$out/go/.travis.yml" "$out/python/.travis.yml"
rm -rf "$out/python/.github" "$out/python/.gitlab-ci.yml" "$out/go/.openapi-generator-ignore" "$out/python/.openapi-generator-ignore"
npx --no-install prettier --config .prettierrc.json --ignore-path /dev/null --log-level=warn --write "$ts/src" "$ts/package.json" "$ts/tsconfig.json" >/dev/null

if $check; then
  # Only the generated sources are compared; build output and installs are ignored.
  if ! diff -r -q -x dist -x node_modules -x '*.tsbuildinfo' -x __pycache__ -x .stamp.json generated "$out"; then
    echo "generated/ is out of date with contracts/: run 'npm run generate' and commit the result." >&2
    exit 1
  fi
  echo "generated/ matches contracts/"
else
  node scripts/generated-stamp.mjs write
fi
