using System.Management.Automation;
using System.Text;
using NodeOps.Core.Errors;

namespace NodeOps.Core.Files;

/// <summary>
/// Writes a file the user asked for so that a failure leaves any earlier file whole: the content goes to a
/// temporary file beside it, which is then moved over it. An I/O or access failure becomes the caller's error id.
/// </summary>
public static class AtomicFile
{
    public static void Write(string path, Action<Stream> write, string errorId, object? target = null)
    {
        var temp = path + ".tmp-" + Guid.NewGuid().ToString("N")[..8];
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write)) write(stream);
            File.Move(temp, path, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            try { File.Delete(temp); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            throw new NodeOpsException(errorId, ErrorCategory.WriteError, target ?? path, $"Cannot write '{path}': {ex.Message}", ex);
        }
    }

    /// <summary>Text as UTF-8 without a byte-order mark.</summary>
    public static void WriteText(string path, string text, string errorId, object? target = null) =>
        Write(path, s => s.Write(new UTF8Encoding(false).GetBytes(text)), errorId, target);
}
