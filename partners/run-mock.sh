#!/usr/bin/env bash
# Sourced by the partner smoke tests. SHOPEASY_BASE_URL set: they run against that ShopEasy (e.g. a
# local gateway). Unset: this starts the Prism mock on a free port, exports MOCK_URL and points
# SHOPEASY_BASE_URL at it, and stops the mock by PID when the calling script exits.
if [ -n "${SHOPEASY_BASE_URL:-}" ]; then
  return 0
fi
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
port=$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
MOCK_PORT=$port node "$root/mocks/start.mjs" >"$root/.local/mock-$port.log" 2>&1 &
mock_pid=$!
trap 'kill -TERM $mock_pid 2>/dev/null; wait $mock_pid 2>/dev/null' EXIT
export MOCK_URL="http://127.0.0.1:$port"
export SHOPEASY_BASE_URL=$MOCK_URL
for _ in $(seq 1 240); do
  curl -fsS "$MOCK_URL/v1/categories" >/dev/null 2>&1 && break
  kill -0 $mock_pid 2>/dev/null || { cat "$root/.local/mock-$port.log"; exit 1; }
  sleep 0.25
done
