namespace Tma.Research.Evaluation.Statistics;

/// <summary>Maps band labels to their position in an ordered band list.</summary>
internal static class BandIndex
{
    /// <summary>Returns the 0-based band position of every case; throws naming the first unknown label's index.</summary>
    public static int[] Resolve(IReadOnlyList<string> bands, int caseCount, IReadOnlyList<string> bandOrder)
    {
        ArgumentNullException.ThrowIfNull(bandOrder);
        InputGuard.Labels(bands, caseCount, nameof(bands));
        if (caseCount == 0)
        {
            throw new ArgumentException("bands is empty; at least one case is needed.", nameof(bands));
        }

        if (bandOrder.Count == 0)
        {
            throw new ArgumentException("bandOrder is empty; list the bands from lowest to highest.", nameof(bandOrder));
        }

        var position = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var b = 0; b < bandOrder.Count; b++)
        {
            if (bandOrder[b] is null || !position.TryAdd(bandOrder[b], b))
            {
                throw new ArgumentException($"bandOrder[{b}] is null or repeats an earlier band.", nameof(bandOrder));
            }
        }

        var index = new int[caseCount];
        for (var i = 0; i < caseCount; i++)
        {
            if (!position.TryGetValue(bands[i], out index[i]))
            {
                throw new ArgumentException(
                    $"bands[{i}] is \"{bands[i]}\", which is not in bandOrder ({string.Join(", ", bandOrder)}).", nameof(bands));
            }
        }

        return index;
    }
}
