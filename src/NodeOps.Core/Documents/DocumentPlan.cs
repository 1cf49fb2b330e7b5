namespace NodeOps.Core.Documents;

/// <summary>
/// A document made ready to send: parameters bound, inputs interpolated, nested documents and controller
/// files resolved. Built once per Invoke-NodeCommand, before anything is sent; the same plan runs on every node.
/// </summary>
public sealed class DocumentPlan
{
    public string DocumentName { get; init; } = "";
    public int? DocumentVersion { get; init; }
    /// <summary>How a Run Command names what it ran: name:version.</summary>
    public string Reference => $"{DocumentName}:{DocumentVersion}";
    public IReadOnlyDictionary<string, object> Parameters { get; init; } = new Dictionary<string, object>();
    public IReadOnlyList<PlannedStep> Steps { get; init; } = Array.Empty<PlannedStep>();
    /// <summary>Plain text of the secrets the plan carries (resolved SecureString parameters): masked wherever output is kept or shown.</summary>
    public IReadOnlyList<string> Secrets { get; init; } = Array.Empty<string>();

    /// <summary>Whether a step depends on the node's platform (the executor then learns it from the node).</summary>
    public bool NeedsPlatform => Steps.Any(Uses);

    private static bool Uses(PlannedStep s) => s.Precondition?.Left == "platformType" || s.Action == StepAction.RunPatchBaseline || s.Children.Any(Uses);

    /// <summary>An ad-hoc -ShellScript: one runShellScript step, as SSM's AWS-RunShellScript has.</summary>
    public static DocumentPlan ForShell(string script) => new()
    {
        Steps = new[] { new PlannedStep { Name = "runShellScript", ActionName = "aws:runShellScript", Action = StepAction.RunShellScript, Script = script } },
    };

    /// <summary>An ad-hoc -ScriptBlock/-Command: one runPowerShellScript step in the session's global scope.</summary>
    public static DocumentPlan ForPowerShell(string script) => new()
    {
        Steps = new[] { new PlannedStep { Name = "runPowerShellScript", ActionName = "aws:runPowerShellScript", Action = StepAction.RunPowerShellScript, Script = script, GlobalScope = true } },
    };
}

public sealed class PlannedStep
{
    public string Name { get; init; } = "";
    public string ActionName { get; init; } = "";
    public StepAction Action { get; init; }
    /// <summary>StringEquals operands after interpolation; "platformType" on the left compares with the node's platform.</summary>
    public (string Left, string Right)? Precondition { get; init; }
    public string Script { get; init; } = "";
    public string? WorkingDirectory { get; init; }
    public int? TimeoutSeconds { get; init; }
    public StepFailureAction OnFailure { get; init; }
    public bool ExitAfter { get; init; }
    public bool IsFinally { get; init; }
    /// <summary>Ad-hoc PowerShell keeps its variables in the session (as Invoke-Command does); document steps run in a child scope.</summary>
    public bool GlobalScope { get; init; }
    /// <summary>aws:downloadContent from HTTP(S): the node fetches the URL.</summary>
    public string? Url { get; init; }
    /// <summary>nodeops:copyFile, or aws:downloadContent from a controller path: files sent over the session.</summary>
    public IReadOnlyList<ControllerFile> Files { get; init; } = Array.Empty<ControllerFile>();
    public bool SourceIsDirectory { get; init; }
    /// <summary>Node path: a file path, or a folder (existing, or ending in /); empty means the node's temp folder.</summary>
    public string? Destination { get; init; }
    public bool Overwrite { get; init; } = true;
    /// <summary>aws:softwareInventory: what to gather.</summary>
    public Inventory.InventoryOptions? Inventory { get; init; }
    /// <summary>nodeops:runComplianceChecks: the checks to run.</summary>
    public ComplianceCheckPlan? ComplianceChecks { get; init; }
    /// <summary>aws:runPatchBaseline: Scan or Install, and the reboot choice.</summary>
    public Execution.PatchOptions? Patch { get; init; }
    /// <summary>aws:runDocument: the nested document's steps.</summary>
    public IReadOnlyList<PlannedStep> Children { get; init; } = Array.Empty<PlannedStep>();
    public string? NestedDocument { get; init; }

    public override string ToString() => Name;
}
