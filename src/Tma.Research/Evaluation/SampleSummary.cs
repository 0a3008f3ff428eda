using Tma.Research.Evaluation.Statistics;

namespace Tma.Research.Evaluation;

/// <summary>The evaluated rows.</summary>
public sealed record SampleSummary
{
    /// <summary>Rows evaluated.</summary>
    public required int N { get; init; }

    /// <summary>Rows with outcome 1.</summary>
    public required int Events { get; init; }

    /// <summary>Rows with outcome 0.</summary>
    public required int NonEvents { get; init; }

    /// <summary>Events / N with its Wilson interval: PPV, NPV, NND and NSD hold only at this base rate.</summary>
    public required ProportionEstimate BaseRate { get; init; }

    /// <summary>Rows the model's missing-data policy judged insufficient (their level is a lower bound); 0 for a score column.</summary>
    public required int InsufficientRows { get; init; }

    /// <summary>Number of distinct score values.</summary>
    public required int DistinctScores { get; init; }
}
