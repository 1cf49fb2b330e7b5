using System.Globalization;
using System.Management.Automation.Host;
using System.Management.Automation.Runspaces;

namespace NodeOps.Host;

/// <summary>The PSHost of the nodeops console: console UI, exit requests, and pushing into remote sessions.</summary>
internal sealed class NodeOpsHost : PSHost, IHostSupportsInteractiveSession
{
    private readonly Stack<Runspace> _pushed = new();
    public override string Name => "nodeops";
    public override Version Version { get; } = typeof(NodeOpsHost).Assembly.GetName().Version ?? new Version(0, 1);
    public override Guid InstanceId { get; } = Guid.NewGuid();
    public override PSHostUserInterface UI { get; } = new ConsoleUserInterface();
    public override CultureInfo CurrentCulture => CultureInfo.CurrentCulture;
    public override CultureInfo CurrentUICulture => CultureInfo.CurrentUICulture;

    public bool ShouldExit { get; private set; }
    public int ExitCode { get; private set; }
    public Runspace? LocalRunspace { get; set; }

    public override void SetShouldExit(int exitCode)
    {
        ShouldExit = true;
        ExitCode = exitCode;
    }

    public override void EnterNestedPrompt() => throw new NotSupportedException("Nested prompts are not supported by the nodeops host.");
    public override void ExitNestedPrompt() => throw new NotSupportedException("Nested prompts are not supported by the nodeops host.");
    public override void NotifyBeginApplication() { }
    public override void NotifyEndApplication() { }

    public bool IsRunspacePushed => _pushed.Count > 0;
    public Runspace Runspace => _pushed.Count > 0 ? _pushed.Peek() : LocalRunspace!;
    public void PushRunspace(Runspace runspace) => _pushed.Push(runspace);
    public void PopRunspace()
    {
        if (_pushed.Count > 0) _pushed.Pop();
    }
}
