#!/usr/bin/env bash
# The generated Go partner client against the Prism mock (started here, stopped on exit).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
mkdir -p "$root/.local"
source "$root/partners/run-mock.sh"
cd "$root/partners/go"
GOFLAGS=-mod=mod go test -count=1 -v ./...
