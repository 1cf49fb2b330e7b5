using System.Security;
using System.Text;

namespace NodeOps.Core.Scheduling;

/// <summary>
/// The files that make the operating system run one scheduler pass at an interval: a systemd service and timer
/// (Linux), or a Task Scheduler XML definition (Windows). Each pass is `nodeops -c 'Invoke-NodeOpsScheduler -Once'`.
/// </summary>
public sealed class SchedulerTaskDefinition
{
    public required string Name { get; init; }
    /// <summary>The program that runs a pass: the nodeops host or pwsh.</summary>
    public required string HostPath { get; init; }
    public required string CatalogPath { get; init; }
    public string? ModulePath { get; init; }
    public required TimeSpan Interval { get; init; }
    public string? User { get; init; }

    public string PassScript
    {
        get
        {
            var import = ModulePath is null ? "" : $"Import-Module {Quote(ModulePath)}; ";
            return $"{import}Invoke-NodeOpsScheduler -Once -CatalogPath {Quote(CatalogPath)}";
        }
    }

    private static string Quote(string s) => "'" + s.Replace("'", "''") + "'";

    public string SystemdService()
    {
        var sb = new StringBuilder();
        sb.AppendLine("[Unit]");
        sb.AppendLine($"Description=NodeOps scheduler pass ({Name})");
        sb.AppendLine("After=network-online.target");
        sb.AppendLine("Wants=network-online.target");
        sb.AppendLine();
        sb.AppendLine("[Service]");
        sb.AppendLine("Type=oneshot");
        if (User is not null) sb.AppendLine($"User={User}");
        // A pass waits for the windows it starts, so it may run for hours; the timer does not start another while it runs.
        sb.AppendLine("TimeoutStartSec=infinity");
        sb.AppendLine($"ExecStart={SystemdQuote(HostPath)} -NoProfile -c {SystemdQuote(PassScript)}");
        return sb.ToString();
    }

    public string SystemdTimer()
    {
        var sb = new StringBuilder();
        sb.AppendLine("[Unit]");
        sb.AppendLine($"Description=Run the NodeOps scheduler every {(int)Interval.TotalSeconds} s ({Name})");
        sb.AppendLine();
        sb.AppendLine("[Timer]");
        sb.AppendLine("OnBootSec=1min");
        sb.AppendLine($"OnUnitActiveSec={(int)Interval.TotalSeconds}s");
        sb.AppendLine("AccuracySec=1s");
        sb.AppendLine("Persistent=true");
        sb.AppendLine();
        sb.AppendLine("[Install]");
        sb.AppendLine("WantedBy=timers.target");
        return sb.ToString();
    }

    /// <summary>A Task Scheduler definition (schtasks /Create /XML): a repeating trigger, no parallel instances.</summary>
    public string WindowsTaskXml()
    {
        var minutes = Math.Max(1, (int)Math.Round(Interval.TotalMinutes));
        var args = $"-NoProfile -c \"{PassScript.Replace("\"", "\\\"")}\"";
        return $"""
            <?xml version="1.0" encoding="UTF-16"?>
            <Task version="1.2" xmlns="http://schemas.microsoft.com/windows/2004/02/mit/task">
              <RegistrationInfo><Description>NodeOps scheduler pass ({SecurityElement.Escape(Name)})</Description></RegistrationInfo>
              <Triggers>
                <TimeTrigger>
                  <StartBoundary>2000-01-01T00:00:00</StartBoundary>
                  <Repetition><Interval>PT{minutes}M</Interval></Repetition>
                  <Enabled>true</Enabled>
                </TimeTrigger>
              </Triggers>
              <Settings>
                <MultipleInstancesPolicy>IgnoreNew</MultipleInstancesPolicy>
                <ExecutionTimeLimit>PT0S</ExecutionTimeLimit>
                <StartWhenAvailable>true</StartWhenAvailable>
              </Settings>
              <Actions>
                <Exec>
                  <Command>{SecurityElement.Escape(HostPath)}</Command>
                  <Arguments>{SecurityElement.Escape(args)}</Arguments>
                </Exec>
              </Actions>
            </Task>
            """;
    }

    private static string SystemdQuote(string s) => "\"" + s.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("%", "%%").Replace("$", "$$") + "\"";
}
