namespace NodeOps.Core.Documents;

/// <summary>SSM's parameter types.</summary>
public enum DocumentParameterType { String, StringList, Integer, Boolean, StringMap, MapList }

/// <summary>A parameter a document declares: type, default and constraints, checked before anything is sent.</summary>
public sealed class DocumentParameter
{
    public string Name { get; init; } = "";
    public DocumentParameterType Type { get; init; }
    public string? Description { get; init; }
    /// <summary>The default, already converted to the parameter's type; null when the parameter is required.</summary>
    public object? Default { get; init; }
    public bool HasDefault { get; init; }
    public IReadOnlyList<string> AllowedValues { get; init; } = Array.Empty<string>();
    public string? AllowedPattern { get; init; }
    public int? MinItems { get; init; }
    public int? MaxItems { get; init; }
    public DocMark Mark { get; init; }

    public bool IsRequired => !HasDefault;

    public override string ToString() => $"{Name} ({Type})";
}
