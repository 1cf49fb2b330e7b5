#!/usr/bin/env bash
# Fan-out benchmark: `hostname` on 20, 50 and 100 test nodes, cold and warm, by NodeOps, the engine's
# Invoke-Command over SSH, parallel-ssh and Ansible ad-hoc, at the same concurrency. Prints a table with
# wall seconds, ratios and CPU seconds per node (all processes on the machine: the nodes share its cores).
#   bench/fanout.sh [SIZES] [CONCURRENCY]     e.g. bench/fanout.sh "20 50 100" 50
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
sizes="${1:-20 50 100}"
conc="${2:-50}"
export FLEET_STATE="$root/.fleet-bench"
work="$(mktemp -d)"
trap 'bash tests/fleet/fleet.sh down >/dev/null 2>&1 || true; rm -rf "$work"' EXIT

bash tests/bootstrap-os.sh >/dev/null
for p in pssh ansible; do dpkg -s "$p" >/dev/null 2>&1 || apt-get install -y -qq --no-install-recommends "$p" >/dev/null; done
[[ -x out/host/nodeops ]] || bash tools/build.sh >/dev/null
max=0; for s in $sizes; do (( s > max )) && max=$s; done
bash tests/fleet/fleet.sh down >/dev/null 2>&1 || true
bash tests/fleet/fleet.sh up "$max"
key="$FLEET_STATE/id_ed25519"

busy() { awk '/^cpu /{print $2+$3+$4+$7+$8}' /proc/stat; }
hz=$(getconf CLK_TCK)
results="$work/results.tsv"
: > "$results"

# Runs a command, appends "tool mode nodes conc seconds ok cpu_s_per_node".
measure() {
  local tool=$1 mode=$2 n=$3; shift 3
  local b0 t0 t1 b1 ok
  b0=$(busy); t0=$(date +%s.%N)
  ok=$("$@" 2>/dev/null || true)
  t1=$(date +%s.%N); b1=$(busy)
  printf '%s\t%s\t%s\t%s\t%.3f\t%s\t%.3f\n' "$tool" "$mode" "$n" "$conc" "$(echo "$t1 - $t0" | bc)" "$ok" \
    "$(echo "($b1 - $b0) / $hz / $n" | bc -l)" >> "$results"
}

pssh_run() {
  parallel-ssh -h "$work/hosts$1" -l root -p "$conc" -t 120 \
    -x "-i $key -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=QUIET" -i hostname | grep -c SUCCESS
}
ansible_run() {
  ANSIBLE_HOST_KEY_CHECKING=False ANSIBLE_PYTHON_INTERPRETER=/usr/bin/python3 ansible all -i "$work/hosts$1.ini" -u root \
    --private-key "$key" -f "$conc" -m command -a hostname -o 2>/dev/null | grep -c CHANGED
}

for n in $sizes; do
  sed -n "2,$((n + 1))p" "$FLEET_STATE/nodes.tsv" | cut -f2 > "$work/hosts$n"
  cp "$work/hosts$n" "$work/hosts$n.ini"
  # NodeOps and Invoke-Command: each line of the script's output is one run; CPU is measured per run by
  # sampling around the whole script, so those rows carry the script's CPU split evenly (see README).
  b0=$(busy)
  out/host/nodeops -File bench/fanout.ps1 "$FLEET_STATE/nodes.tsv" "$n" "$conc" "$work/bench$n.db" > "$work/ps$n.tsv"
  b1=$(busy)
  runs=$(wc -l < "$work/ps$n.tsv")
  awk -v cpu="$(echo "($b1 - $b0) / $hz / $n / $runs" | bc -l)" -F'\t' '{printf "%s\t%s\t%s\t%s\t%.3f\t%s\t%.3f\n", $1,$2,$3,$4,$5,$6,cpu}' "$work/ps$n.tsv" >> "$results"
  measure parallel-ssh cold "$n" pssh_run "$n"
  measure ansible cold "$n" ansible_run "$n"
done

echo
printf '%-15s %-6s %5s %4s %9s %5s %12s\n' tool mode nodes conc seconds ok cpu_s/node
sort -t$'\t' -k3,3n -k1,1 "$results" | awk -F'\t' '{printf "%-15s %-6s %5s %4s %9.3f %5s %12.3f\n", $1,$2,$3,$4,$5,$6,$7}'
echo
echo "Ratios (lower is better for NodeOps):"
for n in $sizes; do
  awk -F'\t' -v n="$n" '$3==n { t[$1" "$2]=$5 }
    END {
      w = t["nodeops warm3"]; c = t["nodeops cold"];
      printf "  %3s nodes: nodeops warm / parallel-ssh = %.2f; nodeops warm / Invoke-Command warm = %.2f; nodeops cold / Invoke-Command cold = %.2f; ansible / nodeops cold = %.2f\n",
        n, w / t["parallel-ssh cold"], w / t["invoke-command warm3"], c / t["invoke-command cold"], t["ansible cold"] / c }' "$results"
done
