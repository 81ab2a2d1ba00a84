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
results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT

# Runs one test project; its output goes to $results/NAME.log, its counts to $results/NAME.counts.
run_project() { # name
  local name=$1 log="$results/$1.log" line p f s
  dotnet test "tests/$name/$name.csproj" -c Release --no-build -nologo "${filter[@]}" >"$log" 2>&1
  local rc=$?
  line=$(grep -E '(Passed|Failed)!.*Failed:.*Passed:.*Skipped:' "$log" | tail -1)
  if [ -n "$line" ]; then
    f=$(sed -E 's/.*Failed:[[:space:]]*([0-9]+).*/\1/' <<<"$line")
    p=$(sed -E 's/.*Passed:[[:space:]]*([0-9]+).*/\1/' <<<"$line")
    s=$(sed -E 's/.*Skipped:[[:space:]]*([0-9]+).*/\1/' <<<"$line")
  elif grep -qE 'No test matches the given testcase filter|No test is available in' "$log"; then
    p=0 f=0 s=0
  else
    echo "test: $name produced no result summary (crashed test host?)" >>"$log"
    p=0 f=1 s=0
  fi
  echo "$p $f $s $rc" >"$results/$name.counts"
  { echo "=== $name"; cat "$log"; } # printed whole when done, so two lanes never interleave their lines
}

# Two lanes side by side: most tests wait on daemons, poll intervals and time-outs rather than the CPU, so on
# two cores the suite takes about half the time. Each lane runs its projects one after another, balanced by
# their measured durations. TEST_LANES=1 runs everything in one lane.
lane_a=(Nut.Drivers.Tests Nut.Web.Tests Nut.Tools.Tests Nut.Core.Tests)
lane_b=(Nut.Monitor.Tests Nut.Interop.Tests Nut.Server.Tests)
for proj in tests/*/*.Tests.csproj; do # a project in neither list still runs (in lane b)
  name=$(basename "$proj" .csproj)
  [[ " ${lane_a[*]} ${lane_b[*]} " == *" $name "* ]] || lane_b+=("$name")
done
if [ "${TEST_LANES:-2}" = 1 ]; then
  for name in "${lane_a[@]}" "${lane_b[@]}"; do run_project "$name"; done
else
  ( for name in "${lane_a[@]}"; do run_project "$name"; done ) &
  lane_a_pid=$!
  ( for name in "${lane_b[@]}"; do run_project "$name"; done ) &
  lane_b_pid=$!
  wait "$lane_a_pid" "$lane_b_pid"
fi
for counts in "$results"/*.counts; do
  read -r p f s rc <"$counts"
  passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
  [ "$rc" -ne 0 ] && status=1
done
for name in "${lane_a[@]}" "${lane_b[@]}"; do
  [ -f "$results/$name.counts" ] || { echo "test: $name did not run" >&2; failed=$((failed + 1)); }
done
# A short real fuzz run (docs/fuzzing.md): afl-fuzz over every harness for a few seconds each, counted as one
# test. It fails (never skips) when afl-fuzz cannot run; the corpus replay is in Nut.Core.Tests above.
echo "=== fuzz (fuzz/run.sh all 4)"
if FUZZ_APP=fuzz/Nut.Fuzz/bin/Release/net10.0 fuzz/run.sh all 4; then
  passed=$((passed + 1))
else
  echo "test: the fuzz run failed: a parser crashed (fuzz/crashes/) or afl-fuzz could not run (see above)" >&2
  failed=$((failed + 1))
fi
[ "$failed" -ne 0 ] && status=1
if [ "$skipped" -ne 0 ]; then
  echo "$passed passed, $failed failed, $skipped skipped"
else
  echo "$passed passed, $failed failed"
fi
exit $status
