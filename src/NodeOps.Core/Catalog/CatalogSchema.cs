using LiteDB;

namespace NodeOps.Core.Catalog;

/// <summary>
/// The catalog's schema version and the ordered migrations that bring an older file up to it.
/// A file written by a newer NodeOps is refused rather than guessed at.
/// </summary>
internal static class CatalogSchema
{
    public const int CurrentVersion = 6;
    private const string MetaCollection = "meta";
    private const string SchemaKey = "schema";

    // Migration i upgrades a file from version i to i+1 (index 0: a brand-new file).
    private static readonly Action<LiteDatabase>[] Migrations =
    {
        CreateVersion1,
        AddDocuments,
        AddParameters,
        AddAudit,
        AddSessions,
        AddInventory,
    };

    public static int ReadVersion(LiteDatabase db)
    {
        var doc = db.GetCollection(MetaCollection).FindById(SchemaKey);
        return doc is null ? 0 : doc["Version"].AsInt32;
    }

    /// <summary>Runs the missing migrations in one transaction; returns the version found before.</summary>
    public static int Upgrade(LiteDatabase db)
    {
        var found = ReadVersion(db);
        if (found >= CurrentVersion) return found;
        db.BeginTrans();
        try
        {
            for (var v = found; v < CurrentVersion; v++) Migrations[v](db);
            db.GetCollection(MetaCollection).Upsert(new BsonDocument
            {
                ["_id"] = SchemaKey,
                ["Version"] = CurrentVersion,
                ["UpgradedAt"] = DateTime.UtcNow,
            });
            db.Commit();
        }
        catch
        {
            db.Rollback();
            throw;
        }
        return found;
    }

    private static void CreateVersion1(LiteDatabase db)
    {
        var nodes = db.GetCollection(CatalogCollections.Nodes);
        nodes.EnsureIndex("Name", "LOWER($.Name)", unique: true);
        var commands = db.GetCollection(CatalogCollections.Commands);
        commands.EnsureIndex("RequestedAt");
        commands.EnsureIndex("Status");
        var invocations = db.GetCollection(CatalogCollections.Invocations);
        invocations.EnsureIndex("CommandId");
        invocations.EnsureIndex("NodeId");
    }

    private static void AddDocuments(LiteDatabase db)
    {
        var versions = db.GetCollection(CatalogCollections.Documents);
        versions.EnsureIndex("Name");
        db.GetCollection(CatalogCollections.DocumentHeads).EnsureIndex("DocumentType");
    }

    private static void AddParameters(LiteDatabase db) => db.GetCollection(CatalogCollections.Parameters).EnsureIndex("Name");

    private static void AddAudit(LiteDatabase db) => db.GetCollection(CatalogCollections.Audit).EnsureIndex("Time");

    private static void AddInventory(LiteDatabase db)
    {
        var entries = db.GetCollection(CatalogCollections.Inventory);
        entries.EnsureIndex("TypeName");
        entries.EnsureIndex("Name");
        entries.EnsureIndex("NodeId");
        db.GetCollection(CatalogCollections.InventoryChanges).EnsureIndex("Time");
    }

    private static void AddSessions(LiteDatabase db)
    {
        var sessions = db.GetCollection(CatalogCollections.Sessions);
        sessions.EnsureIndex("StartTime");
        sessions.EnsureIndex("Status");
    }
}

internal static class CatalogCollections
{
    public const string Nodes = "nodes";
    public const string Commands = "commands";
    public const string Invocations = "invocations";
    public const string OutputFiles = "output";
    public const string Documents = "documents";
    public const string DocumentHeads = "document_heads";
    public const string Parameters = "parameters";
    public const string Audit = "audit";
    public const string Sessions = "sessions";
    public const string Preferences = "preferences";
    public const string Inventory = "inventory";
    public const string InventoryChanges = "inventory_changes";
    public const string InventorySchemas = "inventory_schemas";
    public const string Compliance = "compliance";
    public const string MaintenanceWindows = "maintenance_windows";
    public const string MaintenanceWindowTargets = "maintenance_window_targets";
    public const string MaintenanceWindowTasks = "maintenance_window_tasks";
    public const string MaintenanceWindowExecutions = "maintenance_window_executions";
    public const string Associations = "associations";
    public const string AssociationStatus = "association_status";
    public const string AssociationRuns = "association_runs";
    public const string ChangeCalendars = "change_calendars";
    public const string PatchBaselines = "patch_baselines";
    public const string PatchDefaults = "patch_defaults";
    public const string PatchGroups = "patch_groups";
    public const string PatchCompliance = "patch_compliance";
    public const string PatchStates = "patch_states";
    public const string AutomationExecutions = "automation_executions";
    public const string AutomationSteps = "automation_steps";
    public const string AutomationApprovals = "automation_approvals";
    public const string AutomationTriggers = "automation_triggers";
    public const string AutomationTriggerEvents = "automation_trigger_events";
}
