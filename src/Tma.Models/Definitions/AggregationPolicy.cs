namespace Tma.Models.Definitions;

/// <summary>How fired indicators become a score and a level.</summary>
public enum AggregationPolicy
{
    /// <summary>Score = sum of the points of fired indicators; bands map the score to a level.</summary>
    Sum,

    /// <summary>Score = sum of weight × points; reason codes ranked by contribution (PMML scorecard style).</summary>
    Weighted,

    /// <summary>Score = number of fired indicators; bands map the count to a level.</summary>
    Count,

    /// <summary>Level = highest level named by a fired indicator; score = that level's position.</summary>
    HighestLevel,
}
