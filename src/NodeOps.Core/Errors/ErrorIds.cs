namespace NodeOps.Core.Errors;

/// <summary>Stable error ids (the first part of FullyQualifiedErrorId). Never rename one: scripts match on them.</summary>
public static class ErrorIds
{
    public const string CatalogLocked = "CatalogLocked";
    public const string CatalogCorrupt = "CatalogCorrupt";
    public const string CatalogSchemaTooNew = "CatalogSchemaTooNew";
    public const string CatalogUnavailable = "CatalogUnavailable";
    public const string CatalogNotFound = "CatalogNotFound";
    public const string NodeNotFound = "NodeNotFound";
    public const string NodeNameInUse = "NodeNameInUse";
    public const string NoTargetsMatched = "NoTargetsMatched";
    public const string MalformedTag = "MalformedTag";
    public const string InvalidMaxConcurrency = "InvalidMaxConcurrency";
    public const string InvalidMaxErrors = "InvalidMaxErrors";
    public const string InvalidTimeout = "InvalidTimeout";
    public const string InvalidNodeDefinition = "InvalidNodeDefinition";
    public const string CredentialNotSupported = "CredentialNotSupported";
    public const string KeyFileNotFound = "KeyFileNotFound";
    public const string CommandNotFound = "CommandNotFound";
    public const string SecretKeyUnavailable = "SecretKeyUnavailable";
    public const string DocumentInvalid = "DocumentInvalid";
    public const string DocumentNotFound = "DocumentNotFound";
    public const string DocumentVersionNotFound = "DocumentVersionNotFound";
    public const string DocumentNameInUse = "DocumentNameInUse";
    public const string InvalidDocumentName = "InvalidDocumentName";
    public const string DocumentReadOnly = "DocumentReadOnly";
    public const string DocumentContentUnchanged = "DocumentContentUnchanged";
    public const string DocumentDefaultVersionInUse = "DocumentDefaultVersionInUse";
    public const string DocumentFileUnreadable = "DocumentFileUnreadable";
    public const string DocumentExportFailed = "DocumentExportFailed";
    public const string DocumentTypeNotRunnable = "DocumentTypeNotRunnable";
    public const string DocumentParameterInvalid = "DocumentParameterInvalid";
    public const string DocumentNestingInvalid = "DocumentNestingInvalid";
    public const string ParameterStoreNotAvailable = "ParameterStoreNotAvailable";
    public const string ActionNotSupported = "ActionNotSupported";
    public const string StepInputInvalid = "StepInputInvalid";
    public const string InvalidParameterName = "InvalidParameterName";
    public const string AuditExportFailed = "AuditExportFailed";
    public const string SessionNotFound = "SessionNotFound";
    public const string SessionDenied = "SessionDenied";
    public const string SessionReasonRequired = "SessionReasonRequired";
    public const string TranscriptUnwritable = "TranscriptUnwritable";
    public const string PortInUse = "PortInUse";
    public const string PortForwardFailed = "PortForwardFailed";
    public const string SessionNotSupported = "SessionNotSupported";
    public const string InvalidParameterValue = "InvalidParameterValue";
    public const string InvalidParameterLabel = "InvalidParameterLabel";
    public const string ParameterNotFound = "ParameterNotFound";
    public const string ParameterVersionNotFound = "ParameterVersionNotFound";
    public const string ParameterAlreadyExists = "ParameterAlreadyExists";
    public const string ParameterLimitExceeded = "ParameterLimitExceeded";
    public const string ParameterNotSecure = "ParameterNotSecure";
    public const string InvalidInventoryTypeName = "InvalidInventoryTypeName";
    public const string InvalidInventoryContent = "InvalidInventoryContent";
    public const string InventorySchemaMismatch = "InventorySchemaMismatch";
    public const string InventoryPropertyNotFound = "InventoryPropertyNotFound";
    public const string InventoryExportFailed = "InventoryExportFailed";
    public const string WaitNeedsOneNode = "WaitNeedsOneNode";

    // Per-node failure kinds, also used as the ErrorId of an invocation.
    public const string NodeUnreachable = "NodeUnreachable";
    public const string ConnectionTimedOut = "ConnectionTimedOut";
    public const string AuthenticationFailed = "AuthenticationFailed";
    public const string HostKeyChanged = "HostKeyChanged";
    public const string HostKeyUnknown = "HostKeyUnknown";
    public const string TransportUnavailable = "TransportUnavailable";
    public const string ConnectionFailed = "ConnectionFailed";
    public const string CommandFailed = "CommandFailed";
    public const string CommandTimedOut = "CommandTimedOut";
    public const string StepFailed = "StepFailed";
    public const string FileTransferFailed = "FileTransferFailed";
    public const string Cancelled = "Cancelled";
    public const string MaxErrorsExceeded = "MaxErrorsExceeded";
}
