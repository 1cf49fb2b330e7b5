using System.Management.Automation;

namespace NodeOps.Common;

/// <summary>
/// How the Get- cmdlets of named things read a -Name value: with wildcards, every match (none is fine); without,
/// exactly that one (a missing name is the store's not-found error).
/// </summary>
internal static class NamePatterns
{
    public static IEnumerable<T> Select<T>(string name, Func<string, T> exact, Func<IEnumerable<T>> all, Func<T, string> nameOf)
    {
        if (!WildcardPattern.ContainsWildcardCharacters(name)) return new[] { exact(name) };
        var pattern = WildcardPattern.Get(name, WildcardOptions.IgnoreCase);
        return all().Where(x => pattern.IsMatch(nameOf(x)));
    }
}
