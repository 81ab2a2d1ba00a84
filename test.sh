#!/usr/bin/env bash
# Runs every test: builds, installs what the tests need (Debian's NUT 2.8.0 as the oracle, socat),
# runs each test project, and ends with the line "N passed, N failed". Exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

if ! scripts/install-test-deps.sh; then
  echo "test: the interop tests need Debian's nut-server and nut-client (see above)" >&2
  echo "0 passed, 1 failed"
  exit 1
fi
if ! ./build.sh; then
  echo "0 passed, 1 failed"
  exit 1
fi

passed=0 failed=0 skipped=0 status=0
filter=()
[ -n "${TEST_FILTER:-}" ] && filter=(--filter "$TEST_FILTER")
for proj in tests/*/*.Tests.csproj; do
  name=$(basename "$proj" .csproj)
  log=$(mktemp)
  echo "=== $name"
  dotnet test "$proj" -c Release --no-build -nologo "${filter[@]}" 2>&1 | tee "$log"
  rc=${PIPESTATUS[0]}
  line=$(grep -E '(Passed|Failed)!.*Failed:.*Passed:.*Skipped:' "$log" | tail -1)
  if [ -n "$line" ]; then
    f=$(sed -E 's/.*Failed:[[:space:]]*([0-9]+).*/\1/' <<<"$line")
    p=$(sed -E 's/.*Passed:[[:space:]]*([0-9]+).*/\1/' <<<"$line")
    s=$(sed -E 's/.*Skipped:[[:space:]]*([0-9]+).*/\1/' <<<"$line")
    passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
  elif grep -qE 'No test matches the given testcase filter|No test is available in' "$log"; then
    :
  else
    echo "test: $name produced no result summary (crashed test host?)" >&2
    failed=$((failed + 1))
  fi
  [ "$rc" -ne 0 ] && status=1
  rm -f "$log"
done
[ "$failed" -ne 0 ] && status=1
if [ "$skipped" -ne 0 ]; then
  echo "$passed passed, $failed failed, $skipped skipped"
else
  echo "$passed passed, $failed failed"
fi
exit $status
