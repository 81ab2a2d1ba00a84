#!/usr/bin/env bash
# Fuzzes NutSharp's parsers of untrusted bytes with AFL++ through SharpFuzz (docs/fuzzing.md).
#   fuzz/run.sh TARGET|all SECONDS
# Builds fuzz/Nut.Fuzz (or takes a build from $FUZZ_APP), copies it to its own folder and instruments the
# copies of the NutSharp assemblies there, then runs afl-fuzz on each target in turn for SECONDS seconds
# starting from fuzz/corpus/TARGET/. Prints per target: executions, execs/s, paths, crashes, hangs.
# Crashing inputs are copied to fuzz/crashes/TARGET/. Exits 1 when any target crashed, 2 when afl-fuzz
# could not run at all (that is a failure, never a skip).
# Environment: FUZZ_OUT   work folder (default fuzz/out; the build, the instrumented copy, afl's findings)
#              FUZZ_APP   folder holding an already built Nut.Fuzz.dll (e.g. fuzz/Nut.Fuzz/bin/Release/net10.0)
#              FUZZ_TIMEOUT_MS  per-input time-out (default 5000; hangs beyond it are reported)
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
target=${1:?usage: fuzz/run.sh TARGET|all SECONDS}
seconds=${2:?usage: fuzz/run.sh TARGET|all SECONDS}
out=$(mkdir -p "${FUZZ_OUT:-$here/out}" && cd "${FUZZ_OUT:-$here/out}" && pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

die() { echo "fuzz: $*" >&2; exit 2; }

dotnet=$(command -v dotnet) || die "dotnet not found"
command -v afl-fuzz >/dev/null || die "afl-fuzz not found (Debian package afl++; scripts/install-test-deps.sh installs it)"

# 1. The harness, built once (or given).
if [ -n "${FUZZ_APP:-}" ]; then
  app_src=$(cd "$FUZZ_APP" && pwd) || die "FUZZ_APP=$FUZZ_APP is not a folder"
else
  dotnet build "$here/Nut.Fuzz/Nut.Fuzz.csproj" -c Release -nologo -clp:ErrorsOnly -v:q --artifacts-path "$out/build" >/dev/null \
    || die "building fuzz/Nut.Fuzz failed"
  app_src=$(ls -d "$out"/build/bin/Nut.Fuzz/release*/ | head -1)
fi
[ -f "$app_src/Nut.Fuzz.dll" ] || die "no Nut.Fuzz.dll in $app_src"

# 2. A fresh copy, with the parsers' assemblies instrumented (instrumenting is in place and not repeatable).
app="$out/app"
rm -rf "$app" && mkdir -p "$app" && cp -a "$app_src"/. "$app"/
(cd "$root" && dotnet tool restore >/dev/null) || die "dotnet tool restore (SharpFuzz.CommandLine) failed"
pids=()
for asm in Nut.Core Nut.Client Nut.Server Nut.Drivers; do # each its own file: done side by side
  (cd "$root" && dotnet tool run sharpfuzz "$app/$asm.dll" >"$out/sharpfuzz-$asm.log" 2>&1) &
  pids+=($!)
done
for i in "${!pids[@]}"; do
  wait "${pids[$i]}" || { cat "$out"/sharpfuzz-*.log >&2; die "sharpfuzz could not instrument the assemblies"; }
done

if [ "$target" = all ]; then
  targets=$(dotnet "$app/Nut.Fuzz.dll" --list) || die "Nut.Fuzz --list failed"
else
  targets=$target
fi

# 3. afl-fuzz, one target after the other (the machine's cores are shared).
# The target binary is dotnet, not instrumented itself: SharpFuzz's fork server speaks AFL's protocol.
export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_NO_AFFINITY=1 AFL_QUIET=1
# A core_pattern piping cores to a helper delays crash reports; afl refuses to start unless told it is fine.
if [ "$(cat /proc/sys/kernel/core_pattern 2>/dev/null | cut -c1)" = "|" ]; then
  export AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1
fi
export AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=${AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES:-1}

field() { sed -n "s/^$1 *: *//p" "$2"; }

crashed=0 broken=0
printf '%-16s %12s %10s %7s %8s %6s\n' target executions execs/s paths crashes hangs
for t in $targets; do
  corpus="$here/corpus/$t"
  [ -d "$corpus" ] && [ -n "$(ls -A "$corpus")" ] || die "no seed corpus in $corpus"
  findings="$out/findings/$t"
  rm -rf "$findings" && mkdir -p "$out/findings"
  log="$out/afl-$t.log"
  afl-fuzz -i "$corpus" -o "$findings" -t "${FUZZ_TIMEOUT_MS:-5000}" -m none -V "$seconds" \
    -- "$dotnet" "$app/Nut.Fuzz.dll" "$t" >"$log" 2>&1
  rc=$?
  stats="$findings/default/fuzzer_stats"
  if [ ! -f "$stats" ]; then
    echo "fuzz: afl-fuzz did not run target $t (exit $rc); the end of $log:" >&2
    tail -20 "$log" >&2
    broken=1
    continue
  fi
  execs=$(field execs_done "$stats")
  rate=$(field execs_per_sec "$stats")
  paths=$(field corpus_count "$stats")
  crashes=$(field saved_crashes "$stats")
  hangs=$(field saved_hangs "$stats")
  printf '%-16s %12s %10s %7s %8s %6s\n' "$t" "$execs" "$rate" "$paths" "$crashes" "$hangs"
  if [ "${crashes:-0}" -gt 0 ]; then
    crashed=1
    mkdir -p "$here/crashes/$t"
    cp "$findings"/default/crashes/id:* "$here/crashes/$t/" 2>/dev/null
    echo "fuzz: $t crashed; inputs in fuzz/crashes/$t/ (replay: dotnet Nut.Fuzz.dll $t FILE)" >&2
  fi
  if [ "${execs:-0}" -eq 0 ]; then
    echo "fuzz: afl-fuzz ran no input through $t; the end of $log:" >&2
    tail -20 "$log" >&2
    broken=1
  fi
done
[ "$broken" -ne 0 ] && exit 2
[ "$crashed" -ne 0 ] && exit 1
exit 0
