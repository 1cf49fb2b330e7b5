// Scheduler benchmark: a catalog with N maintenance windows and A associations. Measures one scheduler pass
// when nothing is due (the steady state of a timer every minute) against a peer in the same run: just reading
// the same windows and associations from the catalog. Then a pass in which all N windows are due (each claimed
// in its own transaction) against a peer of N one-transaction updates of the same window records.
using System.Diagnostics;
using NodeOps.Core.Catalog;
using NodeOps.Core.Models;
using NodeOps.Core.Scheduling;
using NodeOps.Core.Transport;

var windows = args.Length > 0 ? int.Parse(args[0]) : 500;
var associations = args.Length > 1 ? int.Parse(args[1]) : 100;
var path = Path.Combine(Path.GetTempPath(), $"nodeops-scheduler-bench-{Guid.NewGuid():N}.db");
Environment.SetEnvironmentVariable("NODEOPS_KEY_FILE", Path.Combine(Path.GetTempPath(), "nodeops-bench.key"));

var created = new DateTime(2026, 5, 1, 0, 0, 0, DateTimeKind.Utc);
var clock = new BenchClock { UtcNow = created };
using (var fill = NodeCatalog.Open(path))
{
    for (var i = 0; i < windows; i++)
    {
        var w = fill.MaintenanceWindows.Create(new MaintenanceWindow { Name = $"window-{i:D5}", Schedule = i % 2 == 0 ? "cron(0 2 ? * SUN *)" : "rate(1 hour)", ScheduleTimezone = "Europe/Berlin", Duration = 3, Cutoff = 1 });
        w.CreatedDate = created;
        fill.MaintenanceWindows.Update(w);
    }
    for (var i = 0; i < associations; i++)
        fill.Associations.Create(new NodeAssociation { AssociationName = $"assoc-{i:D4}", DocumentName = "AWS-RunShellScript", Tags = { $"Group=g{i}" }, ScheduleExpression = "rate(2 hours)" });
}

using var catalog = NodeCatalog.Open(path);
var scheduler = new NodeOpsScheduler(catalog, NodeSessionPool.Shared, ConnectionSettings.ForCatalog(path), clock,
    new SchedulerOptions { HourLength = TimeSpan.FromHours(1) });

double Median(Action work, int runs)
{
    work();
    var times = new List<double>();
    for (var i = 0; i < runs; i++)
    {
        var t = Stopwatch.StartNew();
        work();
        times.Add(t.Elapsed.TotalMilliseconds);
    }
    times.Sort();
    return times[times.Count / 2];
}

clock.UtcNow = created.AddMinutes(10); // nothing due yet
var idle = Median(() => { if (scheduler.Pass(CancellationToken.None).Count != 0) throw new InvalidOperationException("something was due"); }, 7);
var read = Median(() => { _ = catalog.MaintenanceWindows.All().Count + catalog.Associations.All().Count; }, 7);
Console.WriteLine($"{windows} windows, {associations} associations");
Console.WriteLine($"idle pass (nothing due): {idle:0.0} ms   peer, reading the same records: {read:0.0} ms   ratio {idle / read:0.00}");

clock.UtcNow = created.AddHours(1).AddMinutes(1); // every rate(1 hour) window is due
var sw = Stopwatch.StartNew();
var work = scheduler.Pass(CancellationToken.None);
Task.WaitAll(work.Select(w => w.Completion).ToArray());
var claimPass = sw.Elapsed.TotalMilliseconds;
var due = work.Count(w => w.Kind == ScheduledWork.WindowExecution);
var ids = catalog.MaintenanceWindows.All().Select(w => w.WindowId).ToList();
sw.Restart();
foreach (var id in ids.Take(due)) catalog.MaintenanceWindows.MarkHandled(id, clock.UtcNow);
var peer = sw.Elapsed.TotalMilliseconds;
Console.WriteLine($"pass claiming {due} due windows: {claimPass:0} ms ({claimPass / due:0.00} ms each)   peer, {due} one-transaction window updates: {peer:0} ms ({peer / due:0.00} ms each)   ratio {claimPass / peer:0.00}");
File.Delete(path);

sealed class BenchClock : ISchedulerClock
{
    public DateTime UtcNow { get; set; }
}
