using System.Diagnostics;

namespace NodeOps.Core.Sessions;

/// <summary>The operator as access rules see them: user name and the OS groups they belong to.</summary>
public static class OperatorIdentity
{
    private static readonly Lazy<IReadOnlyList<string>> LazyGroups = new(ReadGroups);

    public static string UserName => Environment.UserName;

    public static IReadOnlyList<string> Groups => LazyGroups.Value;

    private static IReadOnlyList<string> ReadGroups()
    {
        if (OperatingSystem.IsWindows()) return Array.Empty<string>();
        try
        {
            using var p = Process.Start(new ProcessStartInfo("id", "-Gn") { RedirectStandardOutput = true, UseShellExecute = false })!;
            var text = p.StandardOutput.ReadToEnd();
            p.WaitForExit(5000);
            return text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return Array.Empty<string>();
        }
    }
}
