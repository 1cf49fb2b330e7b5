namespace NodeOps.Core.Automation;

/// <summary>
/// Whether the operating-system user running this process is one of a step's approvers: an entry is a
/// user name, or <c>group:NAME</c> for every member of an OS group (on Unix read from the group and
/// passwd databases; on Windows through the user's token).
/// </summary>
public static class ApproverIdentity
{
    public static bool IsApprover(IReadOnlyList<string> approvers, string? user = null)
    {
        user ??= Environment.UserName;
        var groups = new Lazy<HashSet<string>>(() => GroupsOf(user));
        return approvers.Any(a => a.StartsWith("group:", StringComparison.OrdinalIgnoreCase)
            ? groups.Value.Contains(a[6..])
            : a.Equals(user, StringComparison.Ordinal));
    }

    public static HashSet<string> GroupsOf(string user)
    {
        var groups = new HashSet<string>(StringComparer.Ordinal);
        if (OperatingSystem.IsWindows())
        {
            using var identity = System.Security.Principal.WindowsIdentity.GetCurrent();
            foreach (var g in identity.Groups ?? new System.Security.Principal.IdentityReferenceCollection())
            {
                try
                {
                    var name = g.Translate(typeof(System.Security.Principal.NTAccount)).Value;
                    groups.Add(name);
                    groups.Add(name[(name.IndexOf('\\') + 1)..]);
                }
                catch (System.Security.Principal.IdentityNotMappedException) { }
            }
            return groups;
        }
        var primaryGid = Lines("/etc/passwd").Select(l => l.Split(':')).FirstOrDefault(f => f.Length > 3 && f[0] == user)?[3];
        foreach (var f in Lines("/etc/group").Select(l => l.Split(':')).Where(f => f.Length > 3))
            if (f[2] == primaryGid || f[3].Split(',').Contains(user)) groups.Add(f[0]);
        return groups;
    }

    private static IEnumerable<string> Lines(string path)
    {
        try { return File.ReadAllLines(path); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { return Array.Empty<string>(); }
    }
}
