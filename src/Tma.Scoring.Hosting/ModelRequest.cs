using System.Text.RegularExpressions;
using Semver;

namespace Tma.Scoring.Hosting;

/// <summary>A parsed <c>id@range</c> reference (<c>workplace-violence-screening@^1.0</c>; a bare id means any release version).</summary>
internal sealed partial record ModelRequest(string Text, string Id, SemVersionRange Range)
{
    /// <exception cref="ArgumentException">The reference is not <c>id</c> or <c>id@range</c> with an npm-style range.</exception>
    public static ModelRequest Parse(string reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var at = reference.IndexOf('@', StringComparison.Ordinal);
        var id = at < 0 ? reference : reference[..at];
        var rangeText = at < 0 ? "*" : reference[(at + 1)..];
        if (!IdPattern().IsMatch(id))
        {
            throw new ArgumentException($"`{reference}` is not a model reference such as `warning-behaviours-triage@^1.0` (the id must be lower case, digits, - and _).", nameof(reference));
        }

        if (string.IsNullOrWhiteSpace(rangeText) || !SemVersionRange.TryParseNpm(rangeText, out var range, maxLength: 200))
        {
            throw new ArgumentException($"`{rangeText}` in `{reference}` is not an npm-style version range such as `^1.0`, `~1.2.3`, `>=1.0 <2.0` or `1.2.0`.", nameof(reference));
        }

        return new ModelRequest(reference, id, range);
    }

    [GeneratedRegex("^[a-z][a-z0-9_-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}
