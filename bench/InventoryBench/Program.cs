// Inventory benchmark: a catalog holding N nodes x P packages. Measures storing one node's full collection
// into the loaded catalog, and answering "which nodes have package X below version Y" through the indexed,
// compiled query (what Get-NodeInventory does), against a peer in the same run: a scan of every row of the type.
using System.Diagnostics;
using System.Management.Automation;
using NodeOps.Core.Catalog;
using NodeOps.Core.Inventory;

var nodes = args.Length > 0 ? int.Parse(args[0]) : 10_000;
var packages = args.Length > 1 ? int.Parse(args[1]) : 300;
var path = args.Length > 2 ? args[2] : Path.Combine(Path.GetTempPath(), $"nodeops-inventory-bench-{nodes}x{packages}.db");
Environment.SetEnvironmentVariable("NODEOPS_KEY_FILE", Path.Combine(Path.GetTempPath(), "nodeops-bench.key"));

var random = new Random(42);
List<Dictionary<string, string>> Collection(int node)
{
    var rows = new List<Dictionary<string, string>>(packages);
    for (var p = 0; p < packages; p++)
    {
        // openssl-like package 0 spreads across versions so the query has a real answer.
        var version = p == 0 ? $"3.0.{node % 16}-1" : $"{p % 7}.{p % 13}.{(node + p) % 5}-{p % 3}";
        rows.Add(new() { ["Name"] = p == 0 ? "openssl" : $"package-{p:D4}", ["Version"] = version, ["Architecture"] = "amd64", ["Publisher"] = "Bench", ["PackageManager"] = "dpkg" });
    }
    return rows;
}

var sw = Stopwatch.StartNew();
if (!File.Exists(path))
{
    using var fill = NodeCatalog.Open(path);
    for (var n = 0; n < nodes; n++)
    {
        fill.Inventory.Store($"mi-{n:x12}", "AWS:Application", "Debian", Collection(n), DateTime.UtcNow);
        if (n % 1000 == 999) Console.Error.WriteLine($"filled {n + 1} nodes in {sw.Elapsed.TotalSeconds:0} s");
    }
}
Console.WriteLine($"catalog: {nodes} nodes x {packages} packages, {new FileInfo(path).Length / (1024 * 1024)} MB (built or reused in {sw.Elapsed.TotalSeconds:0.0} s)");

using var catalog = NodeCatalog.Open(path);
var filter = InventoryFilter.TryCompile(ScriptBlock.Create("Name -eq 'openssl' -and Version -lt '3.0.8'"))!;

double Time(Func<int> work, int runs, out int result)
{
    result = work(); // warm
    var times = new List<double>();
    for (var i = 0; i < runs; i++)
    {
        var t = Stopwatch.StartNew();
        result = work();
        times.Add(t.Elapsed.TotalMilliseconds);
    }
    times.Sort();
    return times[times.Count / 2];
}

Func<int> query = () => catalog.Inventory.Find("AWS:Application", filter.NameEquals, filter.NamePrefix, null).Count(filter.Predicate);
var first = Stopwatch.StartNew();
var hits = query();
var cold = first.Elapsed.TotalMilliseconds;
var warm = Time(query, 5, out _);
// After any inventory write the kept answer is stale, so the next query reads the rows again.
var afterWriteTimes = new List<double>();
for (var i = 0; i < 5; i++)
{
    catalog.Inventory.Store("mi-bench0000000", "AWS:Application", "Debian", Collection(random.Next(nodes)), DateTime.UtcNow);
    var t = Stopwatch.StartNew();
    query();
    afterWriteTimes.Add(t.Elapsed.TotalMilliseconds);
}
afterWriteTimes.Sort();
var afterWrite = afterWriteTimes[afterWriteTimes.Count / 2];
var scan = Time(() => catalog.Inventory.Find("AWS:Application", null, null, null).Count(filter.Predicate), 1, out var scanHits);
var store = Time(() => catalog.Inventory.Store("mi-bench0000000", "AWS:Application", "Debian", Collection(random.Next(nodes)), DateTime.UtcNow).Count, 5, out _);

Console.WriteLine($"query 'openssl below 3.0.8': first in this process {cold:0.0} ms, {hits} nodes");
Console.WriteLine($"query again, warm (answer kept until inventory changes): {warm:0.00} ms median");
Console.WriteLine($"query right after another node's collection was stored (rows read again): {afterWrite:0.0} ms median");
Console.WriteLine($"peer: scan every Application row with the same filter:  {scan:0.0} ms, {scanHits} nodes");
Console.WriteLine($"store one node's full collection ({packages} rows, with drift): {store:0.0} ms median");
Console.WriteLine($"ratios: scan / after-write = {scan / afterWrite:0.0}; scan / warm = {scan / warm:0}");
