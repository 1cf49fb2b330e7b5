using System.Management.Automation;
using NodeOps.Core.Errors;

namespace NodeOps.Core.Documents;

/// <summary>A file read on the controller to be written on nodes: its path relative to the copied root, bytes and Unix mode.</summary>
public sealed record ControllerFile(string RelativePath, byte[] Content, int? UnixMode)
{
    public const long MaxTotalBytes = 256L * 1024 * 1024;

    /// <summary>Reads a file, or every file under a directory; the result says whether the source was a directory.</summary>
    public static (IReadOnlyList<ControllerFile> Files, bool IsDirectory) Read(string path, string step)
    {
        try
        {
            if (File.Exists(path)) return (new[] { One(path, Path.GetFileName(path)) }, false);
            if (!Directory.Exists(path))
                throw new NodeOpsException(ErrorIds.StepInputInvalid, ErrorCategory.ObjectNotFound, path,
                    $"Step '{step}': the controller path '{path}' does not exist.");
            var files = Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                .Select(f => One(f, Path.GetRelativePath(path, f).Replace('\\', '/'))).ToList();
            if (files.Sum(f => (long)f.Content.Length) > MaxTotalBytes)
                throw new NodeOpsException(ErrorIds.StepInputInvalid, ErrorCategory.LimitsExceeded, path,
                    $"Step '{step}': '{path}' holds more than {MaxTotalBytes / (1024 * 1024)} MB; copy large content with a package source instead.");
            return (files, true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new NodeOpsException(ErrorIds.StepInputInvalid, ErrorCategory.ReadError, path, $"Step '{step}': cannot read '{path}': {ex.Message}", ex);
        }
    }

    private static ControllerFile One(string path, string relative) =>
        new(relative, File.ReadAllBytes(path), OperatingSystem.IsWindows() ? null : (int)File.GetUnixFileMode(path));
}
