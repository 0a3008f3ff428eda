using System.Text.RegularExpressions;

namespace Tma.Models.Loading;

/// <summary>Naming rules for ids. Ids used inside conditions cannot contain hyphens, which would read as minus.</summary>
internal static partial class IdRules
{
    /// <summary>Package, indicator, action and reference ids: lower case, digits, hyphens, underscores.</summary>
    public static bool IsId(string id) => IdPattern().IsMatch(id);

    /// <summary>Input, level, group and domain ids: lower case, digits and underscores (usable in conditions).</summary>
    public static bool IsName(string id) => NamePattern().IsMatch(id);

    [GeneratedRegex("^[a-z][a-z0-9_-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();

    [GeneratedRegex("^[a-z][a-z0-9_]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
