#!/usr/bin/env bash
# Builds every project and lays out the programs under their NUT names in artifacts/bin/, each a link
# to the one multi-call executable artifacts/nut/nut (it dispatches on the name it is run as).
#   ./build.sh          NativeAOT executable (what users run: starts in milliseconds, small RSS)
#   ./build.sh --jit    framework-dependent executable (faster to build, for debugging)
set -euo pipefail
cd "$(dirname "$0")"
mode=aot
[ "${1:-}" = "--jit" ] && mode=jit
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# Every project, tests included (warnings are errors everywhere).
dotnet build NutSharp.slnx -c Release -nologo -clp:ErrorsOnly -v:q

rm -rf artifacts/nut
if [ "$mode" = aot ]; then
  dotnet publish src/nut/nut.csproj -c Release -nologo -v:q -clp:ErrorsOnly \
    -r linux-x64 -p:PublishAot=true -o artifacts/nut >/dev/null
  rm -f artifacts/nut/*.dbg artifacts/nut/*.pdb
else
  dotnet publish src/nut/nut.csproj -c Release --no-build -nologo -v:q -o artifacts/nut >/dev/null
fi

mkdir -p artifacts/bin
find artifacts/bin -maxdepth 1 -type l -delete
names=$(artifacts/nut/nut --list)
for name in $names; do
  ln -sfn ../nut/nut "artifacts/bin/$name"
done
echo "build: $(echo $names | wc -w) programs ($mode) in artifacts/bin/ -> artifacts/nut/nut"
