using NodeOps.Core.Documents;
using NodeOps.Core.Errors;
using Xunit;

namespace NodeOps.Tests.Unit;

public class DocumentReaderTests
{
    private static string Sample(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Documents", name));

    [Fact]
    public void Cross_platform_sample_reads_as_a_command_document_with_platform_preconditions()
    {
        var d = DocumentReader.Read(Sample("cross-platform-open-ports.json"), "ports.json");
        Assert.Equal(DocumentType.Command, d.DocumentType);
        Assert.Equal(DocumentFormat.Json, d.Format);
        Assert.Equal(new[] { "WindowsOpenPorts", "LinuxOpenPorts" }, d.Steps.Select(s => s.Name));
        Assert.Equal(StepAction.RunPowerShellScript, d.Steps[0].Action);
        Assert.Equal("Windows", ((DocScalar)d.Steps[0].Precondition!.Value.Right).Value);
    }

    [Fact]
    public void Deployment_sample_reads_parameters_with_types_defaults_and_patterns()
    {
        var d = DocumentReader.Read(Sample("deploy-application.yaml"), "deploy.yaml");
        Assert.Equal(DocumentFormat.Yaml, d.Format);
        var version = d.Parameters.Single(p => p.Name == "Version");
        Assert.True(version.IsRequired);
        Assert.NotNull(version.AllowedPattern);
        var attempts = d.Parameters.Single(p => p.Name == "HealthAttempts");
        Assert.Equal(DocumentParameterType.Integer, attempts.Type);
        Assert.Equal(5L, attempts.Default);
        Assert.Equal(3, d.Steps.Count);
    }

    [Fact]
    public void Json_indented_with_tabs_is_read()
    {
        var d = DocumentReader.Read("{\n\t\"schemaVersion\": \"2.2\",\n\t\"mainSteps\": [{\"action\": \"aws:runShellScript\", \"name\": \"a\", \"inputs\": {\"runCommand\": [\"true\"]}}]\n}", "tabs.json");
        Assert.Single(d.Steps);
    }

    [Fact]
    public void Schema_1_2_runtimeConfig_becomes_steps()
    {
        const string text = """
            {
              "schemaVersion": "1.2",
              "description": "old style",
              "parameters": { "commands": { "type": "StringList" } },
              "runtimeConfig": {
                "aws:runShellScript": { "properties": [ { "id": "0.aws:runShellScript", "runCommand": "{{ commands }}" } ] }
              }
            }
            """;
        var d = DocumentReader.Read(text, "old.json");
        Assert.Equal("0.aws:runShellScript", d.Steps.Single().Name);
        Assert.Equal(StepAction.RunShellScript, d.Steps[0].Action);
    }

    [Fact]
    public void Automation_session_and_policy_documents_are_recognized_by_schema()
    {
        var runbook = DocumentReader.Read("""
            schemaVersion: '0.3'
            parameters: { Node: { type: String } }
            mainSteps:
              - name: check
                action: aws:runCommand
                inputs: { DocumentName: AWS-RunShellScript, InstanceIds: ['{{ Node }}'] }
              - name: wait
                action: aws:sleep
                inputs: { Duration: '{{ check.Output }}' }
            """, "rb.yaml");
        Assert.Equal(DocumentType.Automation, runbook.DocumentType);
        var session = DocumentReader.Read("schemaVersion: '1.0'\nsessionType: Port\ninputs: {}\n", "s.yaml");
        Assert.Equal(DocumentType.Session, session.DocumentType);
        Assert.Equal("Port", session.SessionType);
    }

    [Fact]
    public void Built_in_documents_all_load_and_aliases_resolve()
    {
        var names = BuiltInDocuments.All.Select(b => b.Record.Name).ToList();
        Assert.Contains("NodeOps-RunShellScript", names);
        Assert.Contains("NodeOps-RunPowerShellScript", names);
        Assert.Contains("NodeOps-CollectDiagnostics", names);
        Assert.Equal("NodeOps-RunShellScript", BuiltInDocuments.Find("aws-runshellscript")!.Value.Record.Name);
        Assert.Equal("NodeOps-RunPowerShellScript", BuiltInDocuments.Find("AWS-RunPowerShellScript")!.Value.Record.Name);
        Assert.All(BuiltInDocuments.All, b => Assert.Equal("NodeOps", b.Record.Owner));
    }

    public static IEnumerable<object[]> Invalid() => new[]
    {
        new object[] { "schemaVersion: '2.2'\nmainSteps:\n  - action: aws:runFooScript\n    name: a\n", 3, 13, "action 'aws:runFooScript' is not supported" },
        new object[] { "schemaVersion: '2.2'\nmainSteps:\n  - action: aws:runShellScript\n    name: a\n    inputs: { runCommand: [x] }\n  - action: aws:runShellScript\n    name: a\n    inputs: { runCommand: [y] }\n", 6, 5, "step name 'a' is used by 2 steps" },
        new object[] { "schemaVersion: '2.2'\nmainSteps:\n  - action: aws:runShellScript\n    name: a\n    inputs:\n      runCommand:\n        - echo {{ Missing }}\n", 7, 11, "{{ Missing }} names no parameter" },
        new object[] { "schemaVersion: '2.2'\nparameters:\n  P:\n    type: Str\nmainSteps:\n  - action: aws:runShellScript\n    name: a\n    inputs: { runCommand: [x] }\n", 4, 11, "type 'Str' is not one of" },
        new object[] { "description: no schema\nmainSteps: []\n", 1, 1, "'schemaVersion' is required" },
        new object[] { "schemaVersion: '3.0'\nmainSteps:\n  - { action: aws:runShellScript, name: a, inputs: { runCommand: [x] } }\n", 1, 16, "schemaVersion '3.0' is not supported" },
        new object[] { "schemaVersion: '2.2'\nmainSteps:\n  - action: aws:runShellScript\n    name: a\n    precondition:\n      StringEquals: [platformType, Solaris]\n    inputs: { runCommand: [x] }\n", 6, 36, "not 'Solaris'" },
        new object[] { "schemaVersion: '2.2'\nparameters:\n  V:\n    type: String\n    allowedPattern: '^[0-9]+$'\n    default: abc\nmainSteps:\n  - { action: aws:runShellScript, name: a, inputs: { runCommand: ['{{ V }}'] } }\n", 6, 14, "does not match the allowed pattern" },
        new object[] { "schemaVersion: '2.2'\nmainSteps:\n  - action: aws:runShellScript\n   name: a\n", 4, 4, "not valid YAML or JSON" },
        new object[] { "{\n  \"schemaVersion\": \"2.2\",\n  \"mainSteps\": [ { \"action\": \"aws:runShellScript\" \"name\": \"a\" } ]\n}\n", 3, 0, "not valid YAML or JSON" },
        new object[] { "schemaVersion: '2.2'\nmainSteps:\n  - action: aws:runShellScript\n    name: a\n    inputs: { runCommand: [x], finallyStep: true }\n  - action: aws:runShellScript\n    name: b\n    inputs: { runCommand: [y] }\n", 5, 45, "only the last step can be the finallyStep" },
        new object[] { "schemaVersion: '2.2'\nmainSteps:\n  - action: aws:runShellScript\n    name: a\n    inputs: { workingDirectory: /tmp }\n", 5, 13, "requires input 'runCommand'" },
        new object[] { "schemaVersion: '2.2'\nmainStep:\n  - { action: aws:runShellScript, name: a }\n", 2, 1, "unknown top-level field 'mainStep'" },
        new object[] { "schemaVersion: '2.2'\nmainSteps:\n  - action: aws:runShellScript\n    name: a\n    inputs: { runCommand: [x], onFailure: abort }\n", 5, 43, "onFailure must be 'exit' or 'successAndExit'" },
        new object[] { "schemaVersion: '2.2'\nparameters:\n  P:\n    type: String\n    allowedPattern: '([a-z'\nmainSteps:\n  - { action: aws:runShellScript, name: a, inputs: { runCommand: [x] } }\n", 5, 21, "allowedPattern is not a valid regular expression" },
        new object[] { "schemaVersion: '2.2'\nparameters:\n  L:\n    type: StringList\n    minItems: many\nmainSteps:\n  - { action: aws:runShellScript, name: a, inputs: { runCommand: ['{{ L }}'] } }\n", 5, 15, "minItems must be a whole number" },
        new object[] { "schemaVersion: '2.2'\nparameters:\n  N:\n    type: Integer\n    default: five\nmainSteps:\n  - { action: aws:runShellScript, name: a, inputs: { runCommand: ['sleep {{ N }}'] } }\n", 5, 14, "expects an Integer" },
        new object[] { "schemaVersion: '2.2'\nmainSteps:\n  - action: aws:runShellScript\n    name: 'bad name!'\n    inputs: { runCommand: [x] }\n", 4, 11, "may hold only letters" },
        new object[] { "schemaVersion: '0.3'\nmainSteps:\n  - { name: a, action: aws:createStack }\n", 3, 24, "not a runbook action" },
        new object[] { "schemaVersion: '1.0'\nsessionType: Shell\n", 2, 14, "sessionType 'Shell'" },
        new object[] { "- just\n- a list\n", 1, 1, "a document is a map" },
        new object[] { "schemaVersion: '2.2'\nmainSteps:\n  - action: aws:runShellScript\n    name: a\n    inputs:\n      runCommand:\n        - echo \"cpus: 2\"\n", 7, 9, "runCommand must be a string or a list of strings" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Invalid_documents_are_rejected_with_file_line_and_column(string text, int line, int column, string message)
    {
        var ex = Assert.Throws<NodeOpsException>(() => DocumentReader.Read(text, "bad.yaml"));
        Assert.Equal(ErrorIds.DocumentInvalid, ex.ErrorId);
        Assert.Contains(message, ex.Message);
        // column 0 = any column on that line (JSON errors point at the token YamlDotNet stopped on)
        Assert.Contains(column == 0 ? $"bad.yaml:{line}:" : $"bad.yaml:{line}:{column}:", ex.Message);
    }

    [Fact]
    public void Several_problems_are_reported_together()
    {
        var ex = Assert.Throws<NodeOpsException>(() => DocumentReader.Read(
            "schemaVersion: '2.2'\nmainSteps:\n  - action: aws:nope\n    name: a\n  - action: aws:runShellScript\n    name: b\n    inputs: { runCommand: ['{{ X }}'] }\n", "two.yaml"));
        Assert.Contains("2 problems", ex.Message);
        Assert.Contains("two.yaml:3:", ex.Message);
        Assert.Contains("two.yaml:7:", ex.Message);
    }

    [Fact]
    public void Parameter_store_references_are_accepted_at_import()
    {
        var d = DocumentReader.Read("schemaVersion: '2.2'\nmainSteps:\n  - action: aws:runShellScript\n    name: a\n    inputs: { runCommand: ['echo {{ ssm:/app/url }} {{ param:/x }}'] }\n", "ps.yaml");
        Assert.Single(d.Steps);
    }
}
