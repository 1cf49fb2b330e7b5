using System.Management.Automation;
using NodeOps.Core.Models;
using NodeOps.Tests.Infrastructure;
using Xunit;

namespace NodeOps.Tests.EndToEnd;

/// <summary>Registering, finding, changing and removing nodes through the cmdlets.</summary>
public class ManagedNodeTests
{
    [Fact]
    public void Register_returns_a_short_stable_id_and_Get_finds_it_by_id_name_and_tag()
    {
        using var shell = new NodeOpsShell();
        var node = shell.Run<ManagedNode>("Register-ManagedNode -Name web01 -Address 10.0.0.5 -UserName ops -Tag @{ Env = 'prod'; Role = 'web' }").Single();
        Assert.Matches("^mi-[0-9a-f]{12}$", node.NodeId);
        Assert.Equal(22, node.Port);
        shell.Run("Register-ManagedNode -Name db01 -Address 10.0.0.6 -Tag @{ Env = 'prod'; Role = 'db' } | Out-Null");
        Assert.Equal(node.NodeId, shell.Run<ManagedNode>("Get-ManagedNode -NodeId $args[0]", node.NodeId).Single().NodeId);
        Assert.Equal(new[] { "db01", "web01" }, shell.Run<ManagedNode>("Get-ManagedNode -Name *01").Select(n => n.Name));
        Assert.Equal("web01", shell.Run<ManagedNode>("Get-ManagedNode -Tag Env=prod,Role=web").Single().Name);
        Assert.Equal("db01", shell.Run<ManagedNode>("Get-ManagedNode -Filter { $_.Address -eq '10.0.0.6' }").Single().Name);
        Assert.Empty(shell.Run("Get-ManagedNode -Tag Role=cache"));
    }

    [Fact]
    public void Csv_rows_pipe_into_Register_by_property_name()
    {
        using var shell = new NodeOpsShell();
        var nodes = shell.Run<ManagedNode>(@"
            @([pscustomobject]@{ Name = 'a1'; HostName = '10.1.0.1'; Port = '2222'; User = 'root'; Tags = 'Env=prod;Role=web' },
              [pscustomobject]@{ Name = 'a2'; HostName = '10.1.0.2'; Port = '22';   User = 'root'; Tags = 'Env=dev' }) | Register-ManagedNode");
        Assert.Equal(2, nodes.Count);
        Assert.Equal(2222, nodes[0].Port);
        Assert.Equal("web", nodes[0].Tags["Role"]);
        Assert.Equal("dev", shell.Run<ManagedNode>("Get-ManagedNode a2").Single().Tags["Env"]);
    }

    [Fact]
    public void Set_Add_and_Remove_tags_change_only_what_they_name()
    {
        using var shell = new NodeOpsShell();
        shell.Run("Register-ManagedNode -Name n1 -Address 10.0.0.1 -Tag @{ Env = 'dev'; Owner = 'me' } | Out-Null");
        shell.Run("Get-ManagedNode n1 | Add-ManagedNodeTag -Tag @{ Env = 'prod'; Tier = '1' }");
        shell.Run("Remove-ManagedNodeTag -NodeId n1 -Key owner");
        shell.Run("Set-ManagedNode -NodeId n1 -Address 10.0.0.99 -Port 2200");
        var node = shell.Run<ManagedNode>("Get-ManagedNode n1").Single();
        Assert.Equal(new Dictionary<string, string> { ["Env"] = "prod", ["Tier"] = "1" }, node.Tags.OrderBy(t => t.Key).ToDictionary(t => t.Key, t => t.Value));
        Assert.Equal("10.0.0.99", node.Address);
        Assert.Equal(2200, node.Port);
    }

    [Fact]
    public void WhatIf_changes_nothing_and_Remove_deletes()
    {
        using var shell = new NodeOpsShell();
        shell.Run("Register-ManagedNode -Name gone -Address 10.0.0.1 | Out-Null");
        shell.Run("Register-ManagedNode -Name never -Address 10.0.0.2 -WhatIf");
        shell.Run("Remove-ManagedNode -NodeId gone -WhatIf");
        Assert.Equal(new[] { "gone" }, shell.Run<ManagedNode>("Get-ManagedNode").Select(n => n.Name));
        shell.Run("Get-ManagedNode gone | Remove-ManagedNode -Confirm:$false");
        Assert.Empty(shell.Run("Get-ManagedNode"));
    }

    [Fact]
    public void Bad_input_gives_ErrorRecords_with_ids_and_targets_and_keeps_the_catalog()
    {
        using var shell = new NodeOpsShell();
        shell.Run("Register-ManagedNode -Name dup -Address 10.0.0.1 | Out-Null");
        var dup = shell.ExpectError("Register-ManagedNode -Name DUP -Address 10.0.0.2");
        Assert.StartsWith("NodeNameInUse,", dup.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ResourceExists, dup.CategoryInfo.Category);
        Assert.Equal("DUP", dup.TargetObject);

        var missing = shell.ExpectError("Get-ManagedNode -NodeId mi-000000000000");
        Assert.StartsWith("NodeNotFound,", missing.FullyQualifiedErrorId);
        Assert.Equal("mi-000000000000", missing.TargetObject);

        var tag = shell.ExpectError("Get-ManagedNode -Tag Env");
        Assert.StartsWith("MalformedTag,", tag.FullyQualifiedErrorId);
        Assert.StartsWith("MalformedTag,", shell.ExpectError("Register-ManagedNode -Name t -Tag 'oops'").FullyQualifiedErrorId);

        Assert.StartsWith("KeyFileNotFound,", shell.ExpectError("Register-ManagedNode -Name k -KeyFilePath /nonexistent/key").FullyQualifiedErrorId);
        Assert.StartsWith("CredentialNotSupported,", shell.ExpectError(
            "Register-ManagedNode -Name c -Credential ([pscredential]::new('u', [System.Net.NetworkCredential]::new('', 'x').SecurePassword))").FullyQualifiedErrorId);
        Assert.StartsWith("InvalidNodeDefinition,", shell.ExpectError("Register-ManagedNode -Name 'has space'").FullyQualifiedErrorId);

        Assert.Equal(new[] { "dup" }, shell.Run<ManagedNode>("Get-ManagedNode").Select(n => n.Name));
    }

    [Fact]
    public void WinRm_credentials_are_stored_encrypted_never_in_clear_text()
    {
        var dir = TestPaths.NewTempDirectory();
        using var shell = new NodeOpsShell(Path.Combine(dir, "catalog.db"));
        shell.Run("$env:NODEOPS_KEY_FILE = $args[0]", Path.Combine(dir, "secret.key"));
        var node = shell.Run<ManagedNode>("Register-ManagedNode -Name win1 -Address 10.9.9.9 -Transport WinRm -Credential ([pscredential]::new('admin', [System.Net.NetworkCredential]::new('', 'Sup3r-S3cret-Value').SecurePassword))").Single();
        Assert.True(node.HasCredential);
        Assert.Equal(5985, node.Port);
        shell.Run("Get-ManagedNode | Out-Null");
        var bytes = File.ReadAllBytes(shell.CatalogPath);
        Assert.Equal(-1, IndexOf(bytes, System.Text.Encoding.UTF8.GetBytes("Sup3r-S3cret-Value")));
        Assert.Equal(-1, IndexOf(bytes, System.Text.Encoding.Unicode.GetBytes("Sup3r-S3cret-Value")));
    }

    internal static int IndexOf(byte[] haystack, byte[] needle)
    {
        for (var i = 0; i <= haystack.Length - needle.Length; i++)
            if (haystack.AsSpan(i, needle.Length).SequenceEqual(needle)) return i;
        return -1;
    }
}
