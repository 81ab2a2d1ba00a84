#!/usr/bin/env bash
# For developers working side by side: builds the multi-call executable into its own folder
# (so concurrent builds never share obj/ or bin/) and links every program name there.
#   scripts/dev-bin.sh /tmp/me        -> /tmp/me/bin/upsd, /tmp/me/bin/dummy-ups, ...
# Then run tests against it with NUTSHARP_BIN=/tmp/me/bin.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:?usage: dev-bin.sh OUTDIR}
mkdir -p "$out"
dotnet build "$root/src/nut/nut.csproj" -c Debug -nologo -clp:ErrorsOnly -v:q --artifacts-path "$out/build" >/dev/null
exe=$(ls -d "$out"/build/bin/nut/debug*/nut | head -1)
mkdir -p "$out/bin"
for name in $("$exe" --list); do ln -sfn "$exe" "$out/bin/$name"; done
dotnet build "$root/src/upsweb/upsweb.csproj" -c Debug -nologo -clp:ErrorsOnly -v:q --artifacts-path "$out/build" >/dev/null
ln -sfn "$(ls -d "$out"/build/bin/upsweb/debug*/upsweb | head -1)" "$out/bin/upsweb"
echo "$out/bin"
