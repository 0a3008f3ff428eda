namespace Tma.CaseStore;

/// <summary>
/// k-anonymity by cell suppression then row suppression. Rows whose quasi-identifier tuple is shared by at least k
/// rows stay as they are. The others are generalised step by step — suppress the last quasi-identifier, then the
/// last two, … then all — and at each step every group of at least k identical (partly suppressed) tuples is kept.
/// Rows still in a group smaller than k with every quasi-identifier suppressed are dropped. Each kept group has at
/// least k identical tuples, so every tuple in the output occurs at least k times.
/// </summary>
internal static class KAnonymizer
{
    public const string Suppressed = "*";

    public sealed record Result(IReadOnlyList<string[]> Rows, int RowsSuppressed, int[] CellsSuppressed);

    public static Result Apply(IReadOnlyList<string[]> rows, IReadOnlyList<int> quasiIdentifiers, int k)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        var cells = new int[quasiIdentifiers.Count];
        var kept = new List<string[]>(rows.Count);
        var pending = rows.Select(r => (string[])r.Clone()).ToList();
        for (var suppressedCount = 0; suppressedCount <= quasiIdentifiers.Count && pending.Count > 0; suppressedCount++)
        {
            var firstSuppressed = quasiIdentifiers.Count - suppressedCount;
            var groups = pending.GroupBy(row => Key(row, quasiIdentifiers, firstSuppressed), StringComparer.Ordinal).ToList();
            pending = [];
            foreach (var group in groups)
            {
                if (group.Count() < k)
                {
                    pending.AddRange(group);
                    continue;
                }

                foreach (var row in group)
                {
                    for (var q = firstSuppressed; q < quasiIdentifiers.Count; q++)
                    {
                        row[quasiIdentifiers[q]] = Suppressed;
                        cells[q]++;
                    }

                    kept.Add(row);
                }
            }
        }

        return new Result(kept, pending.Count, cells);
    }

    /// <summary>An unambiguous key of the quasi-identifier tuple, with positions from <paramref name="firstSuppressed"/> on replaced by <see cref="Suppressed"/>.</summary>
    private static string Key(string[] row, IReadOnlyList<int> quasiIdentifiers, int firstSuppressed)
    {
        var parts = new string?[quasiIdentifiers.Count];
        for (var q = 0; q < quasiIdentifiers.Count; q++)
        {
            parts[q] = q >= firstSuppressed ? Suppressed : row[quasiIdentifiers[q]];
        }

        return Convert.ToBase64String(Canonical.Encode(parts));
    }
}
