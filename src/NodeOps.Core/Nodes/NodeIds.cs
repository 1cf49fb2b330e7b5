using System.Security.Cryptography;

namespace NodeOps.Core.Nodes;

/// <summary>Short, stable node ids in the shape SSM uses for managed instances: "mi-" and 12 hex digits.</summary>
public static class NodeIds
{
    public static string New() => "mi-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(6)).ToLowerInvariant();

    public static bool LooksLikeId(string text) => text.StartsWith("mi-", StringComparison.OrdinalIgnoreCase) && text.Length == 15;
}
