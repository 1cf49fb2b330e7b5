#!/usr/bin/env bash
# Compliance checks benchmark: the three example checks (docs/examples/checks/linux) on N test nodes, by
# NodeOps Invoke-NodeComplianceCheck (cold and warm; results recorded in the catalog) and by a plain
# parallel-ssh run of the same three scripts through the node's PowerShell host (text output, nothing kept).
#   bench/compliance.sh [SIZES] [CONCURRENCY]     e.g. bench/compliance.sh "6 12" 12
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
sizes="${1:-6 12}"
conc="${2:-12}"
export FLEET_STATE="$root/.fleet-bench"
work="$(mktemp -d)"
trap 'bash tests/fleet/fleet.sh down >/dev/null 2>&1 || true; rm -rf "$work"' EXIT

bash tests/bootstrap-os.sh >/dev/null
dpkg -s pssh >/dev/null 2>&1 || apt-get install -y -qq --no-install-recommends pssh >/dev/null
[[ -x out/host/nodeops ]] || bash tools/build.sh >/dev/null
max=0; for s in $sizes; do (( s > max )) && max=$s; done
bash tests/fleet/fleet.sh down >/dev/null 2>&1 || true
bash tests/fleet/fleet.sh up "$max"
key="$FLEET_STATE/id_ed25519"
checks="$root/docs/examples/checks/linux"
# The nodes' roots are copy-on-write views of this machine's, so the peer finds the same files there.
remote="$root/out/host/nodeops -c 'foreach (\$c in [System.IO.Directory]::GetFiles(\"$checks\", \"*.ps1\")) { & \$c }'"
results="$work/results.tsv"
: > "$results"

for n in $sizes; do
  sed -n "2,$((n + 1))p" "$FLEET_STATE/nodes.tsv" | cut -f2 > "$work/hosts$n"
  out/host/nodeops -File bench/compliance.ps1 "$FLEET_STATE/nodes.tsv" "$n" "$conc" "$work/bench$n.db" "$checks" >> "$results"
  for i in 1 2 3; do
    t0=$(date +%s.%N)
    ok=$(parallel-ssh -h "$work/hosts$n" -l root -p "$conc" -t 120 \
      -x "-i $key -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=QUIET" -i "$remote" 2>/dev/null | grep -c SUCCESS || true)
    t1=$(date +%s.%N)
    printf 'parallel-ssh\trun%s\t%s\t%s\t%.3f\t%s\n' "$i" "$n" "$conc" "$(echo "$t1 - $t0" | bc)" "$ok" >> "$results"
  done
done

echo
printf '%-13s %-6s %5s %4s %9s %5s\n' tool mode nodes conc seconds ok
sort -t$'\t' -k3,3n -k1,1 "$results" | awk -F'\t' '{printf "%-13s %-6s %5s %4s %9.3f %5s\n", $1,$2,$3,$4,$5,$6}'
echo
echo "Ratios (NodeOps / parallel-ssh, lower is better for NodeOps; parallel-ssh = median of its 3 runs, warm = median of 3):"
for n in $sizes; do
  awk -F'\t' -v n="$n" '$3==n { if ($1=="parallel-ssh") p[++np]=$5; else if ($2 ~ /^warm/) w[++nw]=$5; else c=$5 }
    function med(a, k,  i, j, t) { for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }; return a[int((k + 1) / 2)] }
    END { pm = med(p, np); wm = med(w, nw); printf "  %3s nodes: nodeops cold / parallel-ssh = %.2f; nodeops warm / parallel-ssh = %.2f\n", n, c / pm, wm / pm }' "$results"
done
