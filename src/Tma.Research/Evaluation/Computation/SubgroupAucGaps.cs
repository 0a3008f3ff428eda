using Tma.Research.Evaluation.Statistics;

namespace Tma.Research.Evaluation.Computation;

/// <summary>The largest AUC difference between the subgroups of one column.</summary>
internal static class SubgroupAucGaps
{
    /// <summary>Highest minus lowest AUC over the groups that have one; null with fewer than two. Ties: the first group in label order.</summary>
    public static SubgroupAucGap? Largest(IReadOnlyList<SubgroupAuc> groups, double confidenceLevel)
    {
        SubgroupAuc? high = null, low = null;
        foreach (var g in groups)
        {
            if (g.Auc is not { } auc)
            {
                continue;
            }

            if (high is null || auc.Auc > high.Auc!.Auc)
            {
                high = g;
            }

            if (low is null || auc.Auc < low.Auc!.Auc)
            {
                low = g;
            }
        }

        if (high is null || low is null || ReferenceEquals(high, low))
        {
            return null;
        }

        return new SubgroupAucGap(high.Group, high.Auc!.Auc, low.Group, low.Auc!.Auc, IndependentAucDifference.Compute(high.Auc, low.Auc, confidenceLevel));
    }
}
