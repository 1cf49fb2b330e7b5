using System.Text;

namespace NodeOps.Core.Sessions;

/// <summary>Everything typed and printed in a session, in order; saved after every command so a crash keeps it.</summary>
public sealed class SessionTranscript
{
    private readonly StringBuilder _text = new();
    private readonly object _gate = new();

    public void Header(string line) => Add($"# {line}{Environment.NewLine}");

    public void Typed(string prompt, string line) => Add(prompt + line + Environment.NewLine);

    public void Printed(string text) => Add(text);

    public string Text
    {
        get { lock (_gate) return _text.ToString(); }
    }

    private void Add(string text)
    {
        lock (_gate) _text.Append(text);
    }
}
