namespace Tma.Research.Evaluation.Statistics;

/// <summary>
/// Number needed to detain and number safely discharged (Fazel, Singh, Doll &amp; Grann 2012, BMJ 345:e4692).
/// </summary>
public static class NumberNeeded
{
    /// <summary>
    /// Number needed to detain, 1 / PPV = (TP + FP) / TP: how many flagged people are detained for each one who would
    /// have had the outcome. +∞ when TP = 0 and FP &gt; 0; NaN when nothing is flagged.
    /// </summary>
    /// <param name="truePositives">Flagged cases with the outcome.</param>
    /// <param name="falsePositives">Flagged cases without the outcome.</param>
    /// <returns>The number needed to detain.</returns>
    /// <exception cref="ArgumentException">A count is negative.</exception>
    public static double ToDetain(int truePositives, int falsePositives)
    {
        NonNegative(truePositives, falsePositives);
        var flagged = truePositives + falsePositives;
        if (flagged == 0)
        {
            return double.NaN;
        }

        return truePositives == 0 ? double.PositiveInfinity : (double)flagged / truePositives;
    }

    /// <summary>
    /// Number safely discharged, TN / FN = NPV / (1 − NPV) = 1/(1 − NPV) − 1: how many unflagged people are
    /// discharged without the outcome for each unflagged one who has it. +∞ when FN = 0 and TN &gt; 0; NaN when
    /// nothing is unflagged.
    /// </summary>
    /// <param name="trueNegatives">Unflagged cases without the outcome.</param>
    /// <param name="falseNegatives">Unflagged cases with the outcome.</param>
    /// <returns>The number safely discharged.</returns>
    /// <exception cref="ArgumentException">A count is negative.</exception>
    public static double SafelyDischarged(int trueNegatives, int falseNegatives)
    {
        NonNegative(trueNegatives, falseNegatives);
        if (trueNegatives + falseNegatives == 0)
        {
            return double.NaN;
        }

        return falseNegatives == 0 ? double.PositiveInfinity : (double)trueNegatives / falseNegatives;
    }

    private static void NonNegative(int a, int b)
    {
        if (a < 0 || b < 0)
        {
            throw new ArgumentException($"Counts must not be negative; got {a} and {b}.");
        }
    }
}
