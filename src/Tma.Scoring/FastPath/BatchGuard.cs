using Tma.Scoring.Assessments;

namespace Tma.Scoring.FastPath;

/// <summary>Argument checks shared by the batch scorers.</summary>
internal static class BatchGuard
{
    public static void Row(ReadOnlySpan<double?> values, ReadOnlySpan<double?> relevance, int width)
    {
        if (values.Length != width)
        {
            throw new ArgumentException($"A row has {width} values (one per model input), not {values.Length}.", nameof(values));
        }

        if (!relevance.IsEmpty && relevance.Length != width)
        {
            throw new ArgumentException($"Relevance is empty or has {width} values (one per model input), not {relevance.Length}.", nameof(relevance));
        }
    }

    public static int Rows(ReadOnlySpan<double?> values, ReadOnlySpan<double?> relevance, Span<double> scores, Span<int> levelRanks, Span<Validity> validity, int width)
    {
        if (width == 0 || values.Length % width != 0)
        {
            throw new ArgumentException($"The values hold whole rows of {width} values (one per model input); {values.Length} is not a multiple of {width}.", nameof(values));
        }

        var rows = values.Length / width;
        if (!relevance.IsEmpty && relevance.Length != values.Length)
        {
            throw new ArgumentException($"Relevance is empty or laid out like the values ({values.Length} slots), not {relevance.Length}.", nameof(relevance));
        }

        if (scores.Length < rows || levelRanks.Length < rows)
        {
            throw new ArgumentException($"{rows} rows need {rows} slots for scores and level ranks.", scores.Length < rows ? nameof(scores) : nameof(levelRanks));
        }

        if (!validity.IsEmpty && validity.Length < rows)
        {
            throw new ArgumentException($"{rows} rows need {rows} validity slots, or none.", nameof(validity));
        }

        return rows;
    }
}
