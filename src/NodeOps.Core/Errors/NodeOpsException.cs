using System.Management.Automation;

namespace NodeOps.Core.Errors;

/// <summary>
/// A failure the user can act on. Cmdlets turn it into an ErrorRecord with this stable error id,
/// category and target object, so scripts can match on FullyQualifiedErrorId.
/// </summary>
public sealed class NodeOpsException : Exception
{
    public string ErrorId { get; }
    public ErrorCategory Category { get; }
    public object? TargetObject { get; }

    public NodeOpsException(string errorId, ErrorCategory category, object? target, string message, Exception? inner = null)
        : base(message, inner)
    {
        ErrorId = errorId;
        Category = category;
        TargetObject = target;
    }

    public ErrorRecord ToErrorRecord() => new(this, ErrorId, Category, TargetObject);
}
