namespace NodeOps.Core.Inventory;

/// <summary>
/// A package version that compares the way its package manager does, so a PowerShell filter such as
/// <c>{ Version -lt '3.0.8' }</c> is right (the string on the right converts to this type through the
/// implicit conversion, taking the scheme of the left side).
/// </summary>
public sealed class PackageVersion : IComparable, IComparable<PackageVersion>, IEquatable<PackageVersion>
{
    public string Value { get; }
    public VersionScheme Scheme { get; }
    /// <summary>A version converted from a bare string takes the scheme of whatever it is compared with.</summary>
    private readonly bool _schemeFromOther;

    public PackageVersion(string value, VersionScheme scheme)
    {
        Value = value;
        Scheme = scheme;
    }

    private PackageVersion(string value)
    {
        Value = value;
        _schemeFromOther = true;
    }

    public static implicit operator PackageVersion(string value) => new(value);

    public int CompareTo(PackageVersion? other)
    {
        if (other is null) return 1;
        var scheme = _schemeFromOther && !other._schemeFromOther ? other.Scheme : Scheme;
        return PackageVersionComparer.Compare(Value, other.Value, scheme);
    }

    public int CompareTo(object? obj) => obj switch
    {
        null => 1,
        PackageVersion v => CompareTo(v),
        string s => CompareTo(new PackageVersion(s)),
        _ => CompareTo(new PackageVersion(obj.ToString() ?? "")),
    };

    public bool Equals(PackageVersion? other) => other is not null && CompareTo(other) == 0;
    public override bool Equals(object? obj) => obj is PackageVersion v ? Equals(v) : obj is string s && Equals(new PackageVersion(s));
    public override int GetHashCode() => Value.GetHashCode(StringComparison.Ordinal);
    public override string ToString() => Value;
}
