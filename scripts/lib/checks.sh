# Sourced by scripts/test.sh, infra-checks.sh, ops-checks.sh and bootstrap.sh: one way to run a
# list of checks that all run even after a failure, and one way to install a Python venv.

checks_passed=0
checks_failed=0
checks_failures=()

# check NAME COMMAND...: runs the command, prints its outcome and duration, counts it.
check() {
  local name=$1 started=$SECONDS
  shift
  echo
  echo "=== $name"
  if "$@"; then
    checks_passed=$((checks_passed + 1))
    echo "=== $name: ok ($((SECONDS - started)) s)"
  else
    checks_failed=$((checks_failed + 1))
    checks_failures+=("$name")
    echo "=== $name: FAILED ($((SECONDS - started)) s)"
  fi
}

# checks_report LABEL: prints the failed checks and "LABEL: N passed, N failed"; fails if any failed.
checks_report() {
  echo
  local name
  for name in "${checks_failures[@]}"; do echo "FAILED: $name"; done
  echo "$1: $checks_passed passed, $checks_failed failed"
  [ "$checks_failed" -eq 0 ]
}

# ensure_venv DIR REQUIREMENTS: (re)creates the venv when the requirements file changed since the
# last install; does nothing otherwise.
ensure_venv() {
  local dir=$1 requirements=$2 stamp
  stamp=$(sha256sum "$requirements" | cut -d' ' -f1)
  if [ -f "$dir/.shopeasy-stamp" ] && [ "$(cat "$dir/.shopeasy-stamp")" = "$stamp" ]; then return 0; fi
  echo "installing Python environment $dir from $requirements"
  python3 -m venv "$dir" &&
    "$dir/bin/pip" install --quiet --disable-pip-version-check -r "$requirements" &&
    echo "$stamp" >"$dir/.shopeasy-stamp"
}
