using System.Management.Automation;
using NodeOps.Common;
using NodeOps.Core.Documents;
using NodeOps.Core.Models;

namespace NodeOps.Cmdlets;

/// <summary>Runs PowerShell or a shell script on many nodes at once, with rate control, and keeps every result.</summary>
[Cmdlet(VerbsLifecycle.Invoke, "NodeCommand", DefaultParameterSetName = ScriptBlockSet, SupportsShouldProcess = true)]
[OutputType(typeof(NodeCommandInvocation), typeof(NodeCommand), typeof(NodeCommandJob))]
public sealed class InvokeNodeCommandCommand : FanOutCmdlet
{
    private const string ScriptBlockSet = "ScriptBlock", CommandSet = "Command", ShellSet = "ShellScript", DocumentSet = "Document";

    [Parameter(ParameterSetName = ScriptBlockSet, Mandatory = true, Position = 0)]
    public ScriptBlock ScriptBlock { get; set; } = null!;

    /// <summary>PowerShell script text to run on each node.</summary>
    [Parameter(ParameterSetName = CommandSet, Mandatory = true, Position = 0)]
    public string Command { get; set; } = "";

    /// <summary>A bash/sh script to run on each Linux or macOS node.</summary>
    [Parameter(ParameterSetName = ShellSet, Mandatory = true, Position = 0)]
    public string ShellScript { get; set; } = "";

    /// <summary>A Command document to run (stored, built-in, or an AWS-* alias).</summary>
    [Parameter(ParameterSetName = DocumentSet, Mandatory = true)]
    [ArgumentCompleter(typeof(DocumentNameCompleter))]
    public string DocumentName { get; set; } = "";

    /// <summary>A version number, $DEFAULT (the default) or $LATEST.</summary>
    [Parameter(ParameterSetName = DocumentSet)]
    public string? DocumentVersion { get; set; }

    /// <summary>Values for the document's parameters, checked against their types and constraints before anything is sent.</summary>
    [Parameter(ParameterSetName = DocumentSet)]
    [Alias("Parameter")]
    [ArgumentCompleter(typeof(DocumentParameterCompleter))]
    public System.Collections.Hashtable? Parameters { get; set; }

    protected override string Activity => "Run command";

    protected override (CommandKind, string, DocumentPlan) Describe()
    {
        switch (ParameterSetName)
        {
            case ShellSet: return (CommandKind.Shell, ShellScript, DocumentPlan.ForShell(ShellScript));
            case CommandSet: return (CommandKind.PowerShell, Command, DocumentPlan.ForPowerShell(Command));
            case ScriptBlockSet: return (CommandKind.PowerShell, ScriptBlock.ToString(), DocumentPlan.ForPowerShell(ScriptBlock.ToString()));
        }
        return StoredDocument(DocumentName, DocumentVersion, Parameters);
    }
}
