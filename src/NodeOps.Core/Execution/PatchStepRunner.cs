using System.Text;
using NodeOps.Core.Documents;
using NodeOps.Core.Errors;
using NodeOps.Core.Models;
using NodeOps.Core.Patching;
using NodeOps.Core.Transport;

namespace NodeOps.Core.Execution;

/// <summary>
/// aws:runPatchBaseline on one node: scan (refresh the package lists, read what is installed and offered,
/// apply the node's baseline) and, for Install, install exactly the approved missing versions, scan again,
/// reboot when asked and needed, wait for the node to come back and scan once more. Each report is stored
/// as the node's compliance; a failed install is recorded with what it did manage to change.
/// </summary>
internal static class PatchStepRunner
{
    private static readonly TimeSpan DownWait = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(2);

    public static async Task RunAsync(NodeSession session, PatchOptions options, NodeCommandStepResult r, string? platform, int timeoutSeconds,
        StepContext context, CancellationToken ct)
    {
        if (context.Patching is not { } sink || context.Node is not { } node)
        {
            Fail(r, ErrorIds.ActionNotSupported, "aws:runPatchBaseline runs through Invoke-PatchScan, Install-NodePatch or Invoke-NodeCommand.");
            return;
        }
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        var windows = platform == "Windows";
        var started = DateTime.UtcNow;
        var log = new StringBuilder();

        var (scan, error) = await ScanAsync(session, windows, refresh: true, deadline, ct).ConfigureAwait(false);
        if (scan is null) { Fail(r, ErrorIds.PatchOperationFailed, error!); return; }
        if (scan.PackageManager is not ("apt" or "dnf" or "wua"))
        {
            Fail(r, ErrorIds.PatchingNotSupported, $"This node uses {(scan.PackageManager is "" or "none" ? "no known package manager" : scan.PackageManager)}; NodeOps patches apt (Debian, Ubuntu), dnf (RHEL, Rocky, Alma, Amazon Linux) and Windows Update nodes so far.");
            return;
        }
        PatchOperatingSystem os;
        try { os = PatchBaselineRules.ParseOperatingSystem(scan.OperatingSystem, node.Name); }
        catch (NodeOpsException ex) { Fail(r, ErrorIds.PatchingNotSupported, ex.Message); return; }
        var (baseline, group) = sink.BaselineFor(node, os);
        foreach (var w in scan.Warnings) log.AppendLine("warning: " + w);
        var items = PatchEvaluator.Evaluate(baseline, scan, DateTime.UtcNow);
        var state = new NodePatchState
        {
            NodeId = node.NodeId, NodeName = node.Name, BaselineId = baseline.BaselineId, PatchGroup = group, Operation = options.Operation,
            OperationStartTime = started, CommandId = context.CommandId, OperatingSystem = scan.Product, RebootPending = scan.RebootRequired,
        };
        log.AppendLine($"Baseline {baseline.Name} ({baseline.BaselineId}){(group is null ? "" : $" for patch group {group}")}; {scan.Product}, {scan.Installed.Count} installed package(s).");

        if (options.Operation == "Install")
        {
            var targets = items.Where(i => i.State == PatchComplianceState.Missing && i.ApprovedVersion is not null)
                .ToDictionary(i => i.PatchId, i => i.ApprovedVersion!, StringComparer.Ordinal);
            IReadOnlyDictionary<string, PatchInstallOutcome>? outcomes = null;
            // With nothing to install nothing changed on the node: the first scan stands.
            if (targets.Count == 0) log.AppendLine("Nothing to install: no approved update is missing.");
            else
            {
                log.AppendLine($"Installing {targets.Count} approved update(s): {string.Join(", ", targets.Select(t => $"{t.Key}={t.Value}"))}");
                (var report, error) = await InstallAsync(session, windows, scan.PackageManager, targets, baseline, deadline, ct).ConfigureAwait(false);
                if (report is null)
                {
                    state.InstallFailed = true;
                    state.Details = error;
                    log.AppendLine("install: " + error);
                }
                outcomes = report?.Packages;
                (scan, error) = await ScanAsync(session, windows, refresh: false, deadline, ct).ConfigureAwait(false);
                if (scan is null) { Fail(r, ErrorIds.PatchOperationFailed, "The scan after the install failed: " + error); return; }
                items = PatchEvaluator.Evaluate(baseline, scan, DateTime.UtcNow, outcomes);
                if (report is not null)
                {
                    foreach (var o in report.Packages.Values)
                        log.AppendLine($"  {o.Name}: {o.VersionBefore ?? "(none)"} -> {o.VersionAfter ?? "(none)"}{(o.Failed ? "  FAILED" : "")}");
                    state.InstallFailed = report.ExitCode != 0 || report.Packages.Values.Any(o => o.Failed);
                    if (state.InstallFailed)
                    {
                        var done = report.Packages.Values.Count(o => !o.Failed && o.VersionBefore != o.VersionAfter);
                        state.Details = $"The install failed (exit code {report.ExitCode}); {done} of {report.Packages.Count} package(s) were updated (a partial install).";
                    }
                }
                state.RebootPending = scan.RebootRequired;
            }
            if (scan.RebootRequired && options.RebootIfNeeded)
            {
                // Evidence first: if the node never comes back, the catalog still shows what was installed.
                state.OperationEndTime = DateTime.UtcNow;
                sink.Store(state, items);
                log.AppendLine("A reboot is required; rebooting the node.");
                var (newSession, rebootError) = await RebootAsync(session, node, windows, sink.RebootCommand(windows), context, deadline, ct).ConfigureAwait(false);
                if (newSession is null)
                {
                    log.AppendLine(rebootError);
                    r.StandardOutput = log.ToString();
                    Fail(r, ErrorIds.PatchOperationFailed, rebootError!);
                    return;
                }
                try
                {
                    state.Rebooted = true;
                    log.AppendLine("The node is back; scanning again.");
                    (scan, error) = await ScanAsync(newSession, windows, refresh: false, deadline, ct).ConfigureAwait(false);
                    if (scan is null) { Fail(r, ErrorIds.PatchOperationFailed, "The scan after the reboot failed: " + error); return; }
                    items = PatchEvaluator.Evaluate(baseline, scan, DateTime.UtcNow, outcomes);
                    state.RebootPending = scan.RebootRequired;
                }
                finally
                {
                    context.Pool!.Release(newSession);
                }
            }
            else if (scan.RebootRequired) log.AppendLine("A reboot is required (RebootOption NoReboot: not rebooted).");
        }
        state.OperationEndTime = DateTime.UtcNow;
        sink.Store(state, items);
        log.AppendLine($"{items.Count(i => i.State == PatchComplianceState.Installed)} installed, {items.Count(i => i.State == PatchComplianceState.InstalledOther)} installed other, "
            + $"{items.Count(i => i.State == PatchComplianceState.InstalledPendingReboot)} pending reboot, {items.Count(i => i.State == PatchComplianceState.InstalledRejected)} rejected, "
            + $"{items.Count(i => i.State == PatchComplianceState.Missing)} missing, {items.Count(i => i.State == PatchComplianceState.Failed)} failed.");
        r.StandardOutput = log.ToString();
        if (state.InstallFailed) Fail(r, ErrorIds.PatchOperationFailed, state.Details ?? "The install failed.");
        else
        {
            r.Status = StepStatus.Success;
            r.ExitCode = 0;
        }
    }

    private static async Task<(NodePatchScan?, string?)> ScanAsync(NodeSession session, bool windows, bool refresh, DateTime deadline, CancellationToken ct)
    {
        var (output, error) = windows
            ? await RunWindowsAsync(session, "Scan", Array.Empty<string>(), deadline, ct).ConfigureAwait(false)
            : await RunShellAsync(session, (refresh ? "" : "NODEOPS_NO_UPDATE=1\n") + PatchScripts.LinuxScan, deadline, ct).ConfigureAwait(false);
        return output is null ? (null, error) : (PatchScanParser.ParseScan(output), null);
    }

    private static async Task<(PatchInstallReport?, string?)> InstallAsync(NodeSession session, bool windows, string manager, Dictionary<string, string> targets,
        PatchBaseline baseline, DateTime deadline, CancellationToken ct)
    {
        if (windows)
        {
            var (text, err) = await RunWindowsAsync(session, "Install", targets.Keys.ToArray(), deadline, ct).ConfigureAwait(false);
            return text is null ? (null, err) : (PatchScanParser.ParseInstall(text, targets.ToDictionary(t => t.Key, _ => "installed")), null);
        }
        var packages = string.Join("\n", targets.Select(t => $"{t.Key}={t.Value}"));
        var block = baseline.RejectedPatchesAction == RejectedPatchesAction.Block ? string.Join("\n", baseline.RejectedPatches) : "";
        var script = $"NODEOPS_PACKAGES={RemoteScripts.ShellQuote(packages)}\nNODEOPS_BLOCK={RemoteScripts.ShellQuote(block)}\n{(manager == "dnf" ? PatchScripts.DnfInstall : PatchScripts.AptInstall)}";
        var (output, error) = await RunShellAsync(session, script, deadline, ct).ConfigureAwait(false);
        return output is null ? (null, error) : (PatchScanParser.ParseInstall(output, targets), null);
    }

    private static async Task<(string?, string?)> RunShellAsync(NodeSession session, string script, DateTime deadline, CancellationToken ct)
    {
        var seconds = Math.Max(1, (int)(deadline - DateTime.UtcNow).TotalSeconds);
        var result = await StepRunner.InvokeShellAsync(session, script, seconds, null, ct).ConfigureAwait(false);
        if (result.Outcome == RemoteOutcome.TimedOut) return (null, "The node did not answer before the command's timeout.");
        if (result.Outcome == RemoteOutcome.Cancelled) return (null, "Cancelled.");
        var report = result.Output.LastOrDefault();
        if (report is null || result.TerminatingError is not null)
            return (null, result.TerminatingError?.ToString() ?? ObjectText.RenderErrors(result.Errors));
        if (report.Properties["TimedOut"]?.Value is true) return (null, "The patch script ran longer than the command's timeout.");
        var code = report.Properties["ExitCode"]?.Value is int c ? c : -1;
        var stdout = report.Properties["StandardOutput"]?.Value as string ?? "";
        if (code != 0) return (null, $"The patch script exited {code}: {(report.Properties["StandardError"]?.Value as string ?? "").Trim()}");
        return (stdout, null);
    }

    private static async Task<(string?, string?)> RunWindowsAsync(NodeSession session, string operation, string[] kbs, DateTime deadline, CancellationToken ct)
    {
        var seconds = Math.Max(1, (int)(deadline - DateTime.UtcNow).TotalSeconds);
        var result = await session.InvokeAsync(ps => ps.AddScript(PatchScripts.WindowsTask).AddParameter("Operation", operation)
            .AddParameter("Kbs", kbs).AddParameter("TimeoutSeconds", seconds), TimeSpan.FromSeconds(seconds + 10), ct).ConfigureAwait(false);
        if (result.Outcome != RemoteOutcome.Completed) return (null, "The Windows Update task did not finish in time.");
        if (result.TerminatingError is not null) return (null, result.TerminatingError.ToString());
        return (string.Join("\n", result.Output.Select(o => o.ToString())), null);
    }

    /// <summary>Sends the reboot command, waits for the node to go away and come back, and opens a new session to it.</summary>
    private static async Task<(NodeSession?, string?)> RebootAsync(NodeSession session, ManagedNode node, bool windows, string command, StepContext context,
        DateTime deadline, CancellationToken ct)
    {
        try
        {
            if (windows)
                await session.InvokeAsync(ps => ps.AddScript($"Start-Process -FilePath cmd.exe -ArgumentList '/c','{command.Replace("'", "''")}'"), TimeSpan.FromSeconds(30), ct).ConfigureAwait(false);
            else
                await RunShellAsync(session, PatchScripts.Reboot(command), deadline, ct).ConfigureAwait(false);
        }
        catch (NodeConnectionException)
        {
            // The node may drop the connection as it goes down.
        }
        session.MarkInDoubt();
        context.Pool!.Clear(node.NodeId);
        var downBy = DateTime.UtcNow + DownWait < deadline ? DateTime.UtcNow + DownWait : deadline;
        while (await ReachableAsync(node, context.Settings!, ct).ConfigureAwait(false))
        {
            if (DateTime.UtcNow > downBy) return (null, $"The node still answered {(int)DownWait.TotalMinutes} min after the reboot command ({command}); it did not reboot.");
            await Task.Delay(250, ct).ConfigureAwait(false);
        }
        string last = "";
        while (DateTime.UtcNow < deadline)
        {
            ct.ThrowIfCancellationRequested();
            if (await ReachableAsync(node, context.Settings!, ct).ConfigureAwait(false))
            {
                try
                {
                    return (await context.Pool.AcquireAsync(node, context.Settings!, ct).ConfigureAwait(false), null);
                }
                catch (NodeConnectionException ex) { last = ex.Message; }
            }
            await Task.Delay(500, ct).ConfigureAwait(false);
        }
        return (null, $"The node did not come back after the reboot within the command's timeout. {last}".Trim());
    }

    /// <summary>Whether the node's port accepts a connection now (the same check a new session starts with).</summary>
    private static async Task<bool> ReachableAsync(ManagedNode node, ConnectionSettings settings, CancellationToken ct)
    {
        try
        {
            await SshPreflight.CheckReachableAsync(node, settings with { ConnectTimeout = ProbeTimeout }, ct).ConfigureAwait(false);
            return true;
        }
        catch (NodeConnectionException)
        {
            return false;
        }
    }


    private static void Fail(NodeCommandStepResult r, string errorId, string details)
    {
        StepRunner.Fail(r, errorId, details);
        r.ExitCode ??= 1;
    }
}

/// <summary>An aws:runPatchBaseline step's inputs: Operation Scan or Install, and whether to reboot when needed.</summary>
public sealed record PatchOptions(string Operation, bool RebootIfNeeded);
