#!/usr/bin/env bash
# Patch scan benchmark: N test nodes, each pointed at a local apt repository with pending security updates,
# scanned by NodeOps (Invoke-PatchScan: apt-get update, installed packages, every offered version with its
# suite's Release data, baseline evaluation, compliance stored) and by a plain parallel ssh loop running
# `apt-get update -qq; apt list --upgradable` on every node (no evaluation, nothing stored), same concurrency.
#   FLEET_NET=K bench/patchscan.sh [NODES] [CONCURRENCY]        e.g. FLEET_NET=1 bench/patchscan.sh 20 20
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
n="${1:-20}"
conc="${2:-20}"
export FLEET_STATE="$root/.fleet-bench"
work="$(mktemp -d)"
trap 'bash tests/fleet/fleet.sh down >/dev/null 2>&1 || true; rm -rf "$work"' EXIT

bash tests/bootstrap-os.sh >/dev/null
[[ -x out/host/nodeops ]] || bash tools/build.sh >/dev/null
bash tests/fleet/fleet.sh down >/dev/null 2>&1 || true
bash tests/fleet/fleet.sh up "$n" >/dev/null
key="$FLEET_STATE/id_ed25519"

# A repository: 30 packages at 1.0 in bookworm (90 days old) and 1.1 in bookworm-security (30 days old).
repo="$work/repo"
for i in $(seq 1 30); do
  for v in 1.0 1.1; do
    d="$work/build/p$i-$v"; mkdir -p "$d/DEBIAN"
    printf 'Package: nodeops-bench-%s\nVersion: %s\nArchitecture: all\nMaintainer: bench <b@nodeops.invalid>\nSection: utils\nPriority: optional\nDescription: bench\n' "$i" "$v" > "$d/DEBIAN/control"
    pool=$([[ $v == 1.0 ]] && echo main || echo sec); mkdir -p "$repo/pool/$pool"
    dpkg-deb --root-owner-group -Zgzip --build "$d" "$repo/pool/$pool/nodeops-bench-${i}_${v}_all.deb" >/dev/null
  done
done
for s in "main bookworm 90" "sec bookworm-security 30"; do
  set -- $s
  mkdir -p "$repo/dists/$2/main/binary-all"
  (cd "$repo" && apt-ftparchive packages "pool/$1" > "dists/$2/main/binary-all/Packages" &&
   apt-ftparchive -o APT::FTPArchive::Release::Suite="$2" -o APT::FTPArchive::Release::Label=Debian-Security \
     -o APT::FTPArchive::Release::Date="$(date -u -d "-$3 days" '+%a, %d %b %Y %H:%M:%S UTC')" release "dists/$2" > "dists/$2/Release")
done
for i in $(seq 1 "$n"); do
  cp -a "$repo" "/proc/$(cat "$FLEET_STATE/n$i/pid")/root/srv/nodeops-bench"
  bash tests/fleet/fleet.sh exec "$i" bash -c '
    mkdir -p /etc/apt/bench-saved; mv /etc/apt/sources.list.d/* /etc/apt/bench-saved/ 2>/dev/null || true; rm -f /etc/apt/sources.list
    printf "%s\n" "deb [trusted=yes] file:/srv/nodeops-bench bookworm main" "deb [trusted=yes] file:/srv/nodeops-bench bookworm-security main" > /etc/apt/sources.list.d/bench.list
    apt-get update -qq >/dev/null 2>&1; dpkg -i /srv/nodeops-bench/pool/main/*.deb >/dev/null'
done

results="$work/results.tsv"
out/host/nodeops -File bench/patchscan.ps1 "$FLEET_STATE/nodes.tsv" "$n" "$conc" "$work/bench.db" > "$results"
sed -n "2,$((n + 1))p" "$FLEET_STATE/nodes.tsv" | cut -f2 > "$work/hosts"
loop() {
  local ok=0
  while read -r h; do
    ssh -n -i "$key" -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=QUIET "root@$h" \
      'apt-get update -qq >/dev/null 2>&1; apt list --upgradable 2>/dev/null' > "$work/out.$h" &
    while (( $(jobs -rp | wc -l) >= conc )); do wait -n; done
  done < "$work/hosts"
  wait
  for h in $(cat "$work/hosts"); do grep -q nodeops-bench "$work/out.$h" && ok=$((ok + 1)); done
  echo "$ok"
}
for run in 1 2; do
  t0=$(date +%s.%N); ok=$(loop); t1=$(date +%s.%N)
  printf 'ssh-loop\trun%s\t%s\t%s\t%.3f\t%s\n' "$run" "$n" "$conc" "$(echo "$t1 - $t0" | bc)" "$ok" >> "$results"
done
echo
printf '%-9s %-5s %5s %4s %9s %4s %12s\n' tool mode nodes conc seconds ok 's/node(mean)'
awk -F'\t' '{printf "%-9s %-5s %5s %4s %9.3f %4s %12s\n", $1,$2,$3,$4,$5,$6,$7}' "$results"
awk -F'\t' '{ t[$1" "$2]=$5 } END { s = (t["ssh-loop run1"] + t["ssh-loop run2"]) / 2;
  printf "\nRatios: nodeops cold / ssh loop = %.2f; nodeops warm / ssh loop = %.2f\n", t["nodeops cold"] / s, t["nodeops warm"] / s }' "$results"
