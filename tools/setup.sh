#!/usr/bin/env bash
# One command on a fresh Debian machine (as root): installs what NodeOps needs, builds it, starts a demo
# node (a real sshd in its own network namespace), registers it, and runs a first command on it.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export FLEET_STATE="$root/.fleet-demo"

bash tests/bootstrap-os.sh
bash tools/build.sh
ln -sf "$root/out/host/nodeops" /usr/local/bin/nodeops

bash tests/fleet/fleet.sh down >/dev/null 2>&1 || true
bash tests/fleet/fleet.sh up 1
IFS=$'\t' read -r name address port user key < <(sed -n 2p "$FLEET_STATE/nodes.tsv")

nodeops -c "
\$node = Get-ManagedNode -Name demo -ErrorAction Ignore
if (-not \$node) { \$node = Register-ManagedNode -Name demo -Address $address -Port $port -UserName $user -KeyFilePath '$key' -HostKeyPolicy Ignore -Tag @{ Env = 'demo' } }
Set-ManagedNode -NodeId demo -Address $address -KeyFilePath '$key' -HostKeyPolicy Ignore
Test-ManagedNode -NodeId demo | Out-Default
Invoke-NodeCommand -Tag Env=demo -ShellScript 'echo Hello from \$(hostname); uname -sr' | Out-Default
"
echo
echo "NodeOps is ready: run 'nodeops' for a prompt with the module loaded. Stop the demo node with: FLEET_STATE=$FLEET_STATE bash tests/fleet/fleet.sh down"
