namespace NodeOps.Core.Sessions;

/// <summary>The operator's console as an interactive session sees it (the cmdlet adapts the PowerShell host's UI).</summary>
public interface ISessionConsole
{
    /// <summary>One line typed by the operator; null when input has ended.</summary>
    string? ReadLine();
    void Write(string text);
    void WriteError(string text);
}
