namespace NodeOps.Core.Errors;

/// <summary>Stable error ids (the first part of FullyQualifiedErrorId). Never rename one: scripts match on them.</summary>
public static class ErrorIds
{
    public const string CatalogLocked = "CatalogLocked";
    public const string CatalogCorrupt = "CatalogCorrupt";
    public const string CatalogSchemaTooNew = "CatalogSchemaTooNew";
    public const string CatalogUnavailable = "CatalogUnavailable";
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
    public const string Cancelled = "Cancelled";
    public const string MaxErrorsExceeded = "MaxErrorsExceeded";
}
