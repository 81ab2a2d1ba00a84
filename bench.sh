#!/usr/bin/env bash
# Benchmarks NutSharp against Debian's NUT 2.8.0 in the same run and writes docs/performance.md.
#   ./bench.sh [seconds-per-phase]      (default 3; the whole run takes a few minutes)
# Needs root for Debian's NUT packages (installed by scripts/install-test-deps.sh) and the native build.
set -euo pipefail
cd "$(dirname "$0")"
scripts/install-test-deps.sh
[ -x artifacts/bin/upsd ] && [ -x artifacts/bin/upsc ] || ./build.sh
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
dotnet build bench/NutBench/NutBench.csproj -c Release -nologo -clp:ErrorsOnly -v:q >/dev/null
exec dotnet bench/NutBench/bin/Release/net10.0/NutBench.dll "${1:-3}"
