#!/usr/bin/env bash
# Builds every project and lays out the programs under their NUT names in artifacts/bin/
# (each a link to the one multi-call executable, which dispatches on the name it is run as).
#   ./build.sh            build (framework-dependent, Release)
#   ./build.sh --debug    Debug configuration
set -euo pipefail
cd "$(dirname "$0")"
config=Release
[ "${1:-}" = "--debug" ] && config=Debug
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

dotnet build NutSharp.slnx -c "$config" -nologo -clp:ErrorsOnly -v:q
dotnet publish src/nut/nut.csproj -c "$config" --no-build -nologo -v:q -o artifacts/nut >/dev/null

mkdir -p artifacts/bin
names=$(artifacts/nut/nut --list)
for name in $names; do
  ln -sfn ../nut/nut "artifacts/bin/$name"
done
echo "build: $(echo $names | wc -w) programs in artifacts/bin/ -> artifacts/nut/nut"
