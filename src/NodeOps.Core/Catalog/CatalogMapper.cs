using LiteDB;

namespace NodeOps.Core.Catalog;

/// <summary>
/// One BsonMapper for the catalog: enums as names, so the file stays readable and queries read well; times read
/// back as UTC, the way they are written (LiteDB otherwise hands them back in local time, which would shift
/// every After/Before filter by the machine's offset).
/// </summary>
internal static class CatalogMapper
{
    public static readonly BsonMapper Instance = Create();

    private static BsonMapper Create()
    {
        var mapper = new BsonMapper { EnumAsInteger = false, SerializeNullValues = false, TrimWhitespace = false, EmptyStringToNull = false };
        mapper.RegisterType(
            serialize: time => new BsonValue(time.ToUniversalTime()),
            deserialize: bson => bson.AsDateTime.ToUniversalTime());
        return mapper;
    }
}
