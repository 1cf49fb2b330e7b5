using System.Management.Automation;
using NodeOps.Core.Automation;
using NodeOps.Core.Catalog;
using NodeOps.Core.Documents;
using NodeOps.Core.Errors;
using NodeOps.Core.Execution;
using NodeOps.Core.Models;
using NodeOps.Core.Scheduling;
using NodeOps.Core.Targeting;
using NodeOps.Core.Transport;

namespace NodeOps.Common;

/// <summary>
/// What New- and Set-NodeAssociation check before writing: SSM's rules, the document and its parameters. The document
/// is resolved once; the association then names it as stored (an AWS-* alias becomes the NodeOps name).
/// </summary>
internal static class AssociationRules
{
    public static void Check(NodeCatalog catalog, NodeAssociation a)
    {
        if (a.NodeIds.Count == 0 && a.Tags.Count == 0)
            throw Invalid(a, "An association needs targets: -NodeId, -Tag or both.");
        TagFilter.ParseMany(a.Tags);
        RateLimit.ParseConcurrency(a.MaxConcurrency);
        RateLimit.ParseErrors(a.MaxErrors);
        if (a.ScheduleExpression is { } expression)
        {
            var schedule = ScheduleExpression.Parse(expression, a.ScheduleTimezone, a.ScheduleOffset);
            if (a.ApplyOnlyAtCronInterval && schedule.Kind != ScheduleKind.Cron)
                throw Invalid(a, "-ApplyOnlyAtCronInterval needs a cron(...) schedule; it cannot be used with rate(...) or at(...).");
            if (a.ScheduleOffset != 0 && !a.ApplyOnlyAtCronInterval)
                throw Invalid(a, "A schedule offset needs -ApplyOnlyAtCronInterval (as in SSM).");
        }
        else if (a.ApplyOnlyAtCronInterval || a.ScheduleOffset != 0)
        {
            throw Invalid(a, "-ApplyOnlyAtCronInterval and -ScheduleOffset need a cron(...) schedule.");
        }
        catalog.ChangeCalendars.CheckExist(a.ChangeCalendarNames);
        var (record, definition) = catalog.Documents.Resolve(a.DocumentName, a.DocumentVersion);
        if (definition.DocumentType == DocumentType.Automation)
        {
            new AutomationRunner(catalog, NodeSessionPool.Shared, ConnectionSettings.ForCatalog(catalog.Path, null)).Validate(new AutomationRequest
            {
                DocumentName = a.DocumentName, DocumentVersion = a.DocumentVersion,
                Parameters = StoredParameters.ToTable(a.Parameters), TargetParameterName = a.AutomationTargetParameterName,
            });
        }
        else if (a.AutomationTargetParameterName is { } name)
        {
            throw new NodeOpsException(ErrorIds.InvalidTargetParameter, ErrorCategory.InvalidArgument, name,
                $"-AutomationTargetParameterName is for runbooks (schemaVersion 0.3); {a.DocumentName} is not one.");
        }
        else
        {
            AssociationRunner.Plan(catalog, record, definition, a);
        }
        a.DocumentName = record.Name;
    }

    private static NodeOpsException Invalid(NodeAssociation a, string message) =>
        new(ErrorIds.InvalidAssociation, ErrorCategory.InvalidArgument, a.DisplayName, message);
}
