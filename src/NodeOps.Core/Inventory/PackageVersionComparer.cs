namespace NodeOps.Core.Inventory;

/// <summary>
/// Orders version strings the way their package managers do: dpkg (epoch, upstream, revision, with ~
/// sorting before everything), rpmvercmp (alternating digit/alpha segments, ~ and ^), and Windows dotted
/// numeric versions (missing parts are 0).
/// </summary>
public static class PackageVersionComparer
{
    public static int Compare(string? a, string? b, VersionScheme scheme) => scheme switch
    {
        VersionScheme.Debian => CompareDebian(a ?? "", b ?? ""),
        VersionScheme.Rpm => CompareRpmFull(a ?? "", b ?? ""),
        _ => CompareDotted(a ?? "", b ?? ""),
    };

    // ---- dpkg ----------------------------------------------------------------------------------

    private static int CompareDebian(string a, string b)
    {
        var (ea, ua, ra) = SplitEpochVersionRelease(a);
        var (eb, ub, rb) = SplitEpochVersionRelease(b);
        if (ea != eb) return ea.CompareTo(eb);
        var c = DpkgVerRevCmp(ua, ub);
        return c != 0 ? c : DpkgVerRevCmp(ra, rb);
    }

    /// <summary>Splits "[epoch:]version[-release]", the shape dpkg (upstream-revision) and rpm (version-release) share.</summary>
    private static (long Epoch, string Version, string Release) SplitEpochVersionRelease(string v)
    {
        v = v.Trim();
        long epoch = 0;
        var colon = v.IndexOf(':');
        if (colon > 0 && long.TryParse(v[..colon], out var e)) { epoch = e; v = v[(colon + 1)..]; }
        var dash = v.LastIndexOf('-');
        return dash > 0 ? (epoch, v[..dash], v[(dash + 1)..]) : (epoch, v, "");
    }

    private static int Order(char c) =>
        char.IsDigit(c) ? 0 : char.IsLetter(c) ? c : c == '~' ? -1 : c == '\0' ? 0 : c + 256;

    /// <summary>dpkg's verrevcmp.</summary>
    private static int DpkgVerRevCmp(string a, string b)
    {
        int i = 0, j = 0;
        while (i < a.Length || j < b.Length)
        {
            var firstDiff = 0;
            while ((i < a.Length && !char.IsDigit(a[i])) || (j < b.Length && !char.IsDigit(b[j])))
            {
                var ac = i < a.Length ? Order(a[i]) : 0;
                var bc = j < b.Length ? Order(b[j]) : 0;
                if (ac != bc) return ac - bc;
                i++;
                j++;
            }
            while (i < a.Length && a[i] == '0') i++;
            while (j < b.Length && b[j] == '0') j++;
            while (i < a.Length && char.IsDigit(a[i]) && j < b.Length && char.IsDigit(b[j]))
            {
                if (firstDiff == 0) firstDiff = a[i] - b[j];
                i++;
                j++;
            }
            if (i < a.Length && char.IsDigit(a[i])) return 1;
            if (j < b.Length && char.IsDigit(b[j])) return -1;
            if (firstDiff != 0) return firstDiff;
        }
        return 0;
    }

    // ---- rpm -----------------------------------------------------------------------------------

    private static int CompareRpmFull(string a, string b)
    {
        var (ea, va, ra) = SplitEpochVersionRelease(a);
        var (eb, vb, rb) = SplitEpochVersionRelease(b);
        if (ea != eb) return ea.CompareTo(eb);
        var c = RpmVerCmp(va, vb);
        return c != 0 || ra.Length == 0 || rb.Length == 0 ? c : RpmVerCmp(ra, rb);
    }

    /// <summary>rpm's rpmvercmp, including ~ (sorts before) and ^ (sorts after the base version).</summary>
    public static int RpmVerCmp(string a, string b)
    {
        if (a == b) return 0;
        int i = 0, j = 0;
        while (i < a.Length || j < b.Length)
        {
            while (i < a.Length && !char.IsLetterOrDigit(a[i]) && a[i] is not ('~' or '^')) i++;
            while (j < b.Length && !char.IsLetterOrDigit(b[j]) && b[j] is not ('~' or '^')) j++;

            if ((i < a.Length && a[i] == '~') || (j < b.Length && b[j] == '~'))
            {
                if (i >= a.Length || a[i] != '~') return 1;
                if (j >= b.Length || b[j] != '~') return -1;
                i++; j++;
                continue;
            }
            if ((i < a.Length && a[i] == '^') || (j < b.Length && b[j] == '^'))
            {
                if (i >= a.Length) return -1;
                if (j >= b.Length) return 1;
                if (a[i] != '^') return 1;
                if (b[j] != '^') return -1;
                i++; j++;
                continue;
            }
            if (i >= a.Length || j >= b.Length) break;

            var numeric = char.IsDigit(a[i]);
            int si = i, sj = j;
            if (numeric)
            {
                while (i < a.Length && char.IsDigit(a[i])) i++;
                while (j < b.Length && char.IsDigit(b[j])) j++;
            }
            else
            {
                while (i < a.Length && char.IsLetter(a[i])) i++;
                while (j < b.Length && char.IsLetter(b[j])) j++;
            }
            var sa = a[si..i];
            var sb = b[sj..j];
            if (sb.Length == 0) return numeric ? 1 : -1; // segments of different kinds: numbers are newer
            if (numeric)
            {
                sa = sa.TrimStart('0');
                sb = sb.TrimStart('0');
                if (sa.Length != sb.Length) return sa.Length > sb.Length ? 1 : -1;
            }
            var c = string.CompareOrdinal(sa, sb);
            if (c != 0) return Math.Sign(c);
        }
        if (i >= a.Length && j >= b.Length) return 0;
        return i >= a.Length ? -1 : 1;
    }

    // ---- Windows / dotted ------------------------------------------------------------------------

    private static int CompareDotted(string a, string b)
    {
        var pa = a.Trim().Split('.', '-', '+');
        var pb = b.Trim().Split('.', '-', '+');
        for (var k = 0; k < Math.Max(pa.Length, pb.Length); k++)
        {
            var x = k < pa.Length ? pa[k] : "0";
            var y = k < pb.Length ? pb[k] : "0";
            var c = long.TryParse(x, out var nx) && long.TryParse(y, out var ny) ? nx.CompareTo(ny) : string.Compare(x, y, StringComparison.OrdinalIgnoreCase);
            if (c != 0) return Math.Sign(c);
        }
        return 0;
    }
}
