namespace NodeOps.Core.Documents;

/// <summary>What a command-document step does, whichever of its SSM or NodeOps names the document uses.</summary>
public enum StepAction
{
    RunShellScript, RunPowerShellScript, DownloadContent, CopyFile, RunDocument, SoftwareInventory, ConfigurePackage, RunComplianceChecks, RunPatchBaseline,
    // Automation (runbook) actions: validated here, run by the automation engine.
    Automation,
}

/// <summary>The actions each document type accepts, and the inputs each command action requires.</summary>
public static class DocumentActions
{
    private static readonly Dictionary<string, StepAction> CommandActions = new(StringComparer.Ordinal)
    {
        ["aws:runShellScript"] = StepAction.RunShellScript,
        ["nodeops:runShellScript"] = StepAction.RunShellScript,
        ["aws:runPowerShellScript"] = StepAction.RunPowerShellScript,
        ["nodeops:runPowerShellScript"] = StepAction.RunPowerShellScript,
        ["aws:downloadContent"] = StepAction.DownloadContent,
        ["nodeops:downloadContent"] = StepAction.DownloadContent,
        ["nodeops:copyFile"] = StepAction.CopyFile,
        ["aws:runDocument"] = StepAction.RunDocument,
        ["nodeops:runDocument"] = StepAction.RunDocument,
        ["aws:softwareInventory"] = StepAction.SoftwareInventory,
        ["nodeops:softwareInventory"] = StepAction.SoftwareInventory,
        ["aws:runPatchBaseline"] = StepAction.RunPatchBaseline,
        ["nodeops:runPatchBaseline"] = StepAction.RunPatchBaseline,
        ["aws:configurePackage"] = StepAction.ConfigurePackage,
        ["nodeops:configurePackage"] = StepAction.ConfigurePackage,
        ["nodeops:runComplianceChecks"] = StepAction.RunComplianceChecks,
    };

    public static IEnumerable<string> CommandActionNames => CommandActions.Keys;

    public static StepAction? ForCommand(string name) => CommandActions.TryGetValue(name, out var a) ? a : null;

    public static bool IsAutomation(string name) => Automation.RunbookActions.IsKnown(name);

    /// <summary>Inputs that must be present (SSM's required inputs).</summary>
    public static IReadOnlyList<string> RequiredInputs(StepAction action) => action switch
    {
        StepAction.RunShellScript or StepAction.RunPowerShellScript => new[] { "runCommand" },
        StepAction.DownloadContent => new[] { "sourceType", "sourceInfo" },
        StepAction.CopyFile => new[] { "sourcePath", "destinationPath" },
        StepAction.RunDocument => new[] { "documentPath" },
        _ => Array.Empty<string>(),
    };

    /// <summary>Actions later NodeOps capabilities fill in: accepted at import, refused with a clear error at run time.</summary>
    public static bool IsPlaceholder(StepAction action) => action is StepAction.SoftwareInventory or StepAction.ConfigurePackage;
}
