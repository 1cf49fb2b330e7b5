using System.Diagnostics;
using System.Management.Automation;
using NodeOps.Common;
using NodeOps.Core.Errors;
using NodeOps.Core.Scheduling;

namespace NodeOps.Cmdlets;

/// <summary>
/// Installs what makes the operating system run Invoke-NodeOpsScheduler -Once at an interval: a systemd service
/// and timer on Linux, a Task Scheduler task on Windows. With -Path the files are only written there.
/// </summary>
[Cmdlet(VerbsLifecycle.Register, "NodeOpsSchedulerTask", SupportsShouldProcess = true)]
[OutputType(typeof(FileInfo))]
public sealed class RegisterNodeOpsSchedulerTaskCommand : NodeOpsCmdlet
{
    /// <summary>Unit / task name (default nodeops-scheduler).</summary>
    [Parameter(Position = 0)]
    [ValidatePattern(@"^[A-Za-z0-9_.@-]{1,64}$")]
    public string Name { get; set; } = "nodeops-scheduler";

    /// <summary>Seconds between passes (default 60).</summary>
    [Parameter] [ValidateRange(10, 86400)] public int IntervalSeconds { get; set; } = 60;

    /// <summary>Write the unit files (or task XML) into this folder and install nothing.</summary>
    [Parameter] public string? Path { get; set; }

    /// <summary>The program that runs a pass: the nodeops host beside the module by default, or pwsh.</summary>
    [Parameter] public string? HostPath { get; set; }

    /// <summary>The account the service runs as (systemd User=).</summary>
    [Parameter] public string? User { get; set; }

    protected override void EndProcessing() => Guard(() =>
    {
        var moduleBase = MyInvocation.MyCommand.Module?.ModuleBase ?? System.IO.Path.GetDirectoryName(typeof(RegisterNodeOpsSchedulerTaskCommand).Assembly.Location)!;
        var host = HostPath is not null ? GetUnresolvedProviderPathFromPSPath(HostPath) : DefaultHost(moduleBase);
        var isPwsh = System.IO.Path.GetFileNameWithoutExtension(host).StartsWith("pwsh", StringComparison.OrdinalIgnoreCase);
        var definition = new SchedulerTaskDefinition
        {
            Name = Name,
            HostPath = host,
            CatalogPath = Catalog.Path,
            ModulePath = isPwsh ? System.IO.Path.Combine(moduleBase, "NodeOps.psd1") : null,
            Interval = TimeSpan.FromSeconds(IntervalSeconds),
            User = User,
        };
        var windows = OperatingSystem.IsWindows();
        var folder = Path is not null ? GetUnresolvedProviderPathFromPSPath(Path)
            : windows ? System.IO.Path.GetTempPath() : "/etc/systemd/system";
        var files = windows
            ? new[] { (System.IO.Path.Combine(folder, Name + ".xml"), definition.WindowsTaskXml()) }
            : new[] { (System.IO.Path.Combine(folder, Name + ".service"), definition.SystemdService()), (System.IO.Path.Combine(folder, Name + ".timer"), definition.SystemdTimer()) };
        if (!ShouldProcess(string.Join(", ", files.Select(f => f.Item1)), Path is null ? "Install scheduler task" : "Write scheduler task files")) return;
        foreach (var (file, text) in files)
        {
            try
            {
                Directory.CreateDirectory(folder);
                File.WriteAllText(file, text);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new NodeOpsException(ErrorIds.SchedulerTaskUnwritable, ErrorCategory.WriteError, file, $"Cannot write '{file}': {ex.Message}", ex);
            }
            WriteObject(new FileInfo(file));
        }
        if (Path is not null) return;
        if (windows) Install("schtasks.exe", "/Create", "/F", "/TN", Name, "/XML", files[0].Item1);
        else
        {
            Install("systemctl", "daemon-reload");
            Install("systemctl", "enable", "--now", Name + ".timer");
        }
    });

    private static string DefaultHost(string moduleBase)
    {
        var beside = System.IO.Path.GetFullPath(System.IO.Path.Combine(moduleBase, "..", "host", OperatingSystem.IsWindows() ? "nodeops.exe" : "nodeops"));
        return File.Exists(beside) ? beside : OperatingSystem.IsWindows() ? "pwsh.exe" : "/usr/bin/pwsh";
    }

    private void Install(string program, params string[] args)
    {
        var psi = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        try
        {
            using var p = Process.Start(psi)!;
            var err = p.StandardError.ReadToEnd();
            p.WaitForExit();
            if (p.ExitCode != 0)
                throw new NodeOpsException(ErrorIds.SchedulerTaskUnwritable, ErrorCategory.InvalidOperation, program,
                    $"'{program} {string.Join(' ', args)}' failed ({p.ExitCode}): {err.Trim()}");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new NodeOpsException(ErrorIds.SchedulerTaskUnwritable, ErrorCategory.ResourceUnavailable, program,
                $"The files were written, but '{program}' is not available to install them ({ex.Message}). Use -Path to write the files only.", ex);
        }
    }
}
