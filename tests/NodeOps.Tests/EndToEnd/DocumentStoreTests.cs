using System.Management.Automation;
using LiteDB;
using NodeOps.Core.Documents;
using NodeOps.Core.Models;
using NodeOps.Tests.Infrastructure;
using Xunit;

namespace NodeOps.Tests.EndToEnd;

/// <summary>The document cmdlets and the catalog's versions (no nodes needed).</summary>
public class DocumentStoreTests : IDisposable
{
    private readonly NodeOpsShell _shell = new();
    private readonly string _dir = TestPaths.NewTempDirectory();

    public void Dispose() => _shell.Dispose();

    private static string Echo(string text) =>
        $"schemaVersion: '2.2'\ndescription: echo {text}\nmainSteps:\n  - action: aws:runShellScript\n    name: say\n    inputs:\n      runCommand: [echo {text}]\n";

    private string WriteFile(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Versions_are_numbered_immutable_and_default_and_latest_resolve()
    {
        var v1 = _shell.Run<NodeDocument>("New-NodeDocument -Name Echo-Doc -Path $args[0]", WriteFile("e1.yaml", Echo("one"))).Single();
        Assert.Equal((1, 1, 1), (v1.Version, v1.DefaultVersion, v1.LatestVersion));
        Assert.Equal(DocumentStore_Hash(Echo("one")), v1.Hash);
        var v2 = _shell.Run<NodeDocument>("Update-NodeDocument -Name echo-doc -Content $args[0]", Echo("two")).Single();
        Assert.Equal((2, 1, 2), (v2.Version, v2.DefaultVersion, v2.LatestVersion));

        Assert.Contains("echo one", _shell.Run<NodeDocument>("Get-NodeDocument Echo-Doc -IncludeContent").Single().Content);
        Assert.Contains("echo two", _shell.Run<NodeDocument>("Get-NodeDocument Echo-Doc -Version '$LATEST' -IncludeContent").Single().Content);
        Assert.Contains("echo one", _shell.Run<NodeDocument>("Get-NodeDocument Echo-Doc -Version 1 -IncludeContent").Single().Content);
        Assert.Equal("", _shell.Run<NodeDocument>("Get-NodeDocument Echo-Doc").Single().Content);

        var dup = _shell.ExpectError("Update-NodeDocument -Name Echo-Doc -Content $args[0]", Echo("two"));
        Assert.StartsWith("DocumentContentUnchanged,", dup.FullyQualifiedErrorId);

        _shell.Run("Update-NodeDocument -Name Echo-Doc -Content $args[0] -SetAsDefault | Out-Null", Echo("three"));
        Assert.Equal(3, _shell.Run<NodeDocument>("Get-NodeDocument Echo-Doc").Single().Version);
        _shell.Run("Set-NodeDocumentDefaultVersion -Name Echo-Doc -Version 2 | Out-Null");
        Assert.Equal(new[] { 1, 2, 3 }, _shell.Run<NodeDocument>("Get-NodeDocument Echo-Doc -AllVersions").Select(d => d.Version));

        var removeDefault = _shell.ExpectError("Remove-NodeDocument -Name Echo-Doc -Version 2");
        Assert.StartsWith("DocumentDefaultVersionInUse,", removeDefault.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidOperation, removeDefault.CategoryInfo.Category);
        _shell.Run("Remove-NodeDocument -Name Echo-Doc -Version 3");
        var after = _shell.Run<NodeDocument>("Get-NodeDocument Echo-Doc -AllVersions");
        Assert.Equal(new[] { 1, 2 }, after.Select(d => d.Version));
        Assert.All(after, d => Assert.Equal(2, d.LatestVersion));
        // Numbers are never reused: the next version is 3 again only because 3 is gone and latest is 2.
        Assert.Equal(3, _shell.Run<NodeDocument>("Update-NodeDocument Echo-Doc -Content $args[0]", Echo("four")).Single().Version);

        _shell.Run("Get-NodeDocument Echo-Doc | Remove-NodeDocument");
        Assert.StartsWith("DocumentNotFound,", _shell.ExpectError("Get-NodeDocument Echo-Doc").FullyQualifiedErrorId);
    }

    private static string DocumentStore_Hash(string content) => NodeOps.Core.Catalog.DocumentStore.HashOf(content);

    [Fact]
    public void Export_writes_the_exact_text_and_refuses_to_overwrite_without_Force()
    {
        var json = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Documents", "cross-platform-open-ports.json"));
        _shell.Run("New-NodeDocument -Name Ports -Content $args[0] | Out-Null", json);
        var target = Path.Combine(_dir, "out.json");
        _shell.Run("Export-NodeDocument -Name Ports -Path $args[0]", target);
        Assert.Equal(json, File.ReadAllText(target));
        Assert.StartsWith("DocumentExportFailed,", _shell.ExpectError("Export-NodeDocument -Name Ports -Path $args[0]", target).FullyQualifiedErrorId);
        _shell.Run("Export-NodeDocument -Name Ports -Path $args[0] -Force | Out-Null", target);
        Assert.Equal(json, _shell.Run("Export-NodeDocument Ports").Single().BaseObject);
        var stored = _shell.Run<NodeDocument>("Get-NodeDocument Ports").Single();
        Assert.Equal(DocumentFormat.Json, stored.DocumentFormat);
        Assert.Equal("2.2", stored.SchemaVersion);
    }

    [Fact]
    public void Invalid_document_gives_a_located_ErrorRecord_and_stores_nothing()
    {
        var path = WriteFile("bad.yaml", "schemaVersion: '2.2'\nmainSteps:\n  - action: aws:runShellScript\n    name: a\n    inputs:\n      runCommand: ['echo {{ Nope }}']\n");
        var error = _shell.ExpectError("New-NodeDocument -Name Bad-Doc -Path $args[0]", path);
        Assert.StartsWith("DocumentInvalid,NodeOps.Cmdlets.NewNodeDocumentCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidData, error.CategoryInfo.Category);
        Assert.Equal(path, error.TargetObject);
        Assert.Contains($"{path}:6:20", error.Exception.Message);
        Assert.StartsWith("DocumentNotFound,", _shell.ExpectError("Get-NodeDocument Bad-Doc").FullyQualifiedErrorId);

        // An invalid new version leaves the document as it was.
        _shell.Run("New-NodeDocument -Name Good-Doc -Content $args[0] | Out-Null", Echo("ok"));
        Assert.StartsWith("DocumentInvalid,", _shell.ExpectError("Update-NodeDocument Good-Doc -Path $args[0]", path).FullyQualifiedErrorId);
        Assert.Single(_shell.Run("Get-NodeDocument Good-Doc -AllVersions"));
        Assert.StartsWith("DocumentFileUnreadable,", _shell.ExpectError("New-NodeDocument -Name X-Doc -Path $args[0]", Path.Combine(_dir, "none.yaml")).FullyQualifiedErrorId);
    }

    [Fact]
    public void Names_are_checked_built_ins_are_read_only_and_listed_with_aliases()
    {
        Assert.StartsWith("InvalidDocumentName,", _shell.ExpectError("New-NodeDocument -Name AWS-Mine -Content $args[0]", Echo("x")).FullyQualifiedErrorId);
        Assert.StartsWith("InvalidDocumentName,", _shell.ExpectError("New-NodeDocument -Name 'a b' -Content $args[0]", Echo("x")).FullyQualifiedErrorId);
        _shell.Run("New-NodeDocument -Name Twice -Content $args[0] | Out-Null", Echo("x"));
        var twice = _shell.ExpectError("New-NodeDocument -Name twice -Content $args[0]", Echo("y"));
        Assert.StartsWith("DocumentNameInUse,", twice.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ResourceExists, twice.CategoryInfo.Category);

        var readOnly = _shell.ExpectError("Remove-NodeDocument NodeOps-RunShellScript");
        Assert.StartsWith("DocumentReadOnly,", readOnly.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.PermissionDenied, readOnly.CategoryInfo.Category);
        Assert.StartsWith("DocumentReadOnly,", _shell.ExpectError("Update-NodeDocument AWS-RunShellScript -Content $args[0]", Echo("x")).FullyQualifiedErrorId);

        var builtIns = _shell.Run<NodeDocument>("Get-NodeDocument NodeOps-*");
        Assert.Equal(new[] { "NodeOps-CollectDiagnostics", "NodeOps-GatherSoftwareInventory", "NodeOps-RunComplianceChecks", "NodeOps-RunPatchBaseline", "NodeOps-RunPowerShellScript", "NodeOps-RunShellScript", "NodeOps-StartInteractiveCommand",
            "NodeOps-StartPortForwardingSession", "NodeOps-StartPortForwardingSessionToRemoteHost" }, builtIns.Select(d => d.Name));
        Assert.Equal("NodeOps-RunShellScript", _shell.Run<NodeDocument>("Get-NodeDocument AWS-RunShellScript").Single().Name);
        Assert.Equal(new[] { "NodeOps-CollectDiagnostics", "NodeOps-GatherSoftwareInventory", "NodeOps-RunComplianceChecks", "NodeOps-RunPatchBaseline", "NodeOps-RunPowerShellScript", "NodeOps-RunShellScript", "Twice" },
            _shell.Run<NodeDocument>("Get-NodeDocument -DocumentType Command").Select(d => d.Name));
    }

    [Fact]
    public void WhatIf_stores_nothing()
    {
        _shell.Run("New-NodeDocument -Name WhatIf-Doc -Content $args[0] -WhatIf", Echo("x"));
        Assert.StartsWith("DocumentNotFound,", _shell.ExpectError("Get-NodeDocument WhatIf-Doc").FullyQualifiedErrorId);
    }

    [Fact]
    public void Document_names_and_parameter_names_complete()
    {
        _shell.Run("New-NodeDocument -Name Deploy-App -Path $args[0] | Out-Null", Path.Combine(AppContext.BaseDirectory, "Documents", "deploy-application.yaml"));
        var names = _shell.Run("(TabExpansion2 -inputScript $args[0] -cursorColumn $args[0].Length).CompletionMatches.CompletionText",
            $"Invoke-NodeCommand -CatalogPath '{_shell.CatalogPath}' -DocumentName Dep").Select(o => o.ToString());
        Assert.Equal(new[] { "Deploy-App" }, names);
        var aliases = _shell.Run("(TabExpansion2 -inputScript $args[0] -cursorColumn $args[0].Length).CompletionMatches.CompletionText",
            $"Get-NodeDocument -CatalogPath '{_shell.CatalogPath}' -Name AWS-Run").Select(o => o.ToString());
        Assert.Equal(new[] { "AWS-RunPatchBaseline", "AWS-RunPowerShellScript", "AWS-RunShellScript" }, aliases.Order());
        var input = $"Invoke-NodeCommand -CatalogPath '{_shell.CatalogPath}' -DocumentName Deploy-App -Parameters ";
        var templates = _shell.Run("(TabExpansion2 -inputScript $args[0] -cursorColumn $args[0].Length).CompletionMatches.CompletionText", input).Select(o => o.ToString()).ToList();
        Assert.Equal(new[] { "@{ Version = ''; InstallRoot = '/opt/demoapp'; HealthAttempts = 5 }", "@{ Version = '' }" }, templates);
    }

    [Fact]
    public void An_older_catalog_is_upgraded_and_keeps_its_nodes()
    {
        var path = Path.Combine(_dir, "v1.db");
        using (var db = new LiteDatabase($"Filename={path};Connection=shared"))
        {
            db.GetCollection("meta").Upsert(new BsonDocument { ["_id"] = "schema", ["Version"] = 1 });
            db.GetCollection("nodes").Insert(new BsonDocument { ["_id"] = "mi-0123456789ab", ["Name"] = "old", ["Address"] = "10.0.0.1", ["Port"] = 22, ["Transport"] = "Ssh", ["Tags"] = new BsonDocument(), ["RegisteredAt"] = DateTime.UtcNow });
        }
        using var shell = new NodeOpsShell(path);
        Assert.Equal("old", shell.Run<ManagedNode>("Get-ManagedNode").Single().Name);
        shell.Run("New-NodeDocument -Name Upgraded -Content $args[0] | Out-Null", Echo("x"));
        using var check = new LiteDatabase($"Filename={path};Connection=shared");
        Assert.Equal(6, check.GetCollection("meta").FindById("schema")["Version"].AsInt32);
    }
}
