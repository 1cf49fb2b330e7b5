using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using NodeOps.Core.Models;

namespace NodeOps.Core.Audit;

/// <summary>The chain hash of an event: SHA-256 over a canonical JSON of every field but the hash itself.</summary>
public static class AuditHash
{
    public static string Of(AuditEvent e)
    {
        var canonical = JsonSerializer.Serialize(new object[]
        {
            e.Sequence, e.Time.ToUniversalTime().ToString("O"), e.User, e.Machine, e.ProcessId, e.Cmdlet,
            e.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => new[] { p.Key, p.Value }).ToArray(),
            e.Targets, e.Outcome.ToString(), e.ErrorIds, e.ResultIds, e.PreviousHash,
        });
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(canonical))).ToLowerInvariant();
    }
}
