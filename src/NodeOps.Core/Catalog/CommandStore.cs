using System.Text;
using System.Management.Automation;
using LiteDB;
using NodeOps.Core.Errors;
using NodeOps.Core.Models;

namespace NodeOps.Core.Catalog;

/// <summary>
/// Run Command history: command records, one invocation per node, and the whole output of each.
/// Output beyond <see cref="InlineOutputLimit"/> characters goes to LiteDB file storage, so listing
/// history stays fast while nothing is cut.
/// </summary>
public sealed class CommandStore
{
    public const int InlineOutputLimit = 64 * 1024;
    private readonly NodeCatalog _catalog;
    internal CommandStore(NodeCatalog catalog) => _catalog = catalog;

    private static ILiteCollection<NodeCommand> Commands(LiteDatabase db) => db.GetCollection<NodeCommand>(CatalogCollections.Commands);
    private static ILiteCollection<NodeCommandInvocation> Invocations(LiteDatabase db) => db.GetCollection<NodeCommandInvocation>(CatalogCollections.Invocations);
    private static ILiteStorage<string> Files(LiteDatabase db) => db.GetStorage<string>("_outputfiles", "_outputchunks");

    /// <summary>Stores the command and its pending invocations in one transaction.</summary>
    public void Create(NodeCommand command, IEnumerable<NodeCommandInvocation> invocations) => _catalog.InTransaction(db =>
    {
        Commands(db).Insert(command);
        Invocations(db).InsertBulk(invocations);
    });

    public void UpdateCommand(NodeCommand command) => _catalog.Run(db => Commands(db).Update(command));

    public void UpdateInvocation(NodeCommandInvocation invocation) => _catalog.Run(db => Invocations(db).Update(invocation));

    /// <summary>Records a finished invocation with its whole output, atomically.</summary>
    public void Complete(NodeCommandInvocation invocation, string stdout, string stderr) => _catalog.InTransaction(db =>
    {
        invocation.StandardOutputLength = stdout.Length;
        invocation.StandardErrorLength = stderr.Length;
        invocation.OutputTruncated = stdout.Length > InlineOutputLimit || stderr.Length > InlineOutputLimit;
        invocation.StandardOutput = Head(stdout);
        invocation.StandardError = Head(stderr);
        if (stdout.Length > InlineOutputLimit) Upload(db, FileId(invocation, "stdout"), stdout);
        if (stderr.Length > InlineOutputLimit) Upload(db, FileId(invocation, "stderr"), stderr);
        for (var i = 0; i < invocation.Steps.Count; i++)
        {
            var step = invocation.Steps[i];
            step.StandardOutputLength = step.StandardOutput.Length;
            step.StandardErrorLength = step.StandardError.Length;
            step.OutputTruncated = step.StandardOutput.Length > InlineOutputLimit || step.StandardError.Length > InlineOutputLimit;
            if (step.StandardOutput.Length > InlineOutputLimit) Upload(db, FileId(invocation, $"step{i}/stdout"), step.StandardOutput);
            if (step.StandardError.Length > InlineOutputLimit) Upload(db, FileId(invocation, $"step{i}/stderr"), step.StandardError);
            step.StandardOutput = Head(step.StandardOutput);
            step.StandardError = Head(step.StandardError);
        }
        Invocations(db).Update(invocation);
    });

    public NodeCommand? Find(string commandId) => _catalog.Run(db => Commands(db).FindById(commandId));

    public NodeCommand Get(string commandId) => Find(commandId)
        ?? throw new NodeOpsException(ErrorIds.CommandNotFound, ErrorCategory.ObjectNotFound, commandId, $"No command with id '{commandId}' is in the catalog.");

    public IReadOnlyList<NodeCommand> Query(CommandQuery q) => _catalog.Run(db =>
    {
        IEnumerable<NodeCommand> rows = Commands(db).Query().OrderByDescending(c => c.RequestedAt).ToEnumerable();
        if (q.Statuses is { Count: > 0 }) rows = rows.Where(c => q.Statuses.Contains(c.Status));
        if (q.After is { } after) rows = rows.Where(c => c.RequestedAt >= after.ToUniversalTime());
        if (q.Before is { } before) rows = rows.Where(c => c.RequestedAt <= before.ToUniversalTime());
        if (q.NodeId is { } node) rows = rows.Where(c => c.TargetNodeIds.Contains(node, StringComparer.OrdinalIgnoreCase));
        if (q.First is { } first) rows = rows.Take(first);
        return rows.ToList();
    });

    public IReadOnlyList<NodeCommandInvocation> InvocationsOf(string commandId) => _catalog.Run(db =>
        Invocations(db).Find(i => i.CommandId == commandId).OrderBy(i => i.NodeName, StringComparer.OrdinalIgnoreCase).ToList());

    public IReadOnlyList<NodeCommandInvocation> InvocationsInState(params InvocationStatus[] statuses) => _catalog.Run(db =>
    {
        var names = statuses.Select(s => new BsonValue(s.ToString())).ToArray();
        return Invocations(db).Find(LiteDB.Query.In("Status", names)).ToList();
    });

    /// <summary>Replaces the inline head with the whole stored output.</summary>
    public void LoadFullOutput(NodeCommandInvocation invocation)
    {
        if (!invocation.OutputTruncated && !invocation.Steps.Any(s => s.OutputTruncated)) return;
        _catalog.Run(db =>
        {
            if (invocation.StandardOutputLength > InlineOutputLimit) invocation.StandardOutput = Download(db, FileId(invocation, "stdout"));
            if (invocation.StandardErrorLength > InlineOutputLimit) invocation.StandardError = Download(db, FileId(invocation, "stderr"));
            invocation.OutputTruncated = false;
            for (var i = 0; i < invocation.Steps.Count; i++)
            {
                var step = invocation.Steps[i];
                if (step.StandardOutputLength > InlineOutputLimit) step.StandardOutput = Download(db, FileId(invocation, $"step{i}/stdout"));
                if (step.StandardErrorLength > InlineOutputLimit) step.StandardError = Download(db, FileId(invocation, $"step{i}/stderr"));
                step.OutputTruncated = false;
            }
        });
    }

    private static string Head(string text) => text.Length > InlineOutputLimit ? text[..InlineOutputLimit] : text;

    private static string FileId(NodeCommandInvocation invocation, string stream) => $"$/output/{invocation.InvocationId}/{stream}";

    private static void Upload(LiteDatabase db, string id, string text)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text));
        Files(db).Upload(id, stream.Length + ".txt", stream);
    }

    private static string Download(LiteDatabase db, string id)
    {
        using var stream = new MemoryStream();
        Files(db).Download(id, stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}

public sealed class CommandQuery
{
    public IReadOnlyCollection<CommandStatus>? Statuses { get; init; }
    public DateTime? After { get; init; }
    public DateTime? Before { get; init; }
    public string? NodeId { get; init; }
    public int? First { get; init; }
}
