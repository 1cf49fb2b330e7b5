using System.Management.Automation;
using System.Text;
using NodeOps.Core.Errors;

namespace NodeOps.Core.Catalog;

/// <summary>
/// Checks that an existing file is a LiteDB v5 data file before LiteDB opens it: LiteDB "recovers" a
/// file it cannot read by rewriting it, and a catalog the user points at by mistake must stay as it is.
/// </summary>
internal static class CatalogFileCheck
{
    // LiteDB 5 writes this text at offset 32 of the header page, and the file format version (8) at 59.
    private static readonly byte[] HeaderInfo = Encoding.ASCII.GetBytes("** This is a LiteDB file **");
    private const int HeaderInfoOffset = 32, FileVersionOffset = 59, FileVersion = 8;

    public static void ThrowIfNotCatalog(string path)
    {
        if (!File.Exists(path)) return;
        var header = new byte[64];
        int read;
        try
        {
            using var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            if (fs.Length == 0) return;
            read = fs.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        }
        catch (IOException)
        {
            return; // locked or busy: the open reports it with its own retry and error
        }
        if (read < header.Length
            || !header.AsSpan(HeaderInfoOffset, HeaderInfo.Length).SequenceEqual(HeaderInfo)
            || header[FileVersionOffset] != FileVersion)
            throw new NodeOpsException(ErrorIds.CatalogCorrupt, ErrorCategory.InvalidData, path,
                $"'{path}' is not a NodeOps catalog (no LiteDB 5 header). It was left as it is; restore it from a backup or point -CatalogPath elsewhere.");
    }
}
