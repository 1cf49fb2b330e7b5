#!/usr/bin/env bash
# Builds every project and stages the importable module in out/NodeOps and the nodeops host in out/host.
# (build.ps1 does the same for people who have pwsh or the nodeops host.)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
config="${CONFIGURATION:-Release}"

dotnet build NodeOps.sln -c "$config" --nologo -v quiet -clp:ErrorsOnly

tfm=net10.0
module="$root/out/NodeOps"
rm -rf "$module" "$root/out/host"
mkdir -p "$module/dependencies" "$module/en-US" "$root/out/host"
cp "src/NodeOps/bin/$config/$tfm/NodeOps.dll" "src/NodeOps.Loader/bin/$config/$tfm/NodeOps.Loader.dll" "$module/"
for dll in NodeOps.Core LiteDB YamlDotNet Cronos Ical.Net NodaTime; do
  cp "src/NodeOps/bin/$config/$tfm/$dll.dll" "$module/dependencies/"
done
cp NodeOps.psd1 src/NodeOps/NodeOps.format.ps1xml "$module/"

dotnet run --project tools/HelpBuilder -c "$config" --no-build -- --docs docs --out en-US/NodeOps.dll-Help.xml \
  --check-cmdlets "$(sed -n "/CmdletsToExport/,/)/p" NodeOps.psd1 | grep -o "'[A-Za-z-]*'" | tr -d "'" | paste -sd, -)"
cp en-US/NodeOps.dll-Help.xml "$module/en-US/"
# Conceptual topics: Get-Help about_NodeOps_* reads <module>/en-US/about_*.help.txt; the markdown reads fine as text.
for topic in docs/about_*.md; do
  [[ -f "$topic" ]] && cp "$topic" "$module/en-US/$(basename "$topic" .md).help.txt"
done

# The host is published ReadyToRun (precompiled, as pwsh ships): it starts in about a third of the CPU
# time, which matters on test nodes, where every remoting session starts one.
case "$(uname -m)" in x86_64) rid=linux-x64 ;; aarch64) rid=linux-arm64 ;; *) rid="" ;; esac
if [[ -n "$rid" ]]; then
  dotnet publish src/NodeOps.Host -c "$config" -r "$rid" --self-contained false -p:PublishReadyToRun=true \
    --nologo -v quiet -clp:ErrorsOnly -o "$root/out/host"
else
  cp -r "src/NodeOps.Host/bin/$config/$tfm/." "$root/out/host/"
fi
cp -p "$root/out/host/NodeOps.Host" "$root/out/host/nodeops"
echo "Staged module: $module"
echo "Staged host:   $root/out/host/nodeops"
