using System.Management.Automation;
using NodeOps.Common;

namespace NodeOps.Cmdlets;

/// <summary>The full transcript of a session: everything typed and printed.</summary>
[Cmdlet(VerbsCommon.Get, "NodeSessionTranscript")]
[OutputType(typeof(string))]
public sealed class GetNodeSessionTranscriptCommand : NodeOpsCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    public string SessionId { get; set; } = "";

    protected override void ProcessRecord() => ForEachItem(() => WriteObject(Catalog.Sessions.LoadTranscript(Catalog.Sessions.Get(SessionId))));
}
