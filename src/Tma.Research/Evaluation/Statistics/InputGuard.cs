namespace Tma.Research.Evaluation.Statistics;

/// <summary>Argument checks shared by the statistics; every message names the problem and, where it helps, the index.</summary>
internal static class InputGuard
{
    /// <summary>Checks that scores and outcomes are non-empty, equally long and free of NaN; returns the class counts.</summary>
    public static (int Positives, int Negatives) ScoresAndOutcomes(
        ReadOnlySpan<double> scores, ReadOnlySpan<bool> outcomes, string scoresName = "scores", string outcomesName = "outcomes")
    {
        if (scores.Length != outcomes.Length)
        {
            throw new ArgumentException(
                $"Length mismatch: {scoresName} has {scores.Length} values but {outcomesName} has {outcomes.Length}.", scoresName);
        }

        if (scores.Length == 0)
        {
            throw new ArgumentException($"{scoresName} is empty; at least one case is needed.", scoresName);
        }

        for (var i = 0; i < scores.Length; i++)
        {
            if (double.IsNaN(scores[i]))
            {
                throw new ArgumentException($"{scoresName}[{i}] is NaN; every case needs a score.", scoresName);
            }
        }

        var positives = 0;
        foreach (var outcome in outcomes)
        {
            if (outcome)
            {
                positives++;
            }
        }

        return (positives, outcomes.Length - positives);
    }

    /// <summary>As <see cref="ScoresAndOutcomes"/>, and additionally requires at least <paramref name="minimumPerClass"/> cases of each outcome.</summary>
    public static (int Positives, int Negatives) BothClasses(
        ReadOnlySpan<double> scores, ReadOnlySpan<bool> outcomes, int minimumPerClass, string what, string scoresName = "scores")
    {
        var (positives, negatives) = ScoresAndOutcomes(scores, outcomes, scoresName);
        if (positives == 0 || negatives == 0)
        {
            throw new ArgumentException(
                $"All {outcomes.Length} outcomes are {(positives == 0 ? "false" : "true")}, so the {what} is undefined; both outcomes must occur.",
                nameof(outcomes));
        }

        if (positives < minimumPerClass || negatives < minimumPerClass)
        {
            throw new ArgumentException(
                $"The {what} needs at least {minimumPerClass} cases with each outcome; got {positives} with the outcome and {negatives} without.",
                nameof(outcomes));
        }

        return (positives, negatives);
    }

    /// <summary>Checks that probabilities and outcomes match in length and that every probability is a number in [0, 1].</summary>
    public static (int Positives, int Negatives) ProbabilitiesAndOutcomes(
        ReadOnlySpan<double> probabilities, ReadOnlySpan<bool> outcomes, string probabilitiesName = "probabilities")
    {
        var counts = ScoresAndOutcomes(probabilities, outcomes, probabilitiesName);
        for (var i = 0; i < probabilities.Length; i++)
        {
            if (probabilities[i] is < 0.0 or > 1.0)
            {
                throw new ArgumentException(
                    $"{probabilitiesName}[{i}] is {probabilities[i].ToString("R", System.Globalization.CultureInfo.InvariantCulture)}; a probability must lie in [0, 1].",
                    probabilitiesName);
            }
        }

        return counts;
    }

    /// <summary>Checks that a confidence level lies strictly between 0 and 1.</summary>
    public static void ConfidenceLevel(double confidenceLevel, string name = "confidenceLevel")
    {
        if (!(confidenceLevel > 0.0 && confidenceLevel < 1.0))
        {
            throw new ArgumentException(
                $"The confidence level must lie strictly between 0 and 1 (e.g. 0.95); got {confidenceLevel.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}.",
                name);
        }
    }

    /// <summary>Checks that a label list is as long as the outcomes and has no null entry.</summary>
    public static void Labels(IReadOnlyList<string> labels, int expectedLength, string name)
    {
        ArgumentNullException.ThrowIfNull(labels, name);
        if (labels.Count != expectedLength)
        {
            throw new ArgumentException($"Length mismatch: {name} has {labels.Count} labels but there are {expectedLength} cases.", name);
        }

        for (var i = 0; i < labels.Count; i++)
        {
            if (labels[i] is null)
            {
                throw new ArgumentException($"{name}[{i}] is null; every case needs a label.", name);
            }
        }
    }

    /// <summary>The two-sided standard-normal quantile for a confidence level (1.959964 for 0.95).</summary>
    public static double NormalQuantile(double confidenceLevel)
    {
        ConfidenceLevel(confidenceLevel);
        return MathNet.Numerics.Distributions.Normal.InvCDF(0.0, 1.0, 0.5 + (confidenceLevel / 2.0));
    }
}
