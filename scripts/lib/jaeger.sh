#!/usr/bin/env bash
# Jaeger v2 for local tracing (`TRACING=jaeger npm start`): built once from the Go module proxy
# into .tools/bin/jaeger and rebuilt only when JAEGER_VERSION changes. Run it, or source it and
# call ensure_jaeger; either way it prints nothing when the binary is already there.
#
# Jaeger's module version v1.76.0 is the release that ships the Jaeger v2 binary (v2.13.0).
JAEGER_VERSION=v1.76.0

ensure_jaeger() {
  local root bin started dir
  root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
  bin=$root/.tools/bin/jaeger
  # The version is stamped into the binary at build time (below), so this compares what is built.
  if [ -x "$bin" ] && "$bin" version 2>/dev/null | grep -q "\"gitVersion\":\"${JAEGER_VERSION}\""; then
    return 0
  fi
  echo "jaeger: building Jaeger ${JAEGER_VERSION} from the Go module proxy (a few minutes, once)"
  started=$(date +%s)
  # `go install pkg@version` refuses modules with replace directives, which Jaeger has, so the
  # module is downloaded through the proxy and built in place (as for OpenTofu in infra-checks.sh).
  dir=$(cd /tmp && go mod download -json "github.com/jaegertracing/jaeger@${JAEGER_VERSION}" |
    sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p') || return 1
  [ -n "$dir" ] || { echo "jaeger: go mod download gave no module directory" >&2; return 1; }
  mkdir -p "$(dirname "$bin")"
  # Built beside the target and moved into place, so an interrupted build leaves no broken binary.
  (cd "$dir" && go build -trimpath \
    -ldflags "-s -w -X github.com/jaegertracing/jaeger/internal/version.latestVersion=${JAEGER_VERSION}" \
    -o "$bin.partial" ./cmd/jaeger) || { rm -f "$bin.partial"; return 1; }
  mv -f "$bin.partial" "$bin"
  echo "jaeger: built in $(($(date +%s) - started))s, $(($(stat -c %s "$bin") / 1048576)) MiB: $bin"
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  ensure_jaeger
fi
