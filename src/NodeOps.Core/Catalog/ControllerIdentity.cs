using System.Diagnostics;

namespace NodeOps.Core.Catalog;

/// <summary>Who and where the controller is: recorded on every run.</summary>
public static class ControllerIdentity
{
    public static string UserName => Environment.UserName;
    public static string MachineName => Environment.MachineName;
    public static int ProcessId => Environment.ProcessId;

    /// <summary>
    /// Whether the process recorded as owning a run still lives: one on another machine cannot be checked and
    /// counts as alive; this process is alive; otherwise the pid is looked up.
    /// </summary>
    public static bool IsLiveOwner(string? host, int pid, DateTime startedBeforeUtc) =>
        !string.Equals(host, MachineName, StringComparison.OrdinalIgnoreCase) || pid == ProcessId || IsAlive(pid, startedBeforeUtc);

    public static bool IsAlive(int pid, DateTime startedBeforeUtc)
    {
        try
        {
            using var p = Process.GetProcessById(pid);
            if (p.HasExited) return false;
            // A recycled pid belongs to a process started after the run was requested.
            return p.StartTime.ToUniversalTime() <= startedBeforeUtc.AddSeconds(1);
        }
        catch (ArgumentException) { return false; }
        catch (InvalidOperationException) { return false; }
    }
}
