using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;
using System.Text.RegularExpressions;

namespace NodeOps.Host;

/// <summary>Console input and output for the host: output to stdout, errors and warnings to stderr.</summary>
internal sealed class ConsoleUserInterface : PSHostUserInterface
{
    public override PSHostRawUserInterface RawUI { get; } = new ConsoleRawUserInterface();

    public override string ReadLine() => Console.ReadLine() ?? "";

    public override SecureString ReadLineAsSecureString()
    {
        var s = new SecureString();
        if (Console.IsInputRedirected)
        {
            foreach (var c in Console.ReadLine() ?? "") s.AppendChar(c);
            return s;
        }
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter) break;
            if (key.Key == ConsoleKey.Backspace) { if (s.Length > 0) s.RemoveAt(s.Length - 1); continue; }
            s.AppendChar(key.KeyChar);
        }
        Console.WriteLine();
        return s;
    }

    // The engine styles tables and errors with ANSI sequences and leaves it to the host to drop them
    // where they would show as garbage: in files, pipes, or when NO_COLOR is set.
    private static readonly bool PlainOut = Console.IsOutputRedirected || Environment.GetEnvironmentVariable("NO_COLOR") is { Length: > 0 };
    private static readonly bool PlainErr = Console.IsErrorRedirected || Environment.GetEnvironmentVariable("NO_COLOR") is { Length: > 0 };
    private static readonly Regex Ansi = new(@"\x1b\[[0-9;?]*[A-Za-z]", RegexOptions.Compiled);
    private static string Out(string s) => PlainOut ? Ansi.Replace(s, "") : s;
    private static string Err(string s) => PlainErr ? Ansi.Replace(s, "") : s;

    public override void Write(string value) => Console.Out.Write(Out(value));
    public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => Console.Out.Write(Out(value));
    public override void WriteLine(string value) => Console.Out.WriteLine(Out(value));
    public override void WriteErrorLine(string value) => Console.Error.WriteLine(Err(value));
    public override void WriteDebugLine(string message) => Console.Error.WriteLine("DEBUG: " + message);
    public override void WriteVerboseLine(string message) => Console.Error.WriteLine("VERBOSE: " + message);
    public override void WriteWarningLine(string message) => Console.Error.WriteLine("WARNING: " + message);

    // Progress is only drawn on a terminal, on one line, so redirected output stays clean.
    public override void WriteProgress(long sourceId, ProgressRecord record)
    {
        if (Console.IsErrorRedirected) return;
        var line = record.RecordType == ProgressRecordType.Completed ? "" : $"{record.Activity}: {record.StatusDescription}";
        var width = Math.Max(20, RawUI.BufferSize.Width - 1);
        Console.Error.Write("\r" + (line.Length > width ? line[..width] : line.PadRight(width)) + (line.Length == 0 ? "\r" : ""));
    }

    public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions)
    {
        if (!string.IsNullOrEmpty(caption)) WriteLine(caption);
        if (!string.IsNullOrEmpty(message)) WriteLine(message);
        var result = new Dictionary<string, PSObject>();
        foreach (var d in descriptions)
        {
            Write(d.Name + ": ");
            result[d.Name] = d.ParameterTypeFullName == typeof(SecureString).FullName
                ? PSObject.AsPSObject(ReadLineAsSecureString())
                : PSObject.AsPSObject(ReadLine());
        }
        return result;
    }

    public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) =>
        PromptForCredential(caption, message, userName, targetName, PSCredentialTypes.Default, PSCredentialUIOptions.Default);

    public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName,
        PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options)
    {
        if (!string.IsNullOrEmpty(message)) WriteLine(message);
        if (string.IsNullOrEmpty(userName)) { Write("User: "); userName = ReadLine(); }
        Write($"Password for {userName}: ");
        return new PSCredential(userName, ReadLineAsSecureString());
    }

    public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice)
    {
        if (!string.IsNullOrEmpty(caption)) WriteLine(caption);
        if (!string.IsNullOrEmpty(message)) WriteLine(message);
        var labels = choices.Select(c => c.Label.Replace("&", "")).ToList();
        var keys = choices.Select(c => { var i = c.Label.IndexOf('&'); return i >= 0 && i + 1 < c.Label.Length ? c.Label[i + 1].ToString() : c.Label[..1]; }).ToList();
        while (true)
        {
            Write(string.Join("  ", choices.Select((c, i) => $"[{keys[i]}] {labels[i]}")) + (defaultChoice >= 0 ? $" (default is \"{keys[defaultChoice]}\")" : "") + ": ");
            var answer = ReadLine().Trim();
            if (answer.Length == 0 && defaultChoice >= 0) return defaultChoice;
            var index = keys.FindIndex(k => k.Equals(answer, StringComparison.OrdinalIgnoreCase));
            if (index < 0) index = labels.FindIndex(l => l.Equals(answer, StringComparison.OrdinalIgnoreCase));
            if (index >= 0) return index;
            if (Console.IsInputRedirected && Console.In.Peek() < 0) return defaultChoice;
        }
    }
}
