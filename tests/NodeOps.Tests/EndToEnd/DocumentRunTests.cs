using System.Net;
using System.Net.Sockets;
using NodeOps.Core.Models;
using NodeOps.Tests.Infrastructure;
using Xunit;

namespace NodeOps.Tests.EndToEnd;

/// <summary>Documents run with Invoke-NodeCommand on the real sshd fleet.</summary>
[Collection("Fleet")]
public class DocumentRunTests : IDisposable
{
    private readonly NodeOpsShell _shell = new();
    private readonly List<string> _ids;

    public DocumentRunTests() => _ids = TestFleet.Register(_shell, Math.Min(3, TestFleet.Nodes.Count));

    public void Dispose() => _shell.Dispose();

    private static string SamplePath(string name) => Path.Combine(AppContext.BaseDirectory, "Documents", name);

    private List<NodeCommandInvocation> Invoke(string arguments, params object[] args) =>
        _shell.Run<NodeCommandInvocation>("Invoke-NodeCommand -Tag Env=test " + arguments, args);

    private static NodeCommandStepResult Step(NodeCommandInvocation inv, string name) => inv.Steps.Single(s => s.Name == name);

    [Fact]
    public void Cross_platform_sample_skips_the_Windows_step_and_lists_ports_on_Linux()
    {
        _shell.Run("New-NodeDocument -Name Open-Ports -Path $args[0] | Out-Null", SamplePath("cross-platform-open-ports.json"));
        var results = Invoke("-DocumentName Open-Ports");
        Assert.Equal(_ids.Count, results.Count);
        Assert.All(results, r =>
        {
            Assert.Equal(InvocationStatus.Success, r.Status);
            Assert.Equal(StepStatus.Skipped, Step(r, "WindowsOpenPorts").Status);
            Assert.Contains("node is Linux", Step(r, "WindowsOpenPorts").StatusDetails);
            var linux = Step(r, "LinuxOpenPorts");
            Assert.Equal(StepStatus.Success, linux.Status);
            Assert.Matches(@":22\b", linux.StandardOutput); // each node's own sshd
        });
        var command = _shell.Run<NodeCommand>("Get-NodeCommand -First 1").Single();
        Assert.Equal(CommandKind.Document, command.Kind);
        Assert.Equal(("Open-Ports", 1), (command.DocumentName, command.DocumentVersion));
        // The stored history has the steps too.
        var stored = _shell.Run<NodeCommandInvocation>("Get-NodeCommandInvocation -CommandId $args[0] -Detail", command.CommandId);
        Assert.All(stored, s => Assert.Equal(new[] { "WindowsOpenPorts", "LinuxOpenPorts" }, s.Steps.Select(x => x.Name)));
        var (code, view, err) = HostProcess.Run($"Get-NodeCommandInvocation -CatalogPath '{_shell.CatalogPath}' -CommandId {command.CommandId} -Detail");
        Assert.True(code == 0, err);
        Assert.Matches(@"LinuxOpenPorts\s+Success\s+0", view);
        Assert.Matches(@"WindowsOpenPorts\s+Skipped", view);
    }

    [Fact]
    public void Deployment_sample_runs_with_parameters_and_bad_values_are_refused_before_sending()
    {
        _shell.Run("New-NodeDocument -Name Deploy-App -Path $args[0] | Out-Null", SamplePath("deploy-application.yaml"));
        var root = "/tmp/demoapp-" + Guid.NewGuid().ToString("N")[..8];
        var results = Invoke("-DocumentName Deploy-App -Parameters @{ Version = '1.4.2'; InstallRoot = $args[0]; HealthAttempts = 2 }", root);
        Assert.All(results, r =>
        {
            Assert.Equal(InvocationStatus.Success, r.Status);
            Assert.Equal(new[] { "stopService", "deployApplication", "validateDeployment" }, r.Steps.Select(s => s.Name));
            Assert.All(r.Steps, s => Assert.Equal(StepStatus.Success, s.Status));
            Assert.Equal("Application is healthy\n", Step(r, "validateDeployment").StandardOutput);
        });
        var check = Invoke("-ShellScript $args[0]", $"cat {root}/current/VERSION; readlink {root}/current");
        Assert.All(check, c => Assert.Equal($"demoapp 1.4.2\n{root}/releases/1.4.2\n", c.StandardOutput));

        var before = _shell.Run<NodeCommand>("Get-NodeCommand").Count;
        var bad = _shell.ExpectError("Invoke-NodeCommand -Tag Env=test -DocumentName Deploy-App -Parameters @{ Version = '1.4' }");
        Assert.StartsWith("DocumentParameterInvalid,NodeOps.Cmdlets.InvokeNodeCommandCommand", bad.FullyQualifiedErrorId);
        Assert.Contains("'1.4' does not match the allowed pattern", bad.Exception.Message);
        var missing = _shell.ExpectError("Invoke-NodeCommand -Tag Env=test -DocumentName Deploy-App");
        Assert.Contains("'Version' is required", missing.Exception.Message);
        Assert.Equal(before, _shell.Run<NodeCommand>("Get-NodeCommand").Count);
    }

    [Fact]
    public void Default_latest_and_numbered_versions_run_the_content_they_name()
    {
        string Doc(string word) => $"schemaVersion: '2.2'\nmainSteps:\n  - {{ action: aws:runShellScript, name: say, inputs: {{ runCommand: [echo {word}] }} }}\n";
        _shell.Run("New-NodeDocument -Name Say-Word -Content $args[0] | Out-Null; Update-NodeDocument -Name Say-Word -Content $args[1] | Out-Null", Doc("first"), Doc("second"));
        Assert.All(Invoke("-DocumentName Say-Word"), r => Assert.Equal("first\n", r.StandardOutput));
        Assert.All(Invoke("-DocumentName Say-Word -DocumentVersion '$LATEST'"), r => Assert.Equal("second\n", r.StandardOutput));
        _shell.Run("Set-NodeDocumentDefaultVersion Say-Word 2 | Out-Null");
        Assert.All(Invoke("-DocumentName Say-Word"), r => Assert.Equal("second\n", r.StandardOutput));
        Assert.All(Invoke("-DocumentName Say-Word -DocumentVersion 1"), r => Assert.Equal("first\n", r.StandardOutput));
        Assert.StartsWith("DocumentVersionNotFound,", _shell.ExpectError("Invoke-NodeCommand -Tag Env=test -DocumentName Say-Word -DocumentVersion 9").FullyQualifiedErrorId);
        Assert.StartsWith("DocumentNotFound,", _shell.ExpectError("Invoke-NodeCommand -Tag Env=test -DocumentName No-Such-Doc").FullyQualifiedErrorId);
    }

    [Fact]
    public void Step_failures_follow_onFailure_onSuccess_finallyStep_and_reboot_codes()
    {
        const string doc = """
            schemaVersion: '2.2'
            mainSteps:
              - { action: aws:runShellScript, name: failsButGoesOn, inputs: { runCommand: ['echo one; exit 3'] } }
              - { action: aws:runShellScript, name: stillRuns, inputs: { runCommand: ['echo two'] } }
              # A shell's exit status is 8 bits (3010 would arrive as 194), so 3010 comes from PowerShell here.
              - { action: aws:runPowerShellScript, name: wantsReboot, inputs: { runCommand: ['$global:LASTEXITCODE = 3010'] } }
              - { action: aws:runShellScript, name: failsAndExits, inputs: { runCommand: ['exit 4'], onFailure: exit } }
              - { action: aws:runShellScript, name: neverRuns, inputs: { runCommand: ['echo never'] } }
              - { action: aws:runShellScript, name: cleanup, inputs: { runCommand: ['echo cleanup'], finallyStep: true } }
            """;
        _shell.Run("New-NodeDocument -Name Flow-Doc -Content $args[0] | Out-Null", doc);
        var r = Invoke("-DocumentName Flow-Doc")[0];
        Assert.True(InvocationStatus.Failed == r.Status, string.Join("\n", r.Steps.Select(s => $"{s.Name} {s.Status} {s.ExitCode} {s.StatusDetails}")));
        Assert.Equal((StepStatus.Failed, 3), (Step(r, "failsButGoesOn").Status, Step(r, "failsButGoesOn").ExitCode));
        Assert.Equal(StepStatus.Success, Step(r, "stillRuns").Status);
        Assert.True(Step(r, "wantsReboot").RebootRequested);
        Assert.Equal((StepStatus.Success, 3010), (Step(r, "wantsReboot").Status, Step(r, "wantsReboot").ExitCode));
        Assert.Equal(StepStatus.Failed, Step(r, "failsAndExits").Status);
        Assert.Equal(StepStatus.NotRun, Step(r, "neverRuns").Status);
        Assert.Contains("onFailure: exit", Step(r, "neverRuns").StatusDetails);
        Assert.Equal("cleanup\n", Step(r, "cleanup").StandardOutput);
        Assert.True(r.RebootRequested);
        Assert.Equal(3, r.ExitCode);
        Assert.Equal("one\ntwo\ncleanup\n", r.StandardOutput);

        const string exits = """
            schemaVersion: '2.2'
            mainSteps:
              - { action: aws:runShellScript, name: tolerated, inputs: { runCommand: ['exit 1'], onFailure: successAndExit } }
              - { action: aws:runShellScript, name: after, inputs: { runCommand: ['echo after'] } }
            """;
        _shell.Run("New-NodeDocument -Name Exit-Doc -Content $args[0] | Out-Null", exits);
        var e = Invoke("-DocumentName Exit-Doc")[0];
        Assert.Equal(InvocationStatus.Success, e.Status);
        Assert.Equal(StepStatus.Failed, Step(e, "tolerated").Status);
        Assert.Equal(StepStatus.NotRun, Step(e, "after").Status);

        const string reboot = """
            schemaVersion: '2.2'
            mainSteps:
              - { action: aws:runShellScript, name: first, inputs: { runCommand: ['exit 194'] } }
              - { action: aws:runShellScript, name: second, inputs: { runCommand: ['echo second'], onSuccess: exit } }
            """;
        _shell.Run("New-NodeDocument -Name Reboot-Doc -Content $args[0] | Out-Null", reboot);
        var b = Invoke("-DocumentName Reboot-Doc")[0];
        Assert.Equal(InvocationStatus.Success, b.Status);
        Assert.True(b.RebootRequested);
        Assert.Equal(StepStatus.NotRun, Step(b, "second").Status);
        Assert.Contains("194", Step(b, "second").StatusDetails);
    }

    [Fact]
    public void Step_timeout_stops_that_step_on_the_node()
    {
        const string doc = """
            schemaVersion: '2.2'
            mainSteps:
              - { action: aws:runShellScript, name: slow, inputs: { runCommand: ['sleep 30'], timeoutSeconds: 2 } }
              - { action: aws:runShellScript, name: next, inputs: { runCommand: ['echo next'] } }
            """;
        _shell.Run("New-NodeDocument -Name Slow-Doc -Content $args[0] | Out-Null", doc);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var r = Invoke("-DocumentName Slow-Doc")[0];
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"took {watch.Elapsed}");
        Assert.Equal(StepStatus.TimedOut, Step(r, "slow").Status);
        Assert.Equal(StepStatus.Success, Step(r, "next").Status);
        Assert.Equal(InvocationStatus.TimedOut, r.Status);
    }

    [Fact]
    public void Nested_documents_run_in_place_with_their_parameters()
    {
        _shell.Run("New-NodeDocument -Name Child-Doc -Content $args[0] | Out-Null",
            "schemaVersion: '2.2'\nparameters: { Msg: { type: String } }\nmainSteps:\n  - { action: aws:runShellScript, name: say, inputs: { runCommand: ['echo child {{ Msg }}'] } }\n");
        _shell.Run("New-NodeDocument -Name Parent-Doc -Content $args[0] | Out-Null", """
            schemaVersion: '2.2'
            parameters: { Who: { type: String } }
            mainSteps:
              - { action: aws:runShellScript, name: before, inputs: { runCommand: ['echo parent'] } }
              - action: aws:runDocument
                name: callChild
                inputs: { documentType: SSMDocument, documentPath: Child-Doc, documentParameters: { Msg: 'hi {{ Who }}' } }
            """);
        var r = Invoke("-DocumentName Parent-Doc -Parameters @{ Who = 'ops' }")[0];
        Assert.Equal(InvocationStatus.Success, r.Status);
        Assert.Equal(new[] { "before", "callChild", "callChild/say" }, r.Steps.Select(s => s.Name));
        Assert.Equal("child hi ops\n", Step(r, "callChild/say").StandardOutput);
        Assert.Equal("parent\nchild hi ops\n", r.StandardOutput);
    }

    [Fact]
    public void Files_are_copied_from_the_controller_and_downloaded_over_HTTP()
    {
        var source = TestPaths.NewTempDirectory();
        File.WriteAllText(Path.Combine(source, "app.conf"), "port=8080\n");
        Directory.CreateDirectory(Path.Combine(source, "bin"));
        var script = Path.Combine(source, "bin", "run.sh");
        File.WriteAllText(script, "#!/bin/sh\necho running\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var big = new byte[9 * 1024 * 1024 + 17]; // more than two transfer chunks
        new Random(7).NextBytes(big);
        File.WriteAllBytes(Path.Combine(source, "blob.bin"), big);
        var expectedSum = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(big)).ToLowerInvariant();

        using var server = new TinyHttpServer("payload over http\n");
        var target = "/tmp/copy-" + Guid.NewGuid().ToString("N")[..8];
        _shell.Run("New-NodeDocument -Name Ship-Files -Content $args[0] | Out-Null", $$$"""
            schemaVersion: '2.2'
            parameters: { Target: { type: String } }
            mainSteps:
              - { action: nodeops:copyFile, name: copyTree, inputs: { sourcePath: '{{{source}}}', destinationPath: '{{ Target }}/app' } }
              - action: aws:downloadContent
                name: fetch
                inputs: { sourceType: HTTP, sourceInfo: '{"url": "{{{server.Url}}}file.txt"}', destinationPath: '{{ Target }}/dl/' }
              - { action: aws:runShellScript, name: check, inputs: { runCommand: ['cat {{ Target }}/app/app.conf {{ Target }}/dl/file.txt; {{ Target }}/app/bin/run.sh; sha256sum {{ Target }}/app/blob.bin'] } }
            """);
        var results = Invoke("-DocumentName Ship-Files -Parameters @{ Target = $args[0] }", target);
        Assert.All(results, r =>
        {
            Assert.True(r.Status == InvocationStatus.Success, string.Join("\n", r.Steps.Select(s => $"{s.Name} {s.Status} {s.StatusDetails} {s.StandardError}")));
            Assert.Contains("Copied 3 file(s)", Step(r, "copyTree").StandardOutput);
            Assert.Contains($"to {target}/dl/file.txt", Step(r, "fetch").StandardOutput);
            Assert.Equal($"port=8080\npayload over http\nrunning\n{expectedSum}  {target}/app/blob.bin\n", Step(r, "check").StandardOutput);
        });
        Assert.Equal(results.Count, server.Requests);
    }

    [Fact]
    public void Built_in_documents_and_AWS_aliases_run()
    {
        var r = Invoke("-DocumentName AWS-RunShellScript -Parameters @{ commands = @('echo a', 'echo b'); workingDirectory = '/etc' }; ", Array.Empty<object>());
        Assert.All(r, x => Assert.Equal("a\nb\n", x.StandardOutput));
        var pwd = Invoke("-DocumentName NodeOps-RunShellScript -Parameters @{ commands = 'pwd'; workingDirectory = '/etc' }");
        Assert.All(pwd, x => Assert.Equal("/etc\n", x.StandardOutput));
        var ps = Invoke("-DocumentName AWS-RunPowerShellScript -Parameters @{ commands = '$x = 6 * 7', '\"answer $x\"' }");
        Assert.All(ps, x => Assert.Equal("answer 42", x.StandardOutput.Trim()));

        var diag = Invoke("-DocumentName NodeOps-CollectDiagnostics -Parameters @{ minutes = 5 }");
        Assert.All(diag, d =>
        {
            Assert.True(d.Status == InvocationStatus.Success, string.Join("\n", d.Steps.Select(s => $"{s.Name} {s.Status} {s.StatusDetails} {s.StandardError}")));
            Assert.All(d.Steps.Where(s => s.Name.EndsWith("Windows")), s => Assert.Equal(StepStatus.Skipped, s.Status));
            Assert.Contains("== system log, last 5 minutes ==", Step(d, "systemLogLinux").StandardOutput);
            Assert.Contains("== load and CPU ==", Step(d, "resourcesLinux").StandardOutput);
            Assert.Contains("== disk ==", Step(d, "resourcesLinux").StandardOutput);
            Assert.Contains("PID", Step(d, "topProcessesLinux").StandardOutput);
            Assert.Matches(@":22\b", Step(d, "listeningPortsLinux").StandardOutput);
        });
    }

    [Fact]
    public void Unavailable_features_fail_clearly_before_anything_is_sent()
    {
        _shell.Run("New-NodeDocument -Name Inventory-Later -Content $args[0] | Out-Null", "schemaVersion: '2.2'\nmainSteps:\n  - { action: aws:configurePackage, name: pkg, inputs: { name: demo, action: Install } }\n");
        _shell.Run("New-NodeDocument -Name Secret-Later -Content $args[0] | Out-Null", "schemaVersion: '2.2'\nmainSteps:\n  - { action: aws:runShellScript, name: s, inputs: { runCommand: ['echo {{ ssm:/db/password }}'] } }\n");
        _shell.Run("Set-NodeParameter /db/plain x | Out-Null");
        _shell.Run("New-NodeDocument -Name Not-Secure -Content $args[0] | Out-Null", "schemaVersion: '2.2'\nmainSteps:\n  - { action: aws:runShellScript, name: s, inputs: { runCommand: ['echo {{ ssm-secure:/db/plain }}'] } }\n");
        var before = _shell.Run<NodeCommand>("Get-NodeCommand").Count;
        Assert.StartsWith("ActionNotSupported,", _shell.ExpectError("Invoke-NodeCommand -Tag Env=test -DocumentName Inventory-Later").FullyQualifiedErrorId);
        Assert.StartsWith("ParameterNotFound,", _shell.ExpectError("Invoke-NodeCommand -Tag Env=test -DocumentName Secret-Later").FullyQualifiedErrorId);
        Assert.StartsWith("ParameterNotSecure,", _shell.ExpectError("Invoke-NodeCommand -Tag Env=test -DocumentName Not-Secure").FullyQualifiedErrorId);
        Assert.Equal(before, _shell.Run<NodeCommand>("Get-NodeCommand").Count);
    }

    [Fact]
    public void Parameter_Store_values_reach_nodes_and_secrets_are_masked_and_never_on_disk()
    {
        const string secret = "Xq7-Very-Secret-5521";
        _shell.Run("Set-NodeParameter /app/test/db/host db01.internal | Out-Null");
        _shell.Run("Set-NodeParameter /app/test/db/password ([Net.NetworkCredential]::new('', $args[0]).SecurePassword) | Out-Null", secret);
        _shell.Run("Set-NodeParameter /app/test/db/password ([Net.NetworkCredential]::new('', 'older').SecurePassword) -Overwrite | Out-Null; Add-NodeParameterLabel /app/test/db/password -Version 1 -Label current | Out-Null");
        _shell.Run("New-NodeDocument -Name Use-Secret -Content $args[0] | Out-Null", """
            schemaVersion: '2.2'
            parameters:
              Host: { type: String, default: '{{ ssm:/app/test/db/host }}' }
            mainSteps:
              - action: aws:runShellScript
                name: use
                inputs:
                  runCommand:
                    - echo "host={{ Host }}"
                    - if [ "$(printf %s '{{ ssm-secure:/app/test/db/password:current }}' | sha256sum | cut -c1-16)" = "SECRET_SUM" ]; then echo "secret arrived"; fi
                    - echo "leak {{ param:/app/test/db/password:1 }}"
                    - echo "stderr {{ ssm-secure:/app/test/db/password:1 }}" >&2
            """.Replace("SECRET_SUM", Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret))).ToLowerInvariant()[..16]));
        var results = Invoke("-DocumentName Use-Secret");
        Assert.All(results, r =>
        {
            Assert.Equal(InvocationStatus.Success, r.Status);
            Assert.Equal("host=db01.internal\nsecret arrived\nleak ****\n", r.StandardOutput);
            Assert.Equal("stderr ****\n", r.StandardError);
            Assert.Equal("stderr ****\n", Step(r, "use").StandardError);
        });
        var command = _shell.Run<NodeCommand>("Get-NodeCommand -First 1").Single();
        var stored = _shell.Run<NodeCommandInvocation>("Get-NodeCommandInvocation -CommandId $args[0] -Detail", command.CommandId);
        Assert.All(stored, s => Assert.DoesNotContain(secret, s.StandardOutput + s.StandardError + string.Concat(s.Steps.Select(x => x.StandardOutput + x.StandardError))));
        _shell.Run("Clear-NodeConnectionPool");
        DiskScan.AssertAbsent(Path.GetDirectoryName(_shell.CatalogPath)!, secret);

        Assert.StartsWith("ParameterNotFound,", _shell.ExpectError("Invoke-NodeCommand -Tag Env=test -DocumentName Use-Secret -Parameters @{ Host = '{{ ssm:/no/such }}' }").FullyQualifiedErrorId);
    }

    /// <summary>Serves one body on the fleet bridge address so nodes can download it.</summary>
    private sealed class TinyHttpServer : IDisposable
    {
        private readonly HttpListener _listener = new();
        private int _requests;
        public string Url { get; }
        public int Requests => Volatile.Read(ref _requests);

        public TinyHttpServer(string body)
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            var host = TestFleet.Nodes[0].Address[..TestFleet.Nodes[0].Address.LastIndexOf('.')] + ".1";
            Url = $"http://{host}:{port}/";
            _listener.Prefixes.Add(Url);
            _listener.Start();
            _ = Task.Run(async () =>
            {
                while (_listener.IsListening)
                {
                    HttpListenerContext ctx;
                    try { ctx = await _listener.GetContextAsync(); } catch { return; }
                    Interlocked.Increment(ref _requests);
                    var bytes = System.Text.Encoding.UTF8.GetBytes(body);
                    ctx.Response.StatusCode = ctx.Request.Url!.AbsolutePath == "/file.txt" ? 200 : 404;
                    await ctx.Response.OutputStream.WriteAsync(bytes);
                    ctx.Response.Close();
                }
            });
        }

        public void Dispose() => _listener.Close();
    }
}
