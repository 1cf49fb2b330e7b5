using System.Collections;
using NodeOps.Core.Documents;
using NodeOps.Core.Errors;
using NodeOps.Core.Models;
using Xunit;

namespace NodeOps.Tests.Unit;

public class DocumentPlannerTests
{
    /// <summary>Documents held in memory, as the catalog would hold them.</summary>
    private sealed class Source : IDocumentSource
    {
        public Dictionary<string, string> Texts { get; } = new(StringComparer.OrdinalIgnoreCase);

        public (NodeDocument Record, DocumentDefinition Definition) Resolve(string name, string? version) =>
            Texts.TryGetValue(name, out var text)
                ? (new NodeDocument { Name = name, Version = 1 }, DocumentReader.Read(text, name))
                : throw new NodeOpsException(ErrorIds.DocumentNotFound, System.Management.Automation.ErrorCategory.ObjectNotFound, name, "no " + name);
    }

    private static DocumentPlan Plan(Source source, string name, IDictionary? parameters = null)
    {
        var (record, definition) = source.Resolve(name, null);
        return new DocumentPlanner(source).Plan(record, definition, parameters);
    }

    private static string Runs(string document, string parameters = "") => $$"""
        schemaVersion: '2.2'
        {{parameters}}
        mainSteps:
          - action: aws:runDocument
            name: nested
            inputs:
              documentType: SSMDocument
              documentPath: {{document}}
        """;

    [Fact]
    public void Nested_documents_are_planned_with_their_own_parameters()
    {
        var s = new Source();
        s.Texts["child"] = "schemaVersion: '2.2'\nparameters: { Msg: { type: String } }\nmainSteps:\n  - { action: aws:runShellScript, name: say, inputs: { runCommand: ['echo {{ Msg }}'] } }\n";
        s.Texts["parent"] = """
            schemaVersion: '2.2'
            parameters: { Who: { type: String, default: world } }
            mainSteps:
              - action: aws:runDocument
                name: callChild
                inputs: { documentType: SSMDocument, documentPath: child, documentParameters: { Msg: 'hello {{ Who }}' } }
            """;
        var plan = Plan(s, "parent");
        var child = plan.Steps.Single().Children.Single();
        Assert.Equal("echo hello world", child.Script);
        Assert.Equal("child:1", plan.Steps[0].NestedDocument);
    }

    [Fact]
    public void Nesting_loops_and_more_than_three_levels_are_refused()
    {
        var s = new Source();
        s.Texts["a"] = Runs("b");
        s.Texts["b"] = Runs("a");
        Assert.Equal(ErrorIds.DocumentNestingInvalid, Assert.Throws<NodeOpsException>(() => Plan(s, "a")).ErrorId);

        s.Texts["l0"] = Runs("l1");
        s.Texts["l1"] = Runs("l2");
        s.Texts["l2"] = Runs("l3");
        s.Texts["l3"] = "schemaVersion: '2.2'\nmainSteps:\n  - { action: aws:runShellScript, name: x, inputs: { runCommand: [true] } }\n";
        Assert.Equal("true", Plan(s, "l0").Steps[0].Children[0].Children[0].Children[0].Script);
        s.Texts["l3"] = Runs("l4");
        s.Texts["l4"] = "schemaVersion: '2.2'\nmainSteps:\n  - { action: aws:runShellScript, name: x, inputs: { runCommand: [true] } }\n";
        var ex = Assert.Throws<NodeOpsException>(() => Plan(s, "l0"));
        Assert.Equal(ErrorIds.DocumentNestingInvalid, ex.ErrorId);
        Assert.Contains("at most 3 levels", ex.Message);
    }

    [Theory]
    [InlineData("aws:configurePackage", "{ name: x, action: Install }")]
    public void Placeholder_actions_import_but_refuse_to_run(string action, string inputs)
    {
        var s = new Source();
        s.Texts["p"] = $"schemaVersion: '2.2'\nmainSteps:\n  - {{ action: {action}, name: x, inputs: {inputs} }}\n";
        var ex = Assert.Throws<NodeOpsException>(() => Plan(s, "p"));
        Assert.Equal(ErrorIds.ActionNotSupported, ex.ErrorId);
        Assert.Contains("not yet supported", ex.Message);
    }

    [Fact]
    public void Download_sources_other_than_HTTP_and_LocalPath_are_refused()
    {
        var s = new Source();
        s.Texts["d"] = "schemaVersion: '2.2'\nmainSteps:\n  - { action: aws:downloadContent, name: x, inputs: { sourceType: S3, sourceInfo: '{\"path\": \"https://b/k\"}' } }\n";
        Assert.Equal(ErrorIds.ActionNotSupported, Assert.Throws<NodeOpsException>(() => Plan(s, "d")).ErrorId);
        s.Texts["d"] = "schemaVersion: '2.2'\nmainSteps:\n  - { action: aws:downloadContent, name: x, inputs: { sourceType: HTTP, sourceInfo: '{\"url\": \"ftp://h/f\"}' } }\n";
        Assert.Equal(ErrorIds.StepInputInvalid, Assert.Throws<NodeOpsException>(() => Plan(s, "d")).ErrorId);
        s.Texts["d"] = "schemaVersion: '2.2'\nmainSteps:\n  - { action: aws:downloadContent, name: x, inputs: { sourceType: HTTP, sourceInfo: { url: 'https://h/f.tgz' }, destinationPath: /opt/x/ } }\n";
        var step = Plan(s, "d").Steps.Single();
        Assert.Equal("https://h/f.tgz", step.Url);
        Assert.Equal("/opt/x/", step.Destination);
    }

    [Fact]
    public void Copy_reads_controller_files_up_front_and_a_missing_path_fails_before_sending()
    {
        var dir = Directory.CreateTempSubdirectory().FullName;
        File.WriteAllText(Path.Combine(dir, "a.txt"), "A");
        Directory.CreateDirectory(Path.Combine(dir, "sub"));
        File.WriteAllText(Path.Combine(dir, "sub", "b.txt"), "BB");
        var s = new Source();
        s.Texts["c"] = $"schemaVersion: '2.2'\nmainSteps:\n  - {{ action: nodeops:copyFile, name: x, inputs: {{ sourcePath: '{dir}', destinationPath: /srv/app }} }}\n";
        var step = Plan(s, "c").Steps.Single();
        Assert.True(step.SourceIsDirectory);
        Assert.Equal(new[] { "a.txt", "sub/b.txt" }, step.Files.Select(f => f.RelativePath).Order());
        s.Texts["c"] = "schemaVersion: '2.2'\nmainSteps:\n  - { action: nodeops:copyFile, name: x, inputs: { sourcePath: /no/such/path, destinationPath: /srv/app } }\n";
        Assert.Equal(ErrorIds.StepInputInvalid, Assert.Throws<NodeOpsException>(() => Plan(s, "c")).ErrorId);
    }

    [Fact]
    public void Step_timeout_and_flow_come_from_inputs_and_parameters()
    {
        var s = new Source();
        s.Texts["t"] = """
            schemaVersion: '2.2'
            parameters: { T: { type: String, default: '42' } }
            mainSteps:
              - action: aws:runShellScript
                name: a
                inputs: { runCommand: [x], timeoutSeconds: '{{ T }}', onFailure: successAndExit }
              - action: aws:runShellScript
                name: b
                inputs: { runCommand: [y], onSuccess: exit }
              - action: aws:runShellScript
                name: c
                inputs: { runCommand: [z], finallyStep: true }
            """;
        var plan = Plan(s, "t");
        Assert.Equal(42, plan.Steps[0].TimeoutSeconds);
        Assert.Equal(StepFailureAction.SuccessAndExit, plan.Steps[0].OnFailure);
        Assert.True(plan.Steps[1].ExitAfter);
        Assert.True(plan.Steps[2].IsFinally);
        Assert.Equal(ErrorIds.StepInputInvalid, Assert.Throws<NodeOpsException>(() => Plan(s, "t", new Hashtable { ["T"] = "soon" })).ErrorId);
    }

    [Fact]
    public void Runbooks_are_not_run_by_Invoke_NodeCommand()
    {
        var s = new Source();
        s.Texts["rb"] = "schemaVersion: '0.3'\nmainSteps:\n  - { name: s, action: aws:sleep, inputs: { Duration: PT1S } }\n";
        Assert.Equal(ErrorIds.DocumentTypeNotRunnable, Assert.Throws<NodeOpsException>(() => Plan(s, "rb")).ErrorId);
    }

    [Theory]
    [InlineData("true", 32)]
    [InlineData("1", 32)]
    [InlineData("false", 0)]
    [InlineData("0", 0)]
    public void Inventory_file_searches_read_Recursive_as_SSM_writes_it(string recursive, int depth)
    {
        var s = new Source();
        s.Texts["gather"] = $$"""
            schemaVersion: '2.2'
            mainSteps:
              - action: aws:softwareInventory
                name: collect
                inputs:
                  files: '[{"Path": "/opt", "Pattern": ["*.jar"], "Recursive": {{recursive}}}]'
            """;
        var search = Plan(s, "gather").Steps.Single().Inventory!.Files.Single();
        Assert.Equal("/opt", search.Path);
        Assert.Equal(depth, search.MaxDepth);
    }

    [Fact]
    public void Inventory_file_search_with_a_Recursive_that_is_not_a_boolean_is_refused()
    {
        var s = new Source();
        s.Texts["gather"] = """
            schemaVersion: '2.2'
            mainSteps:
              - action: aws:softwareInventory
                name: collect
                inputs:
                  files: '[{"Path": "/opt", "Recursive": "sometimes"}]'
            """;
        var ex = Assert.Throws<NodeOpsException>(() => Plan(s, "gather"));
        Assert.Equal(ErrorIds.StepInputInvalid, ex.ErrorId);
        Assert.Contains("sometimes", ex.Message);
    }
}
