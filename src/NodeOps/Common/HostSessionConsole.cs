using System.Management.Automation.Host;
using NodeOps.Core.Sessions;

namespace NodeOps.Common;

/// <summary>The PowerShell host's UI as an interactive session's console.</summary>
internal sealed class HostSessionConsole : ISessionConsole
{
    private readonly PSHostUserInterface _ui;
    public HostSessionConsole(PSHostUserInterface ui) => _ui = ui;
    public string? ReadLine() => _ui.ReadLine();
    public void Write(string text) => _ui.Write(text);
    public void WriteError(string text) => _ui.WriteErrorLine(text.TrimEnd('\r', '\n'));
}
