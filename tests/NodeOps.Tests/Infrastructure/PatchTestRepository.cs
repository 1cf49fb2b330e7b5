using System.Diagnostics;

namespace NodeOps.Tests.Infrastructure;

/// <summary>
/// A real file-based apt repository built with dpkg-deb and apt-ftparchive, and the levers to point fleet
/// nodes at it. Two roots: r1 holds bookworm (90 days old), bookworm-updates (20 days, not security) and
/// bookworm-security (30 days); r2 holds a newer bookworm-security (1 day). Packages (all "nodeops-pt-*"):
/// web 1.0/1.1/1.2, lib 1.0/1.1 (updates only), kern 1.0/1.1 (1.1 asks for a reboot), bad 1.0/1.1 (1.1's
/// postinst fails), rej 1.0/1.1. A node's apt sources are set aside while the test uses it and put back after.
/// </summary>
public sealed class PatchTestRepository : IDisposable
{
    public const string NodePath = "/srv/nodeops-patch-test";
    public const string Prefix = "nodeops-pt-";
    public string Root { get; } = TestPaths.NewTempDirectory();
    private readonly HashSet<int> _prepared = new();

    public PatchTestRepository()
    {
        var now = DateTime.UtcNow;
        Package("r1", "main", "web", "1.0"); Package("r1", "sec", "web", "1.1"); Package("r2", "sec", "web", "1.2");
        Package("r1", "main", "lib", "1.0"); Package("r1", "upd", "lib", "1.1");
        Package("r1", "main", "kern", "1.0");
        Package("r1", "sec", "kern", "1.1", "#!/bin/sh\ntouch /var/run/reboot-required\necho nodeops-pt-kern >> /var/run/reboot-required.pkgs\n");
        Package("r1", "main", "bad", "1.0");
        Package("r1", "sec", "bad", "1.1", "#!/bin/sh\necho 'nodeops-pt-bad: configuration failed on purpose' >&2\nexit 1\n");
        Package("r1", "main", "rej", "1.0"); Package("r1", "sec", "rej", "1.1");
        Index("r1", "main", "bookworm", "Debian", now.AddDays(-90));
        Index("r1", "upd", "bookworm-updates", "Debian", now.AddDays(-20));
        Index("r1", "sec", "bookworm-security", "Debian-Security", now.AddDays(-30));
        Index("r2", "sec", "bookworm-security", "Debian-Security", now.AddDays(-1));
    }

    private void Package(string root, string pool, string name, string version, string? postinst = null)
    {
        var dir = Path.Combine(Root, "build", $"{name}-{version}");
        Directory.CreateDirectory(Path.Combine(dir, "DEBIAN"));
        File.WriteAllText(Path.Combine(dir, "DEBIAN", "control"),
            $"Package: {Prefix}{name}\nVersion: {version}\nArchitecture: all\nMaintainer: NodeOps tests <tests@nodeops.invalid>\nSection: utils\nPriority: optional\nDescription: NodeOps patch test package\n");
        Directory.CreateDirectory(Path.Combine(dir, "usr", "share", "nodeops-pt"));
        File.WriteAllText(Path.Combine(dir, "usr", "share", "nodeops-pt", name), version + "\n");
        if (postinst is not null)
        {
            var script = Path.Combine(dir, "DEBIAN", "postinst");
            File.WriteAllText(script, postinst);
            File.SetUnixFileMode(script, (UnixFileMode)0b111_101_101);
        }
        var target = Path.Combine(Root, root, "pool", pool);
        Directory.CreateDirectory(target);
        Run("dpkg-deb", "--root-owner-group", "-Zgzip", "--build", dir, Path.Combine(target, $"{Prefix}{name}_{version}_all.deb"));
    }

    private void Index(string root, string pool, string suite, string label, DateTime date)
    {
        var repo = Path.Combine(Root, root);
        var dists = Path.Combine(repo, "dists", suite);
        Directory.CreateDirectory(Path.Combine(dists, "main", "binary-all"));
        File.WriteAllText(Path.Combine(dists, "main", "binary-all", "Packages"), RunIn(repo, "apt-ftparchive", "packages", $"pool/{pool}"));
        var release = RunIn(repo, "apt-ftparchive", "-o", "APT::FTPArchive::Release::Origin=Debian", "-o", $"APT::FTPArchive::Release::Label={label}",
            "-o", $"APT::FTPArchive::Release::Suite={suite}", "-o", $"APT::FTPArchive::Release::Codename={suite}",
            "-o", "APT::FTPArchive::Release::Architectures=all", "-o", "APT::FTPArchive::Release::Components=main",
            "-o", $"APT::FTPArchive::Release::Date={date:ddd, dd MMM yyyy HH:mm:ss} UTC", "release", $"dists/{suite}");
        File.WriteAllText(Path.Combine(dists, "Release"), release);
    }

    /// <summary>Copies the repository into node i, sets its apt sources aside for ours, and installs the given old versions.</summary>
    public void Prepare(int node, params string[] packages)
    {
        var pid = File.ReadAllText(Path.Combine(TestPaths.FleetState, $"n{node}", "pid")).Trim();
        var inside = $"/proc/{pid}/root{NodePath}";
        Run("mkdir", "-p", $"/proc/{pid}/root/srv");
        Run("rm", "-rf", inside);
        Run("cp", "-a", Root, inside);
        _prepared.Add(node);
        // "web" installs 1.0 from bookworm; "web=1.1" that exact version from wherever it is.
        var debs = string.Join(" ", packages.Select(p =>
        {
            var (name, version) = p.Contains('=') ? (p[..p.IndexOf('=')], p[(p.IndexOf('=') + 1)..]) : (p, "1.0");
            var file = Directory.EnumerateFiles(Root, $"{Prefix}{name}_{version}_all.deb", SearchOption.AllDirectories).First(f => !f.Contains("/build/"));
            return NodePath + file[Root.Length..];
        }));
        Exec(node, $$"""
            set -e
            {{LeaveRpmMode}}
            mkdir -p /etc/apt/nodeops-test-saved
            if [ ! -e /etc/apt/nodeops-test-saved/.done ]; then
              for f in /etc/apt/sources.list /etc/apt/sources.list.d/*; do [ -e "$f" ] && mv "$f" /etc/apt/nodeops-test-saved/; done
              touch /etc/apt/nodeops-test-saved/.done
            fi
            printf '%s\n' 'deb [trusted=yes] file:{{NodePath}}/r1 bookworm main' 'deb [trusted=yes] file:{{NodePath}}/r1 bookworm-updates main' \
              'deb [trusted=yes] file:{{NodePath}}/r1 bookworm-security main' 'deb [trusted=yes] file:{{NodePath}}/r2 bookworm-security main' > /etc/apt/sources.list.d/nodeops-patch-test.list
            dpkg --purge --force-all $(dpkg-query -W -f='${Package}\n' '{{Prefix}}*' 2>/dev/null) >/dev/null 2>&1 || true
            rm -f /var/run/reboot-required /var/run/reboot-required.pkgs
            apt-get update -qq >/dev/null 2>&1
            {{(packages.Length > 0 ? $"dpkg -i {debs} >/dev/null" : "true")}}
            """);
    }

    /// <summary>
    /// Makes node i look like an rpm node for the duration: apt-get hidden, os-release Rocky 9, its hostname
    /// resolvable (dnf looks it up), an rpm repository built with rpmbuild and createrepo_c with an updateinfo
    /// (web 1.1: security, Important, 30 days old; web 1.2: security, Critical, 1 day; lib 1.1: bugfix, 20 days),
    /// and the given packages installed at 1.0 with rpm.
    /// </summary>
    public void PrepareRpm(int node, params string[] packages)
    {
        var repo = RpmRepository();
        var pid = File.ReadAllText(Path.Combine(TestPaths.FleetState, $"n{node}", "pid")).Trim();
        Run("mkdir", "-p", $"/proc/{pid}/root/srv");
        Run("rm", "-rf", $"/proc/{pid}/root{RpmNodePath}");
        Run("cp", "-a", repo, $"/proc/{pid}/root{RpmNodePath}");
        _prepared.Add(node);
        var rpms = string.Join(" ", packages.Select(p => $"{RpmNodePath}/{Prefix}{p}-1.0-1.noarch.rpm"));
        Exec(node, $$"""
            set -e
            [ -e /usr/bin/apt-get.nodeops-hidden ] || mv /usr/bin/apt-get /usr/bin/apt-get.nodeops-hidden
            [ -e /etc/os-release.nodeops-saved ] || { cp -a /etc/os-release /etc/os-release.nodeops-saved; cp /etc/hosts /etc/hosts.nodeops-saved; }
            rm -f /etc/os-release; printf 'ID=rocky\nVERSION_ID=9.3\nNAME="Rocky Linux"\n' > /etc/os-release
            echo "127.0.1.1 $(hostname)" >> /etc/hosts
            mkdir -p /etc/yum.repos.d
            printf '[nodeops-patch-test]\nname=NodeOps patch test\nbaseurl=file://{{RpmNodePath}}\ngpgcheck=0\nenabled=1\n' > /etc/yum.repos.d/nodeops-patch-test.repo
            rpm -e --nodeps $(rpm -qa '{{Prefix}}*') >/dev/null 2>&1 || true
            rpm -i --nodeps {{rpms}} >/dev/null 2>&1
            """);
    }

    public const string RpmNodePath = "/srv/nodeops-rpm-test";

    /// <summary>Shell lines that undo <see cref="PrepareRpm"/>'s disguise (apt-get, os-release, hosts).</summary>
    private const string LeaveRpmMode =
        "if [ -e /usr/bin/apt-get.nodeops-hidden ]; then mv /usr/bin/apt-get.nodeops-hidden /usr/bin/apt-get; fi; "
        + "if [ -e /etc/os-release.nodeops-saved ]; then rm -f /etc/os-release; mv /etc/os-release.nodeops-saved /etc/os-release; mv /etc/hosts.nodeops-saved /etc/hosts; fi";
    private string? _rpmRepository;

    private string RpmRepository()
    {
        if (_rpmRepository is not null) return _rpmRepository;
        var top = Path.Combine(Root, "rpmbuild");
        var repo = Path.Combine(Root, "rpm");
        Directory.CreateDirectory(Path.Combine(top, "SPECS"));
        Directory.CreateDirectory(repo);
        foreach (var (name, version) in new[] { ("web", "1.0"), ("web", "1.1"), ("web", "1.2"), ("lib", "1.0"), ("lib", "1.1") })
        {
            var spec = Path.Combine(top, "SPECS", $"{name}-{version}.spec");
            File.WriteAllText(spec, $"Name: {Prefix}{name}\nVersion: {version}\nRelease: 1\nSummary: NodeOps patch test\nLicense: MIT\nBuildArch: noarch\n%description\ntest\n%files\n");
            Run("rpmbuild", "-bb", "--quiet", "--define", $"_topdir {top}", spec);
        }
        foreach (var rpm in Directory.EnumerateFiles(Path.Combine(top, "RPMS"), "*.rpm", SearchOption.AllDirectories))
            File.Copy(rpm, Path.Combine(repo, Path.GetFileName(rpm)));
        Run("createrepo_c", "-q", repo);
        string Advisory(string id, string type, string severity, string package, string version, int daysAgo) =>
            $"""<update from="tests@nodeops.invalid" status="stable" type="{type}" version="1"><id>{id}</id><title>{package}</title><issued date="{DateTime.UtcNow.AddDays(-daysAgo):yyyy-MM-dd HH:mm:ss}"/><updated date="{DateTime.UtcNow.AddDays(-daysAgo):yyyy-MM-dd HH:mm:ss}"/><severity>{severity}</severity><description>test</description><pkglist><collection short="t"><name>t</name><package name="{Prefix}{package}" version="{version}" release="1" epoch="0" arch="noarch"><filename>{Prefix}{package}-{version}-1.noarch.rpm</filename></package></collection></pkglist></update>""";
        var updateinfo = Path.Combine(Root, "updateinfo.xml");
        File.WriteAllText(updateinfo, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<updates>"
            + Advisory("NOPS-2026:0001", "security", "Important", "web", "1.1", 30)
            + Advisory("NOPS-2026:0002", "security", "Critical", "web", "1.2", 1)
            + Advisory("NOPS-2026:0003", "bugfix", "Low", "lib", "1.1", 20) + "</updates>\n");
        Run("modifyrepo_c", "--mdtype=updateinfo", updateinfo, Path.Combine(repo, "repodata"));
        return _rpmRepository = repo;
    }

    /// <summary>Runs a script inside node i (its mounts and network), as root.</summary>
    public static string Exec(int node, string script) => Run("bash", TestPaths.FleetScript, "exec", node.ToString(), "bash", "-c", script);

    /// <summary>Puts every prepared node back: our packages purged, its own apt sources and lists back.</summary>
    public void Dispose()
    {
        foreach (var node in _prepared)
        {
            try
            {
                Exec(node, $$"""
                    dpkg --purge --force-all $(dpkg-query -W -f='${Package}\n' '{{Prefix}}*' 2>/dev/null) >/dev/null 2>&1
                    rm -f /etc/apt/sources.list.d/nodeops-patch-test.list /etc/apt/preferences.d/nodeops-rejected.pref /var/run/reboot-required /var/run/reboot-required.pkgs
                    if [ -d /etc/apt/nodeops-test-saved ]; then
                      for f in /etc/apt/nodeops-test-saved/*; do [ -e "$f" ] || continue; if [ "$(basename "$f")" = sources.list ]; then mv "$f" /etc/apt/sources.list; else mv "$f" /etc/apt/sources.list.d/; fi
                      done
                      rm -rf /etc/apt/nodeops-test-saved
                    fi
                    rm -f /var/lib/apt/lists/*nodeops-patch-test* ; rm -rf {{NodePath}}
                    {{LeaveRpmMode}}
                    rpm -e --nodeps $(rpm -qa '{{Prefix}}*') >/dev/null 2>&1
                    rm -rf /etc/yum.repos.d/nodeops-patch-test.repo {{RpmNodePath}} /var/cache/dnf
                    true
                    """);
            }
            catch (Exception)
            {
                // The node may be gone (fleet torn down); nothing else depends on it then.
            }
        }
        try { Directory.Delete(Root, true); } catch (IOException) { }
    }

    private static string Run(string file, params string[] args) => Run(file, args, null);

    private static string RunIn(string directory, string file, params string[] args) => Run(file, args, directory);

    private static string Run(string file, string[] args, string? workingDirectory)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (workingDirectory is not null) psi.WorkingDirectory = workingDirectory;
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["FLEET_STATE"] = TestPaths.FleetState;
        psi.Environment["LC_ALL"] = "C";
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(120_000)) { p.Kill(true); throw new TimeoutException($"{file} {string.Join(' ', args)}"); }
        if (p.ExitCode != 0) throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({p.ExitCode}): {stderr.Result}");
        return stdout.Result;
    }
}
