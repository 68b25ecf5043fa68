# Sourced by scripts that need a Go program (the image scanner, the image copier): one way to build
# it once from the Go module proxy into .tools/bin, pinned, and to rebuild it when the pin changes.
# OpenTofu is built by scripts/infra-checks.sh itself: its module has replace directives.

GRYPE_PACKAGE=github.com/anchore/grype/cmd/grype
GRYPE_VERSION=v0.121.2
# Where grype downloads its vulnerability database from at run time (v6 schema).
GRYPE_DB_URL=https://grype.anchore.io/databases/v6/latest.json
CRANE_PACKAGE=github.com/google/go-containerregistry/cmd/crane
CRANE_VERSION=v0.22.1
# The breaking-change gate of the public contracts (tools/contracts/breaking-changes.mjs).
OASDIFF_PACKAGE=github.com/oasdiff/oasdiff
OASDIFF_VERSION=v1.37.0

# ensure_go_tool NAME PACKAGE VERSION [VERSION_VAR]: prints the path of .tools/bin/NAME, built from
# PACKAGE@VERSION unless that exact build is already there. Progress goes to stderr.
ensure_go_tool() {
  local name=$1 package=$2 version=$3 version_var=${4:-main.version} bin started
  bin="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/.tools/bin"
  if [ ! -x "$bin/$name" ] || [ "$(cat "$bin/$name.built-from" 2>/dev/null)" != "$package@$version" ]; then
    echo "building $name $version from the Go module proxy (once; kept in .tools/bin)" >&2
    started=$(date +%s)
    mkdir -p "$bin"
    # -X <VERSION_VAR>: what `<tool> version` prints (the release builds set it the same way).
    (cd /tmp && GOBIN="$bin" go install -trimpath -ldflags "-s -w -X ${version_var}=${version#v}" \
      "$package@$version") >&2 || return 1
    echo "$package@$version" >"$bin/$name.built-from"
    echo "$name built in $(($(date +%s) - started))s" >&2
  fi
  echo "$bin/$name"
}
