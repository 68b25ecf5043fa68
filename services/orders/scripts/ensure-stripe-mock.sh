#!/usr/bin/env bash
# Installs stripe-mock (Stripe's API mock, a Go program) into <repo>/.tools/bin from the Go module
# proxy, for the Stripe adapter's tests. Does nothing when the pinned version is already there.
set -euo pipefail

STRIPE_MOCK_VERSION="${STRIPE_MOCK_VERSION:-v0.203.0}"
root="$(cd "$(dirname "$0")/../../.." && pwd)"
bin_dir="$root/.tools/bin"
binary="$bin_dir/stripe-mock"
stamp="$bin_dir/.stripe-mock.version"

if [[ -x "$binary" && -f "$stamp" && "$(cat "$stamp")" == "$STRIPE_MOCK_VERSION" ]]; then
  exit 0
fi
if ! command -v go >/dev/null 2>&1; then
  echo "ensure-stripe-mock: Go is needed to install stripe-mock ($STRIPE_MOCK_VERSION); install Go 1.22+." >&2
  exit 1
fi
mkdir -p "$bin_dir"
echo "ensure-stripe-mock: installing github.com/stripe/stripe-mock@$STRIPE_MOCK_VERSION into $bin_dir" >&2
GOBIN="$bin_dir" GOFLAGS=-buildvcs=false go install "github.com/stripe/stripe-mock@$STRIPE_MOCK_VERSION"
echo "$STRIPE_MOCK_VERSION" >"$stamp"
