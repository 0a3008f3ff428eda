using MathNet.Numerics.LinearAlgebra;

namespace Tma.Research.Evaluation.Statistics;

/// <summary>
/// The fast DeLong algorithm of Sun &amp; Xu (2014, IEEE Signal Processing Letters 21(11):1389–1393):
/// the structural components V10 and V01 and the AUC covariance matrix from three midrank passes per model.
/// </summary>
internal static class DeLongComponents
{
    /// <summary>AUCs (one per model) and their DeLong covariance matrix S = S10/m + S01/n.</summary>
    public static (double[] Aucs, Matrix<double> Covariance) Estimate(
        IReadOnlyList<double[]> scoresPerModel, ReadOnlySpan<bool> outcomes, int positives, int negatives)
    {
        var models = scoresPerModel.Count;
        var v10 = Matrix<double>.Build.Dense(positives, models);
        var v01 = Matrix<double>.Build.Dense(negatives, models);
        var aucs = new double[models];
        for (var r = 0; r < models; r++)
        {
            var scores = scoresPerModel[r];

            // Tz: midranks in the pooled sample; Tx, Ty: midranks within the positives and within the negatives.
            var (tz, tx, ty) = Ranking.MidranksByClass(scores, outcomes, positives, negatives);
            int p = 0, q = 0;
            var positiveRankSum = 0.0;
            for (var i = 0; i < scores.Length; i++)
            {
                if (outcomes[i])
                {
                    // V10 = (Tz - Tx) / n: share of negatives below this positive, ties counted half.
                    v10[p, r] = (tz[i] - tx[p]) / negatives;
                    positiveRankSum += tz[i];
                    p++;
                }
                else
                {
                    // V01 = 1 - (Tz - Ty) / m: share of positives above this negative, ties counted half.
                    v01[q, r] = 1.0 - ((tz[i] - ty[q]) / positives);
                    q++;
                }
            }

            aucs[r] = (positiveRankSum - (positives * (positives + 1.0) / 2.0)) / ((double)positives * negatives);
        }

        var s10 = SampleCovariance(v10);
        var s01 = SampleCovariance(v01);
        return (aucs, (s10 / positives) + (s01 / negatives));
    }

    /// <summary>Unbiased (divisor rows − 1) covariance of the columns of <paramref name="data"/>.</summary>
    private static Matrix<double> SampleCovariance(Matrix<double> data)
    {
        var means = data.ColumnSums() / data.RowCount;
        var centered = data.Clone();
        for (var c = 0; c < data.ColumnCount; c++)
        {
            var mean = means[c];
            for (var r = 0; r < data.RowCount; r++)
            {
                centered[r, c] -= mean;
            }
        }

        return centered.TransposeThisAndMultiply(centered) / (data.RowCount - 1);
    }
}
