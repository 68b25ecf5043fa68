#!/usr/bin/env bash
# The generated Go partner client against SHOPEASY_BASE_URL, or against the Prism mock (started
# here, stopped on exit) when it is unset. Extra arguments go to `go test`.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
mkdir -p "$root/.local"
source "$root/partners/run-mock.sh"
cd "$root/partners/go"
GOFLAGS=-mod=mod go test -count=1 -v "$@" ./...
