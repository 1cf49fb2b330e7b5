using HelpBuilder;

// Compiles docs/*.md (platyPS format, one cmdlet per file) into MAML for Get-Help.
//   HelpBuilder --docs docs --out en-US/NodeOps.dll-Help.xml [--check-cmdlets A,B,C]
string? docs = null, output = null, check = null;
for (var i = 0; i + 1 < args.Length; i += 2)
{
    switch (args[i])
    {
        case "--docs": docs = args[i + 1]; break;
        case "--out": output = args[i + 1]; break;
        case "--check-cmdlets": check = args[i + 1]; break;
        default: Console.Error.WriteLine($"unknown option {args[i]}"); return 64;
    }
}
if (docs is null || output is null)
{
    Console.Error.WriteLine("usage: HelpBuilder --docs <folder> --out <file.xml> [--check-cmdlets A,B,C]");
    return 64;
}

var commands = new List<CommandHelp>();
var failed = false;
foreach (var file in Directory.GetFiles(docs, "*-*.md").Order(StringComparer.Ordinal))
{
    try { commands.Add(MarkdownReader.Read(file)); }
    catch (HelpFormatException ex) { Console.Error.WriteLine("help: " + ex.Message); failed = true; }
}
foreach (var cmdlet in (check ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
{
    if (commands.Any(c => c.Name.Equals(cmdlet, StringComparison.OrdinalIgnoreCase))) continue;
    Console.Error.WriteLine($"help: {cmdlet} is exported but has no {Path.Combine(docs, cmdlet + ".md")}");
    failed = true;
}
if (failed) return 1;

Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
MamlWriter.Write(commands).Save(output);
Console.WriteLine($"help: {commands.Count} cmdlet(s) -> {output}");
return 0;
