using NodeOps.Core.Inventory;
using Xunit;

namespace NodeOps.Tests.Unit;

public class PackageVersionComparerTests
{
    [Theory]
    [InlineData("1.0", "1.0", 0)]
    [InlineData("1.0", "1.0-1", -1)]
    [InlineData("1.0~rc1", "1.0", -1)]
    [InlineData("1.0~rc1", "1.0~rc2", -1)]
    [InlineData("1.0~~", "1.0~", -1)]
    [InlineData("1:0.9", "2.0", 1)]
    [InlineData("2.30-1", "2.4-1", 1)]
    [InlineData("1.1.1f-1ubuntu2", "1.1.1g", -1)]
    [InlineData("3.0.2-0ubuntu1.10", "3.0.8", -1)]
    [InlineData("3.0.11-1~deb12u2", "3.0.8", 1)]
    [InlineData("2.36-9+deb12u4", "2.36-9+deb12u10", -1)]
    [InlineData("1.2.3a", "1.2.3+", -1)]
    [InlineData("0:1.0", "1.0", 0)]
    [InlineData("1.0-1", "1.0-1.1", -1)]
    public void Debian_versions_order_like_dpkg(string a, string b, int expected)
    {
        Assert.Equal(expected, Math.Sign(PackageVersionComparer.Compare(a, b, VersionScheme.Debian)));
        Assert.Equal(-expected, Math.Sign(PackageVersionComparer.Compare(b, a, VersionScheme.Debian)));
    }

    [Theory]
    [InlineData("1.0", "1.0", 0)]
    [InlineData("1.0", "2.0", -1)]
    [InlineData("2.0.1", "2.0", 1)]
    [InlineData("2.0.1a", "2.0.1", 1)]
    [InlineData("5.5p1", "5.5p2", -1)]
    [InlineData("5.5p10", "5.5p1", 1)]
    [InlineData("10xyz", "10.1xyz", -1)]
    [InlineData("xyz10", "xyz10.1", -1)]
    [InlineData("1.0~rc1", "1.0", -1)]
    [InlineData("1.0~rc1", "1.0~rc2", -1)]
    [InlineData("1.0^", "1.0", 1)]
    [InlineData("1.0^git1", "1.0^git2", -1)]
    [InlineData("1.0^git1", "1.01", -1)]
    [InlineData("1.0~rc1^git1", "1.0~rc1", 1)]
    [InlineData("6.0.rc1", "6.0", 1)]
    [InlineData("a", "1", -1)]
    [InlineData("1:3.0.7-27.el9", "3.0.8-1.el9", 1)]
    [InlineData("3.0.7-27.el9", "3.0.7-24.el9", 1)]
    [InlineData("3.0.7", "3.0.7-24.el9", 0)]
    public void Rpm_versions_order_like_rpmvercmp(string a, string b, int expected)
    {
        Assert.Equal(expected, Math.Sign(PackageVersionComparer.Compare(a, b, VersionScheme.Rpm)));
        Assert.Equal(-expected, Math.Sign(PackageVersionComparer.Compare(b, a, VersionScheme.Rpm)));
    }

    [Theory]
    [InlineData("10.0.19041.1", "10.0.19041.2", -1)]
    [InlineData("1.2", "1.2.0.0", 0)]
    [InlineData("1.10", "1.9", 1)]
    [InlineData("5.1.22621.2506", "5.1.22621.1", 1)]
    public void Windows_versions_compare_by_number(string a, string b, int expected) =>
        Assert.Equal(expected, Math.Sign(PackageVersionComparer.Compare(a, b, VersionScheme.Windows)));

    [Fact]
    public void A_bare_string_takes_the_scheme_of_the_typed_side()
    {
        var installed = new PackageVersion("3.0.2-0ubuntu1.10", VersionScheme.Debian);
        Assert.True(installed.CompareTo("3.0.8") < 0);
        Assert.True(installed.CompareTo((PackageVersion)"3.0.2~beta") > 0);
        Assert.True(((PackageVersion)"3.0.8").CompareTo(installed) > 0);
        Assert.Equal(new PackageVersion("1.0", VersionScheme.Windows), (PackageVersion)"1.0.0");
    }
}
