namespace NodeOps.Core.Patching;

/// <summary>
/// The scripts a patch operation sends to a node. Linux scripts run under bash through Run Command's shell
/// runner and answer in tab-separated records (see <see cref="PatchScanParser"/>): they read apt's own lists
/// and dpkg's database, so a scan changes nothing but apt's lists. Windows work runs as a one-shot
/// scheduled task (the Windows Update Agent refuses remote sessions) that answers in the same records.
/// </summary>
public static class PatchScripts
{
    /// <summary>
    /// apt: refresh the lists (unless NODEOPS_NO_UPDATE=1), then list installed packages and every version the lists
    /// offer for them, with each suite's Release data. dnf: refresh the metadata, then the same through dnf's own
    /// Python API, each version with its advisory's type, severity and date.
    /// </summary>
    public const string LinuxScan = """
set -u
export LC_ALL=C DEBIAN_FRONTEND=noninteractive
if [ -r /etc/os-release ]; then . /etc/os-release; fi
printf 'OS\t%s\t%s\n' "${ID:-}" "${VERSION_ID:-}"
if ! command -v apt-get >/dev/null 2>&1 || ! command -v dpkg-query >/dev/null 2>&1; then
  if command -v dnf >/dev/null 2>&1; then
    printf 'MGR\tdnf\n'
    if [ "${NODEOPS_NO_UPDATE:-0}" != 1 ]; then dnf -q makecache 2>&1 >/dev/null | sed 's/^/WARN\t/'; fi
    py=/usr/bin/python3; [ -x /usr/libexec/platform-python ] && py=/usr/libexec/platform-python
    "$py" - <<'PYTHON' || { echo "the dnf query failed" >&2; exit 3; }
import datetime, dnf, hawkey
b = dnf.Base()
b.conf.read()
if not b.conf.releasever:
    b.conf.releasever = "0"  # only where dnf cannot tell (no release package); repositories that use $releasever need it
b.read_all_repos()
b.fill_sack(load_system_repo=True, load_available_repos=True)
q = b.sack.query()
installed = q.installed()
for p in installed:
    print("INST\tii\t%s\t%s\t%s\t%s\t" % (p.name, p.arch, p.evr, p.group or ""))
names = sorted({p.name for p in installed})
kinds = {hawkey.ADVISORY_SECURITY: "Security", hawkey.ADVISORY_BUGFIX: "Bugfix", hawkey.ADVISORY_ENHANCEMENT: "Enhancement", hawkey.ADVISORY_NEWPACKAGE: "Newpackage"}
for p in (q.available().filter(name=names) if names else []):
    kind, severity, date, source = "Bugfix", "", "", p.reponame
    for a in p.get_advisories(hawkey.EQ):
        if kind != "Security": kind = kinds.get(a.type, kind)
        severity = a.severity or severity
        when = a.updated
        date = when.strftime("%Y-%m-%dT%H:%M:%SZ") if hasattr(when, "strftime") else datetime.datetime.utcfromtimestamp(int(when)).strftime("%Y-%m-%dT%H:%M:%SZ")
        source = a.id
    print("RPM\t%s\t%s\t%s\t%s\t%s\t%s\t%s" % (p.name, p.arch, p.evr, kind, severity, date, source))
PYTHON
    if dnf needs-restarting --help >/dev/null 2>&1; then
      dnf -q needs-restarting -r >/dev/null 2>&1
      if [ $? -eq 1 ]; then printf 'REBOOT\t1\n'; else printf 'REBOOT\t0\n'; fi
    else printf 'REBOOT\t0\n'; fi
  elif command -v zypper >/dev/null 2>&1; then printf 'MGR\tzypper\n'; else printf 'MGR\tnone\n'; fi
  exit 0
fi
printf 'MGR\tapt\n'
if [ "${NODEOPS_NO_UPDATE:-0}" != 1 ]; then
  apt-get update -qq 2>&1 >/dev/null | sed 's/^/WARN\t/'
fi
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
dpkg-query -W -f='${db:Status-Abbrev}\t${Package}\t${Architecture}\t${Version}\t${Section}\t${Priority}\n' > "$tmp/installed"
awk -F'\t' '$1 ~ /^i/ { printf "INST\t%s\t%s\t%s\t%s\t%s\t%s\n", $1, $2, $3, $4, $5, $6; print $2 > "'"$tmp/names"'" }' "$tmp/installed"
catlist() {
  if [ -x /usr/lib/apt/apt-helper ]; then /usr/lib/apt/apt-helper cat-file "$1"; return; fi
  case "$1" in *.gz) zcat "$1" ;; *.xz) xzcat "$1" ;; *.lz4) lz4cat "$1" ;; *.zst) zstdcat "$1" ;; *.bz2) bzcat "$1" ;; *) cat "$1" ;; esac
}
apt-get indextargets --format '$(FILENAME)	$(RELEASE)' 'Identifier: Packages' 2>/dev/null | while IFS='	' read -r f rel; do
  [ -e "$f" ] || continue
  r=$(printf '%s' "$rel" | tr / _)
  base="${f%%_dists_${r}_*}_dists_${r}_"
  for relfile in "${base}InRelease" "${base}Release"; do
    [ -e "$relfile" ] || continue
    awk -v key="$f" '/^(MD5Sum|SHA1|SHA256|SHA512):/ { exit }
      /^(Origin|Label|Suite|Codename|Date): / { k = substr($0, 1, index($0, ":") - 1); if (!(k in v)) v[k] = substr($0, index($0, ": ") + 2) }
      END { printf "REL\t%s\t%s\t%s\t%s\t%s\t%s\n", key, v["Suite"], v["Codename"], v["Origin"], v["Label"], v["Date"] }' "$relfile"
    break
  done
  catlist "$f" | awk -v key="$f" -v names="$tmp/names" '
    BEGIN { while ((getline n < names) > 0) want[n] = 1 }
    function flush() { if (p != "" && (p in want)) printf "PKG\t%s\t%s\t%s\t%s\t%s\t%s\n", key, p, a, ver, s, pr; p = a = ver = s = pr = "" }
    /^Package: / { p = $2 } /^Architecture: / { a = $2 } /^Version: / { ver = $2 } /^Section: / { s = $2 } /^Priority: / { pr = $2 }
    /^$/ { flush() } END { flush() }'
done
if [ -e /var/run/reboot-required ]; then printf 'REBOOT\t1\n'; else printf 'REBOOT\t0\n'; fi
if [ -r /var/run/reboot-required.pkgs ]; then sed 's/^/RPKG\t/' /var/run/reboot-required.pkgs; fi
""";

    /// <summary>
    /// apt: installs exact versions (NODEOPS_PACKAGES: "name=version" per line) with --only-upgrade; with
    /// NODEOPS_BLOCK (globs per line) those packages are pinned to -1 for the run so nothing pulls them in.
    /// Reports each package's version before and after, and apt's exit code (the scan that follows reads the reboot flag).
    /// </summary>
    public const string AptInstall = """
set -u -f
export LC_ALL=C DEBIAN_FRONTEND=noninteractive
pin=/etc/apt/preferences.d/nodeops-rejected.pref
trap 'rm -f "$pin"' EXIT
if [ -n "${NODEOPS_BLOCK:-}" ]; then
  printf '%s\n' "$NODEOPS_BLOCK" | while read -r g; do [ -n "$g" ] && printf 'Package: %s\nPin: version *\nPin-Priority: -1\n\n' "$g"; done > "$pin"
fi
set -- $(printf '%s\n' "$NODEOPS_PACKAGES")
for spec in "$@"; do n=${spec%%=*}; printf 'BEFORE\t%s\t%s\n' "$n" "$(dpkg-query -W -f='${Version}' "$n" 2>/dev/null)"; done
apt-get install -y -q --only-upgrade --no-install-recommends -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold "$@" >&2
rc=$?
printf 'RC\t%s\n' "$rc"
for spec in "$@"; do n=${spec%%=*}; printf 'AFTER\t%s\t%s\t%s\n' "$n" "$(dpkg-query -W -f='${Version}' "$n" 2>/dev/null)" "$(dpkg-query -W -f='${db:Status-Abbrev}' "$n" 2>/dev/null)"; done
exit 0
""";

    /// <summary>
    /// dnf: installs exact versions (NODEOPS_PACKAGES: "name-[epoch:]version-release" per line), with every
    /// NODEOPS_BLOCK glob excluded for the run; reports versions before and after, and the exit code (the scan
    /// that follows asks needs-restarting).
    /// </summary>
    public const string DnfInstall = """
set -u -f
export LC_ALL=C
excl=""
for g in $(printf '%s\n' "${NODEOPS_BLOCK:-}"); do excl="$excl --exclude=$g"; done
set -- $(printf '%s\n' "$NODEOPS_PACKAGES")
q() { rpm -q --qf '%|EPOCH?{%{EPOCH}:}:{}|%{VERSION}-%{RELEASE}' "$1" 2>/dev/null; }
for spec in "$@"; do n=${spec%%=*}; printf 'BEFORE\t%s\t%s\n' "$n" "$(q "$n")"; done
specs=""; for spec in "$@"; do specs="$specs ${spec%%=*}-${spec#*=}"; done
dnf -y -q install $excl $specs >&2
rc=$?
printf 'RC\t%s\n' "$rc"
for spec in "$@"; do n=${spec%%=*}; v=$(q "$n"); printf 'AFTER\t%s\t%s\t%s\n' "$n" "$v" "$([ -n "$v" ] && echo ii)"; done
exit 0
""";

    /// <summary>Starts the reboot command detached, a moment after the session has had its answer.</summary>
    public static string Reboot(string command) =>
        $"nohup setsid sh -c {Execution.RemoteScripts.ShellQuote("sleep 1; " + command)} >/dev/null 2>&1 </dev/null &\necho scheduled";

    /// <summary>The command a node reboots with when the RebootCommand preference is not set.</summary>
    public const string DefaultLinuxReboot = "shutdown -r now 'NodeOps patching'";

    /// <summary>
    /// Windows (UNVERIFIED here: no Windows node in the test fleet). Writes the Windows Update Agent script
    /// to ProgramData, runs it once as SYSTEM through schtasks, waits for its answer file and returns the
    /// records. Operation is Scan or Install; Kbs lists the approved KB ids to install.
    /// </summary>
    public const string WindowsTask = """
param([string]$Operation, [string[]]$Kbs, [int]$TimeoutSeconds)
$dir = Join-Path $env:ProgramData 'NodeOps\patch'
[System.IO.Directory]::CreateDirectory($dir) | Out-Null
$answer = Join-Path $dir 'answer.txt'
$script = Join-Path $dir 'wua.ps1'
if ([System.IO.File]::Exists($answer)) { [System.IO.File]::Delete($answer) }
$body = @'
param([string]$Operation, [string]$Kbs, [string]$Answer)
$lines = New-Object System.Collections.Generic.List[string]
$os = Get-CimInstance Win32_OperatingSystem
$lines.Add("OS`tWindows`t$($os.Version)")
$lines.Add("MGR`twua")
try {
  $session = New-Object -ComObject Microsoft.Update.Session
  $searcher = $session.CreateUpdateSearcher()
  $result = $searcher.Search("Type='Software'")
  $wanted = @($Kbs -split ',' | Where-Object { $_ })
  $install = New-Object -ComObject Microsoft.Update.UpdateColl
  foreach ($u in $result.Updates) {
    $kb = if ($u.KBArticleIDs.Count -gt 0) { 'KB' + $u.KBArticleIDs.Item(0) } else { $u.Identity.UpdateID }
    $class = if ($u.Categories.Count -gt 0) { $u.Categories.Item(0).Name } else { '' }
    $lines.Add("UPD`t$kb`t$([int]$u.IsInstalled)`t$class`t$($u.MsrcSeverity)`t$($u.LastDeploymentChangeTime.ToString('o'))`t$($u.Title)")
    if ($Operation -eq 'Install' -and -not $u.IsInstalled -and $wanted -contains $kb) { $u.AcceptEula(); [void]$install.Add($u); $lines.Add("BEFORE`t$kb`t") }
  }
  if ($install.Count -gt 0) {
    $dl = $session.CreateUpdateDownloader(); $dl.Updates = $install; [void]$dl.Download()
    $inst = $session.CreateUpdateInstaller(); $inst.Updates = $install; $r = $inst.Install()
    $lines.Add("RC`t$(if ($r.ResultCode -eq 2) { 0 } else { $r.ResultCode })")
    for ($i = 0; $i -lt $install.Count; $i++) {
      $kb = 'KB' + $install.Item($i).KBArticleIDs.Item(0)
      $ok = $r.GetUpdateResult($i).ResultCode -eq 2
      $lines.Add("AFTER`t$kb`t$(if ($ok) { 'installed' } else { '' })`t$(if ($ok) { 'ii' } else { 'iF' })")
    }
  }
} catch { $lines.Add("WARN`t$($_.Exception.Message)") }
$pending = (Test-Path 'HKLM:\SOFTWARE\Microsoft\Windows\CurrentVersion\WindowsUpdate\Auto Update\RebootRequired') -or
  (Test-Path 'HKLM:\SOFTWARE\Microsoft\Windows\CurrentVersion\Component Based Servicing\RebootPending')
$lines.Add("REBOOT`t$([int]$pending)")
[System.IO.File]::WriteAllLines($Answer + '.tmp', $lines)
[System.IO.File]::Move($Answer + '.tmp', $Answer, $true)
'@
[System.IO.File]::WriteAllText($script, $body)
$kbList = ($Kbs -join ',')
$run = "powershell.exe -NoProfile -ExecutionPolicy Bypass -File `"$script`" -Operation $Operation -Kbs `"$kbList`" -Answer `"$answer`""
& schtasks.exe /Create /TN NodeOpsPatch /SC ONCE /ST 00:00 /RU SYSTEM /RL HIGHEST /TR $run /F | Out-Null
& schtasks.exe /Run /TN NodeOpsPatch | Out-Null
$deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSeconds)
while (-not [System.IO.File]::Exists($answer) -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Seconds 2 }
& schtasks.exe /Delete /TN NodeOpsPatch /F | Out-Null
if (-not [System.IO.File]::Exists($answer)) { throw "The Windows Update task gave no answer within $TimeoutSeconds s." }
[System.IO.File]::ReadAllText($answer)
""";

    public const string DefaultWindowsReboot = "shutdown.exe /r /t 0 /c \"NodeOps patching\"";
}
