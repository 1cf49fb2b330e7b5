#!/usr/bin/env bash
# The NodeOps test fleet: N real sshd nodes on this machine, each in its own network namespace with its
# own address on a private test subnet (10.77.0.0/24, reachable only from this machine), its own hostname,
# and its own copy-on-write view of / (overlay), serving PowerShell remoting with `nodeops -sshs`.
#
#   fleet.sh up N | down | status
#   fleet.sh stop I | start I          sshd down (connection refused) / back with the same host key
#   fleet.sh blackhole I | unblackhole I   packets to the node vanish (connects time out)
#   fleet.sh rekey I                   new host key (clients that knew the old one see a change)
#   fleet.sh denyauth I | allowauth I  remove / restore the fleet key (authentication fails)
#   fleet.sh slow I MS | fast I        each new remoting session waits MS before it starts
#   fleet.sh exec I CMD...             run a command inside node I (its mounts, network, hostname)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
STATE="${FLEET_STATE:-$root/.fleet}"
HOSTBIN="${NODEOPS_HOST_BIN:-$root/out/host/nodeops}"
# FLEET_NET (0-9) picks the subnet and the names, so fleets of two checkouts can be up at once.
NET="${FLEET_NET:-0}"
[[ "$NET" =~ ^[0-9]$ ]] || { echo "fleet: FLEET_NET must be a digit 0-9" >&2; exit 64; }
BRIDGE=nodeopsbr$NET
PREFIX=10.77.$NET
if [[ "$NET" == 0 ]]; then NSPFX=nodeops; LINKPFX=nov; else NSPFX=nodeops${NET}n; LINKPFX=nov${NET}n; fi
DEAD_MAC=02:00:5e:00:53:99
DOTNET_ROOT_DIR="$(dirname "$(readlink -f "$(command -v dotnet)")")"

die() { echo "fleet: $*" >&2; exit 1; }
ns() { echo "$NSPFX$1"; }
addr() { echo "$PREFIX.$(( $1 + 1 ))"; }
pidof_node() { cat "$STATE/n$1/pid" 2>/dev/null || true; }
alive() { local p; p=$(pidof_node "$1"); [[ -n "$p" ]] && kill -0 "$p" 2>/dev/null; }
noderoot() { alive "$1" || die "node $1 is not running"; echo "/proc/$(pidof_node "$1")/root"; }
count() { ls -d "$STATE"/n[0-9]* 2>/dev/null | wc -l; }

ensure_bridge() {
  if ! ip link show "$BRIDGE" >/dev/null 2>&1; then
    ip link add "$BRIDGE" type bridge
    ip addr add "$PREFIX.1/24" dev "$BRIDGE"
    ip link set "$BRIDGE" up
  fi
}

# Creates the namespace, the veth pair and the node's state folder (once per node).
create_node() {
  local i=$1 n d
  n=$(ns "$i"); d="$STATE/n$i"
  mkdir -p "$d/upper" "$d/work" "$d/merged"
  ip netns add "$n"
  ip link add "$LINKPFX$i" type veth peer name "p$LINKPFX$i"
  ip link set "$LINKPFX$i" master "$BRIDGE" up
  ip link set "p$LINKPFX$i" netns "$n"
  ip -n "$n" link set lo up
  ip -n "$n" addr add "$(addr "$i")/24" dev "p$LINKPFX$i"
  ip -n "$n" link set "p$LINKPFX$i" up
  ip -n "$n" route add default via "$PREFIX.1"
}

# Mounts the node's root and execs sshd in it; the recorded pid is sshd's own.
start_node() {
  local i=$1 n d
  n=$(ns "$i"); d="$STATE/n$i"
  alive "$i" && return 0
  ip netns exec "$n" unshare --mount --uts --propagation private /bin/bash -c '
    set -e
    i=$1; d=$2; hostbin=$3; pubkey=$4; ip=$5; dotnetroot=$6
    hostname "node$i"
    m="$d/merged"
    mount -t overlay overlay -o "lowerdir=/,upperdir=$d/upper,workdir=$d/work" "$m"
    mount -t proc proc "$m/proc"
    mount -t sysfs sysfs "$m/sys"
    mount --rbind /dev "$m/dev"
    mount -t tmpfs tmpfs "$m/run"
    # The overlay shows only the root filesystem: bind the host program and the .NET runtime in at their
    # own paths, so nodes run them wherever the checkout lives (another mount, or under /tmp).
    for dir in "$(dirname "$hostbin")" "$dotnetroot"; do
      mkdir -p "$m$dir"
      mount --bind "$dir" "$m$dir"
      mount -o remount,bind,ro "$m$dir"
    done
    mkdir -p "$m/run/sshd" "$m/etc/nodeops"
    if [[ ! -f "$m/etc/nodeops/initialized" ]]; then
      rm -f "$m"/etc/ssh/ssh_host_*
      chroot "$m" ssh-keygen -q -t ed25519 -N "" -f /etc/ssh/ssh_host_ed25519_key
      cp "$pubkey" "$m/etc/nodeops/authorized_keys"
      cp "$m/etc/nodeops/authorized_keys" "$m/etc/nodeops/authorized_keys.fleet"
      printf "%s\n" "#!/bin/sh" "d=\$(cat /etc/nodeops/delay_ms 2>/dev/null)" "[ -n \"\$d\" ] && sleep \$(awk \"BEGIN{print \$d/1000}\")" "export DOTNET_ROOT=$dotnetroot" "exec $hostbin -sshs -NoLogo -NoProfile" > "$m/etc/nodeops/subsystem.sh"
      chmod +x "$m/etc/nodeops/subsystem.sh"
      cat > "$m/etc/nodeops/sshd_config" <<CFG
Port 22
ListenAddress $ip
HostKey /etc/ssh/ssh_host_ed25519_key
PidFile /run/sshd.pid
AuthorizedKeysFile /etc/nodeops/authorized_keys
PermitRootLogin prohibit-password
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
MaxStartups 200:30:400
MaxSessions 50
AllowTcpForwarding yes
Subsystem powershell /etc/nodeops/subsystem.sh
Subsystem sftp internal-sftp
CFG
      touch "$m/etc/nodeops/initialized"
    fi
    exec chroot "$m" /usr/sbin/sshd -D -e -f /etc/nodeops/sshd_config
  ' _ "$i" "$d" "$HOSTBIN" "$STATE/id_ed25519.pub" "$(addr "$i")" "$DOTNET_ROOT_DIR" >>"$d/sshd.log" 2>&1 &
  echo $! > "$d/pid"
}

wait_ready() {
  local i=$1 deadline=$(( SECONDS + 30 ))
  until bash -c "exec 3<>/dev/tcp/$(addr "$i")/22" 2>/dev/null; do
    alive "$i" || die "node $i: sshd exited: $(tail -3 "$STATE/n$i/sshd.log")"
    (( SECONDS < deadline )) || die "node $i: sshd not answering after 30 s"
    sleep 0.1
  done
}

write_inventory() {
  local i c; c=$(count)
  printf 'name\taddress\tport\tuser\tkeyfile\n' > "$STATE/nodes.tsv"
  : > "$STATE/known_hosts"
  for (( i = 1; i <= c; i++ )); do
    printf 'node%s\t%s\t22\troot\t%s\n' "$i" "$(addr "$i")" "$STATE/id_ed25519" >> "$STATE/nodes.tsv"
    if alive "$i"; then
      printf '%s %s\n' "$(addr "$i")" "$(cut -d' ' -f1,2 "$(noderoot "$i")/etc/ssh/ssh_host_ed25519_key.pub")" >> "$STATE/known_hosts"
    fi
  done
}

# Namespaces and links outlive the shell that made them: clear any left by an earlier run (even from
# another checkout) so a new fleet can take the names and addresses.
clear_stale() {
  local n
  for n in $(ip netns list 2>/dev/null | awk '{print $1}' | grep -E "^$NSPFX[0-9]+\$" || true); do
    ip netns pids "$n" 2>/dev/null | xargs -r kill -9 2>/dev/null || true
    ip netns del "$n" 2>/dev/null || true
  done
  for n in $(ip -o link show 2>/dev/null | awk -F': ' '{print $2}' | cut -d@ -f1 | grep -E "^$LINKPFX[0-9]+\$" || true); do
    ip link del "$n" 2>/dev/null || true
  done
  ip link del "$BRIDGE" 2>/dev/null || true
}

up() {
  local total=${1:-3} i
  [[ "$total" =~ ^[0-9]+$ && "$total" -ge 1 && "$total" -le 250 ]] || die "up takes a node count from 1 to 250"
  [[ -x "$HOSTBIN" ]] || die "the nodeops host is not built ($HOSTBIN); run tools/build.sh first"
  [[ $(id -u) -eq 0 ]] || die "needs root (network namespaces, mounts)"
  [[ $(count) -eq 0 ]] || die "a fleet is already up in $STATE; run 'fleet.sh down' first"
  clear_stale
  mkdir -p "$STATE"
  mountpoint -q "$STATE" || mount -t tmpfs -o size=4g,mode=0755 nodeops-fleet "$STATE"
  ssh-keygen -q -t ed25519 -N '' -f "$STATE/id_ed25519" -C nodeops-fleet
  ensure_bridge
  for (( i = 1; i <= total; i++ )); do create_node "$i"; start_node "$i"; done
  for (( i = 1; i <= total; i++ )); do wait_ready "$i"; done
  write_inventory
  echo "fleet: $total node(s) up in ${SECONDS}s ($PREFIX.2-$(addr "$total")); inventory: $STATE/nodes.tsv"
}

stop_node() {
  local i=$1 p; p=$(pidof_node "$i")
  if [[ -n "$p" ]] && kill -0 "$p" 2>/dev/null; then
    kill "$p" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$p" 2>/dev/null || true
  fi
  rm -f "$STATE/n$i/pid"
}

down() {
  local i c
  c=$(count)
  for (( i = 1; i <= c; i++ )); do stop_node "$i"; done
  # Session processes (nodeops -sshs children) may outlive sshd for a moment: end them too.
  for (( i = 1; i <= c; i++ )); do
    ip netns pids "$(ns "$i")" 2>/dev/null | xargs -r kill -9 2>/dev/null || true
    ip netns del "$(ns "$i")" 2>/dev/null || true
    ip link del "$LINKPFX$i" 2>/dev/null || true
  done
  ip link del "$BRIDGE" 2>/dev/null || true
  if mountpoint -q "$STATE" 2>/dev/null; then umount -l "$STATE"; fi
  rm -rf "$STATE"
  echo "fleet: down"
}

node_arg() {
  [[ "${1:-}" =~ ^[0-9]+$ && -d "$STATE/n$1" ]] || die "no node '${1:-}' in the fleet"
}

cmd=${1:-}; shift || true
case "$cmd" in
  up) up "${1:-3}" ;;
  down) down ;;
  status)
    for d in "$STATE"/n[0-9]*; do [[ -d "$d" ]] || continue; i=${d##*/n}
      if alive "$i"; then echo "node$i $(addr "$i") running"; else echo "node$i $(addr "$i") stopped"; fi
    done ;;
  stop) node_arg "${1:-}"; stop_node "$1" ;;
  start) node_arg "${1:-}"; start_node "$1"; wait_ready "$1" ;;
  blackhole) node_arg "${1:-}"; ip neigh replace "$(addr "$1")" lladdr "$DEAD_MAC" dev "$BRIDGE" nud permanent ;;
  unblackhole) node_arg "${1:-}"; ip neigh del "$(addr "$1")" dev "$BRIDGE" 2>/dev/null || true ;;
  rekey)
    node_arg "${1:-}"; r=$(noderoot "$1")
    rm -f "$r"/etc/ssh/ssh_host_ed25519_key "$r"/etc/ssh/ssh_host_ed25519_key.pub
    ssh-keygen -q -t ed25519 -N '' -f "$r/etc/ssh/ssh_host_ed25519_key"
    stop_node "$1"; start_node "$1"; wait_ready "$1"; write_inventory ;;
  denyauth) node_arg "${1:-}"; : > "$(noderoot "$1")/etc/nodeops/authorized_keys" ;;
  allowauth) node_arg "${1:-}"; r=$(noderoot "$1"); cp "$r/etc/nodeops/authorized_keys.fleet" "$r/etc/nodeops/authorized_keys" ;;
  slow) node_arg "${1:-}"; [[ "${2:-}" =~ ^[0-9]+$ ]] || die "slow I MS"; echo "$2" > "$(noderoot "$1")/etc/nodeops/delay_ms" ;;
  fast) node_arg "${1:-}"; rm -f "$(noderoot "$1")/etc/nodeops/delay_ms" ;;
  exec) node_arg "${1:-}"; i=$1; shift; exec nsenter -t "$(pidof_node "$i")" -m -u -n -r -w -- "$@" ;;
  *) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; [[ -z "$cmd" ]] || exit 64 ;;
esac
