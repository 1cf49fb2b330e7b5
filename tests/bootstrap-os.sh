#!/usr/bin/env bash
# Installs the Debian packages the tests and the test fleet need (idempotent; apt only runs when one is missing).
set -euo pipefail
# chromium-headless-shell: the compliance tests render the HTML report and read its text back.
# tzdata: schedules are tested in real IANA time zones.
# apt-utils: apt-ftparchive builds the local apt repository of the patching tests (dpkg-deb comes with dpkg);
# dnf, rpm, createrepo-c: the same tests build an rpm repository and patch a node through dnf.
packages=(openssh-server openssh-client iproute2 util-linux procps tmux chromium-headless-shell tzdata apt-utils dnf rpm createrepo-c)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if (( ${#missing[@]} > 0 )); then
  [[ $(id -u) -eq 0 ]] || { echo "bootstrap: need root to install ${missing[*]}" >&2; exit 1; }
  echo "bootstrap: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends -o DPkg::Lock::Timeout=300 "${missing[@]}" >/dev/null
fi
command -v dotnet >/dev/null || { echo "bootstrap: the .NET SDK (dotnet) is required" >&2; exit 1; }
mkdir -p /run/sshd
echo "bootstrap: OS packages ready"
