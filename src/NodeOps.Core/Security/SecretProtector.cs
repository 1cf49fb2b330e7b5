using System.Management.Automation;
using System.Net;
using System.Security;
using System.Security.Cryptography;
using System.Text;
using NodeOps.Core.Catalog;
using NodeOps.Core.Errors;

namespace NodeOps.Core.Security;

/// <summary>
/// Encrypts secrets before they reach the catalog: AES-256-GCM with a per-user key file (created on first
/// use beside the default catalog), readable only by its owner on Linux and macOS and wrapped with DPAPI
/// for the user on Windows. The stored form is
/// "v1:" + base64(nonce | tag | ciphertext); a wrong key or a changed byte fails authentication.
/// </summary>
public sealed class SecretProtector
{
    private const string Prefix = "v1:";
    private const int NonceSize = 12, TagSize = 16, KeySize = 32;
    public const string KeyPathVariable = "NODEOPS_KEY_FILE";
    private readonly string _keyPath;
    private byte[]? _key;

    public SecretProtector(string keyPath) => _keyPath = keyPath;

    public static SecretProtector Default => new(Environment.GetEnvironmentVariable(KeyPathVariable) is { Length: > 0 } p
        ? p : Path.Combine(CatalogLocation.DefaultDirectory(), "secret.key"));

    /// <param name="context">Bound into the tag as associated data (e.g. a parameter's name and version), so a
    /// ciphertext copied onto another record does not decrypt there.</param>
    public string Protect(SecureString secret, string? context = null)
    {
        var plain = Encoding.UTF8.GetBytes(new NetworkCredential("", secret).Password);
        try
        {
            var nonce = RandomNumberGenerator.GetBytes(NonceSize);
            var cipher = new byte[plain.Length];
            var tag = new byte[TagSize];
            using var aes = new AesGcm(Key(create: true), TagSize);
            aes.Encrypt(nonce, plain, cipher, tag, Associated(context));
            return Prefix + Convert.ToBase64String(nonce.Concat(tag).Concat(cipher).ToArray());
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }
    }

    public SecureString UnprotectToSecureString(string stored, string? context = null)
    {
        if (!stored.StartsWith(Prefix, StringComparison.Ordinal)) throw Unreadable("it is not in a format this NodeOps writes");
        byte[] blob;
        try { blob = Convert.FromBase64String(stored[Prefix.Length..]); }
        catch (FormatException) { throw Unreadable("it is not valid base64"); }
        if (blob.Length < NonceSize + TagSize) throw Unreadable("it is too short");
        var plain = new byte[blob.Length - NonceSize - TagSize];
        try
        {
            using var aes = new AesGcm(Key(create: false), TagSize);
            aes.Decrypt(blob.AsSpan(0, NonceSize), blob.AsSpan(NonceSize + TagSize), blob.AsSpan(NonceSize, TagSize), plain, Associated(context));
            var result = new SecureString();
            foreach (var ch in Encoding.UTF8.GetString(plain)) result.AppendChar(ch);
            result.MakeReadOnly();
            return result;
        }
        catch (AuthenticationTagMismatchException)
        {
            throw Unreadable("the key does not match or the stored bytes were changed");
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }
    }

    private static byte[]? Associated(string? context) => context is null ? null : Encoding.UTF8.GetBytes(context);

    private byte[] Key(bool create)
    {
        if (_key is not null) return _key;
        if (File.Exists(_keyPath))
        {
            var bytes = File.ReadAllBytes(_keyPath);
            if (bytes.Length != KeySize && OperatingSystem.IsWindows()) bytes = UnwrapForUser(bytes);
            if (bytes.Length != KeySize) throw Unreadable($"the key file '{_keyPath}' is damaged");
            return _key = bytes;
        }
        if (!create)
            throw new NodeOpsException(ErrorIds.SecretKeyUnavailable, ErrorCategory.ObjectNotFound, _keyPath,
                $"The NodeOps secret key '{_keyPath}' is missing, so stored secrets cannot be decrypted. Register the credential again.");
        Directory.CreateDirectory(Path.GetDirectoryName(_keyPath)!);
        var key = RandomNumberGenerator.GetBytes(KeySize);
        using (var fs = new FileStream(_keyPath, FileMode.CreateNew, FileAccess.Write, FileShare.None))
        {
            if (OperatingSystem.IsWindows()) fs.Write(ProtectedData.Protect(key, null, DataProtectionScope.CurrentUser));
            else
            {
                File.SetUnixFileMode(_keyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
                fs.Write(key);
            }
        }
        return _key = key;
    }

    /// <summary>On Windows the key file holds the key wrapped with DPAPI for the current user (a 32-byte file is an older, unwrapped key).</summary>
    [System.Runtime.Versioning.SupportedOSPlatform("windows")]
    private byte[] UnwrapForUser(byte[] wrapped)
    {
        try { return ProtectedData.Unprotect(wrapped, null, DataProtectionScope.CurrentUser); }
        catch (CryptographicException) { throw Unreadable($"the key file '{_keyPath}' was protected for another Windows user or machine"); }
    }

    private NodeOpsException Unreadable(string why) =>
        new(ErrorIds.SecretKeyUnavailable, ErrorCategory.SecurityError, _keyPath, $"A stored secret cannot be decrypted: {why}.");
}
