#!/usr/bin/env bash
# The release's one cloud assembly: synthesized once per commit, then deployed to every environment.
#   release-assembly.sh synth <commit>   synthesizes every environment with the commit's image tag
#                                        into infra/release.out (Lambda code bundled) and runs
#                                        `npm run deploy:check` on that assembly;
#   release-assembly.sh diff <env>       `cdk diff` of infra/release.out against what <env> runs
#                                        (the environment's deploy role), into
#                                        reports/cdk-diff-<env>.txt for the approver.
set -euo pipefail
cd "$(dirname "$0")/.."
assembly=infra/release.out
case "${1:-}" in
  synth)
    commit=${2:?usage: release-assembly.sh synth <commit>}
    rm -rf "$assembly"
    npm run --silent synth:release -w @shopeasy/infra -- -c "imageTag=$commit"
    npm run --silent deploy:check -- --assembly "$assembly" --image-tag "$commit"
    ;;
  diff)
    env=${2:?usage: release-assembly.sh diff <dev|staging|prod>}
    [ -f "$assembly/manifest.json" ] || { echo "No $assembly: run 'release-assembly.sh synth <commit>' first" >&2; exit 1; }
    stacks="ShopEasy-${env^}-*"
    mkdir -p reports
    # Exit 1 from cdk diff means "there are differences", not a failure.
    (cd infra && CDK_DISABLE_CLI_TELEMETRY=true npx --no-install cdk diff --app release.out "$stacks" --no-notices --fail false) 2>&1 |
      tee "reports/cdk-diff-$env.txt"
    ;;
  *)
    echo "usage: release-assembly.sh synth <commit> | diff <env>" >&2
    exit 2
    ;;
esac
