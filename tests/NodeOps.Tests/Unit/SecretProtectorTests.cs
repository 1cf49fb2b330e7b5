using System.Net;
using System.Text;
using NodeOps.Core.Errors;
using NodeOps.Core.Security;
using NodeOps.Tests.Infrastructure;
using Xunit;

namespace NodeOps.Tests.Unit;

public class SecretProtectorTests
{
    private static System.Security.SecureString Secure(string s) => new NetworkCredential("", s).SecurePassword;

    [Fact]
    public void Round_trip_with_an_owner_only_key_and_no_clear_text()
    {
        var keyPath = Path.Combine(TestPaths.NewTempDirectory(), "secret.key");
        var protector = new SecretProtector(keyPath);
        var stored = protector.Protect(Secure("s3cr3t-Passw0rd"));
        Assert.DoesNotContain("s3cr3t", stored);
        Assert.DoesNotContain(Convert.ToBase64String(Encoding.UTF8.GetBytes("s3cr3t-Passw0rd")), stored);
        Assert.Equal("s3cr3t-Passw0rd", new NetworkCredential("", new SecretProtector(keyPath).UnprotectToSecureString(stored)).Password);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyPath));
    }

    [Fact]
    public void A_flipped_byte_or_another_key_is_an_error_not_garbage()
    {
        var dir = TestPaths.NewTempDirectory();
        var stored = new SecretProtector(Path.Combine(dir, "a.key")).Protect(Secure("hello"));
        var bytes = Convert.FromBase64String(stored[3..]);
        bytes[^1] ^= 0x01;
        var tampered = "v1:" + Convert.ToBase64String(bytes);
        Assert.Equal(ErrorIds.SecretKeyUnavailable, Assert.Throws<NodeOpsException>(() => new SecretProtector(Path.Combine(dir, "a.key")).UnprotectToSecureString(tampered)).ErrorId);
        new SecretProtector(Path.Combine(dir, "b.key")).Protect(Secure("x"));
        Assert.Throws<NodeOpsException>(() => new SecretProtector(Path.Combine(dir, "b.key")).UnprotectToSecureString(stored));
        Assert.Throws<NodeOpsException>(() => new SecretProtector(Path.Combine(dir, "missing.key")).UnprotectToSecureString(stored));
    }
}
