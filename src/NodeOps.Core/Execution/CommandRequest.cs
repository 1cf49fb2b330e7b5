using NodeOps.Core.Documents;
using NodeOps.Core.Models;

namespace NodeOps.Core.Execution;

/// <summary>Everything Invoke-NodeCommand was asked to do, resolved and validated.</summary>
public sealed class CommandRequest
{
    public required CommandKind Kind { get; init; }
    public required string Text { get; init; }
    /// <summary>What runs on each node: the document's steps, or one step for an ad-hoc script.</summary>
    public required DocumentPlan Plan { get; init; }
    /// <summary>SSM's limit on a command's comment.</summary>
    public const int MaxCommentLength = 100;

    public string? Comment { get; init; }

    /// <summary>A comment NodeOps writes itself, cut to the limit.</summary>
    public static string CommentFrom(string text) => text.Length > MaxCommentLength ? text[..MaxCommentLength] : text;
    public required IReadOnlyList<ManagedNode> Targets { get; init; }
    public IReadOnlyList<string> TargetTags { get; init; } = Array.Empty<string>();
    public RateLimit MaxConcurrency { get; init; } = new(50, null);
    public RateLimit MaxErrors { get; init; } = new(0, null);
    /// <summary>Execution limit per node, from the moment the command starts on it (connecting has its own limit).</summary>
    public int TimeoutSeconds { get; init; } = 3600;
}

/// <summary>Counts for progress displays.</summary>
public readonly record struct FanOutProgress(int Total, int Completed, int Running, int Failed);
