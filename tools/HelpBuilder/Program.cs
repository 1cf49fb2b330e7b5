using System.Text.RegularExpressions;
using HelpBuilder;

// Compiles platyPS-style cmdlet markdown (docs/Verb-Noun.md, one cmdlet per file) into the MAML file Get-Help reads.
//   dotnet run --project tools/HelpBuilder -- --docs docs --out en-US/NodeOps.dll-Help.xml [--check-cmdlets A,B,C]
// Exit codes: 0 written; 1 the markdown has errors (each printed as file:line: error: ...); 2 bad usage.

const string Usage = """
    usage: HelpBuilder --docs <folder> --out <file-Help.xml> [--check-cmdlets <Verb-Noun,Verb-Noun,...>]
      --docs            folder with one <Verb-Noun>.md per cmdlet (other .md files, e.g. about_*.md, are ignored)
      --out             the MAML file to write, e.g. en-US/NodeOps.dll-Help.xml
      --check-cmdlets   comma-separated cmdlet names that must each have a docs file (the module's exported cmdlets)
    """;

string? docs = null, output = null, check = null;
for (var i = 0; i < args.Length; i++)
{
    var arg = args[i];
    if (arg is "-h" or "--help" or "-?") { Console.WriteLine(Usage); return 0; }
    if (arg is not ("--docs" or "--out" or "--check-cmdlets"))
    {
        Console.Error.WriteLine($"HelpBuilder: unknown argument '{arg}'\n{Usage}");
        return 2;
    }
    if (i + 1 >= args.Length)
    {
        Console.Error.WriteLine($"HelpBuilder: {arg} needs a value\n{Usage}");
        return 2;
    }
    var value = args[++i];
    switch (arg)
    {
        case "--docs": docs = value; break;
        case "--out": output = value; break;
        default: check = value; break;
    }
}
if (docs is null || output is null)
{
    Console.Error.WriteLine($"HelpBuilder: --docs and --out are required\n{Usage}");
    return 2;
}
if (!Directory.Exists(docs))
{
    Console.Error.WriteLine($"HelpBuilder: the docs folder '{docs}' does not exist");
    return 2;
}

var diag = new Diagnostics();
var cmdletFile = new Regex(@"^[A-Za-z]+-[A-Za-z0-9]+\.md$");
var files = Directory.GetFiles(docs, "*.md")
    .Where(f => cmdletFile.IsMatch(Path.GetFileName(f)))
    .Order(StringComparer.Ordinal)
    .ToList();
if (files.Count == 0)
{
    Console.Error.WriteLine($"HelpBuilder: no <Verb-Noun>.md files in '{docs}'");
    return 1;
}

var outName = Path.GetFileName(output);
var commands = new List<CommandDoc>();
foreach (var file in files)
{
    var display = Path.Combine(docs, Path.GetFileName(file));
    var doc = MarkdownReader.Read(file, display, diag);
    if (doc is null) continue;
    if (doc.FrontMatter.TryGetValue("external help file", out var helpFile) && helpFile.Length > 0 &&
        !helpFile.Equals(outName, StringComparison.OrdinalIgnoreCase))
        diag.Error(display, doc.FrontMatterLines["external help file"], $"'external help file: {helpFile}' but this run writes '{outName}'");
    if (commands.FirstOrDefault(c => c.Name.Equals(doc.Name, StringComparison.OrdinalIgnoreCase)) is { } dup)
        diag.Error(display, doc.NameLine, $"{doc.Name} is also documented in {dup.File}");
    commands.Add(doc);
}

var required = (check ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
foreach (var cmdlet in required)
{
    if (files.Any(f => Path.GetFileNameWithoutExtension(f).Equals(cmdlet, StringComparison.OrdinalIgnoreCase))) continue;
    diag.Error(Path.Combine(docs, cmdlet + ".md"), 0, $"{cmdlet} is exported but has no help file");
}
if (check is not null)
{
    foreach (var file in files.Where(f => !required.Contains(Path.GetFileNameWithoutExtension(f), StringComparer.OrdinalIgnoreCase)))
        diag.Warning(Path.Combine(docs, Path.GetFileName(file)), 0, "not in --check-cmdlets (a cmdlet that is not exported?)");
}

foreach (var w in diag.Warnings) Console.Error.WriteLine(w);
if (diag.ErrorCount > 0)
{
    foreach (var e in diag.Errors) Console.Error.WriteLine(e);
    Console.Error.WriteLine($"HelpBuilder: {diag.ErrorCount} error(s); {output} was not written");
    return 1;
}

try
{
    var dir = Path.GetDirectoryName(Path.GetFullPath(output));
    if (dir is not null) Directory.CreateDirectory(dir);
    MamlWriter.Save(MamlWriter.Build(commands), output);
}
catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or System.Xml.XmlException)
{
    Console.Error.WriteLine($"HelpBuilder: cannot write {output}: {ex.Message}");
    return 1;
}
Console.WriteLine($"HelpBuilder: {commands.Count} cmdlet(s) -> {output}");
return 0;
