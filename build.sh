#!/usr/bin/env bash
# Builds every project and lays out the programs under their NUT names in artifacts/bin/, each a link
# to the one multi-call executable artifacts/nut/nut (it dispatches on the name it is run as) -- except
# upsweb, its own executable artifacts/upsweb/upsweb (ASP.NET Core would double every daemon's memory).
#   ./build.sh          NativeAOT executable (what users run: starts in milliseconds, small RSS)
#   ./build.sh --jit    framework-dependent executable (faster to build, for debugging)
#   ./build.sh --pie    NativeAOT, position-independent (ASLR for the executable too; costs ~2 MB of private
#                       memory per process and a slower start -- see src/nut/nut.csproj)
set -euo pipefail
cd "$(dirname "$0")"
mode=aot
pie=false
case "${1:-}" in
  --jit) mode=jit ;;
  --pie) pie=true ;;
  "") ;;
  *) echo "usage: ./build.sh [--jit|--pie]" >&2; exit 2 ;;
esac
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# Every project, tests included (warnings are errors everywhere).
dotnet build NutSharp.slnx -c Release -nologo -clp:ErrorsOnly -v:q

publish() { # project outdir
  rm -rf "$2"
  if [ "$mode" = aot ]; then
    dotnet publish "$1" -c Release -nologo -v:q -clp:ErrorsOnly -r linux-x64 -p:PublishAot=true -p:NutPie=$pie -o "$2" >/dev/null
    rm -f "$2"/*.dbg "$2"/*.pdb
  else
    dotnet publish "$1" -c Release --no-build -nologo -v:q -o "$2" >/dev/null
  fi
}
publish src/nut/nut.csproj artifacts/nut
publish src/upsweb/upsweb.csproj artifacts/upsweb

mkdir -p artifacts/bin
find artifacts/bin -maxdepth 1 -type l -delete
names=$(artifacts/nut/nut --list)
for name in $names; do
  ln -sfn ../nut/nut "artifacts/bin/$name"
done
ln -sfn ../upsweb/upsweb artifacts/bin/upsweb
echo "build: $(echo $names | wc -w) programs ($mode) in artifacts/bin/ -> artifacts/nut/nut, and upsweb -> artifacts/upsweb/upsweb"
