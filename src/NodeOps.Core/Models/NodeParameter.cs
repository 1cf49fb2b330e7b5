using LiteDB;

namespace NodeOps.Core.Models;

public enum NodeParameterType { String, StringList, SecureString }

/// <summary>One stored version of a Parameter Store parameter. SecureString values are kept only encrypted.</summary>
public sealed class NodeParameterVersion
{
    /// <summary>"name#version" (names are case-sensitive, as in SSM).</summary>
    [BsonId] public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    public int Version { get; set; }
    public NodeParameterType Type { get; set; }
    /// <summary>The value of a String or StringList (comma-separated) parameter; null for SecureString.</summary>
    public string? Value { get; set; }
    /// <summary>A SecureString value, AES-GCM encrypted with the name and version bound in.</summary>
    public string? EncryptedValue { get; set; }
    public string? Description { get; set; }
    public string? AllowedPattern { get; set; }
    public List<string> Labels { get; set; } = new();
    public Dictionary<string, string> Tags { get; set; } = new();
    public DateTime LastModifiedDate { get; set; }
    public string LastModifiedUser { get; set; } = "";

    public static string MakeId(string name, int version) => $"{name}#{version}";
}

/// <summary>A parameter as cmdlets return it: Value is a string, a string[] or a SecureString (or plain text with -AsPlainText).</summary>
public sealed class NodeParameter
{
    public string Name { get; init; } = "";
    public NodeParameterType Type { get; init; }
    /// <summary>null for a SecureString read without -WithDecryption.</summary>
    public object? Value { get; init; }
    public int Version { get; init; }
    public IReadOnlyList<string> Labels { get; init; } = Array.Empty<string>();
    public string? Description { get; init; }
    public string? AllowedPattern { get; init; }
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();
    public DateTime LastModifiedDate { get; init; }
    public string LastModifiedUser { get; init; } = "";
    /// <summary>The selector that found it, when one was given ("name:3", "name:prod").</summary>
    public string? Selector { get; init; }

    public override string ToString() => Name;
}
