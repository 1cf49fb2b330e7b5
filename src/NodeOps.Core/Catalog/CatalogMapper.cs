using LiteDB;

namespace NodeOps.Core.Catalog;

/// <summary>One BsonMapper for the catalog: enums as names, so the file stays readable and queries read well.</summary>
internal static class CatalogMapper
{
    public static readonly BsonMapper Instance = Create();

    private static BsonMapper Create()
    {
        var mapper = new BsonMapper { EnumAsInteger = false, SerializeNullValues = false, TrimWhitespace = false, EmptyStringToNull = false };
        return mapper;
    }
}
