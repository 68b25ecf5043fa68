# Sourced by scripts/test.sh, infra-checks.sh, ops-checks.sh and bootstrap.sh: one way to run a
# list of checks that all run even after a failure (and, from cache.sh, one way to install a venv).

checks_passed=0
checks_failed=0
checks_failures=()

# check NAME COMMAND...: runs the command, prints its outcome and duration, counts it. With
# CHECKS_RESULTS set (not exported, so nested scripts keep their own), it also appends
# "ok|FAILED<TAB>seconds<TAB>lane<TAB>name<TAB>cpu seconds" to that file for checks_table. The CPU
# seconds (user + system of every process the check waited for) show what a stage costs the machine,
# which its wall time in a shared run does not.
check() {
  local name=$1 started=$SECONDS outcome cpu_file cpu
  shift
  echo
  echo "=== $name"
  cpu_file=$(mktemp)
  if (
    "$@"
    rc=$?
    times >"$cpu_file" # not in a pipeline: that would be a subshell with no children
    exit $rc
  ); then
    checks_passed=$((checks_passed + 1))
    outcome=ok
  else
    checks_failed=$((checks_failed + 1))
    checks_failures+=("$name")
    outcome=FAILED
  fi
  # `times` prints the children's "user system" as e.g. "1m2.500s 0m3.250s".
  cpu=$(awk 'NR == 2 { t = 0; for (i = 1; i <= 2; i++) { split($i, p, /[ms]/); t += p[1] * 60 + p[2] } printf "%d", t }' "$cpu_file")
  rm -f "$cpu_file"
  echo "=== $name: $outcome ($((SECONDS - started)) s, ${cpu:-?} s of CPU)"
  if [ -n "${CHECKS_RESULTS:-}" ]; then
    printf '%s\t%s\t%s\t%s\t%s\n' "$outcome" "$((SECONDS - started))" "${CHECKS_LANE:--}" "$name" "${cpu:--}" >>"$CHECKS_RESULTS"
  fi
  [ "$outcome" = ok ]
}

# checks_report LABEL: prints the failed checks and "LABEL: N passed, N failed"; fails if any failed.
checks_report() {
  echo
  local name
  for name in "${checks_failures[@]}"; do echo "FAILED: $name"; done
  echo "$1: $checks_passed passed, $checks_failed failed"
  [ "$checks_failed" -eq 0 ]
}

# checks_table FILE LABEL: the stage table of the checks recorded in FILE (from any lane), the
# failed ones, and "LABEL: N passed, N failed"; fails if any failed.
checks_table() {
  local file=$1 label=$2 outcome seconds lane name cpu passed=0 failed=0
  echo
  printf '%-8s %6s %6s  %-8s %s\n' result seconds cpu-s lane stage
  while IFS=$'\t' read -r outcome seconds lane name cpu; do
    printf '%-8s %6s %6s  %-8s %s\n' "$outcome" "$seconds" "$cpu" "$lane" "$name"
    if [ "$outcome" = ok ]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
  done <"$file"
  echo
  grep '^FAILED' "$file" | cut -f4 | sed 's/^/FAILED: /'
  echo "$label: $passed passed, $failed failed"
  [ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
}

# ensure_venv lives with the other caches of built tools.
source "$(dirname "${BASH_SOURCE[0]}")/cache.sh"
