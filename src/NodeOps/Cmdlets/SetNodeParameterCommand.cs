using System.Collections;
using System.Management.Automation;
using System.Security;
using NodeOps.Common;
using NodeOps.Core.Models;

namespace NodeOps.Cmdlets;

/// <summary>Stores a configuration value or secret in the Parameter Store (a new version with -Overwrite).</summary>
[Cmdlet(VerbsCommon.Set, "NodeParameter", SupportsShouldProcess = true)]
[OutputType(typeof(NodeParameter))]
public sealed class SetNodeParameterCommand : NodeOpsCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ParameterNameCompleter))]
    public string Name { get; set; } = "";

    /// <summary>A string, a list of strings (StringList) or a SecureString.</summary>
    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    public object Value { get; set; } = "";

    /// <summary>By default: SecureString for a SecureString value, StringList for a list, String otherwise.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public NodeParameterType? Type { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)] public string? Description { get; set; }

    /// <summary>A regular expression the value must match (each item, for a StringList).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)] public string? AllowedPattern { get; set; }

    [Parameter] public SwitchParameter Overwrite { get; set; }

    [Parameter] public Hashtable? Tag { get; set; }

    /// <summary>A SecureString parameter's value is never put in the audit trail, even when it was given as plain text.</summary>
    protected override bool IsSecretParameter(string name, object value) =>
        base.IsSecretParameter(name, value) || name == nameof(Value) && (Type == NodeParameterType.SecureString || _secureValueGiven);

    private bool _secureValueGiven;

    protected override void ProcessRecord() => ForEachItem(() =>
    {
        var value = Value is PSObject ps ? ps.BaseObject : Value;
        // Without -Type a new version keeps the parameter's type, so a secret never turns into plain text.
        var type = Type ?? Catalog.Parameters.TypeOf(Name) ?? value switch
        {
            SecureString => NodeParameterType.SecureString,
            string => NodeParameterType.String,
            IEnumerable => NodeParameterType.StringList,
            _ => NodeParameterType.String,
        };
        _secureValueGiven |= type == NodeParameterType.SecureString;
        if (!ShouldProcess(Name, Overwrite ? "Set parameter (new version)" : "Create parameter")) return;
        var tags = Tag?.Cast<DictionaryEntry>().ToDictionary(e => e.Key.ToString()!, e => e.Value?.ToString() ?? "");
        var stored = Catalog.Parameters.Put(Name, type, value, Description, AllowedPattern, tags, Overwrite);
        WriteObject(Catalog.Parameters.ToOutput(stored, decrypt: false, asPlainText: false));
    });
}
