namespace NodeOps.Core.Automation;

/// <summary>The Runtime values aws:executeScript accepts: PowerShell (run in the controller's engine) and Python (when an interpreter is present).</summary>
public static class ScriptRuntimes
{
    public static bool IsPowerShell(string? runtime) =>
        runtime is null || runtime.StartsWith("PowerShell", StringComparison.OrdinalIgnoreCase) || runtime.Equals("pwsh", StringComparison.OrdinalIgnoreCase);

    public static bool IsPython(string? runtime) => runtime is not null && runtime.StartsWith("python3", StringComparison.OrdinalIgnoreCase);

    public static bool IsKnown(string runtime) => IsPowerShell(runtime) || IsPython(runtime);
}
