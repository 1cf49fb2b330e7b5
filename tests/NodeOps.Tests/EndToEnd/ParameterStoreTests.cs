using System.Management.Automation;
using System.Net;
using System.Security;
using System.Text;
using LiteDB;
using NodeOps.Core.Models;
using NodeOps.Tests.Infrastructure;
using Xunit;

namespace NodeOps.Tests.EndToEnd;

/// <summary>The Parameter Store cmdlets and what they keep on disk (no nodes needed).</summary>
public class ParameterStoreTests : IDisposable
{
    private readonly NodeOpsShell _shell = new();

    public void Dispose() => _shell.Dispose();

    private List<NodeParameter> Run(string script, params object[] args) => _shell.Run<NodeParameter>(script, args);

    [Fact]
    public void Types_come_back_as_users_expect()
    {
        Run("Set-NodeParameter /app/prod/db/host db01.internal -Description 'primary'");
        Run("Set-NodeParameter /app/prod/servers -Value @('web1', 'web2')");
        Run("Set-NodeParameter /app/prod/db/password ([Net.NetworkCredential]::new('', 'Sup3r-s3cret!').SecurePassword)");

        var host = Run("Get-NodeParameter /app/prod/db/host").Single();
        Assert.Equal((NodeParameterType.String, "db01.internal", "primary"), (host.Type, (string)host.Value!, host.Description));
        var list = Run("Get-NodeParameter /app/prod/servers").Single();
        Assert.Equal(NodeParameterType.StringList, list.Type);
        Assert.Equal(new[] { "web1", "web2" }, (string[])list.Value!);

        var hidden = Run("Get-NodeParameter /app/prod/db/password").Single();
        Assert.Equal(NodeParameterType.SecureString, hidden.Type);
        Assert.Null(hidden.Value);
        var secure = Run("Get-NodeParameter /app/prod/db/password -WithDecryption").Single();
        Assert.Equal("Sup3r-s3cret!", new NetworkCredential("", (SecureString)secure.Value!).Password);
        Assert.Equal("Sup3r-s3cret!", Run("Get-NodeParameter /app/prod/db/password -AsPlainText").Single().Value);
        Assert.Equal("String", _shell.Run("(Get-NodeParameter /app/prod/db/host).Value.GetType().Name").Single().ToString());
    }

    [Fact]
    public void Versions_selectors_labels_and_history()
    {
        Run("Set-NodeParameter /svc/url http://v1");
        Assert.StartsWith("ParameterAlreadyExists,", _shell.ExpectError("Set-NodeParameter /svc/url http://v2").FullyQualifiedErrorId);
        Run("Set-NodeParameter /svc/url http://v2 -Overwrite");
        Run("Set-NodeParameter /svc/url http://v3 -Overwrite");
        Assert.Equal("http://v3", Run("Get-NodeParameter /svc/url").Single().Value);
        Assert.Equal("http://v1", Run("Get-NodeParameter /svc/url:1").Single().Value);
        Assert.Equal("http://v2", Run("Get-NodeParameter /svc/url -Version 2").Single().Value);

        Run("Add-NodeParameterLabel /svc/url -Version 2 -Label stable, blue");
        Assert.Equal("http://v2", Run("Get-NodeParameter /svc/url:stable").Single().Value);
        Run("Add-NodeParameterLabel /svc/url -Label stable"); // moves to the latest
        Assert.Equal("http://v3", Run("Get-NodeParameter /svc/url:stable").Single().Value);
        var history = Run("Get-NodeParameterHistory /svc/url");
        Assert.Equal(new[] { 1, 2, 3 }, history.Select(h => h.Version));
        Assert.Equal(new[] { "blue" }, history[1].Labels);
        Assert.Equal(new[] { "stable" }, history[2].Labels);

        var (_, errors) = _shell.RunAllowingErrors("Remove-NodeParameterLabel /svc/url -Version 2 -Label blue, nope");
        Assert.StartsWith("ParameterVersionNotFound,", Assert.Single(errors).FullyQualifiedErrorId);
        Assert.Empty(Run("Get-NodeParameter /svc/url:2").Single().Labels);
        Assert.StartsWith("ParameterVersionNotFound,", _shell.ExpectError("Get-NodeParameter /svc/url:blue").FullyQualifiedErrorId);
        Assert.StartsWith("InvalidParameterLabel,", _shell.ExpectError("Add-NodeParameterLabel /svc/url -Label 9lives").FullyQualifiedErrorId);
    }

    [Fact]
    public void Paths_list_children_or_everything_below()
    {
        foreach (var n in new[] { "/app/prod/a", "/app/prod/b", "/app/prod/db/host", "/app/test/a", "/other" })
            Run("Set-NodeParameter $args[0] x", n);
        Assert.Equal(new[] { "/app/prod/a", "/app/prod/b" }, Run("Get-NodeParameter -Path /app/prod").Select(p => p.Name));
        Assert.Equal(new[] { "/app/prod/a", "/app/prod/b", "/app/prod/db/host" }, Run("Get-NodeParameter -Path /app/prod -Recursive").Select(p => p.Name));
        Assert.Equal(5, Run("Get-NodeParameter -Path / -Recursive").Count);
        _shell.Run("Get-NodeParameter -Path /app -Recursive | Remove-NodeParameter");
        Assert.Equal(new[] { "/other" }, Run("Get-NodeParameter -Path / -Recursive").Select(p => p.Name));
        Assert.StartsWith("ParameterNotFound,", _shell.ExpectError("Get-NodeParameter /app/prod/a").FullyQualifiedErrorId);
    }

    [Fact]
    public void Limits_and_bad_input_give_clear_errors_and_change_nothing()
    {
        var e = _shell.ExpectError("Set-NodeParameter $args[0] x", "/" + string.Join("/", Enumerable.Range(1, 16)));
        Assert.StartsWith("InvalidParameterName,NodeOps.Cmdlets.SetNodeParameterCommand", e.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, e.CategoryInfo.Category);
        Assert.StartsWith("InvalidParameterValue,", _shell.ExpectError("Set-NodeParameter /big $args[0]", new string('x', 4097)).FullyQualifiedErrorId);
        Assert.StartsWith("InvalidParameterValue,", _shell.ExpectError("Set-NodeParameter /port abc -AllowedPattern '^[0-9]+$'").FullyQualifiedErrorId);
        Assert.StartsWith("InvalidParameterValue,", _shell.ExpectError("Set-NodeParameter /bad x -AllowedPattern '(['").FullyQualifiedErrorId);
        Assert.StartsWith("InvalidParameterValue,", _shell.ExpectError("Set-NodeParameter /list -Value @('a,b', 'c')").FullyQualifiedErrorId);
        Assert.Empty(Run("Get-NodeParameter -Path / -Recursive"));
        Run("Set-NodeParameter /port 8080 -AllowedPattern '^[0-9]+$'");
        Assert.StartsWith("InvalidParameterValue,", _shell.ExpectError("Set-NodeParameter /port http -Overwrite").FullyQualifiedErrorId);
        Assert.Equal("8080", Run("Get-NodeParameter /port").Single().Value);
    }

    [Fact]
    public void A_flipped_ciphertext_byte_gives_an_error_never_garbage()
    {
        Run("Set-NodeParameter /t/secret ([Net.NetworkCredential]::new('', 'tamper-me-123').SecurePassword)");
        using (var db = new LiteDatabase($"Filename={_shell.CatalogPath};Connection=shared"))
        {
            var col = db.GetCollection("parameters");
            var doc = col.FindById("/t/secret#1");
            var blob = Convert.FromBase64String(doc["EncryptedValue"].AsString[3..]);
            blob[^1] ^= 0x01;
            doc["EncryptedValue"] = "v1:" + Convert.ToBase64String(blob);
            col.Update(doc);
        }
        var error = _shell.ExpectError("Get-NodeParameter /t/secret -WithDecryption");
        Assert.StartsWith("SecretKeyUnavailable,", error.FullyQualifiedErrorId);
        Assert.Contains("changed", error.Exception.Message);
        // (A wrong key file is covered by SecretProtectorTests: the key path is process-wide, and tests run in parallel.)
    }

    [Fact]
    public void A_ciphertext_moved_to_another_parameter_does_not_decrypt()
    {
        Run("Set-NodeParameter /m/a ([Net.NetworkCredential]::new('', 'aaa').SecurePassword)");
        Run("Set-NodeParameter /m/b ([Net.NetworkCredential]::new('', 'bbb').SecurePassword)");
        using (var db = new LiteDatabase($"Filename={_shell.CatalogPath};Connection=shared"))
        {
            var col = db.GetCollection("parameters");
            var a = col.FindById("/m/a#1");
            var b = col.FindById("/m/b#1");
            b["EncryptedValue"] = a["EncryptedValue"];
            col.Update(b);
        }
        Assert.StartsWith("SecretKeyUnavailable,", _shell.ExpectError("Get-NodeParameter /m/b -AsPlainText").FullyQualifiedErrorId);
    }

    [Fact]
    public void SecureString_values_never_reach_the_catalog_in_clear_text()
    {
        const string secret = "Cl3ar-Text-Never-9271";
        Run("Set-NodeParameter /x/pw ([Net.NetworkCredential]::new('', $args[0]).SecurePassword)", secret);
        Run("Set-NodeParameter /x/pw ([Net.NetworkCredential]::new('', ($args[0] + '-v2')).SecurePassword) -Overwrite", secret);
        Assert.Equal(secret + "-v2", Run("Get-NodeParameter /x/pw -AsPlainText").Single().Value);
        // A new version given as plain text without -Type keeps the parameter a SecureString (and out of the audit trail).
        Run("Set-NodeParameter /x/pw ($args[0] + '-v3') -Overwrite", secret);
        var v3 = Run("Get-NodeParameter /x/pw -AsPlainText").Single();
        Assert.Equal((NodeParameterType.SecureString, 3, secret + "-v3"), (v3.Type, v3.Version, v3.Value?.ToString()));
        DiskScan.AssertAbsent(Path.GetDirectoryName(_shell.CatalogPath)!, secret);
    }

    [Fact]
    public void Names_and_paths_complete()
    {
        Run("Set-NodeParameter /app/prod/db/host x");
        var names = _shell.Run("(TabExpansion2 -inputScript $args[0] -cursorColumn $args[0].Length).CompletionMatches.CompletionText",
            $"Get-NodeParameter -CatalogPath '{_shell.CatalogPath}' -Name /app/p").Select(o => o.ToString());
        Assert.Equal(new[] { "/app/prod/db/host" }, names);
        var paths = _shell.Run("(TabExpansion2 -inputScript $args[0] -cursorColumn $args[0].Length).CompletionMatches.CompletionText",
            $"Get-NodeParameter -CatalogPath '{_shell.CatalogPath}' -Path /app").Select(o => o.ToString());
        Assert.Equal(new[] { "/app", "/app/prod", "/app/prod/db" }, paths);
    }
}

/// <summary>Looks for a secret's bytes (UTF-8 and UTF-16) in every file under a folder.</summary>
public static class DiskScan
{
    public static void AssertAbsent(string folder, string secret)
    {
        var needles = new[] { Encoding.UTF8.GetBytes(secret), Encoding.Unicode.GetBytes(secret) };
        var scanned = 0;
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            byte[] bytes;
            try { bytes = File.ReadAllBytes(file); } catch (IOException) { continue; }
            scanned++;
            foreach (var needle in needles)
                Assert.True(bytes.AsSpan().IndexOf(needle) < 0, $"the secret's bytes are in {file}");
        }
        Assert.True(scanned > 0, $"nothing was scanned in {folder}");
    }
}
