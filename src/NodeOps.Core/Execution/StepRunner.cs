using NodeOps.Core.Documents;
using System.Management.Automation;
using NodeOps.Core.Errors;
using NodeOps.Core.Inventory;
using NodeOps.Core.Models;
using NodeOps.Core.Transport;

namespace NodeOps.Core.Execution;

/// <summary>Runs one planned step on a node over its session and records the outcome in a step result.</summary>
internal static class StepRunner
{
    /// <summary>SSM's exit codes: 3010 asks for a reboot after the script, 194 for a reboot before the document goes on.</summary>
    public const int RebootAfterExitCode = 3010, RebootNowExitCode = 194;
    private const int ChunkBytes = 4 * 1024 * 1024;

    /// <summary>Runs the step; returns the objects a PowerShell step wrote (for the pipeline).</summary>
    public static async Task<object[]> RunAsync(NodeSession session, PlannedStep step, NodeCommandStepResult r, string? platform, int timeoutSeconds,
        StepContext context, CancellationToken ct)
    {
        var timeout = TimeSpan.FromSeconds(timeoutSeconds);
        switch (step.Action)
        {
            case StepAction.RunShellScript:
            {
                if (platform == "Windows")
                {
                    Fail(r, ErrorIds.StepFailed, "Shell scripts run on Linux and macOS nodes; this node is Windows.");
                    return Array.Empty<object>();
                }
                ApplyShellResult(await InvokeShellAsync(session, step.Script, timeoutSeconds, step.WorkingDirectory, ct).ConfigureAwait(false), r);
                return Array.Empty<object>();
            }
            case StepAction.RunPowerShellScript:
            {
                var result = await session.InvokeAsync(ps =>
                {
                    ps.AddScript(RemoteScripts.ResetExitCode).AddStatement();
                    if (step.WorkingDirectory is { } dir) ps.AddScript(RemoteScripts.SetLocation).AddParameter("Path", dir).AddStatement();
                    ps.AddScript(step.Script, useLocalScope: !step.GlobalScope).AddStatement()
                      .AddScript(RemoteScripts.ReportExitCode);
                }, timeout, ct).ConfigureAwait(false);
                return ApplyPowerShellResult(result, r);
            }
            case StepAction.CopyFile or StepAction.DownloadContent when step.Url is null:
                await SendFilesAsync(session, step, r, timeout, ct).ConfigureAwait(false);
                return Array.Empty<object>();
            case StepAction.DownloadContent:
            {
                var result = await session.InvokeAsync(ps => ps.AddScript(RemoteScripts.Download)
                    .AddParameter("Url", step.Url).AddParameter("Destination", step.Destination ?? "").AddParameter("TimeoutSeconds", timeoutSeconds),
                    timeout + TimeSpan.FromSeconds(10), ct).ConfigureAwait(false);
                ApplyTransferResult(result, r, string.Join(Environment.NewLine, result.Output.Select(o => o.ToString())));
                return Array.Empty<object>();
            }
            case StepAction.SoftwareInventory when step.Inventory is { } options && context.Inventory is { } sink:
                await GatherInventoryAsync(session, options, r, context.NodeId, sink, timeout, ct).ConfigureAwait(false);
                return Array.Empty<object>();
            case StepAction.RunComplianceChecks when step.ComplianceChecks is { } checks && context.Compliance is { } compliance:
                await ComplianceCheckStep.RunAsync(session, checks, r, context, compliance, timeout, ct).ConfigureAwait(false);
                return Array.Empty<object>();
            case StepAction.RunPatchBaseline when step.Patch is { } patch:
                await PatchStepRunner.RunAsync(session, patch, r, platform, timeoutSeconds, context, ct).ConfigureAwait(false);
                return Array.Empty<object>();
            default:
                Fail(r, ErrorIds.ActionNotSupported, $"{step.ActionName} is not supported yet.");
                return Array.Empty<object>();
        }
    }

    private static async Task GatherInventoryAsync(NodeSession session, InventoryOptions o, NodeCommandStepResult r, string nodeId, IInventorySink sink,
        TimeSpan timeout, CancellationToken ct)
    {
        var files = o.Files.Select(f => new System.Collections.Hashtable { ["Path"] = f.Path, ["Patterns"] = f.Patterns.ToArray(), ["MaxDepth"] = f.MaxDepth }).ToArray();
        var result = await session.InvokeAsync(ps => ps.AddScript(InventoryScripts.Gather)
            .AddParameter("Applications", o.Applications).AddParameter("Services", o.Services).AddParameter("Network", o.Network).AddParameter("WindowsUpdates", o.WindowsUpdates).AddParameter("CustomInventory", o.CustomInventory)
            .AddParameter("Files", files).AddParameter("MaxFiles", o.MaxFiles), timeout, ct).ConfigureAwait(false);
        if (!ApplyTransferResult(result, r, "")) return;
        var summary = new System.Text.StringBuilder();
        var now = DateTime.UtcNow;
        foreach (var type in result.Output)
        {
            var typeName = type.Properties["TypeName"]?.Value?.ToString() ?? "";
            var scheme = type.Properties["Scheme"]?.Value?.ToString();
            var rows = (type.Properties["Rows"]?.Value is PSObject { BaseObject: System.Collections.IEnumerable list } ? list.Cast<object?>() : Array.Empty<object?>())
                .Select(InventoryRows.FromRemote).ToList();
            if (typeName == CustomInventoryFile.FilesTypeName)
            {
                foreach (var file in rows)
                {
                    var (custom, problem) = CustomInventoryFile.Read(file.GetValueOrDefault("Path", ""), file.GetValueOrDefault("Text", ""));
                    if (problem is not null)
                    {
                        r.StandardError += problem + Environment.NewLine;
                        continue;
                    }
                    try
                    {
                        var stored = sink.StoreCustom(nodeId, custom!.TypeName, custom.Rows, false, now);
                        summary.AppendLine($"{custom.TypeName}: {custom.Rows.Count} item(s) from {custom.Path}; {stored.Count} change(s)");
                    }
                    catch (NodeOpsException ex)
                    {
                        r.StandardError += $"{custom!.Path}: {ex.Message}{Environment.NewLine}";
                    }
                }
                continue;
            }
            var changes = sink.Store(nodeId, typeName, string.IsNullOrEmpty(scheme) ? null : scheme, rows, now);
            summary.AppendLine($"{typeName}: {rows.Count} item(s); {changes.Count(c => c.Change == InventoryChangeKind.Added)} added, {changes.Count(c => c.Change == InventoryChangeKind.Removed)} removed, {changes.Count(c => c.Change == InventoryChangeKind.Changed)} changed");
        }
        r.StandardOutput = summary.ToString();
    }

    private static async Task SendFilesAsync(NodeSession session, PlannedStep step, NodeCommandStepResult r, TimeSpan timeout, CancellationToken ct)
    {
        var written = new List<string>();
        long bytes = 0;
        foreach (var file in step.Files)
        {
            for (var offset = 0; offset == 0 || offset < file.Content.Length; offset += ChunkBytes)
            {
                var chunk = file.Content.AsSpan(offset, Math.Min(ChunkBytes, file.Content.Length - offset)).ToArray();
                var first = offset == 0;
                var result = await session.InvokeAsync(ps => ps.AddScript(RemoteScripts.WriteFileChunk)
                    .AddParameter("Destination", step.Destination ?? "").AddParameter("Relative", file.RelativePath)
                    .AddParameter("SourceIsDirectory", step.SourceIsDirectory).AddParameter("Bytes", chunk).AddParameter("First", first)
                    .AddParameter("Overwrite", step.Overwrite).AddParameter("Mode", file.UnixMode ?? -1), timeout, ct).ConfigureAwait(false);
                if (!ApplyTransferResult(result, r, "")) return;
                if (first && result.Output.LastOrDefault() is { } target) written.Add(target.ToString());
                bytes += chunk.Length;
                if (file.Content.Length == 0) break;
            }
        }
        r.StandardOutput = $"Copied {step.Files.Count} file(s), {bytes} bytes:{Environment.NewLine}" + string.Join(Environment.NewLine, written) + Environment.NewLine;
    }

    internal static bool ApplyTransferResult(RemoteInvocationResult result, NodeCommandStepResult r, string output)
    {
        if (SetIfInterrupted(result, r)) return false;
        var error = result.TerminatingError?.ToString() ?? (result.Errors.Length > 0 ? ObjectText.RenderErrors(result.Errors) : null);
        if (error is not null)
        {
            Fail(r, ErrorIds.FileTransferFailed, FirstLine(error));
            r.StandardError = error;
            return false;
        }
        r.Status = StepStatus.Success;
        r.ExitCode = 0;
        r.StandardOutput = output + (output.Length > 0 ? Environment.NewLine : "");
        return true;
    }

    private static void ApplyShellResult(RemoteInvocationResult result, NodeCommandStepResult r)
    {
        if (SetIfInterrupted(result, r))
        {
            r.StandardError = ObjectText.RenderErrors(result.Errors);
            return;
        }
        var report = result.Output.LastOrDefault();
        if (report is null || result.TerminatingError is not null)
        {
            var error = result.TerminatingError?.ToString() ?? ObjectText.RenderErrors(result.Errors);
            Fail(r, ErrorIds.CommandFailed, FirstLine(error));
            r.StandardError = error;
            return;
        }
        r.StandardOutput = report.Properties["StandardOutput"]?.Value as string ?? "";
        r.StandardError = report.Properties["StandardError"]?.Value as string ?? "";
        if (report.Properties["TimedOut"]?.Value is true)
        {
            r.Status = StepStatus.TimedOut;
            r.ErrorId = ErrorIds.CommandTimedOut;
            r.StatusDetails = "The script ran longer than its timeout and was stopped on the node.";
            return;
        }
        r.ExitCode = report.Properties["ExitCode"]?.Value is int code ? code : -1;
        SetByExitCode(r);
    }

    private static object[] ApplyPowerShellResult(RemoteInvocationResult result, NodeCommandStepResult r)
    {
        var output = result.Output.Where(o => o.Properties[RemoteScripts.ExitCodeMarker] is null).ToArray();
        var marker = result.Output.LastOrDefault(o => o.Properties[RemoteScripts.ExitCodeMarker] is not null);
        r.StandardOutput = ObjectText.Render(output);
        r.StandardError = ObjectText.RenderErrors(result.Errors);
        if (result.TerminatingError is not null) r.StandardError += result.TerminatingError + Environment.NewLine;
        if (SetIfInterrupted(result, r)) return output;

        var lastExit = marker?.Properties[RemoteScripts.ExitCodeMarker]?.Value is int c ? c : 0;
        r.ExitCode = result.TerminatingError is not null ? (lastExit != 0 ? lastExit : 1)
            : lastExit != 0 ? lastExit
            : result.Errors.Length > 0 ? 1 : 0;
        SetByExitCode(r);
        if (r.Status == StepStatus.Failed) r.StatusDetails = FirstLine(r.StandardError);
        return output;
    }

    private static bool SetIfInterrupted(RemoteInvocationResult result, NodeCommandStepResult r)
    {
        switch (result.Outcome)
        {
            case RemoteOutcome.TimedOut:
                r.Status = StepStatus.TimedOut;
                r.ErrorId = ErrorIds.CommandTimedOut;
                r.StatusDetails = "The step ran longer than its timeout and was stopped.";
                return true;
            case RemoteOutcome.Cancelled:
                r.Status = StepStatus.Cancelled;
                r.ErrorId = ErrorIds.Cancelled;
                r.StatusDetails = "Cancelled while running; the remote pipeline was stopped.";
                return true;
            default:
                return false;
        }
    }

    private static void SetByExitCode(NodeCommandStepResult r)
    {
        if (r.ExitCode is 0 or RebootAfterExitCode or RebootNowExitCode)
        {
            r.Status = StepStatus.Success;
            if (r.ExitCode != 0)
            {
                r.RebootRequested = true;
                r.StatusDetails = r.ExitCode == RebootNowExitCode
                    ? "Exit code 194: the step asked for a reboot before the document goes on. NodeOps does not reboot nodes; the remaining steps were not run."
                    : "Exit code 3010: the step asked for a reboot. NodeOps does not reboot nodes; it is recorded here.";
            }
            return;
        }
        Fail(r, ErrorIds.CommandFailed, $"Exit code {r.ExitCode}.");
    }

    /// <summary>Runs a shell script on the node. The node enforces the deadline itself and reports TimedOut; the controller's limit is a backstop.</summary>
    internal static Task<RemoteInvocationResult> InvokeShellAsync(NodeSession session, string script, int timeoutSeconds, string? workingDirectory, CancellationToken ct) =>
        session.InvokeAsync(ps => ps.AddScript(RemoteScripts.RunShell).AddParameter("Script", script).AddParameter("TimeoutSeconds", timeoutSeconds)
            .AddParameter("WorkingDirectory", workingDirectory ?? ""), TimeSpan.FromSeconds(timeoutSeconds + 10.0), ct);

    internal static void Fail(NodeCommandStepResult r, string errorId, string details)
    {
        r.Status = StepStatus.Failed;
        r.ErrorId = errorId;
        r.StatusDetails = details;
    }

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();
}
