using FsCheck;
using FsCheck.Fluent;
using Tma.Research.Evaluation.Computation;
using Tma.Research.Evaluation.Statistics;

namespace Tma.Research.Tests.Evaluation;

public sealed class DistinctScoresTests
{
    [FsCheck.Xunit.Property(MaxTest = 300)]
    public Property Average_precision_from_counts_equals_the_statistic_on_the_rows()
    {
        // Scores on a coarse grid so that ties are common.
        var rows = Gen.Choose(0, 8).Zip(Gen.Elements(true, false)).ListOf().Where(l => l.Any(r => r.Item2));
        return Prop.ForAll(rows.ToArbitrary(), list =>
        {
            var scores = list.Select(r => (double)r.Item1).ToArray();
            var outcomes = list.Select(r => r.Item2).ToArray();
            var fromCounts = DistinctScores.AveragePrecision(DistinctScores.From(scores, outcomes).Cells());
            return Math.Abs(fromCounts - AveragePrecision.Compute(scores, outcomes)) < 1e-12;
        });
    }

    [Fact]
    public void Distinct_values_are_ascending_with_their_outcome_counts()
    {
        var distinct = DistinctScores.From([2.0, 1.0, 2.0, 3.0, 1.0], [true, false, false, true, false]);

        Assert.Equal([1.0, 2.0, 3.0], distinct.Values);
        Assert.Equal([0, 1, 1], distinct.WithOutcome);
        Assert.Equal([2, 1, 0], distinct.WithoutOutcome);
    }
}
