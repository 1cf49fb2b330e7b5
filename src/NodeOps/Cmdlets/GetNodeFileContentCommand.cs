using System.Collections;
using System.Management.Automation;
using NodeOps.Common;
using NodeOps.Core.Errors;
using NodeOps.Core.FleetViews;
using NodeOps.Core.Models;

namespace NodeOps.Cmdlets;

/// <summary>
/// Reads a text file on one or many nodes: all of it, or its last lines with -Tail; -Wait keeps following
/// one node's file (like tail -f) until Ctrl+C. Each line is a string with NodeId, NodeName and Path noted on it.
/// </summary>
[Cmdlet(VerbsCommon.Get, "NodeFileContent")]
[OutputType(typeof(string))]
public sealed class GetNodeFileContentCommand : FleetViewCmdlet
{
    /// <summary>The most read at once: a whole file without -Tail, or the new text between two -Wait polls.</summary>
    public const long MaxBytes = 16 * 1024 * 1024;

    [Parameter(Mandatory = true, Position = 1)]
    public string Path { get; set; } = "";

    /// <summary>Only the last this many lines.</summary>
    [Parameter] [ValidateRange(1, 100000)] public int Tail { get; set; }

    /// <summary>Keep reading lines as they are added, until Ctrl+C (one node only).</summary>
    [Parameter] public SwitchParameter Wait { get; set; }

    /// <summary>How often -Wait looks for new lines, in milliseconds.</summary>
    [Parameter] [ValidateRange(100, 60000)] public int PollIntervalMilliseconds { get; set; } = 1000;

    private readonly CancellationTokenSource _stop = new();

    protected override void EndProcessing()
    {
        if (!Wait)
        {
            RunOnTargets(FleetViewScripts.FileContent, Arguments(-1), r => WriteLines(r));
            return;
        }
        var nodes = Targets();
        if (nodes.Count != 1)
            Guard(() => throw new NodeOpsException(ErrorIds.WaitNeedsOneNode, ErrorCategory.InvalidArgument, nodes.Count,
                $"-Wait follows the file on one node; {nodes.Count} nodes were targeted."));
        var node = nodes[0];
        var query = NewQuery();
        var offset = -1L;
        while (!_stop.IsCancellationRequested)
        {
            var result = query.RunAsync(node, FleetViewScripts.FileContent, Arguments(offset), _stop.Token).GetAwaiter().GetResult();
            if (_stop.IsCancellationRequested) break;
            if (result.Failed)
            {
                WriteNodeError(result);
                return;
            }
            offset = WriteLines(result);
            _stop.Token.WaitHandle.WaitOne(PollIntervalMilliseconds);
        }
    }

    protected override void StopProcessing()
    {
        _stop.Cancel();
        base.StopProcessing();
    }

    private Dictionary<string, object?> Arguments(long offset) => new()
    {
        ["Path"] = Path, ["Tail"] = Wait && Tail == 0 && offset < 0 ? 10 : Tail, ["Offset"] = offset, ["MaxBytes"] = MaxBytes,
    };

    /// <summary>Writes the lines of one answer; returns the offset to read from next.</summary>
    private long WriteLines(NodeQueryResult result)
    {
        var answer = result.Output.LastOrDefault()?.BaseObject as IDictionary;
        if (answer?["Lines"] is { } lines)
            foreach (var line in (PSObject.AsPSObject(lines).BaseObject as IEnumerable)?.Cast<object>() ?? Enumerable.Empty<object>())
            {
                var text = PSObject.AsPSObject(line.ToString());
                text.Properties.Add(new PSNoteProperty("NodeId", result.Node.NodeId));
                text.Properties.Add(new PSNoteProperty("NodeName", result.Node.Name));
                text.Properties.Add(new PSNoteProperty("Path", Path));
                WriteObject(text);
            }
        return answer?["Length"] is { } length ? Convert.ToInt64(PSObject.AsPSObject(length).BaseObject, System.Globalization.CultureInfo.InvariantCulture) : 0;
    }

}
