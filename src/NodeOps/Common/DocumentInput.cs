using System.Management.Automation;
using NodeOps.Core.Errors;

namespace NodeOps.Common;

/// <summary>The text of a document given as -Path (a YAML or JSON file) or -Content, and how errors should name it.</summary>
internal static class DocumentInput
{
    public static (string Text, string Source) Read(PSCmdlet cmdlet, string? path, string? content, string name)
    {
        if (path is null) return (content ?? "", name);
        var full = cmdlet.GetUnresolvedProviderPathFromPSPath(path);
        try
        {
            return (File.ReadAllText(full), full);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new NodeOpsException(ErrorIds.DocumentFileUnreadable, ex is FileNotFoundException or DirectoryNotFoundException ? ErrorCategory.ObjectNotFound : ErrorCategory.ReadError,
                path, $"Cannot read the document file '{full}': {ex.Message}", ex);
        }
    }
}
